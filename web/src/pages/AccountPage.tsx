// An account, opening with the answer to "why is it flagged?": its network, its strongest links
// (the other account named, observed against expected, p) with the shared posts side by side, weak
// links folded; then the decision form, its clock, handles, every signal link and its posts.
import { useId, useState } from 'react';

import type { AccountDetail, AccountLink, Review } from '../../../src/server/api-types';
import { accountHref } from '../api';
import { Heatmap } from '../components/Heatmap';
import { LinkCard } from '../components/LinkCard';
import { Pager } from '../components/Pager';
import { ReviewBadge } from '../components/ReviewBadge';
import { ReviewForm } from '../components/ReviewForm';
import { TableScroll } from '../components/TableScroll';
import { formatExpected, formatTime, utcLabel } from '../format';
import { useLoad } from '../hooks/useLoad';

const EDGE_PAGE = 100;
const POST_PAGE = 50;
const LINK_PAGE = 20;
/** Links shown open; the weaker ones are folded behind a toggle. */
const STRONG = 3;
/** Signals whose evidence is not a pair of posts. */
const NOT_POSTS = new Set(['shared-infrastructure', 'rhythm']);

/** The signal whose evidence a link shows at first: its strongest with posts to show. */
export const firstEvidence = (link: AccountLink) =>
  (link.signals.find((s) => !NOT_POSTS.has(s.signal)) ?? link.signals[0])?.signal ?? null;

/** The account page. */
export function AccountPage(props: { platform: string; accountId: string }) {
  const id = useId();
  const [edgeOffset, setEdgeOffset] = useState(0);
  const [postOffset, setPostOffset] = useState(0);
  const [linkOffset, setLinkOffset] = useState(0);
  const { data, error } = useLoad<AccountDetail>(
    `/api/accounts/${encodeURIComponent(props.platform)}/${encodeURIComponent(props.accountId)}?limit=${POST_PAGE}&offset=${postOffset}&edgeLimit=${EDGE_PAGE}&edgeOffset=${edgeOffset}&linkLimit=${LINK_PAGE}&linkOffset=${linkOffset}`,
  );
  const [decided, setDecided] = useState<Review | null>(null);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  // The heatmap in the operators' local time when the account's cluster has a clock, else UTC.
  const offset = data.membership?.utc_offset_minutes ?? null;
  const shift = offset === null ? 0 : Math.round(offset / 60);
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of data.hourOfWeek) {
    const how = (((Number(c.weekday) * 24 + Number(c.hour) + shift) % 168) + 168) % 168;
    (grid[Math.floor(how / 24)] as number[])[how % 24] += Number(c.posts);
  }
  const a = data.account;
  const name = a.handle ?? a.account_id;
  const m = data.membership;
  const strong = linkOffset === 0 ? data.links.slice(0, STRONG) : [];
  const weak = linkOffset === 0 ? data.links.slice(STRONG) : data.links;
  return (
    <div data-testid="account-page">
      <h1>
        {name}{' '}
        {decided || data.review || !data.clusterReview ? (
          <ReviewBadge review={decided ?? data.review} />
        ) : (
          <ReviewBadge review={data.clusterReview} inherited />
        )}
      </h1>
      <p className="lead" data-testid="account-summary">
        {a.platform} {a.asset_type ?? 'account'}
        {a.display_name && a.display_name !== name ? ` “${a.display_name}”` : ''} ·{' '}
        {m ? (
          <>
            {m.flagged ? 'flagged' : 'not flagged'}, member of{' '}
            <a href={`#/clusters/${m.cluster_id}`} data-testid="account-cluster">
              cluster #{m.cluster_id}
            </a>
            {data.operation && (
              <>
                {' '}
                in{' '}
                <a href={`#/operations/${encodeURIComponent(data.operation)}`}>{data.operation}</a>
              </>
            )}{' '}
            (score {m.score.toFixed(3)})
          </>
        ) : (
          'in no cluster'
        )}{' '}
        · {a.followers ?? '?'} followers
        {a.reported_location ? ` · ${a.reported_location}` : ''}
      </p>
      <section aria-labelledby={`${id}-why`} data-testid="why">
        <h2 id={`${id}-why`}>Why it is flagged</h2>
        {data.linksTotal === 0 ? (
          <p>
            No significant link: no other account shares this one's activity more than chance
            explains. Its raw signal links are listed below.
          </p>
        ) : (
          <p>
            {data.linksTotal} significant link{data.linksTotal === 1 ? '' : 's'} to other accounts,
            strongest first. For each, the chance (p) that the pair's shared activity is a
            coincidence, and per signal what was observed against what chance predicts; the evidence
            shows both accounts' posts side by side.
          </p>
        )}
        {strong.map((l, i) => (
          <LinkCard
            key={`${l.other.platform}:${l.other.account_id}`}
            account={a}
            link={l}
            rank={i + 1}
            open={i === 0 ? firstEvidence(l) : null}
          />
        ))}
        {weak.length > 0 && (
          <details data-testid="weaker-links" open={linkOffset > 0 || undefined}>
            <summary>
              {linkOffset === 0
                ? `${weak.length} weaker link${weak.length === 1 ? '' : 's'}`
                : `links ${linkOffset + 1}–${linkOffset + weak.length}`}
            </summary>
            {weak.map((l, i) => (
              <LinkCard
                key={`${l.other.platform}:${l.other.account_id}`}
                account={a}
                link={l}
                rank={linkOffset + strong.length + i + 1}
              />
            ))}
          </details>
        )}
        <Pager
          what="significant links"
          offset={linkOffset}
          size={LINK_PAGE}
          total={data.linksTotal}
          onChange={setLinkOffset}
        />
      </section>
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
      <Heatmap
        grid={grid}
        caption={`Activity by weekday and hour, ${offset === null ? 'UTC' : `operators' time ${utcLabel(offset)}`}`}
      />
      {data.names.length > 1 && (
        <p>
          <b>Handles over time:</b> {data.names.map((n) => n.handle).join(' → ')}
        </p>
      )}
      <details data-testid="signal-links">
        <summary>
          Every signal link, significant or not ({data.edgeCounts.reduce((n, c) => n + c.edges, 0)})
        </summary>
        <p data-testid="edge-counts">
          {data.edgeCounts.length === 0
            ? 'No links.'
            : data.edgeCounts.map((c) => `${c.signal}: ${c.edges}`).join(' · ')}
        </p>
        <Pager
          what="links"
          offset={edgeOffset}
          size={EDGE_PAGE}
          total={data.edgeCounts.reduce((n, c) => n + c.edges, 0)}
          onChange={setEdgeOffset}
        />
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
              {data.edges.map((e, i) => (
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
      </details>
      <details data-testid="posts">
        <summary>Posts ({data.postsTotal})</summary>
        <Pager
          what="posts"
          offset={postOffset}
          size={POST_PAGE}
          total={data.postsTotal}
          onChange={setPostOffset}
        />
        <ul className="posts">
          {data.posts.map((p) => (
            <li key={p.post_id}>
              <time dateTime={p.created_at}>{formatTime(p.created_at)}</time> {p.kind}: {p.text}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
