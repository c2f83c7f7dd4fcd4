// The workspace's index: copies of posts, signal edges and significant pairs keyed by a dense
// integer and sorted by it, so that one account's (or one cluster's) rows sit in one or two of
// DuckDB's row groups, the row groups' min/max statistics skip the rest, and the filter left is an
// integer comparison. Without it an account page scanned all posts and all edges (2 s p99 at 1M
// posts); with string keys on sorted copies the scan of the matching row groups still cost 9 ms
// of CPU per query, with integer keys 1 ms.
//
// Derived data, kept in the case so the next `serve` starts at once; rebuilt when the case's
// posts, signal edges, detection or profiles changed since (a fingerprint of counts, run times and
// a hash of the profiles).
import type { Store } from '../store/index.js';
import { accountKeysTo } from '../store/index.js';

/** Version of the index's tables: 2 has links as integer rows (ws_edges) and ws_signals. */
const INDEX_LAYOUT = 2;

async function fingerprint(store: Store): Promise<string> {
  const reader = await store.connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM accounts), (SELECT max(finished_at) FROM ingest_runs)::VARCHAR,
       (SELECT count(*) FROM edge_rows), (SELECT max(computed_at) FROM signal_runs)::VARCHAR,
       (SELECT max(run_at) FROM detect_runs)::VARCHAR, (SELECT count(*) FROM detect_pairs),
       (SELECT sum(hash(group_id, profile)) FROM profiles)::VARCHAR`,
  );
  // The index's layout, so that a case indexed by an earlier version is rebuilt.
  return JSON.stringify([
    INDEX_LAYOUT,
    ...(reader.getRows()[0] ?? []).map((v) => (v === null ? null : String(v))),
  ]);
}

/**
 * Builds the workspace index when it is missing or stale; returns whether it built. `onBuild` is
 * told before a build starts (it takes seconds per million posts).
 */
export async function ensureWorkspaceIndex(
  store: Store,
  onBuild: () => void = () => undefined,
): Promise<boolean> {
  const c = store.connection;
  const want = await fingerprint(store);
  await c.run('CREATE TABLE IF NOT EXISTS ws_index (fingerprint VARCHAR NOT NULL)');
  const have = (await c.runAndReadAll('SELECT fingerprint FROM ws_index')).getRows()[0]?.[0];
  if (have === want) return false;
  onBuild();
  await c.run('BEGIN TRANSACTION');
  try {
    await buildIndexTables(store);
    await c.run('DELETE FROM ws_index');
    await c.run('INSERT INTO ws_index VALUES ($1)', [want]);
    await c.run('COMMIT');
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return true;
}

/** Writes the index's tables, each from those before it (inside the caller's transaction). */
async function buildIndexTables(store: Store): Promise<void> {
  await writeAccountKeys(store);
  await writePostRows(store);
  await writeEdgeRows(store);
  await writeAccountPages(store);
  await writeClusterMembers(store);
  await writeClusterPairs(store);
}

/** ws_accounts: every account that posted or is known, numbered (ak) in (platform, account_id) order. */
async function writeAccountKeys(store: Store): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TABLE ws_accounts AS
    SELECT platform, account_id, (row_number() OVER (ORDER BY platform, account_id) - 1)::INTEGER AS ak
    FROM (SELECT platform, account_id FROM posts UNION SELECT platform, account_id FROM accounts)
    ORDER BY platform, account_id`);
}

/**
 * ws_posts: each account's posts as rows of JSON, numbered in page order (pos) within the account
 * (as are its links, in ws_edges): a page is a range of pos, read from one column. Read as nine
 * typed columns and sorted per request, a page of 50 posts took 6 ms; most of it decompressing the
 * columns.
 */
async function writePostRows(store: Store): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TABLE ws_posts AS
    SELECT k.ak, (row_number() OVER (PARTITION BY k.ak ORDER BY p.created_at, p.post_id) - 1)::INTEGER AS pos, p.created_at,
      to_json({'post_id': p.post_id, 'created_at': strftime(p.created_at, '%Y-%m-%dT%H:%M:%SZ'), 'kind': p.kind, 'text': p.text,
        'language': p.language, 'urls': p.urls, 'hashtags': p.hashtags, 'shared_post_id': p.shared_post_id,
        'parent_post_id': p.parent_post_id})::VARCHAR AS j
    FROM posts p JOIN ws_accounts k ON k.platform = p.platform AND k.account_id = p.account_id
    ORDER BY k.ak, pos`);
}

/** ws_signals (signals numbered by name) and ws_edges: each edge under both of its accounts. */
async function writeEdgeRows(store: Store): Promise<void> {
  const c = store.connection;
  // Each edge under both of its accounts, as integers: the other account's key, the signal's,
  // the weights and the keys of its first three evidence objects; a page names its rows
  // (accountDetail). As JSON rows with names and evidence strings, at 10M posts (37M edges, 75M
  // rows) the build ran out of DuckDB's 11 GB. Built one join at a time, on integer keys.
  await c.run(`CREATE OR REPLACE TABLE ws_signals AS
    SELECT sid, signal, (row_number() OVER (ORDER BY signal))::INTEGER AS sr FROM edge_signals`);
  await accountKeysTo(store, 'ws_ek', 'ws_accounts', 'ak');
  await c.run(`CREATE OR REPLACE TEMP TABLE ws_ev AS
    SELECT sid, pair, min(vk) FILTER (WHERE rank = 1) AS v1, min(vk) FILTER (WHERE rank = 2) AS v2,
      min(vk) FILTER (WHERE rank = 3) AS v3
    FROM edge_evidence WHERE rank <= 3 GROUP BY sid, pair`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ws_e1 AS
    SELECT r.sid, r.pair, ka.num AS wa, r.b, r.weight, r.expected FROM edge_rows r JOIN ws_ek ka ON ka.ak = r.a`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ws_e2 AS
    SELECT e.sid, e.pair, e.wa, kb.num AS wb, e.weight, e.expected FROM ws_e1 e JOIN ws_ek kb ON kb.ak = e.b`);
  await c.run(`DROP TABLE ws_e1`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ws_e3 AS
    SELECT e.sid, e.wa, e.wb, e.weight, e.expected, v.v1, v.v2, v.v3, s.sr
    FROM ws_e2 e LEFT JOIN ws_ev v USING (sid, pair) JOIN ws_signals s USING (sid)`);
  await c.run(`DROP TABLE ws_e2`);
  await c.run(`DROP TABLE ws_ev`);
  // In page order: by signal name, strongest first, then the other account (ak is name order).
  await c.run(`CREATE OR REPLACE TABLE ws_edges AS
    SELECT ak, (row_number() OVER (PARTITION BY ak ORDER BY sr, weight DESC, other) - 1)::INTEGER AS pos,
      sid, other, weight, expected, v1, v2, v3
    FROM (SELECT wa AS ak, wb AS other, * EXCLUDE (wa, wb) FROM ws_e3
      UNION ALL SELECT wb AS ak, wa AS other, * EXCLUDE (wa, wb) FROM ws_e3)
    ORDER BY ak, pos`);
  await c.run(`DROP TABLE ws_e3`);
  await c.run(`DROP TABLE ws_ek`);
}

/** ws_account_pages: one row per account with what its page shows besides posts and links. */
async function writeAccountPages(store: Store): Promise<void> {
  const c = store.connection;
  // One row per account with what its page shows besides the post and link pages: the profile,
  // handle history, membership and link counts per signal as JSON, and its posts per hour of the
  // week and per day as short integer lists (as one JSON list of day-hour cells they were 5.6 kB
  // per account, past DuckDB's inline string size, and reading one row cost 2 ms).
  // Ordered by ak (= platform, account_id), so a lookup by ak reads one row group.
  await c.run(`CREATE OR REPLACE TABLE ws_account_pages AS
    WITH names AS (
      SELECT platform, account_id, to_json(list({'handle': handle, 'display_name': display_name,
        'first_seen': strftime(first_seen, '%Y-%m-%d'), 'last_seen': strftime(last_seen, '%Y-%m-%d')}
        ORDER BY last_seen NULLS LAST, handle)) AS names
      FROM account_names GROUP BY ALL),
    offsets AS (
      SELECT cluster_id, TRY_CAST(json_extract_string(p.profile, '$.timezone.utcOffsetMinutes') AS INTEGER) AS utc_offset_minutes
      FROM clusters k LEFT JOIN profiles p ON p.group_id = 'cluster-' || k.cluster_id),
    hours AS (
      SELECT ak, list(h ORDER BY h) AS hour_keys, list(n ORDER BY h) AS hour_posts
      FROM (SELECT ak, ((isodow(created_at) - 1) * 24 + hour(created_at))::INTEGER AS h, count(*)::INTEGER AS n
        FROM ws_posts GROUP BY ALL) GROUP BY ak),
    days AS (
      SELECT ak, list(d ORDER BY d) AS day_keys, list(n ORDER BY d) AS day_posts
      FROM (SELECT ak, (created_at::DATE - DATE '1970-01-01')::INTEGER AS d, count(*)::INTEGER AS n
        FROM ws_posts GROUP BY ALL) GROUP BY ak),
    counts AS (
      SELECT ak, to_json(list({'signal': signal, 'edges': edges} ORDER BY signal)) AS counts
      FROM (SELECT e.ak, s.signal, e.edges FROM (SELECT ak, sid, count(*) AS edges FROM ws_edges GROUP BY ALL) e
        JOIN ws_signals s USING (sid)) GROUP BY ak)
    SELECT k.platform, k.account_id, k.ak,
      CASE WHEN a.account_id IS NULL THEN NULL ELSE to_json({'platform': a.platform, 'account_id': a.account_id, 'handle': a.handle,
        'display_name': a.display_name, 'asset_type': a.asset_type, 'created_at': strftime(a.created_at, '%Y-%m-%d'),
        'followers': a.followers, 'following': a.following, 'reported_location': a.reported_location, 'language': a.language,
        'description': a.description}) END AS account,
      coalesce(n.names, '[]') AS names,
      CASE WHEN m.account_id IS NULL THEN NULL ELSE to_json({'cluster_id': m.cluster_id, 'score': m.score, 'flagged': m.flagged,
        'automated': m.automated, 'utc_offset_minutes': o.utc_offset_minutes}) END AS membership,
      coalesce(h.hour_keys, []) AS hour_keys, coalesce(h.hour_posts, []) AS hour_posts,
      coalesce(d.day_keys, []) AS day_keys, coalesce(d.day_posts, []) AS day_posts,
      coalesce(y.counts, '[]') AS counts
    FROM ws_accounts k
      LEFT JOIN accounts a ON a.platform = k.platform AND a.account_id = k.account_id
      LEFT JOIN names n ON n.platform = k.platform AND n.account_id = k.account_id
      LEFT JOIN cluster_members m ON m.platform = k.platform AND m.account_id = k.account_id
      LEFT JOIN offsets o ON o.cluster_id = m.cluster_id
      LEFT JOIN hours h ON h.ak = k.ak
      LEFT JOIN days d ON d.ak = k.ak
      LEFT JOIN counts y ON y.ak = k.ak
    ORDER BY k.platform, k.account_id`);
}

/** ws_cluster_members: each cluster's members as JSON rows in page order. */
async function writeClusterMembers(store: Store): Promise<void> {
  const c = store.connection;
  // A cluster's page reads like an account's: its members, its inside links and its links to
  // the outside (neighbourhood) as JSON rows numbered in page order within the cluster. A link's
  // strength and log10 p are rounded to 3 decimals for the network view (a quarter of the bytes).
  await c.run(`CREATE OR REPLACE TABLE ws_cluster_members AS
    SELECT m.cluster_id AS cluster,
      (row_number() OVER (PARTITION BY m.cluster_id ORDER BY m.score DESC, m.platform, m.account_id) - 1)::INTEGER AS pos,
      to_json({'platform': m.platform, 'account_id': m.account_id, 'handle': a.handle,
        'asset_type': coalesce(a.asset_type, 'account'), 'score': m.score, 'flagged': m.flagged,
        'automated': m.automated, 'followers': a.followers})::VARCHAR AS j
    FROM cluster_members m LEFT JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id
    ORDER BY cluster, pos`);
}

/** ws_cluster_pairs: each significant pair under the cluster of either account, in page order. */
async function writeClusterPairs(store: Store): Promise<void> {
  const c = store.connection;
  // Each significant pair under the cluster of either account (once when both share it).
  await c.run(`CREATE OR REPLACE TABLE ws_cluster_pairs AS
    WITH p AS (
      SELECT p.*, ma.cluster_id AS cluster_a, mb.cluster_id AS cluster_b,
        -log10(greatest(p.q_value, 1e-300)) AS strength FROM detect_pairs p
        LEFT JOIN cluster_members ma ON ma.platform = p.platform_a AND ma.account_id = p.account_a
        LEFT JOIN cluster_members mb ON mb.platform = p.platform_b AND mb.account_id = p.account_b),
    u AS (
      SELECT cluster_a AS cluster, * FROM p WHERE cluster_a IS NOT NULL
      UNION ALL
      SELECT cluster_b AS cluster, * FROM p WHERE cluster_b IS NOT NULL AND cluster_b IS DISTINCT FROM cluster_a)
    SELECT cluster, coalesce(cluster_a = cluster_b, false) AS inside,
      (row_number() OVER (PARTITION BY cluster, coalesce(cluster_a = cluster_b, false)
        ORDER BY log10_p, platform_a, account_a, platform_b, account_b) - 1)::INTEGER AS pos,
      CASE WHEN cluster_a = cluster_b
        THEN to_json({'platform_a': platform_a, 'account_a': account_a, 'platform_b': platform_b, 'account_b': account_b,
          'strength': round(strength, 3), 'signals': signals, 'log10_p': round(log10_p, 3)})
        ELSE to_json({'platform_a': platform_a, 'account_a': account_a, 'platform_b': platform_b, 'account_b': account_b,
          'strength': round(strength, 3), 'signals': signals, 'cluster_a': coalesce(cluster_a, -1), 'cluster_b': coalesce(cluster_b, -1),
          'log10_p': round(log10_p, 3)}) END::VARCHAR AS j
    FROM u ORDER BY cluster, inside, pos`);
}
