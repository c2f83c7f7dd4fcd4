// The set work of near-duplicate images in DuckDB: reading the hashed post images, and pairing the
// accounts of each image family (the family numbering, by multi-index hashing, is JS).
import type { Store } from '../store/index.js';
import { appendColumns, dropTables, EDGE_STAGE, scalar, streamColumns } from '../store/index.js';
import { writeExpected } from './null-model.sql.js';
import { replaceSignalRows } from './signal-io.sql.js';

/** The post images near-duplicate image considers: hashed rows of post_media. */
const IMAGES = 'FROM post_media WHERE hash IS NOT NULL';

/** Reads every hashed post image: its post_media row id and its hash as two int32 halves. */
export async function readImageHashes(
  store: Store,
): Promise<{ rows: Float64Array; hi: Int32Array; lo: Int32Array }> {
  const n = await scalar(store, `SELECT count(*) ${IMAGES}`);
  const rows = new Float64Array(n);
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  let at = 0;
  for await (const [r, h, l] of streamColumns(
    store,
    `SELECT rowid::DOUBLE, (hash >> 32)::INTEGER, (hash & 4294967295)::DOUBLE ${IMAGES}`,
    ['double', 'int', 'double'],
  )) {
    for (let i = 0; i < r!.length && at < n; i++, at++) {
      rows[at] = r![i]!;
      hi[at] = h![i]!;
      lo[at] = l![i]! | 0;
    }
  }
  return { rows, hi, lo };
}

/** Parameters of {@link writeImageEdges}. */
export interface ImageEdgeParams {
  readonly window: number | null;
  readonly maxAccounts: number;
  readonly minWeight: number;
  readonly evidenceLimit: number;
}

/**
 * Writes the 'near-duplicate-image' edges: accounts linked by each image family both posted in
 * (within `window` seconds when set), families over `maxAccounts` accounts skipped. `images` gives
 * each hashed post image (by post_media row id) its family's number.
 */
export async function writeImageEdges(
  store: Store,
  images: { readonly rows: Float64Array; readonly family: Int32Array },
  params: ImageEdgeParams & { readonly k: number },
  counts: { items: number; skipped: number },
): Promise<{ edges: number; skippedFamilies: number }> {
  const c = store.connection;
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE ni_stage (rid DOUBLE, f INTEGER)`);
    await appendColumns(store, 'ni_stage', [images.rows, images.family]);
    // One occurrence per post and family (a post with two copies of one picture counts once).
    await c.run(`CREATE OR REPLACE TEMP TABLE ni_occ AS
      SELECT m.platform, m.post_id, m.account_id, epoch_ms(p.created_at) AS t, s.f, min(m.media_id) AS media_id
      FROM ni_stage s JOIN post_media m ON m.rowid = s.rid::BIGINT
      JOIN posts p ON p.platform = m.platform AND p.post_id = m.post_id GROUP BY ALL`);
    await c.run(
      `CREATE OR REPLACE TEMP TABLE ni_size AS SELECT f, count(DISTINCT (platform, account_id)) AS accounts FROM ni_occ GROUP BY f`,
    );
    const skippedFamilies = await scalar(
      store,
      `SELECT count(*) FROM ni_size WHERE accounts > ${params.maxAccounts}`,
    );
    const k = Math.max(1, Math.floor(params.evidenceLimit));
    const linking = `f IN (SELECT f FROM ni_size WHERE accounts BETWEEN 2 AND ${params.maxAccounts})`;
    // Without a window each account's first post in the family stands for it.
    const occ =
      params.window === null
        ? `(SELECT platform, account_id, f, arg_min(post_id, (t, post_id)) AS post_id, arg_min(media_id, (t, post_id)) AS media_id, min(t) AS t FROM ni_occ WHERE ${linking} GROUP BY platform, account_id, f)`
        : `(SELECT * FROM ni_occ WHERE ${linking})`;
    const within =
      params.window === null ? '' : `AND abs(a.t - b.t) <= ${Math.round(params.window * 1000)}`;
    const r = await replaceSignalRows(store, 'near-duplicate-image', params, async () => {
      // Evidence: per shared family, the two accounts' media ids (`idA≈idB`); posts as `postA~postB`.
      await c.run(`INSERT INTO ${EDGE_STAGE}
        WITH o AS ${occ},
        pairs AS (SELECT a.platform AS pa, a.account_id AS ua, b.platform AS pb, b.account_id AS ub, a.f,
            a.post_id AS ma, b.post_id AS mb, a.media_id || '≈' || b.media_id AS ev, abs(a.t - b.t) AS dt
          FROM o a JOIN o b ON a.f = b.f AND (a.platform, a.account_id) < (b.platform, b.account_id) ${within})
        SELECT 'near-duplicate-image', pa, ua, pb, ub, count(DISTINCT f), NULL, NULL, avg(dt) / 1000.0,
          list(DISTINCT ev ORDER BY ev)[1:${k}], list(ma || '~' || mb ORDER BY ma, mb)[1:${k}],
          count(DISTINCT f), NULL
        FROM pairs GROUP BY pa, ua, pb, ub HAVING count(DISTINCT f) >= ${params.minWeight}`);
      // Null: authors of all hashed images reshuffled; matches are the account pairs of the
      // families that can link, as the edge weight counts families (as near-duplicate text).
      await writeExpected(store, 'near-duplicate-image', {
        occurrences: 'SELECT platform, account_id AS acc, t FROM ni_occ',
        pairs: `SELECT 0 AS t, accounts * (accounts - 1) / 2 AS n FROM ni_size WHERE accounts BETWEEN 2 AND ${params.maxAccounts}`,
        strata: 'none',
      });
      return counts;
    });
    return { edges: r.edges, skippedFamilies };
  } finally {
    await dropTables(store, ['ni_stage', 'ni_occ', 'ni_size']);
  }
}
