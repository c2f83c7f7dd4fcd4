// The workspace's read queries: parameterized, paged, bounded. Values from requests are only ever
// bound as parameters; sort keys are picked from fixed lists.
import type { Store } from './open-store.js';

type Json = Record<string, unknown>;

async function json(store: Store, sql: string, params: unknown[] = []): Promise<Json[]> {
  const reader = await store.connection.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as Json[];
}

/**
 * Rows of a query as one JSON array built by DuckDB (`order`: the list's order over columns of
 * `x`): reading one string is cheaper than converting hundreds of values one by one in JS.
 */
async function jsonRows(
  store: Store,
  sql: string,
  params: unknown[],
  order: string,
): Promise<Json[]> {
  const [r] = await json(
    store,
    `SELECT coalesce(to_json(list(x ORDER BY ${order})), '[]') AS rows FROM (${sql}) x`,
    params,
  );
  return JSON.parse(String(r?.rows ?? '[]')) as Json[];
}

/** Case summary: counts and the last detection. */
export async function caseSummary(store: Store): Promise<Json> {
  const [counts] = await json(
    store,
    `SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(DISTINCT (platform, account_id)) FROM posts) AS accounts,
      (SELECT count(*) FROM clusters) AS clusters, (SELECT count(*) FROM clusters WHERE flagged) AS flagged_clusters,
      (SELECT count(*) FROM cluster_members WHERE flagged) AS flagged_accounts,
      (SELECT strftime(min(created_at), '%Y-%m-%dT%H:%M:%SZ') FROM posts) AS first_post,
      (SELECT strftime(max(created_at), '%Y-%m-%dT%H:%M:%SZ') FROM posts) AS last_post`,
  );
  const [run] = await json(
    store,
    `SELECT strftime(run_at, '%Y-%m-%dT%H:%M:%SZ') AS run_at, params, tested, significant FROM detect_runs LIMIT 1`,
  );
  return { ...counts, detection: run ?? null };
}

/** Sort keys of the cluster list; by score puts flagged clusters first. */
export const CLUSTER_SORTS = {
  score: 'k.flagged DESC, k.score DESC, k.cluster_id',
  size: 'k.size DESC, k.cluster_id',
  id: 'k.cluster_id',
} as const;

/** A page of clusters with their profile's headline facts. */
export async function clustersPage(
  store: Store,
  sort: keyof typeof CLUSTER_SORTS,
  offset: number,
  limit: number,
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
    })),
  };
}

/** One cluster: its row, profile and a page of members. */
export async function clusterDetail(
  store: Store,
  id: number,
  offset: number,
  limit: number,
): Promise<Json | null> {
  const [k] = await json(
    store,
    `SELECT cluster_id AS id, size, score, p_value, flagged, category, summary FROM clusters WHERE cluster_id = $1`,
    [id],
  );
  if (!k) return null;
  const [p] = await json(store, `SELECT operation, profile FROM profiles WHERE group_id = $1`, [
    `cluster-${id}`,
  ]);
  const members = await jsonRows(
    store,
    `SELECT m.platform, m.account_id, a.handle, coalesce(a.asset_type, 'account') AS asset_type, m.score, m.flagged, m.automated, a.followers
     FROM cluster_members m LEFT JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id
     WHERE m.cluster_id = $1 ORDER BY m.score DESC, m.platform, m.account_id LIMIT $2 OFFSET $3`,
    [id, limit, offset],
    'x.score DESC, x.platform, x.account_id',
  );
  return {
    ...k,
    summary: JSON.parse(String(k.summary)),
    operation: p?.operation ?? null,
    profile: p ? JSON.parse(String(p.profile)) : null,
    members,
  };
}

/** Significant links inside a cluster (for its network view), strongest first. */
export async function clusterEdges(store: Store, id: number, limit: number): Promise<Json[]> {
  return jsonRows(
    store,
    `SELECT platform_a, account_a, platform_b, account_b, -log10(greatest(q_value, 1e-300)) AS strength, signals, log10_p
     FROM ws_cluster_pairs WHERE cluster = $1 AND cluster_a = cluster_b
     ORDER BY log10_p, platform_a, account_a, platform_b, account_b LIMIT $2`,
    [id, limit],
    'x.log10_p, x.platform_a, x.account_a, x.platform_b, x.account_b',
  );
}

/** Significant links from a cluster's members to accounts outside it (its neighbourhood). */
export async function clusterNeighbourhood(
  store: Store,
  id: number,
  limit: number,
): Promise<Json[]> {
  return jsonRows(
    store,
    `SELECT platform_a, account_a, platform_b, account_b, -log10(greatest(q_value, 1e-300)) AS strength, signals,
       coalesce(cluster_a, -1) AS cluster_a, coalesce(cluster_b, -1) AS cluster_b, log10_p
     FROM ws_cluster_pairs WHERE cluster = $1 AND cluster_a IS DISTINCT FROM cluster_b
     ORDER BY log10_p, platform_a, account_a, platform_b, account_b LIMIT $2`,
    [id, limit],
    'x.log10_p, x.platform_a, x.account_a, x.platform_b, x.account_b',
  );
}

/** Pages of an account's detail: posts and edges. */
export interface AccountPages {
  readonly offset: number;
  readonly limit: number;
  readonly edgeOffset: number;
  readonly edgeLimit: number;
}

/**
 * One account: profile, names, membership, daily and hour-of-week activity, a page of posts, a
 * page of its edges (by signal, strongest first) with the count per signal. Reads the workspace
 * index (ensureWorkspaceIndex) by the account's integer key, not posts and signal_edges.
 */
export async function accountDetail(
  store: Store,
  platform: string,
  accountId: string,
  pages: AccountPages,
): Promise<Json | null> {
  // Three statements: the account's precomputed row (profile, names, membership, activity, link
  // counts as JSON), a page of posts and a page of links. Each statement costs ~1 ms before it
  // reads anything, and converting rows value by value in JS cost more than the reading.
  const [about] = await json(
    store,
    `SELECT ak, account, names, membership, cells, counts FROM ws_account_pages WHERE platform = $1 AND account_id = $2`,
    [platform, accountId],
  );
  if (!about) return null;
  const ak = Number(about.ak);
  const parsed = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));
  const [page] = await json(
    store,
    `SELECT coalesce(to_json(list(x ORDER BY x.created_at, x.post_id)), '[]') AS posts FROM (
       SELECT post_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, kind, text, language, urls, hashtags, shared_post_id, parent_post_id
       FROM ws_posts WHERE ak = $1 ORDER BY created_at, post_id LIMIT $2 OFFSET $3) x`,
    [ak, pages.limit, pages.offset],
  );
  const [links] = await json(
    store,
    `SELECT coalesce(to_json(list(x ORDER BY x.signal, x.weight DESC, x.other_platform, x.other_account)), '[]') AS edges FROM (
       SELECT signal, other_platform, other_account, weight, expected, evidence FROM ws_edges
       WHERE ak = $1 ORDER BY signal, weight DESC, other_platform, other_account LIMIT $2 OFFSET $3) x`,
    [ak, pages.edgeLimit, pages.edgeOffset],
  );
  const cells = parsed(about.cells) as Array<{
    day: string;
    weekday: number;
    hour: number;
    posts: number;
  }>;
  const daily = new Map<string, number>();
  const hourOfWeek = new Map<string, { weekday: number; hour: number; posts: number }>();
  for (const r of cells) {
    daily.set(r.day, (daily.get(r.day) ?? 0) + r.posts);
    const k = `${r.weekday}:${r.hour}`;
    const cell = hourOfWeek.get(k) ?? { weekday: r.weekday, hour: r.hour, posts: 0 };
    cell.posts += r.posts;
    hourOfWeek.set(k, cell);
  }
  return {
    account: parsed(about.account) ?? { platform, account_id: accountId },
    names: parsed(about.names) ?? [],
    membership: parsed(about.membership),
    daily: [...daily]
      .sort((x, y) => x[0].localeCompare(y[0]))
      .map(([day, n]) => ({ day, posts: n })),
    hourOfWeek: [...hourOfWeek.values()].sort((x, y) => x.weekday - y.weekday || x.hour - y.hour),
    posts: parsed(page?.posts) ?? [],
    postsTotal: cells.reduce((n, r) => n + r.posts, 0),
    edgeCounts: parsed(about.counts) ?? [],
    edges: parsed(links?.edges) ?? [],
  };
}

/** Search kinds. */
export const SEARCH_KINDS = ['handle', 'text', 'url', 'hashtag'] as const;

/** Accounts or posts matching a search term (bound as a parameter, never spliced into SQL). */
export async function search(
  store: Store,
  kind: (typeof SEARCH_KINDS)[number],
  q: string,
  limit: number,
): Promise<Json[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (kind === 'handle')
    return json(
      store,
      `SELECT platform, account_id, handle, display_name, asset_type FROM accounts
       WHERE handle ILIKE $1 ESCAPE '\\' OR display_name ILIKE $1 ESCAPE '\\' OR account_id = $2 ORDER BY handle, platform, account_id LIMIT $3`,
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
    `SELECT platform, post_id, account_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, kind, left(text, 280) AS text, urls, hashtags
     FROM posts WHERE ${where} ORDER BY created_at, platform, post_id LIMIT $2`,
    [kind === 'hashtag' ? q : like, limit],
  );
}
