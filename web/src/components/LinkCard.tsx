// One significant link of an account: the other account (handle, platform, cluster, decision), the
// pair's p and q, and each signal's observed count against what chance predicts, with its
// evidence opened in place.
import { useEffect, useRef, useState } from 'react';

import type { AccountLink, EvidenceResponse } from '../../../src/server/api-types';
import { accountHref, get } from '../api';
import { formatExpected, formatLog10P, formatP } from '../format';
import { EvidenceView } from './EvidenceView';
import { ReviewBadge } from './ReviewBadge';
import { TableScroll } from './TableScroll';

/** The account whose page this is (the left side of the evidence). */
export interface PageAccount {
  readonly platform: string;
  readonly account_id: string;
  readonly handle?: string | null;
}

/** A link as a card; `open`: the signal whose evidence shows at first (null: none). */
export function LinkCard(props: {
  account: PageAccount;
  link: AccountLink;
  open?: string | null;
  rank: number;
}) {
  const { account, link } = props;
  const o = link.other;
  const [shown, setShown] = useState<string | null>(props.open ?? null);
  const [evidence, setEvidence] = useState<Record<string, EvidenceResponse | string>>({});
  // The shown signal's evidence, fetched once per signal (a request in flight is not repeated).
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!shown || asked.current.has(shown)) return;
    asked.current.add(shown);
    get<EvidenceResponse>(
      `/api/evidence?signal=${encodeURIComponent(shown)}&platformA=${encodeURIComponent(account.platform)}&accountA=${encodeURIComponent(account.account_id)}&platformB=${encodeURIComponent(o.platform)}&accountB=${encodeURIComponent(o.account_id)}`,
    ).then(
      (r) => setEvidence((e) => ({ ...e, [shown]: r })),
      (err: Error) => setEvidence((e) => ({ ...e, [shown]: err.message })),
    );
  }, [shown, account.platform, account.account_id, o.platform, o.account_id]);
  const toggle = (signal: string) => setShown((s) => (s === signal ? null : signal));
  const other = o.handle ?? o.account_id;
  const current = shown ? evidence[shown] : undefined;
  return (
    <article className="link-card" data-testid="link-card" aria-labelledby={`link-${props.rank}`}>
      <h3 id={`link-${props.rank}`}>
        <a href={accountHref(o.platform, o.account_id)} data-testid="link-other">
          {other}
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
      <p data-testid="link-p">
        {formatP(link.p_value)} · {formatP(link.q_value, 'q')} (after testing every linked pair)
      </p>
      <TableScroll label={`signals linking ${other}`}>
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
                    onClick={() => toggle(s.signal)}
                  >
                    {shown === s.signal ? 'hide' : 'evidence'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div id={`evidence-${props.rank}`}>
        {shown &&
          (current === undefined ? (
            <p>Loading evidence…</p>
          ) : typeof current === 'string' ? (
            <p className="error">{current}</p>
          ) : (
            <>
              <h4>
                {shown}: {account.handle ?? account.account_id} and {other}
              </h4>
              <EvidenceView
                evidence={current}
                signal={shown}
                sides={{ a: account.handle ?? account.account_id, b: other }}
              />
            </>
          ))}
      </div>
    </article>
  );
}
