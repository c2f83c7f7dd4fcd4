// One significant link of an account: the other account (handle, platform, cluster, decision), the
// pair's p and q, and each signal's observed count against what chance predicts, with its
// evidence opened in place.
import { useState } from 'react';

import type { AccountLink, EvidenceResponse } from '../../../src/server/api-types';
import { accountHref } from '../api';
import { formatExpected, formatLog10P, formatP } from '../format';
import { useEvidence } from '../hooks/useEvidence';
import { EvidenceView } from './EvidenceView';
import { ReviewBadge } from './ReviewBadge';
import { TableScroll } from './TableScroll';

/** The account whose page this is (the left side of the evidence). */
export interface PageAccount {
  readonly platform: string;
  readonly account_id: string;
  readonly handle?: string | null;
}

/** The card's heading: the other account linked by name, its platform, cluster and decision. */
function LinkHeading(props: { other: AccountLink['other']; name: string; rank: number }) {
  const o = props.other;
  return (
    <h3 id={`link-${props.rank}`}>
      <a href={accountHref(o.platform, o.account_id)} data-testid="link-other">
        {props.name}
      </a>{' '}
      <span className="muted">
        {o.platform} ·{' '}
        {o.cluster_id === null ? (
          'in no cluster'
        ) : (
          <a href={`#/clusters/${o.cluster_id}`}>cluster #{o.cluster_id}</a>
        )}
      </span>{' '}
      <ReviewBadge review={o.review} />
    </h3>
  );
}

/** Each signal of the link: observed against expected, its p, and a button that shows its evidence. */
function SignalTable(props: {
  link: AccountLink;
  other: string;
  rank: number;
  shown: string | null;
  onToggle: (signal: string) => void;
}) {
  const { link, shown } = props;
  return (
    <TableScroll label={`signals linking ${props.other}`}>
      <table className="signals">
        <caption className="visually-hidden">Signals linking the two accounts</caption>
        <thead>
          <tr>
            <th scope="col">signal</th>
            <th scope="col">observed</th>
            <th scope="col">expected</th>
            <th scope="col">p</th>
            <th scope="col">
              <span className="visually-hidden">evidence</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {link.signals.map((s) => (
            <tr key={s.signal} className={link.significant.includes(s.signal) ? 'strong' : ''}>
              <td>{s.signal}</td>
              <td data-testid="observed">{s.observed ?? s.weight}</td>
              <td data-testid="expected">{formatExpected(s.expected)}</td>
              <td>{formatLog10P(s.log10_p, '').trim()}</td>
              <td>
                <button
                  aria-expanded={shown === s.signal}
                  aria-controls={`evidence-${props.rank}`}
                  onClick={() => props.onToggle(s.signal)}
                >
                  {shown === s.signal ? 'hide' : 'evidence'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The shown signal's evidence between the two accounts: loading, its error, or the posts. */
function LinkEvidence(props: {
  signal: string;
  evidence: EvidenceResponse | string | undefined;
  sides: { a: string; b: string };
}) {
  const { signal, evidence, sides } = props;
  if (evidence === undefined) return <p>Loading evidence…</p>;
  if (typeof evidence === 'string') return <p className="error">{evidence}</p>;
  return (
    <>
      <h4>
        {signal}: {sides.a} and {sides.b}
      </h4>
      <EvidenceView evidence={evidence} signal={signal} sides={sides} />
    </>
  );
}

/** A link as a card; `open`: the signal whose evidence shows at first (null: none). */
export function LinkCard(props: {
  account: PageAccount;
  link: AccountLink;
  open?: string | null;
  rank: number;
}) {
  const { account, link, rank } = props;
  const [shown, setShown] = useState<string | null>(props.open ?? null);
  const evidence = useEvidence(account, link.other, shown);
  const toggle = (signal: string) => setShown((s) => (s === signal ? null : signal));
  const other = link.other.handle ?? link.other.account_id;
  return (
    <article className="link-card" data-testid="link-card" aria-labelledby={`link-${rank}`}>
      <LinkHeading other={link.other} name={other} rank={rank} />
      <p data-testid="link-p">
        {formatP(link.p_value)} · {formatP(link.q_value, 'q')} (after testing every linked pair)
      </p>
      <SignalTable link={link} other={other} rank={rank} shown={shown} onToggle={toggle} />
      <div id={`evidence-${rank}`}>
        {shown && (
          <LinkEvidence
            signal={shown}
            evidence={evidence}
            sides={{ a: account.handle ?? account.account_id, b: other }}
          />
        )}
      </div>
    </article>
  );
}
