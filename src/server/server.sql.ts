// The workspace's read queries: parameterized, paged, bounded. Values from requests are only ever
// bound as parameters; sort keys are picked from fixed lists.
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

import type { Store } from '../store/index.js';
import { type AuditEntry, reviewOf } from '../store/index.js';
import { linksWithReviews, type StoredLink, storedLinks } from './account-links.sql.js';
import type { CaseSummary, Member } from './api-types.js';

type Json = Record<string, unknown>;

// Prepared statements per connection, kept for the connection's life: a request's statements are
// then bound and run, not parsed and planned each time. A connection serves one request at a time.
const prepared = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

async function json(store: Store, sql: string, params: unknown[] = []): Promise<Json[]> {
  const c = store.connection;
  let cache = prepared.get(c);
  if (!cache) prepared.set(c, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = await c.prepare(sql)));
  statement.clearBindings();
  if (params.length > 0) statement.bind(params as never);
  const reader = await statement.runAndReadAll();
  return reader.getRowObjectsJson() as Json[];
}

/** Case summary: counts and the last detection. */
export async function caseSummary(store: Store): Promise<CaseSummary> {
  // Counts as DOUBLE: DuckDB's 64-bit integers come out of the driver's JSON rows as strings.
  const [c] = await json(
    store,
    `SELECT (SELECT count(*) FROM posts)::DOUBLE AS posts, (SELECT count(DISTINCT (platform, account_id)) FROM posts)::DOUBLE AS accounts,
      (SELECT count(*) FROM clusters)::DOUBLE AS clusters, (SELECT count(*) FROM clusters WHERE flagged)::DOUBLE AS flagged_clusters,
      (SELECT count(*) FROM cluster_members WHERE flagged)::DOUBLE AS flagged_accounts,
      (SELECT strftime(min(created_at), '%Y-%m-%dT%H:%M:%SZ') FROM posts) AS first_post,
      (SELECT strftime(max(created_at), '%Y-%m-%dT%H:%M:%SZ') FROM posts) AS last_post`,
  );
  const [run] = await json(
    store,
    `SELECT strftime(run_at, '%Y-%m-%dT%H:%M:%SZ') AS run_at, params::VARCHAR AS params,
       tested::DOUBLE AS tested, significant::DOUBLE AS significant FROM detect_runs LIMIT 1`,
  );
  return {
    posts: Number(c?.posts ?? 0),
    accounts: Number(c?.accounts ?? 0),
    clusters: Number(c?.clusters ?? 0),
    flagged_clusters: Number(c?.flagged_clusters ?? 0),
    flagged_accounts: Number(c?.flagged_accounts ?? 0),
    first_post: (c?.first_post as string | null | undefined) ?? null,
    last_post: (c?.last_post as string | null | undefined) ?? null,
    detection: run
      ? {
          run_at: String(run.run_at),
          params: (run.params as string | null) ?? null,
          tested: Number(run.tested),
          significant: run.significant === null ? null : Number(run.significant),
        }
      : null,
  };
}

/** Sort keys of the cluster list; by score puts flagged clusters first. */
export const CLUSTER_SORTS = {
  score: 'k.flagged DESC, k.score DESC, k.cluster_id',
  size: 'k.size DESC, k.cluster_id',
  id: 'k.cluster_id',
} as const;

/** No decisions: what the pages show when none are given. */
const NO_DECISIONS: ReadonlyMap<string, AuditEntry> = new Map();

/**
 * A page of clusters with their profile's headline facts and `review`, the latest decision on each
 * in `decisions` (from currentDecisions; the server keeps them in memory: a subquery on the audit
 * log per cluster made the list three times slower).
 */
export async function clustersPage(
  store: Store,
  sort: keyof typeof CLUSTER_SORTS,
  offset: number,
  limit: number,
  decisions: ReadonlyMap<string, AuditEntry> = NO_DECISIONS,
): Promise<{ total: number; items: Json[] }> {
  const [t] = await json(store, 'SELECT count(*) AS n FROM clusters');
  const items = await json(
    store,
    `SELECT k.cluster_id AS id, k.size, k.score, k.p_value, k.flagged, k.category,
       p.operation, TRY_CAST(json_extract_string(p.profile, '$.timezone.utcOffsetMinutes') AS INTEGER) AS utc_offset_minutes,
       json_extract_string(p.profile, '$.clock') AS clock, json_extract_string(p.profile, '$.assets.byPlatform') AS platforms,
       json_extract_string(p.profile, '$.disarm[*].id') AS disarm
     FROM clusters k LEFT JOIN profiles p ON p.group_id = 'cluster-' || k.cluster_id
     ORDER BY ${CLUSTER_SORTS[sort]} LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return {
    total: Number(t?.n ?? 0),
    items: items.map((i) => ({
      ...i,
      platforms: i.platforms === null ? null : JSON.parse(String(i.platforms)),
      review: reviewOf(decisions, `cluster:${i.id}`),
    })),
  };
}

/** Pages of a cluster's detail: members, inside links and links to the outside. */
export interface ClusterPages {
  readonly offset: number;
  readonly limit: number;
  /** Inside links (for its network view), strongest first. */
  readonly edges: number;
  /** Links from its members to accounts outside it (its neighbourhood), strongest first. */
  readonly neighbours: number;
}

/**
 * What a cluster page shows that does not change while the case is served: its row, profile and
 * operation, a page of members (by score), its strongest inside links and links to the outside.
 * One statement over the workspace index's per-cluster rows (five statements over the case's
 * tables took 11 ms; this one ~3 ms). Decisions are added by {@link clusterPage}.
 */
export interface ClusterPageParts {
  readonly fields: Json;
  /** Values that are JSON text already, spliced into the answer as they are. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly members: readonly Member[];
  /** Rough size in bytes (for the page cache's bound). */
  readonly bytes: number;
}

/** Reads a cluster's {@link ClusterPageParts}; null when the case has no such cluster. */
export async function clusterPageParts(
  store: Store,
  id: number,
  pages: ClusterPages,
): Promise<ClusterPageParts | null> {
  const [k] = await json(
    store,
    `SELECT k.cluster_id AS id, k.size, k.score, k.p_value, k.flagged, k.category, k.summary,
       (SELECT operation FROM profiles WHERE group_id = $2) AS operation,
       (SELECT profile FROM profiles WHERE group_id = $2) AS profile,
       ${jsonPage('ws_cluster_members', 'cluster = $1 AND pos >= $3 AND pos < $4')} AS members,
       ${jsonPage('ws_cluster_pairs', 'cluster = $1 AND inside AND pos < $5')} AS edges,
       ${jsonPage('ws_cluster_pairs', 'cluster = $1 AND NOT inside AND pos < $6')} AS neighbourhood
     FROM clusters k WHERE k.cluster_id = $1`,
    [id, `cluster-${id}`, pages.offset, pages.offset + pages.limit, pages.edges, pages.neighbours],
  );
  if (!k) return null;
  const raw = {
    summary: k.summary,
    profile: k.profile,
    edges: k.edges,
    neighbourhood: k.neighbourhood,
  };
  return {
    fields: {
      id: k.id,
      size: k.size,
      score: k.score,
      p_value: k.p_value,
      flagged: k.flagged,
      category: k.category,
      operation: k.operation ?? null,
    },
    raw,
    members: JSON.parse(String(k.members ?? '[]')) as Member[],
    bytes: Object.values(raw).reduce<number>((n, v) => n + String(v).length, 0) + 200 * 250,
  };
}

/**
 * A cluster page as JSON text: its parts with `review` (its latest decision in `decisions`) and
 * each member's own latest decision (`review`, null without one: the member then stands under
 * the cluster's).
 */
export function clusterPage(
  parts: ClusterPageParts,
  decisions: ReadonlyMap<string, AuditEntry> = NO_DECISIONS,
): string {
  return withRawJson(
    {
      ...parts.fields,
      review: reviewOf(decisions, `cluster:${String(parts.fields.id)}`),
      members: parts.members.map((m) => ({
        ...m,
        review: reviewOf(decisions, `account:${m.platform}:${m.account_id}`),
      })),
    },
    parts.raw,
  );
}

/**
 * One cluster's page (see {@link clusterPageParts} and {@link clusterPage}) as JSON text, or null
 * when the case has no such cluster.
 */
export async function clusterDetail(
  store: Store,
  id: number,
  pages: ClusterPages,
  decisions: ReadonlyMap<string, AuditEntry> = NO_DECISIONS,
): Promise<string | null> {
  const parts = await clusterPageParts(store, id, pages);
  return parts && clusterPage(parts, decisions);
}

/**
 * A scalar subquery for a page of the workspace index's JSON rows (`j`, in `pos` order) that match
 * `where`: a JSON array as text.
 */
function jsonPage(table: string, where: string): string {
  return `(SELECT '[' || coalesce(string_agg(j, ',' ORDER BY pos), '') || ']' FROM ${table} WHERE ${where})`;
}

/**
 * The JSON text of an object with `fields` and, spliced in as they are, `raw` values that are
 * already JSON text (built by DuckDB or stored as JSON): parsing 80 kB only to serialize it again
 * was a tenth of a cluster request's time.
 */
function withRawJson(fields: Json, raw: Record<string, unknown>): string {
  let out = JSON.stringify(fields).slice(0, -1);
  for (const [key, value] of Object.entries(raw))
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${value === null || value === undefined ? 'null' : String(value)}`;
  return `${out}}`;
}

/** Pages of an account's detail: posts, signal links and significant links. */
export interface AccountPages {
  readonly offset: number;
  readonly limit: number;
  readonly edgeOffset: number;
  readonly edgeLimit: number;
  readonly linkOffset: number;
  readonly linkLimit: number;
}

/**
 * What an account page shows that does not change while the case is served (the server holds the
 * case and writes only decisions): the page's JSON text without its decisions, its cluster, and a
 * page of its significant links. Decisions are added by {@link accountPage}.
 */
export interface AccountPageParts {
  /** The page's JSON text without its closing brace, decisions, links and operation. */
  readonly head: string;
  readonly target: string;
  readonly clusterId: number | null;
  readonly links: readonly StoredLink[];
  readonly linksTotal: number;
  /** Rough size in bytes (for the page cache's bound). */
  readonly bytes: number;
}

/** The columns of one account's page as {@link accountPageParts} and the page file read them. */
export const ACCOUNT_PAGE_COLUMNS =
  'account, names, membership, hour_keys, hour_posts, day_keys, day_posts, counts';

/**
 * Reads an account's {@link AccountPageParts}: profile, names, membership, daily and hour-of-week
 * activity, a page of posts, a page of its edges (by signal, strongest first) with the count per
 * signal, and a page of its significant links (ws_links, strongest first); null when the case has
 * no such account. Reads the workspace index (ensureWorkspaceIndex, ensureLinkIndex) by the
 * account's integer key, not posts and signal_edges.
 */
export async function accountPageParts(
  store: Store,
  keys: AccountKeys,
  platform: string,
  accountId: string,
  pages: AccountPages,
): Promise<AccountPageParts | null> {
  const ak = keys.accounts.get(accountKey(platform, accountId));
  if (ak === undefined) return null;
  // One statement, keyed by the integer ak that the workspace tables are sorted by: the account's
  // precomputed row, a page of posts, a page of signal links and a page of significant links as
  // ranges of their page order (three statements over typed columns took 14 ms together, this one
  // ~4 ms; the significant links as a second statement added a third). The signal links come as
  // keys, named here from the keys' names read at start (joined to the names in SQL, the
  // statement took twice as long).
  const [row] = await json(
    store,
    `SELECT ${ACCOUNT_PAGE_COLUMNS},
       ${jsonPage('ws_posts', 'ak = $1 AND pos >= $2 AND pos < $3')} AS posts,
       (SELECT to_json(list([sid, other, weight, expected, v1, v2, v3] ORDER BY pos))::VARCHAR
        FROM ws_edges WHERE ak = $1 AND pos >= $4 AND pos < $5) AS edges,
       (SELECT count(*) FROM ws_links WHERE ak = $1)::INTEGER AS links_total,
       ${jsonPage('ws_links', 'ak = $1 AND pos >= $6 AND pos < $7')} AS links
     FROM ws_account_pages WHERE ak = $1`,
    [
      ak,
      pages.offset,
      pages.offset + pages.limit,
      pages.edgeOffset,
      pages.edgeOffset + pages.edgeLimit,
      pages.linkOffset,
      pages.linkOffset + pages.linkLimit,
    ],
  );
  return row ? accountPartsOf(row, keys, platform, accountId) : null;
}

/**
 * The {@link AccountPageParts} of one row of the account page's statement: ws_account_pages'
 * {@link ACCOUNT_PAGE_COLUMNS}, and `posts`, `edges`, `links` (JSON text) and `links_total`.
 */
export function accountPartsOf(
  row: Json,
  keys: AccountKeys,
  platform: string,
  accountId: string,
): AccountPageParts {
  const hourKeys = row.hour_keys as number[];
  const hourPosts = row.hour_posts as number[];
  const dayPosts = row.day_posts as number[];
  const rows = JSON.parse(String(row.edges ?? '[]')) as (number | null)[][];
  const edges = rows.map(([sid, other, weight, expected, ...evidence]) => ({
    signal: keys.signals.get(sid!) ?? null,
    other_platform: keys.names[other!]?.[0] ?? null,
    other_account: keys.names[other!]?.[1] ?? null,
    weight,
    expected,
    evidence: evidence.filter((vk) => vk !== null).map((vk) => keys.values.get(vk) ?? null),
  }));
  const head = withRawJson(
    {
      daily: (row.day_keys as number[]).map((d, i) => ({
        day: new Date(d * 86_400_000).toISOString().slice(0, 10),
        posts: dayPosts[i],
      })),
      hourOfWeek: hourKeys.map((h, i) => ({
        weekday: Math.floor(h / 24),
        hour: h % 24,
        posts: hourPosts[i],
      })),
      postsTotal: hourPosts.reduce((n, x) => n + x, 0),
      edges,
    },
    {
      account: row.account ?? JSON.stringify({ platform, account_id: accountId }),
      names: row.names ?? '[]',
      membership: row.membership,
      posts: row.posts,
      edgeCounts: row.counts ?? '[]',
    },
  ).slice(0, -1);
  const membership = row.membership === null ? null : (JSON.parse(String(row.membership)) as Json);
  const links = String(row.links ?? '[]');
  return {
    head,
    target: `account:${platform}:${accountId}`,
    clusterId:
      membership?.cluster_id === null || membership?.cluster_id === undefined
        ? null
        : Number(membership.cluster_id),
    links: storedLinks(links),
    linksTotal: Number(row.links_total ?? 0),
    // UTF-16 strings, the parts and the last answer made of them (accountPage keeps it).
    bytes: 4 * (head.length + links.length),
  };
}

/**
 * The last answer made of each kept page and which decisions it shows (their sequence numbers):
 * while those stay the same the answer is too, and assembling it again (the links with their
 * reviews, serialized) was a third of a kept page's time under load.
 */
const lastAnswer = new WeakMap<AccountPageParts, { shows: string; text: string }>();

/** The decisions an account page shows, as their sequence numbers (0: none), and its operation. */
function decisionsShown(
  parts: AccountPageParts,
  decisions: ReadonlyMap<string, AuditEntry>,
  operation: string | null,
): string {
  const seq = (target: string) => decisions.get(target)?.seq ?? 0;
  let shows = `${operation ?? ''}\u0000${seq(parts.target)}`;
  if (parts.clusterId !== null) shows += ` ${seq(`cluster:${parts.clusterId}`)}`;
  for (const l of parts.links)
    shows += ` ${seq(`account:${l.other.platform}:${l.other.account_id}`)}`;
  return shows;
}

/**
 * An account page as JSON text: its parts with the latest decisions in `decisions` on the account
 * (`review`) and on its cluster (`clusterReview`; the account's own wins), each link's other
 * account's (`other.review`), and the `operation` of its cluster.
 */
export function accountPage(
  parts: AccountPageParts,
  decisions: ReadonlyMap<string, AuditEntry>,
  operation: string | null,
): string {
  const shows = decisionsShown(parts, decisions, operation);
  const last = lastAnswer.get(parts);
  if (last?.shows === shows) return last.text;
  const more = {
    review: reviewOf(decisions, parts.target),
    clusterReview:
      parts.clusterId === null ? null : reviewOf(decisions, `cluster:${parts.clusterId}`),
    links: linksWithReviews(parts.links, decisions),
    linksTotal: parts.linksTotal,
    operation,
  };
  const text = `${parts.head},${JSON.stringify(more).slice(1)}`;
  lastAnswer.set(parts, { shows, text });
  return text;
}

/**
 * One account's page (see {@link accountPageParts} and {@link accountPage}) as JSON text, or null
 * when the case has no such account.
 */
export async function accountDetail(
  store: Store,
  keys: AccountKeys,
  platform: string,
  accountId: string,
  pages: AccountPages,
  decisions: ReadonlyMap<string, AuditEntry> = NO_DECISIONS,
  operation: string | null = null,
): Promise<string | null> {
  const parts = await accountPageParts(store, keys, platform, accountId, pages);
  return parts && accountPage(parts, decisions, operation);
}

/**
 * The workspace's keys and their names (see {@link loadAccountKeys}): platform and account id → ak,
 * and back; signal keys and evidence value keys → names (the links of an account page are keys).
 */
export interface AccountKeys {
  readonly accounts: ReadonlyMap<string, number>;
  /** By ak: [platform, account id]. */
  readonly names: readonly (readonly [string, string])[];
  readonly signals: ReadonlyMap<number, string>;
  readonly values: ReadonlyMap<number, string>;
}

const accountKey = (platform: string, accountId: string) => `${platform}\u0000${accountId}`;

/** The account's integer key (ak) in the workspace index, or undefined when the case has none. */
export function accountKeyOf(
  keys: AccountKeys,
  platform: string,
  accountId: string,
): number | undefined {
  return keys.accounts.get(accountKey(platform, accountId));
}

/** Whether the case has the account (any account that posts or is listed has a key). */
export function hasAccount(keys: AccountKeys, platform: string, accountId: string): boolean {
  return keys.accounts.has(accountKey(platform, accountId));
}

/**
 * Reads the workspace's keys and names once (after the index is built): a lookup by the strings in
 * DuckDB costs a scan of a row group per request, a map lookup nothing. At 10M posts: 75k accounts,
 * 122k evidence values.
 */
export async function loadAccountKeys(store: Store): Promise<AccountKeys> {
  const c = store.connection;
  const accounts = new Map<string, number>();
  const names: [string, string][] = [];
  const reader = await c.runAndReadAll('SELECT platform, account_id, ak FROM ws_accounts');
  for (const [p, a, k] of reader.getRows()) {
    accounts.set(accountKey(String(p), String(a)), Number(k));
    names[Number(k)] = [String(p), String(a)];
  }
  const signals = new Map<number, string>();
  for (const [sid, signal] of (
    await c.runAndReadAll('SELECT sid, signal FROM ws_signals')
  ).getRows())
    signals.set(Number(sid), String(signal));
  const values = new Map<number, string>();
  for (const [vk, value] of (await c.runAndReadAll('SELECT vk, value FROM edge_values')).getRows())
    values.set(Number(vk), String(value));
  return { accounts, names, signals, values };
}

/** The case's cluster ids (a review of a cluster is checked against them). */
export async function readClusterIds(store: Store): Promise<Set<number>> {
  return new Set(
    (await json(store, 'SELECT cluster_id FROM clusters')).map((r) => Number(r.cluster_id)),
  );
}

/** Search kinds. */
export const SEARCH_KINDS = ['handle', 'text', 'url', 'hashtag'] as const;

/**
 * Accounts or posts matching a search term (bound as a parameter, never spliced into SQL), each with
 * its account's cluster, the account's latest decision in `decisions` (`review`) and its cluster's
 * (`clusterReview`), as the lists and pages show them.
 */
export async function search(
  store: Store,
  kind: (typeof SEARCH_KINDS)[number],
  q: string,
  limit: number,
  decisions: ReadonlyMap<string, AuditEntry> = NO_DECISIONS,
): Promise<Json[]> {
  const found = await searchRows(store, kind, q, limit);
  return found.map(({ cluster_id, ...i }) => {
    const cluster = cluster_id === null ? null : Number(cluster_id);
    return {
      ...i,
      cluster,
      review: reviewOf(decisions, `account:${String(i.platform)}:${String(i.account_id)}`),
      clusterReview: cluster === null ? null : reviewOf(decisions, `cluster:${cluster}`),
    };
  });
}

/** The rows of {@link search}, each with its account's `cluster_id` (null outside the clusters). */
async function searchRows(
  store: Store,
  kind: (typeof SEARCH_KINDS)[number],
  q: string,
  limit: number,
): Promise<Json[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const withCluster = (found: string, order: string) =>
    `SELECT f.*, m.cluster_id FROM (${found}) f
     LEFT JOIN cluster_members m ON m.platform = f.platform AND m.account_id = f.account_id
     ORDER BY ${order}`;
  if (kind === 'handle')
    return json(
      store,
      withCluster(
        `SELECT platform, account_id, handle, display_name, asset_type FROM accounts
         WHERE handle ILIKE $1 ESCAPE '\\' OR display_name ILIKE $1 ESCAPE '\\' OR account_id = $2 ORDER BY handle, platform, account_id LIMIT $3`,
        'f.handle, f.platform, f.account_id',
      ),
      [like, q, limit],
    );
  const where =
    kind === 'text'
      ? `text ILIKE $1 ESCAPE '\\'`
      : kind === 'url'
        ? `len(list_filter(urls, u -> u ILIKE $1 ESCAPE '\\')) > 0`
        : `list_contains(hashtags, lower(trim($1, '#')))`;
  return json(
    store,
    withCluster(
      `SELECT platform, post_id, account_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, kind, left(text, 280) AS text, urls, hashtags
       FROM posts WHERE ${where} ORDER BY created_at, platform, post_id LIMIT $2`,
      'f.created_at, f.platform, f.post_id',
    ),
    [kind === 'hashtag' ? q : like, limit],
  );
}
