// Co-sharing in DuckDB: accounts linked by shares of the same object within a time window.
//
// Definition (DESIGN.md, as the QUT coordination-network-toolkit): u ≠ v are linked when a share
// by u and a share by v of the same object lie within |Δt| ≤ window (inclusive), a message never
// matching itself. Directed weight u→v = distinct messages of u with a match by v; undirected
// weight = distinct objects co-shared; mean |Δt| over matched message pairs.
//
// Never all pairs of a viral object: shares are bucketed by time into window-wide buckets and
// only the same and adjacent buckets are joined (a sweep in SQL), so the work per object grows
// with the pairs inside the window, not with the square of its shares.
import { writeExpected } from './null-model.js';
import type { Store } from './open-store.js';
import { replaceSignalRows } from './signal-io.js';
import { dropTables, sqlString } from './sql.js';

/** The object a co-share signal is about, as SQL over `posts` (one row per message and object). */
export interface CoShareObject {
  /** Signal name, e.g. 'co-share:url'. */
  readonly signal: string;
  /** SELECT list producing (platform, msg, acc, t, obj) rows from posts; obj may come from unnest. */
  readonly source: string;
}

/** The object types co-sharing is computed for. */
export const CO_SHARE_OBJECTS: Readonly<Record<string, CoShareObject>> = {
  'co-share:post': {
    signal: 'co-share:post',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, platform || ':' || shared_post_id AS obj FROM posts WHERE shared_post_id IS NOT NULL`,
  },
  'co-share:url': {
    signal: 'co-share:url',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, unnest(urls) AS obj FROM posts WHERE len(urls) > 0`,
  },
  'co-share:domain': {
    signal: 'co-share:domain',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, unnest(domains) AS obj FROM posts WHERE len(domains) > 0`,
  },
  'co-share:hashtag': {
    signal: 'co-share:hashtag',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, unnest(hashtags) AS obj FROM posts WHERE len(hashtags) > 0`,
  },
  'co-share:media': {
    signal: 'co-share:media',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, unnest(media) AS obj FROM posts WHERE len(media) > 0`,
  },
  // Replies and comments to the same parent post (comment flooding).
  'co-reply': {
    signal: 'co-reply',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, platform || ':' || parent_post_id AS obj FROM posts WHERE parent_post_id IS NOT NULL AND kind IN ('reply', 'comment')`,
  },
  // Identical normalized text of 20+ characters, on posts that carry their own text.
  'co-share:text': {
    signal: 'co-share:text',
    source: `SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, text_norm AS obj FROM posts WHERE text_norm IS NOT NULL AND length(text_norm) >= 20 AND kind NOT IN ('share', 'reaction')`,
  },
};

/** Options of {@link computeCoShare}. */
export interface CoShareOptions {
  /** Largest |Δt| in seconds that still counts (inclusive). */
  readonly window: number;
  /** Smallest undirected weight (distinct objects) an edge needs. */
  readonly minWeight: number;
  /** Objects and message pairs kept as evidence per edge. */
  readonly evidenceLimit: number;
}

/** A directed co-share edge, self-loops included (an account sharing an object twice in the window). */
export interface DirectedEdge {
  readonly platformA: string;
  readonly accountA: string;
  readonly platformB: string;
  readonly accountB: string;
  readonly weight: number;
}

async function preparePairs(
  store: Store,
  object: CoShareObject,
  windowSeconds: number,
): Promise<number> {
  const c = store.connection;
  const w = Math.round(windowSeconds * 1000);
  const bucket = Math.max(w, 1);
  await c.run(
    `CREATE OR REPLACE TEMP TABLE cs_s AS SELECT platform, msg, acc, t, obj, t // ${bucket} AS bkt FROM (${object.source}) WHERE obj IS NOT NULL`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE cs_pairs AS
    SELECT a.platform AS pa, a.acc AS ua, a.msg AS ma, b.platform AS pb, b.acc AS ub, b.msg AS mb, a.obj AS obj, a.t AS ta, abs(a.t - b.t) AS dt
    FROM cs_s a JOIN (SELECT *, bkt + d AS jb FROM cs_s, (VALUES (-1), (0), (1)) AS shift(d)) b ON a.obj = b.obj AND a.bkt = b.jb
    WHERE abs(a.t - b.t) <= ${w} AND (a.msg <> b.msg OR a.platform <> b.platform)`);
  const rows = (await c.runAndReadAll('SELECT count(*) FROM cs_s')).getRows();
  return Number(rows[0]?.[0] ?? 0);
}

/** Returns the directed co-share edges (QUT toolkit semantics, self-loops included), for parity checks. */
export async function directedCoShare(
  store: Store,
  signal: string,
  windowSeconds: number,
): Promise<DirectedEdge[]> {
  const object = CO_SHARE_OBJECTS[signal];
  if (!object) throw new Error(`unknown co-share signal ${signal}`);
  await preparePairs(store, object, windowSeconds);
  try {
    const reader = await store.connection.runAndReadAll(
      `SELECT pa, ua, pb, ub, count(DISTINCT ma) FROM cs_pairs GROUP BY ALL ORDER BY ALL`,
    );
    return reader.getRows().map((r) => ({
      platformA: String(r[0]),
      accountA: String(r[1]),
      platformB: String(r[2]),
      accountB: String(r[3]),
      weight: Number(r[4]),
    }));
  } finally {
    await dropTables(store, ['cs_s', 'cs_pairs']);
  }
}

/** Computes one co-share signal into `signal_edges` (replacing its rows); returns edge and item counts. */
export async function computeCoShare(
  store: Store,
  signal: string,
  options: CoShareOptions,
): Promise<{ edges: number; items: number }> {
  const object = CO_SHARE_OBJECTS[signal];
  if (!object) throw new Error(`unknown co-share signal ${signal}`);
  const c = store.connection;
  const items = await preparePairs(store, object, options.window);
  const k = Math.max(1, Math.floor(options.evidenceLimit));
  try {
    const r = await replaceSignalRows(store, signal, options, async () => {
      await c.run(`INSERT INTO signal_edges
      WITH directed AS (SELECT pa, ua, pb, ub, count(DISTINCT ma) AS w FROM cs_pairs WHERE pa <> pb OR ua <> ub GROUP BY ALL),
      pairs AS (
        SELECT pa, ua, pb, ub, count(DISTINCT obj) AS weight, avg(dt) / 1000.0 AS mean_dt,
          list(DISTINCT obj ORDER BY obj)[1:${k}] AS evidence,
          list(ma || '~' || mb ORDER BY ma, mb)[1:${k}] AS evidence_posts
        FROM cs_pairs WHERE (pa, ua) < (pb, ub) GROUP BY ALL HAVING count(DISTINCT obj) >= ${options.minWeight})
      SELECT ${sqlString(signal)}, p.pa, p.ua, p.pb, p.ub, p.weight, coalesce(ab.w, 0), coalesce(ba.w, 0), p.mean_dt, p.evidence, p.evidence_posts,
        p.weight, NULL
      FROM pairs p
        LEFT JOIN directed ab ON ab.pa = p.pa AND ab.ua = p.ua AND ab.pb = p.pb AND ab.ub = p.ub
        LEFT JOIN directed ba ON ba.pa = p.pb AND ba.ua = p.ub AND ba.pb = p.pa AND ba.ub = p.ua`);
      await writeExpected(store, signal, {
        occurrences: 'SELECT platform, acc, t FROM cs_s',
        // One match per object and account pair, as the edge weight counts objects.
        pairs:
          'SELECT min(ta) AS t, 1 AS n FROM cs_pairs WHERE (pa, ua) < (pb, ub) GROUP BY obj, pa, ua, pb, ub',
        strata: 'hour-of-week',
      });
      return { items, skipped: 0 };
    });
    return { edges: r.edges, items };
  } finally {
    await dropTables(store, ['cs_s', 'cs_pairs']);
  }
}
