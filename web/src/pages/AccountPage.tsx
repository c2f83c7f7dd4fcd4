// An account, opening with the answer to "why is it flagged?": its network, its strongest links
// (the other account named, observed against expected, p) with the shared posts side by side, weak
// links folded; then the decision form, its clock, handles, every signal link and its posts.
import { useId, useState } from 'react';

import type { AccountDetail, Review } from '../../../src/server/api-types';
import { accountHref } from '../api';
import { Heatmap, hourOfWeekGrid } from '../components/Heatmap';
import { Pager } from '../components/Pager';
import { ReviewBadge } from '../components/ReviewBadge';
import { ReviewForm } from '../components/ReviewForm';
import { SignificantLinks } from '../components/SignificantLinks';
import { TableScroll } from '../components/TableScroll';
import { formatExpected, formatTime, utcLabel } from '../format';
import type { Paging } from '../hooks/useAccountDetail';
import { useAccountDetail } from '../hooks/useAccountDetail';

/** The account's name: its handle, else its id. */
const nameOf = (a: AccountDetail['account']) => a.handle ?? a.account_id;

/**
 * The heading: the account's name and its decision; the cluster's (marked inherited) when neither
 * this tab nor anyone has decided on the account itself.
 */
function AccountTitle(props: { detail: AccountDetail; decided: Review | null }) {
  const { detail, decided } = props;
  return (
    <h1>
      {nameOf(detail.account)}{' '}
      {decided || detail.review || !detail.clusterReview ? (
        <ReviewBadge review={decided ?? detail.review} />
      ) : (
        <ReviewBadge review={detail.clusterReview} inherited />
      )}
    </h1>
  );
}

/** Its cluster (linked), the cluster's operation and its score in it; or that it is in none. */
function Membership(props: { detail: AccountDetail }) {
  const m = props.detail.membership;
  const operation = props.detail.operation;
  if (!m) return 'in no cluster';
  return (
    <>
      {m.flagged ? 'flagged' : 'not flagged'}, member of{' '}
      <a href={`#/clusters/${m.cluster_id}`} data-testid="account-cluster">
        cluster #{m.cluster_id}
      </a>
      {operation && (
        <>
          {' '}
          in <a href={`#/operations/${encodeURIComponent(operation)}`}>{operation}</a>
        </>
      )}{' '}
      (score {m.score.toFixed(3)})
    </>
  );
}

/** One line: platform and type, display name, membership, followers and reported location. */
function AccountSummary(props: { detail: AccountDetail }) {
  const a = props.detail.account;
  const name = nameOf(a);
  return (
    <p className="lead" data-testid="account-summary">
      {a.platform} {a.asset_type ?? 'account'}
      {a.display_name && a.display_name !== name ? ` “${a.display_name}”` : ''} ·{' '}
      <Membership detail={props.detail} /> · {a.followers ?? '?'} followers
      {a.reported_location ? ` · ${a.reported_location}` : ''}
    </p>
  );
}

/**
 * Its posts by weekday and hour: in the operators' local time when its cluster has a clock
 * (`offsetMinutes`), else in UTC.
 */
function AccountClock(props: {
  hourOfWeek: AccountDetail['hourOfWeek'];
  offsetMinutes: number | null;
}) {
  const offset = props.offsetMinutes;
  return (
    <Heatmap
      grid={hourOfWeekGrid(props.hourOfWeek, offset === null ? 0 : Math.round(offset / 60))}
      caption={`Activity by weekday and hour, ${offset === null ? 'UTC' : `operators' time ${utcLabel(offset)}`}`}
    />
  );
}

/** A page of signal links as a table: the signal, the other account, weight, expected, evidence. */
function SignalEdgeTable(props: { edges: AccountDetail['edges'] }) {
  return (
    <TableScroll label="signal links">
      <table>
        <thead>
          <tr>
            <th scope="col">signal</th>
            <th scope="col">other account</th>
            <th scope="col">weight</th>
            <th scope="col">expected</th>
            <th scope="col">first evidence</th>
          </tr>
        </thead>
        <tbody>
          {props.edges.map((e, i) => (
            <tr key={i}>
              <td>{e.signal}</td>
              <td>
                {e.other_platform && e.other_account && (
                  <a href={accountHref(e.other_platform, e.other_account)}>{e.other_account}</a>
                )}{' '}
                <span className="muted">{e.other_platform}</span>
              </td>
              <td>{e.weight}</td>
              <td>{formatExpected(e.expected)}</td>
              <td className="evidence-cell">{e.evidence.filter(Boolean).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Every signal link of the account, significant or not, folded: counts per signal, then a page. */
function SignalLinks(props: { detail: AccountDetail; paging: Paging }) {
  const { edgeCounts, edges } = props.detail;
  const total = edgeCounts.reduce((n, c) => n + c.edges, 0);
  return (
    <details data-testid="signal-links">
      <summary>Every signal link, significant or not ({total})</summary>
      <p data-testid="edge-counts">
        {edgeCounts.length === 0
          ? 'No links.'
          : edgeCounts.map((c) => `${c.signal}: ${c.edges}`).join(' · ')}
      </p>
      <Pager
        what="links"
        offset={props.paging.offset}
        size={props.paging.size}
        total={total}
        onChange={props.paging.setOffset}
      />
      <SignalEdgeTable edges={edges} />
    </details>
  );
}

/** The account's posts, folded, a page at a time: time, kind and text. */
function AccountPosts(props: { detail: AccountDetail; paging: Paging }) {
  const { posts, postsTotal } = props.detail;
  return (
    <details data-testid="posts">
      <summary>Posts ({postsTotal})</summary>
      <Pager
        what="posts"
        offset={props.paging.offset}
        size={props.paging.size}
        total={postsTotal}
        onChange={props.paging.setOffset}
      />
      <ul className="posts">
        {posts.map((p) => (
          <li key={p.post_id}>
            <time dateTime={p.created_at}>{formatTime(p.created_at)}</time> {p.kind}: {p.text}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The account page. */
export function AccountPage(props: { platform: string; accountId: string }) {
  const id = useId();
  const { data, error, links, edges, posts } = useAccountDetail(props.platform, props.accountId);
  const [decided, setDecided] = useState<Review | null>(null);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const a = data.account;
  return (
    <div data-testid="account-page">
      <AccountTitle detail={data} decided={decided} />
      <AccountSummary detail={data} />
      <SignificantLinks
        headingId={`${id}-why`}
        account={a}
        links={data.links}
        total={data.linksTotal}
        paging={links}
      />
      <ReviewForm
        title="Takedown decision for this account"
        target={`account:${a.platform}:${a.account_id}`}
        actions={[
          { action: 'include-account', label: 'Include in takedown', testId: 'include' },
          { action: 'exclude-account', label: 'Exclude from takedown', testId: 'exclude' },
        ]}
        testId="account-review"
        onDecided={setDecided}
      />
      <AccountClock
        hourOfWeek={data.hourOfWeek}
        offsetMinutes={data.membership?.utc_offset_minutes ?? null}
      />
      {data.names.length > 1 && (
        <p>
          <b>Handles over time:</b> {data.names.map((n) => n.handle).join(' → ')}
        </p>
      )}
      <SignalLinks detail={data} paging={edges} />
      <AccountPosts detail={data} paging={posts} />
    </div>
  );
}
