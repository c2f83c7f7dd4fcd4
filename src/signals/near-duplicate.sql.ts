// The set work of near-duplicate text in DuckDB: the account pairs of each copy-paste family.
// The text work (folding, MinHash, LSH buckets, Jaccard, families) is JS.
//
// JS reads (row id, text) records and hands back, per post over the length floor, the number of its
// copy-paste family as typed arrays; DuckDB joins the strings (platform, post and account ids)
// back by row id and pairs the accounts. Staging posts through CSV took 17 s per 1M posts, and
// forming the LSH buckets in DuckDB (UNPIVOT and GROUP BY of 8 hashes per text) 41 s at 10M.
import { DuckDBBlobVector } from '@duckdb/node-api';

import type { Store } from '../store/index.js';
import { appendColumns, dropTables, EDGE_STAGE, scalar } from '../store/index.js';
import { writeExpected } from './null-model.sql.js';
import { replaceSignalRows } from './signal-io.sql.js';

/** The texts near-duplicate text considers: posts with text that are not shares or reactions. */
const TEXTS = `FROM posts WHERE text IS NOT NULL AND kind NOT IN ('share', 'reaction')`;

/**
 * At least as many as the texts near-duplicate text considers (the posts of their kinds, with text
 * or not), to size its tables: counting the texts themselves read every text, 7 s at 10M posts.
 */
export async function countTextsAtMost(store: Store): Promise<number> {
  return scalar(store, `SELECT count(*) FROM posts WHERE kind NOT IN ('share', 'reaction')`);
}

/**
 * Yields the texts near-duplicate text considers, about 4,096 at a time, each batch as the UTF-8
 * bytes of records `<row id>:<byte length>:<text>` one after another (no order). One blob per batch
 * instead of one string per post: reading 1M strings through the binding took 2.4 s, 0.5 s so.
 * One `concat` per record, not three `||` (each a string of its own): 1.7 → 1.2 s of CPU at 1M.
 */
export async function* streamTextRecords(store: Store): AsyncGenerator<Uint8Array> {
  const result = await store.connection.stream(
    `SELECT encode(string_agg(concat(rowid, ':', strlen(text), ':', text), '')) ${TEXTS} GROUP BY rowid // 4096`,
  );
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const vector = chunk.getColumnVector(0);
    if (!(vector instanceof DuckDBBlobVector))
      throw new Error(`near-duplicate: text records read as ${vector.type.toString()}, not BLOB`);
    for (let i = 0; i < chunk.rowCount; i++) {
      // The bytes without getItem's copy into a Buffer (a twentieth of this thread's time at 1M
      // posts); a blob of up to 12 bytes is a view of the chunk, copied to outlive it.
      const bytes = vector.getItemBytes(i)!;
      yield bytes.length <= 12 ? bytes.slice() : bytes;
    }
  }
}

/**
 * Writes the 'near-duplicate-text' edges: accounts linked by each copy-paste family both posted in
 * (within `window` seconds when set), families over `maxAccounts` accounts skipped. `posts` gives
 * each post over the length floor (by row id) its family's number, and whether that family has
 * other posts (`shared`, 1 or 0).
 */
export async function writeNearDuplicateEdges(
  store: Store,
  posts: { readonly rows: Float64Array; readonly family: Int32Array; readonly shared: Int32Array },
  params: {
    window: number | null;
    maxAccounts: number;
    minWeight: number;
    evidenceLimit: number;
  },
  counts: { items: number; skipped: number },
): Promise<{ edges: number; skippedFamilies: number }> {
  const c = store.connection;
  await c.run(
    `CREATE OR REPLACE TEMP TABLE near_dup_post_families (rid DOUBLE, f INTEGER, shared INTEGER)`,
  );
  await appendColumns(store, 'near_dup_post_families', [posts.rows, posts.family, posts.shared]);
  // Only the posts of shared families can link accounts or be counted as skipped (families of one
  // post have one account), so only they are joined to their names and times: joining all 8.7M
  // texts' posts took 8 s at 10M posts, DISTINCT over their names 11 s. Each keeps its row id, so
  // the sample text is read by row id and not by (platform, post_id).
  await c.run(`CREATE OR REPLACE TEMP TABLE near_dup_occurrences AS
    SELECT p.platform, p.post_id, p.account_id, epoch_ms(p.created_at) AS t, s.f, s.rid::BIGINT AS rid
    FROM near_dup_post_families s JOIN posts p ON p.rowid = s.rid::BIGINT WHERE s.shared = 1`);
  await c.run(`CREATE OR REPLACE TEMP TABLE near_dup_family_accounts AS
    SELECT f, count(*) AS accounts FROM (SELECT DISTINCT f, platform, account_id FROM near_dup_occurrences) GROUP BY f`);
  const skippedFamilies = await scalar(
    store,
    `SELECT count(*) FROM near_dup_family_accounts WHERE accounts > ${params.maxAccounts}`,
  );
  const k = Math.max(1, Math.floor(params.evidenceLimit));
  // Without a window each account's first post in the family stands for it.
  const occ =
    params.window === null
      ? `(SELECT platform, account_id, f, arg_min(post_id, (t, post_id)) AS post_id, arg_min(rid, (t, post_id)) AS rid, min(t) AS t FROM near_dup_occurrences WHERE f IN (SELECT f FROM near_dup_family_accounts WHERE accounts BETWEEN 2 AND ${params.maxAccounts}) GROUP BY ALL)`
      : `(SELECT * FROM near_dup_occurrences WHERE f IN (SELECT f FROM near_dup_family_accounts WHERE accounts BETWEEN 2 AND ${params.maxAccounts}))`;
  const within =
    params.window === null ? '' : `AND abs(a.t - b.t) <= ${Math.round(params.window * 1000)}`;
  const r = await replaceSignalRows(store, 'near-duplicate-text', params, async () => {
    await c.run(`INSERT INTO ${EDGE_STAGE}
      WITH o AS ${occ},
      pairs AS (SELECT a.platform AS pa, a.account_id AS ua, b.platform AS pb, b.account_id AS ub, a.f, a.post_id AS ma, b.post_id AS mb, abs(a.t - b.t) AS dt
        FROM o a JOIN o b ON a.f = b.f AND (a.platform, a.account_id) < (b.platform, b.account_id) ${within}),
      sample AS (SELECT o.f, left(min(p.text), 120) AS text FROM o JOIN posts p ON p.rowid = o.rid WHERE o.f IN (SELECT DISTINCT f FROM pairs) GROUP BY o.f)
      SELECT 'near-duplicate-text', pa, ua, pb, ub, families, NULL, NULL, dt, texts[1:${k}],
        list_transform(posts[1:${k}], x -> x.ma || '~' || x.mb), families, NULL
      FROM (
        -- Sorted and deduplicated as lists: DISTINCT and ORDER BY inside the aggregate took
        -- 6.7 s for 160k message pairs at 1M posts.
        SELECT pa, ua, pb, ub, len(list_distinct(list(pairs.f))) AS families, avg(dt) / 1000.0 AS dt,
          list_sort(list_distinct(list(s.text))) AS texts, list_sort(list({'ma': ma, 'mb': mb})) AS posts
        FROM pairs JOIN sample s ON s.f = pairs.f GROUP BY pa, ua, pb, ub)
      WHERE families >= ${params.minWeight}`);
    // Null: authors of all texts over the length floor reshuffled; matches are the account pairs
    // of the families that can link (2..maxAccounts accounts), as the edge weight counts families.
    // One stratum: the texts' times are not needed, only who posted each (read, not stored).
    await writeExpected(store, 'near-duplicate-text', {
      occurrences: `SELECT p.platform, p.account_id AS acc, 0 AS t FROM near_dup_post_families s JOIN posts p ON p.rowid = s.rid::BIGINT`,
      pairs: `SELECT 0 AS t, accounts * (accounts - 1) / 2 AS n FROM near_dup_family_accounts WHERE accounts BETWEEN 2 AND ${params.maxAccounts}`,
      strata: 'none',
    });
    return counts;
  });
  return { edges: r.edges, skippedFamilies };
}

/** Drops the temp tables of near-duplicate text. */
export async function dropNearDuplicateStage(store: Store): Promise<void> {
  await dropTables(store, [
    'near_dup_post_families',
    'near_dup_occurrences',
    'near_dup_family_accounts',
  ]);
}
