// The workspace's per-account index: copies of posts and signal edges sorted by account, so that
// one account's rows sit in one or two of DuckDB's row groups and its min/max statistics skip the
// rest. Without them every account page scanned all posts and all edges (2 s p99 at 1M posts).
//
// Derived data, kept in the case so the next `serve` starts at once; rebuilt when the case's
// posts or signal edges changed since (a fingerprint of their counts and last run times).
import type { Store } from './open-store.js';

/** Tables of the workspace index. */
export const WORKSPACE_TABLES = ['ws_posts', 'ws_edges', 'ws_index'] as const;

async function fingerprint(store: Store): Promise<string> {
  const reader = await store.connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM posts), (SELECT max(finished_at) FROM ingest_runs)::VARCHAR,
       (SELECT count(*) FROM signal_edges), (SELECT max(computed_at) FROM signal_runs)::VARCHAR`,
  );
  return JSON.stringify((reader.getRows()[0] ?? []).map((v) => (v === null ? null : String(v))));
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
    await c.run(`CREATE OR REPLACE TABLE ws_posts AS
      SELECT platform, account_id, post_id, created_at, kind, text, language, urls, hashtags, shared_post_id, parent_post_id
      FROM posts ORDER BY platform, account_id, created_at, post_id`);
    // Each edge under both of its accounts, with the first five evidence objects.
    await c.run(`CREATE OR REPLACE TABLE ws_edges AS
      SELECT * FROM (
        SELECT platform_a AS platform, account_a AS account_id, signal, platform_b AS other_platform, account_b AS other_account,
          weight, expected, evidence[1:5] AS evidence FROM signal_edges
        UNION ALL
        SELECT platform_b, account_b, signal, platform_a, account_a, weight, expected, evidence[1:5] FROM signal_edges)
      ORDER BY platform, account_id, signal, weight DESC, other_platform, other_account`);
    await c.run('DELETE FROM ws_index');
    await c.run('INSERT INTO ws_index VALUES ($1)', [want]);
    await c.run('COMMIT');
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return true;
}
