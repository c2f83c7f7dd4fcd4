// The exports' SQL beyond the detection tables: who amplifies whom, each clustered account's
// languages, and the clustered accounts' most reached posts (DAD-CDM channels and media content).
import type { Store } from '../store/index.js';
import { rows } from '../store/index.js';
import type { TakedownAccount } from './takedown.js';

/** One clustered account sharing (or replying to) another's posts, with how often. */
export interface Amplification {
  /** 'platform:account_id' of the account that shares, e.g. 'x:1001'. */
  readonly from: string;
  /** 'platform:account_id' of the account whose posts it shares. */
  readonly to: string;
  readonly shares: number;
}

/** Shares of one clustered account's posts by another clustered account, per ordered pair. */
export async function clusterAmplification(store: Store): Promise<Amplification[]> {
  return (
    await rows(
      store,
      `SELECT p.platform || ':' || p.account_id, p.platform || ':' || p.shared_account_id, count(*)
       FROM posts p
         JOIN cluster_members a ON a.platform = p.platform AND a.account_id = p.account_id
         JOIN cluster_members b ON b.platform = p.platform AND b.account_id = p.shared_account_id
       WHERE p.shared_account_id IS NOT NULL AND p.shared_account_id <> p.account_id
       GROUP BY ALL ORDER BY 1, 2`,
    )
  ).map((r) => ({ from: String(r[0]), to: String(r[1]), shares: Number(r[2]) }));
}

/**
 * The languages of each clustered account's own posts that make up at least `minShare` of them
 * (undetermined ones left out), keyed 'platform:account_id', e.g. { 'x:1001': ['zh', 'en'] }.
 */
export async function clusterAccountLanguages(
  store: Store,
  minShare = 0.1,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await rows(
    store,
    `WITH own AS (
       SELECT p.platform || ':' || p.account_id AS k, p.language AS l, count(*) AS n
       FROM posts p JOIN cluster_members m ON m.platform = p.platform AND m.account_id = p.account_id
       WHERE p.language IS NOT NULL AND p.language NOT LIKE 'und%' AND p.shared_post_id IS NULL
       GROUP BY ALL)
     SELECT k, l FROM (SELECT k, l, n, n / sum(n) OVER (PARTITION BY k) AS share FROM own)
     WHERE share >= ${Number(minShare)} ORDER BY k, n DESC, l`,
  )) {
    const k = String(r[0]);
    out.set(k, [...(out.get(k) ?? []), String(r[1])]);
  }
  return out;
}

/** A post of a clustered account with its reach (shares + comments + reactions recorded). */
export interface ReachedPost {
  readonly platform: string;
  readonly postId: string;
  readonly account: string;
  readonly cluster: number;
  readonly createdAt: string;
  readonly kind: string;
  readonly text: string;
  readonly language: string | null;
  readonly url: string | null;
  readonly reach: number;
}

/** The `perCluster` most reached own posts (with text) of each cluster, most reached first. */
export async function clusterTopPosts(store: Store, perCluster = 5): Promise<ReachedPost[]> {
  return (
    await rows(
      store,
      `SELECT * FROM (
         SELECT p.platform, p.post_id, p.platform || ':' || p.account_id, m.cluster_id,
           strftime(p.created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ'), p.kind, p.text, p.language,
           p.urls[1], coalesce(p.shares, 0) + coalesce(p.comments, 0) + coalesce(p.reactions, 0) AS reach,
           row_number() OVER (PARTITION BY m.cluster_id ORDER BY reach DESC, p.platform, p.post_id) AS rank
         FROM posts p JOIN cluster_members m ON m.platform = p.platform AND m.account_id = p.account_id
         WHERE p.shared_post_id IS NULL AND length(p.text) >= 20)
       WHERE rank <= ${Math.max(1, Math.floor(perCluster))} ORDER BY 4, rank`,
    )
  ).map((r) => ({
    platform: String(r[0]),
    postId: String(r[1]),
    account: String(r[2]),
    cluster: Number(r[3]),
    createdAt: String(r[4]),
    kind: String(r[5]),
    text: String(r[6]),
    language: r[7] === null ? null : String(r[7]),
    url: r[8] === null || r[8] === undefined ? null : String(r[8]),
    reach: Number(r[9]),
  }));
}

/** A URL clustered accounts posted: per cluster, how many of its accounts and posts. */
export interface ClusterUrl {
  readonly cluster: number;
  readonly url: string;
  readonly accounts: number;
  readonly posts: number;
}

/** URLs posted by at least `minAccounts` accounts of one cluster (their own posts), most posted first. */
export async function clusterUrls(store: Store, minAccounts = 3): Promise<ClusterUrl[]> {
  return (
    await rows(
      store,
      `SELECT m.cluster_id, u.url, count(DISTINCT p.account_id) AS a, count(*) AS n
       FROM posts p JOIN cluster_members m ON m.platform = p.platform AND m.account_id = p.account_id,
         unnest(p.urls) AS u(url)
       WHERE p.shared_post_id IS NULL
       GROUP BY ALL HAVING a >= ${Math.max(1, Math.floor(minAccounts))} ORDER BY 1, n DESC, 2`,
    )
  ).map((r) => ({
    cluster: Number(r[0]),
    url: String(r[1]),
    accounts: Number(r[2]),
    posts: Number(r[3]),
  }));
}

/**
 * The takedown rows of accounts outside the clusters, given as [platform, account id] (order
 * kept): handle, asset type and followers where the case lists the account, and the signals of its
 * significant links.
 */
export async function accountsOutsideClusters(
  store: Store,
  accounts: ReadonlyArray<readonly [string, string]>,
): Promise<TakedownAccount[]> {
  if (accounts.length === 0) return [];
  const reader = await store.connection.runAndReadAll(
    `WITH wanted AS (
       SELECT w.i, w.a[1] AS platform, w.a[2] AS account_id
       FROM (SELECT unnest(range(len(l))) AS i, unnest(l) AS a
             FROM (SELECT from_json($1, '[["VARCHAR"]]') AS l)) w),
     links AS (
       SELECT platform, account, list(DISTINCT s ORDER BY s) AS sigs FROM (
         SELECT platform_a AS platform, account_a AS account, unnest(signals) AS s FROM detect_pairs
         UNION ALL SELECT platform_b, account_b, unnest(signals) FROM detect_pairs)
       WHERE (platform, account) IN (SELECT (platform, account_id) FROM wanted) GROUP BY ALL)
     SELECT w.platform, w.account_id, a.handle, coalesce(a.asset_type, 'account'), a.followers,
       array_to_string(coalesce(l.sigs, []), '|')
     FROM wanted w LEFT JOIN accounts a ON a.platform = w.platform AND a.account_id = w.account_id
       LEFT JOIN links l ON l.platform = w.platform AND l.account = w.account_id
     ORDER BY w.i`,
    [JSON.stringify(accounts)],
  );
  return reader.getRows().map((r) => ({
    platform: String(r[0]),
    accountId: String(r[1]),
    handle: r[2] === null ? null : String(r[2]),
    assetType: String(r[3]),
    cluster: null,
    score: null,
    flagged: false,
    followers: r[4] === null ? null : Number(r[4]),
    signals: String(r[5]),
  }));
}
