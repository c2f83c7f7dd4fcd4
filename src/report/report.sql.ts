// The report's SQL: significant links and daily activity of clusters, the data window, a hash of the
// case's content and what optional data it holds.
import type { Store } from '../store/index.js';
import { listItems, rows } from '../store/index.js';

/** Significant links between members of clusters: endpoints, −log10 q, signals. */
export async function clusterLinks(
  store: Store,
  onlyFlagged: boolean,
): Promise<Array<{ a: string; b: string; strength: number; signals: string[] }>> {
  return (
    await rows(
      store,
      `SELECT p.platform_a || ':' || p.account_a, p.platform_b || ':' || p.account_b, -log10(greatest(p.q_value, 1e-300)), p.signals
       FROM detect_pairs p
         JOIN cluster_members ma ON ma.platform = p.platform_a AND ma.account_id = p.account_a
         JOIN cluster_members mb ON mb.platform = p.platform_b AND mb.account_id = p.account_b
       ${onlyFlagged ? 'WHERE ma.flagged AND mb.flagged' : ''}
       ORDER BY ALL`,
    )
  ).map((r) => ({
    a: String(r[0]),
    b: String(r[1]),
    strength: Number(r[2]),
    signals: listItems(r[3]).map(String),
  }));
}

/** A pair of near-duplicate pictures two flagged accounts posted: their thumbnails side by side. */
export interface PicturePair {
  /** 'platform:account' of each side. */
  readonly a: string;
  readonly b: string;
  /** Image families the two share (the edge's weight). */
  readonly families: number;
  /** Each side's thumbnails (WebP data URIs) of its post in the first evidence pair. */
  readonly thumbsA: readonly string[];
  readonly thumbsB: readonly string[];
}

/**
 * The near-duplicate-image links between flagged members, strongest first (at most `limit`), each
 * with the thumbnails of its first evidence pair; none when the signal has not run.
 */
export async function flaggedPicturePairs(store: Store, limit = 200): Promise<PicturePair[]> {
  const thumbs = (platform: string, post: string) =>
    `(SELECT list(t.thumb ORDER BY t.media_id) FROM post_media t WHERE t.platform = ${platform} AND t.post_id = ${post} AND t.thumb IS NOT NULL)`;
  return (
    await rows(
      store,
      `WITH e AS (SELECT e.platform_a, e.account_a, e.platform_b, e.account_b, e.weight, e.evidence_posts[1] AS pair
         FROM signal_edges e
           JOIN cluster_members ma ON ma.platform = e.platform_a AND ma.account_id = e.account_a AND ma.flagged
           JOIN cluster_members mb ON mb.platform = e.platform_b AND mb.account_id = e.account_b AND mb.flagged
         WHERE e.signal = 'near-duplicate-image' AND len(e.evidence_posts) > 0
         ORDER BY e.weight DESC, e.platform_a, e.account_a, e.platform_b, e.account_b LIMIT ${limit})
       SELECT platform_a || ':' || account_a, platform_b || ':' || account_b, weight,
         ${thumbs('platform_a', "split_part(pair, '~', 1)")}, ${thumbs('platform_b', "split_part(pair, '~', 2)")}
       FROM e ORDER BY weight DESC, platform_a, account_a, platform_b, account_b`,
    )
  )
    .map((r) => ({
      a: String(r[0]),
      b: String(r[1]),
      families: Number(r[2]),
      thumbsA: r[3] === null ? [] : listItems(r[3]).map(String),
      thumbsB: r[4] === null ? [] : listItems(r[4]).map(String),
    }))
    .filter((p) => p.thumbsA.length > 0 && p.thumbsB.length > 0);
}

/** Actions per UTC day of each cluster's members. */
export async function clusterDailyActivity(
  store: Store,
): Promise<Array<{ cluster: number; day: string; posts: number }>> {
  return (
    await rows(
      store,
      `SELECT m.cluster_id, strftime(date_trunc('day', p.created_at), '%Y-%m-%d'), count(*)
       FROM cluster_members m JOIN posts p ON p.platform = m.platform AND p.account_id = m.account_id
       GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({ cluster: Number(r[0]), day: String(r[1]), posts: Number(r[2]) }));
}

/** How many posts the case holds and how many accounts posted them. */
export async function postTotals(store: Store): Promise<{ posts: number; accounts: number }> {
  const r = (
    await rows(
      store,
      'SELECT (SELECT count(*) FROM posts), (SELECT count(DISTINCT (platform, account_id)) FROM posts)',
    )
  )[0];
  return { posts: Number(r?.[0] ?? 0), accounts: Number(r?.[1] ?? 0) };
}

/** The first and last post of the case (ISO 8601, UTC), or nulls when it holds none. */
export async function dataWindow(
  store: Store,
): Promise<{ first: string | null; last: string | null }> {
  const r = (
    await rows(
      store,
      `SELECT strftime(min(created_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ'),
         strftime(max(created_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') FROM posts`,
    )
  )[0];
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { first: s(r?.[0]), last: s(r?.[1]) };
}

/** The tables {@link caseHash} covers: the data, the results, and the analysts' decisions. */
export const HASHED_TABLES = [
  'accounts',
  'posts',
  'observations',
  'cluster_members',
  'detect_pairs',
  'audit_log',
] as const;

/**
 * SHA-256 (hex) of the case's content: per table in {@link HASHED_TABLES}, the sorted MD5s of its
 * rows (as text) are concatenated and hashed; then the table names and hashes are hashed. The
 * same rows give the same hash whatever order they were loaded in.
 */
export async function caseHash(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const table of HASHED_TABLES) {
    const r = (
      await rows(
        store,
        `SELECT count(*), sha256(coalesce(string_agg(h, '' ORDER BY h), ''))
         FROM (SELECT md5(t::VARCHAR) AS h FROM ${table} t)`,
      )
    )[0];
    parts.push(`${table}:${Number(r?.[0] ?? 0)}:${String(r?.[1] ?? '')}`);
  }
  const all = (await rows(store, `SELECT sha256('${parts.join('\n')}')`))[0];
  return String(all?.[0]);
}

/** What the case holds beyond posts, for the report's limitations. */
export interface CaseCoverage {
  readonly observations: number;
  readonly follows: number;
  /** Posts with a recorded share, comment or reaction count. */
  readonly postsWithEngagement: number;
  readonly postsWithLanguage: number;
  readonly accountsWithCreation: number;
  readonly accounts: number;
  readonly platforms: number;
}

/** Counts of the case's optional data (observations, follows, engagement, languages, creation dates). */
export async function caseCoverage(store: Store): Promise<CaseCoverage> {
  const r = (
    await rows(
      store,
      `SELECT (SELECT count(*) FROM observations), (SELECT count(*) FROM follows),
         (SELECT count(*) FROM posts WHERE shares IS NOT NULL OR comments IS NOT NULL OR reactions IS NOT NULL),
         (SELECT count(*) FROM posts WHERE language IS NOT NULL AND language NOT LIKE 'und%'),
         (SELECT count(*) FROM accounts WHERE created_at IS NOT NULL), (SELECT count(*) FROM accounts),
         (SELECT count(DISTINCT platform) FROM posts)`,
    )
  )[0];
  const n = (i: number) => Number(r?.[i] ?? 0);
  return {
    observations: n(0),
    follows: n(1),
    postsWithEngagement: n(2),
    postsWithLanguage: n(3),
    accountsWithCreation: n(4),
    accounts: n(5),
    platforms: n(6),
  };
}
