// The workspace: cluster list → cluster (network, members, profile, review) → account (heatmap,
// names, posts, edges with evidence). Hash routes so the static build works from any path.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';

import type { AuditEntry, ClusterRow, Edge, Me, Member, Review, ReviewRequest } from './api';
import { downloadUrl, get, post, reviewOf } from './api';
import type { NeighbourEdge } from './Network';
import { Network } from './Network';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const utc = (m: number | null | undefined) =>
  m === null || m === undefined ? '—' : `UTC${m >= 0 ? '+' : '−'}${Math.abs(m) / 60}`;

function useRoute(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

/** The analyst of this tab's token (GET /api/me); null until known. */
const MeContext = createContext<string | null>(null);

export function App() {
  const route = useRoute();
  const me = useLoad<Me>('/api/me').data?.reviewer ?? null;
  return (
    <MeContext.Provider value={me}>
      <div className="app">
        <header>
          <a href="#/">unmask workspace</a>
          <nav>
            {me && (
              <>
                <span data-testid="me">signed in as {me}</span> ·{' '}
              </>
            )}
            <a href="#/audit">audit log</a> ·{' '}
            <a href={downloadUrl('takedown')} data-testid="download-takedown">
              takedown CSV
            </a>{' '}
            · <a href={downloadUrl('stix')}>STIX</a> · <a href={downloadUrl('gexf')}>GEXF</a> ·{' '}
            <a href={downloadUrl('report')}>report</a>
          </nav>
        </header>
        {route[0] === 'clusters' && route[1] ? (
          <ClusterPage id={Number(route[1])} />
        ) : route[0] === 'accounts' && route[1] && route[2] ? (
          <AccountPage
            key={route.slice(1).join('/')}
            platform={route[1]}
            accountId={route.slice(2).join('/')}
          />
        ) : route[0] === 'audit' ? (
          <AuditPage />
        ) : (
          <ClusterList />
        )}
      </div>
    </MeContext.Provider>
  );
}

/** The latest decision on a cluster or account: status, who and when (the rationale on hover). */
function ReviewBadge(props: { review: Review | null; inherited?: boolean }) {
  const r = props.review;
  if (!r) return <span className="badge">not reviewed</span>;
  return (
    <span className={`badge badge-${r.status}`} title={r.rationale} data-testid="review-status">
      {props.inherited ? `cluster ${r.status}` : r.status} by {r.reviewer},{' '}
      {r.at.slice(0, 16).replace('T', ' ')} UTC
    </span>
  );
}

function useLoad<T>(path: string): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    get<T>(path).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [path, n]);
  return { data, error, reload: useCallback(() => setN((x) => x + 1), []) };
}

function ClusterList() {
  const [sort, setSort] = useState('score');
  const { data, error } = useLoad<{ total: number; items: ClusterRow[] }>(
    `/api/clusters?limit=200&sort=${sort}`,
  );
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <main>
      <Search />
      <h1>Clusters ({data.total})</h1>
      <label>
        sort by{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value)}>
          <option value="score">score</option>
          <option value="size">size</option>
          <option value="id">id</option>
        </select>
      </label>
      <table data-testid="cluster-list">
        <thead>
          <tr>
            <th>cluster</th>
            <th>accounts</th>
            <th>score</th>
            <th>flagged</th>
            <th>platforms</th>
            <th>operator clock</th>
            <th>DISARM</th>
            <th>review</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`#/clusters/${c.id}`} data-testid={`cluster-${c.id}`}>
                  #{c.id}
                </a>{' '}
                {c.operation ?? ''}
              </td>
              <td>{c.size}</td>
              <td>{c.score.toFixed(3)}</td>
              <td>{c.flagged ? 'yes' : `no (${c.category})`}</td>
              <td>
                {Object.entries(c.platforms ?? {})
                  .map(([p, t]) => `${p} ${Object.values(t).reduce((a, b) => a + b, 0)}`)
                  .join(', ')}
              </td>
              <td>{c.clock === 'office' ? utc(c.utc_offset_minutes) : (c.clock ?? '—')}</td>
              <td>{(c.disarm ?? []).join(' ')}</td>
              <td>{c.review && <ReviewBadge review={c.review} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

interface ClusterDetail extends Pick<
  ClusterRow,
  'id' | 'size' | 'score' | 'p_value' | 'flagged' | 'category' | 'operation' | 'review'
> {
  profile: {
    timezone: { utcOffsetMinutes: number | null; confidence: number; dst: string };
    schedule: { breaks: Array<{ start: string; end: string; label: string }> } | null;
    heatmap: number[][];
    disarm: Array<{ id: string; name: string; evidence: string }>;
    samplePosts: Array<{ text: string; accounts: number }>;
  } | null;
  members: Member[];
  edges: Edge[];
  neighbourhood: NeighbourEdge[];
}

const MEMBER_PAGE = 200;

/** A cluster's members, a page at a time (strongest first). */
function MemberTable(props: { id: number; size: number }) {
  const [offset, setOffset] = useState(0);
  const { data } = useLoad<ClusterDetail>(
    `/api/clusters/${props.id}?limit=${MEMBER_PAGE}&offset=${offset}&edges=0&neighbours=0`,
  );
  return (
    <>
      <Pager
        what="members"
        offset={offset}
        size={MEMBER_PAGE}
        total={props.size}
        onChange={setOffset}
      />
      <table data-testid="members">
        <tbody>
          {(data?.members ?? []).map((m) => (
            <tr key={`${m.platform}:${m.account_id}`}>
              <td>
                <a
                  href={`#/accounts/${m.platform}/${encodeURIComponent(m.account_id)}`}
                  data-testid="member-link"
                >
                  {m.handle ?? m.account_id}
                </a>
              </td>
              <td>{m.platform}</td>
              <td>{m.asset_type}</td>
              <td>{m.score.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ClusterPage(props: { id: number }) {
  const { data, error } = useLoad<ClusterDetail>(`/api/clusters/${props.id}?limit=200&edges=3000`);
  const [colourBy, setColourBy] = useState<'cluster' | 'signal'>('cluster');
  const [decided, setDecided] = useState<Review | null>(null);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const p = data.profile;
  return (
    <main>
      <h1>
        Cluster #{data.id} {data.operation ? `(${data.operation})` : ''}{' '}
        <ReviewBadge review={decided ?? data.review} />
      </h1>
      <p>
        {data.size} accounts · score {data.score.toFixed(3)} · p {data.p_value.toExponential(1)} ·{' '}
        {data.flagged ? 'flagged' : `not flagged (${data.category})`} · clock{' '}
        {utc(p?.timezone.utcOffsetMinutes)} (dst {p?.timezone.dst ?? '—'})
      </p>
      <label>
        colour by{' '}
        <select
          value={colourBy}
          onChange={(e) => setColourBy(e.target.value as 'cluster' | 'signal')}
          data-testid="colour-by"
        >
          <option value="cluster">cluster</option>
          <option value="signal">signal</option>
        </select>{' '}
        ({data.neighbourhood.length} links to accounts outside the cluster shown in grey or their
        cluster's colour)
      </label>
      <Network
        cluster={data.id}
        members={data.members}
        edges={data.edges}
        neighbourhood={data.neighbourhood}
        colourBy={colourBy}
        onOpen={(platform, accountId) =>
          (location.hash = `#/accounts/${platform}/${encodeURIComponent(accountId)}`)
        }
      />
      <ReviewForm
        title="Review"
        target={`cluster:${data.id}`}
        actions={[
          { action: 'confirm-cluster', label: 'Confirm cluster', testId: 'confirm' },
          { action: 'dismiss-cluster', label: 'Dismiss cluster' },
        ]}
        testId="review"
        onDecided={setDecided}
      />
      {p && (
        <Heatmap
          grid={p.heatmap}
          caption={`activity by weekday and hour, ${utc(p.timezone.utcOffsetMinutes)}`}
        />
      )}
      <h2>Members</h2>
      <MemberTable id={data.id} size={data.size} />
      {p && (
        <>
          <h2>Tactics</h2>
          <ul>
            {p.disarm.map((t) => (
              <li key={t.id}>
                <b>{t.id}</b> {t.name}: {t.evidence}
              </li>
            ))}
          </ul>
          <h2>Copy-pasted texts</h2>
          <ul>
            {p.samplePosts.map((s, i) => (
              <li key={i}>
                {s.text} <i>({s.accounts} accounts)</i>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

function Heatmap(props: { grid: number[][]; caption: string }) {
  const max = Math.max(1, ...props.grid.flat());
  return (
    <figure>
      <figcaption>{props.caption}</figcaption>
      <svg width={40 + 24 * 18} height={7 * 18 + 20} data-testid="heatmap">
        {props.grid.map((row, d) => (
          <g key={d}>
            <text x={0} y={d * 18 + 13} fontSize={11}>
              {DAYS[d]}
            </text>
            {row.map((v, h) => (
              <rect
                key={h}
                x={40 + h * 18}
                y={d * 18}
                width={16}
                height={16}
                fill="#c62828"
                fillOpacity={v === 0 ? 0 : 0.12 + (0.88 * v) / max}
                stroke="#ddd"
              >
                <title>{`${DAYS[d]} ${h}:00 — ${v}`}</title>
              </rect>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}

interface AccountDetail {
  account: {
    platform: string;
    account_id: string;
    handle?: string;
    display_name?: string;
    asset_type?: string;
    followers?: number;
    reported_location?: string;
    description?: string;
  };
  names: Array<{ handle: string; last_seen: string }>;
  membership: { cluster_id: number; score: number; utc_offset_minutes: number | null } | null;
  /** The latest decision on the account itself; it wins over its cluster's. */
  review: Review | null;
  clusterReview: Review | null;
  hourOfWeek: Array<{ weekday: number; hour: number; posts: number }>;
  posts: Array<{ post_id: string; created_at: string; kind: string; text: string | null }>;
  postsTotal: number;
  edgeCounts: Array<{ signal: string; edges: number }>;
  edges: Array<{
    signal: string;
    other_platform: string;
    other_account: string;
    weight: number;
    evidence: string[];
  }>;
}

const EDGE_PAGE = 100;
const POST_PAGE = 50;

/** Previous/next buttons over a list of `total` items shown `size` at a time from `offset`. */
function Pager(props: {
  offset: number;
  size: number;
  total: number;
  onChange: (offset: number) => void;
  what: string;
}) {
  const { offset, size, total } = props;
  if (total <= size) return null;
  return (
    <p className="pager" data-testid={`pager-${props.what}`}>
      {props.what} {offset + 1}–{Math.min(offset + size, total)} of {total}{' '}
      <button disabled={offset === 0} onClick={() => props.onChange(Math.max(0, offset - size))}>
        previous
      </button>{' '}
      <button disabled={offset + size >= total} onClick={() => props.onChange(offset + size)}>
        next
      </button>
    </p>
  );
}

function AccountPage(props: { platform: string; accountId: string }) {
  const [edgeOffset, setEdgeOffset] = useState(0);
  const [postOffset, setPostOffset] = useState(0);
  const { data, error } = useLoad<AccountDetail>(
    `/api/accounts/${encodeURIComponent(props.platform)}/${encodeURIComponent(props.accountId)}?limit=${POST_PAGE}&offset=${postOffset}&edgeLimit=${EDGE_PAGE}&edgeOffset=${edgeOffset}`,
  );
  const [evidence, setEvidence] = useState<Array<{
    a: { text: string | null; createdAt: string };
    b: { text: string | null; createdAt: string };
    dtSeconds: number;
  }> | null>(null);
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
  const show = (e: AccountDetail['edges'][number]) =>
    get<{ pairs: NonNullable<typeof evidence> }>(
      `/api/evidence?signal=${encodeURIComponent(e.signal)}&platformA=${a.platform}&accountA=${encodeURIComponent(a.account_id)}&platformB=${e.other_platform}&accountB=${encodeURIComponent(e.other_account)}`,
    ).then((r) => setEvidence(r.pairs));
  return (
    <main data-testid="account-page">
      <h1>
        {a.handle ?? a.account_id}{' '}
        {decided || data.review || !data.clusterReview ? (
          <ReviewBadge review={decided ?? data.review} />
        ) : (
          <ReviewBadge review={data.clusterReview} inherited />
        )}
      </h1>
      <p>
        {a.platform} {a.asset_type} · {a.followers ?? '?'} followers · {a.reported_location ?? ''}{' '}
        {data.membership && (
          <a href={`#/clusters/${data.membership.cluster_id}`}>
            cluster #{data.membership.cluster_id}
          </a>
        )}
      </p>
      {data.names.length > 1 && <p>Handles: {data.names.map((n) => n.handle).join(' → ')}</p>}
      <Heatmap
        grid={grid}
        caption={`activity by weekday and hour, ${offset === null ? 'UTC' : `operators' time ${utc(offset)}`}`}
      />
      <ReviewForm
        title="Takedown decision for this account"
        target={`account:${a.platform}:${a.account_id}`}
        actions={[
          { action: 'include-account', label: 'Include in takedown' },
          { action: 'exclude-account', label: 'Exclude from takedown' },
        ]}
        onDecided={setDecided}
      />
      <h2>Links by signal</h2>
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
      <table>
        <tbody>
          {data.edges.map((e, i) => (
            <tr key={i}>
              <td>{e.signal}</td>
              <td>
                <a href={`#/accounts/${e.other_platform}/${encodeURIComponent(e.other_account)}`}>
                  {e.other_account}
                </a>
              </td>
              <td>{e.weight}</td>
              <td>{e.evidence.join(', ')}</td>
              <td>
                <button onClick={() => show(e)}>evidence</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {evidence && (
        <section className="evidence">
          <h2>Side by side</h2>
          {evidence.map((p, i) => (
            <div key={i} className="pair">
              <div>
                {p.a.createdAt}
                <br />
                {p.a.text}
              </div>
              <div>
                {p.b.createdAt}
                <br />
                {p.b.text}
              </div>
              <div>Δt {p.dtSeconds} s</div>
            </div>
          ))}
        </section>
      )}
      <h2>Posts</h2>
      <Pager
        what="posts"
        offset={postOffset}
        size={POST_PAGE}
        total={data.postsTotal}
        onChange={setPostOffset}
      />
      <ul>
        {data.posts.map((p) => (
          <li key={p.post_id}>
            {p.created_at} {p.kind}: {p.text}
          </li>
        ))}
      </ul>
    </main>
  );
}

function AuditPage() {
  const { data, error } = useLoad<{
    items: Array<{
      seq: number;
      at: string;
      reviewer: string;
      action: string;
      target: string;
      rationale: string;
      hash: string;
    }>;
    verified: { ok: boolean };
  }>('/api/audit?limit=200');
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <main>
      <h1>Audit log</h1>
      <p data-testid="audit-verified">
        {data.verified.ok ? 'chain verified' : 'CHAIN BROKEN: an entry was changed'}
      </p>
      <table data-testid="audit">
        <tbody>
          {data.items.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{e.at}</td>
              <td>{e.reviewer}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td>{e.rationale}</td>
              <td>
                <code>{e.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

function Search() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('handle');
  const [items, setItems] = useState<Array<Record<string, unknown>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    get<{ items: Array<Record<string, unknown>> }>(
      `/api/search?kind=${kind}&q=${encodeURIComponent(q)}&limit=50`,
    ).then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  return (
    <section className="search">
      <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="search in">
        <option value="handle">handles</option>
        <option value="text">texts</option>
        <option value="url">URLs</option>
        <option value="hashtag">hashtags</option>
      </select>{' '}
      <input
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && q && run()}
        placeholder="search"
        aria-label="search"
      />{' '}
      <button onClick={run} disabled={!q}>
        Search
      </button>
      {error && <p className="error">{error}</p>}
      {items && (
        <ul data-testid="search-results">
          {items.length === 0 && <li>nothing found</li>}
          {items.map((i, n) => (
            <li key={n}>
              <a
                href={`#/accounts/${String(i.platform)}/${encodeURIComponent(String(i.account_id))}`}
              >
                {String(i.platform)} {String(i.handle ?? i.account_id)}
              </a>{' '}
              {i.text ? String(i.text) : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A decision on a cluster or an account, with why, written to the audit log under the name of this
 * tab's token (the server takes it from the token, not from the form).
 */
function ReviewForm(props: {
  title: string;
  target: string;
  actions: Array<{ action: ReviewRequest['action']; label: string; testId?: string }>;
  testId?: string;
  onDecided?: (review: Review) => void;
}) {
  const me = useContext(MeContext);
  const [rationale, setRationale] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const decide = (action: ReviewRequest['action']) =>
    post<AuditEntry>('/api/review', {
      action,
      target: props.target,
      rationale,
    } satisfies ReviewRequest).then(
      (e) => {
        setDone(`${action} recorded as audit entry ${e.seq}, by ${e.reviewer}`);
        props.onDecided?.(reviewOf(e));
      },
      (e: Error) => setDone(e.message),
    );
  return (
    <section className="review" data-testid={props.testId}>
      <h2>{props.title}</h2>
      {me && <p>Recorded as {me}.</p>}
      <textarea
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        placeholder="rationale"
        aria-label="rationale"
        data-testid="rationale"
      />
      {props.actions.map((a) => (
        <button
          key={a.action}
          onClick={() => decide(a.action)}
          disabled={!rationale}
          data-testid={a.testId}
        >
          {a.label}
        </button>
      ))}
      {done && <p data-testid="review-result">{done}</p>}
    </section>
  );
}
