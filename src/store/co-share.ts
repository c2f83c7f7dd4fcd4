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
import { sqlString } from './load-records.js';
import type { Store } from './open-store.js';
import { replaceSignalRows } from './signal-io.js';

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

// Builds cs_pairs(ua, ub, ma, mb, oid, dt) over integer codes: accounts (cs_acc, ordered by
// platform and id, so ua < ub is the pair order), objects (cs_obj, ordered by text) and messages
// (cs_msg, ordered by id). Integers keep the pair table small enough to spill instead of running
// out of memory at 10M posts.
async function preparePairs(
  store: Store,
  object: CoShareObject,
  windowSeconds: number,
): Promise<number> {
  const c = store.connection;
  const w = Math.round(windowSeconds * 1000);
  const bucket = Math.max(w, 1);
  await c.run(
    `CREATE OR REPLACE TEMP TABLE cs_src AS SELECT platform, msg, acc, t, obj FROM (${object.source}) WHERE obj IS NOT NULL`,
  );
  await c.run(
    `CREATE OR REPLACE TEMP TABLE cs_acc AS SELECT (row_number() OVER (ORDER BY platform, acc))::INTEGER AS aid, platform, acc FROM (SELECT DISTINCT platform, acc FROM cs_src)`,
  );
  await c.run(
    `CREATE OR REPLACE TEMP TABLE cs_obj AS SELECT (row_number() OVER (ORDER BY obj))::INTEGER AS oid, obj FROM (SELECT DISTINCT obj FROM cs_src)`,
  );
  await c.run(
    `CREATE OR REPLACE TEMP TABLE cs_msg AS SELECT (row_number() OVER (ORDER BY msg, platform))::BIGINT AS mid, platform, msg FROM (SELECT DISTINCT platform, msg FROM cs_src)`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE cs_s AS SELECT a.aid, o.oid, m.mid, s.t, s.t // ${bucket} AS bkt
    FROM cs_src s JOIN cs_acc a ON a.platform = s.platform AND a.acc = s.acc JOIN cs_obj o ON o.obj = s.obj JOIN cs_msg m ON m.platform = s.platform AND m.msg = s.msg`);
  await c.run('DROP TABLE cs_src');
  await c.run(`CREATE OR REPLACE TEMP TABLE cs_pairs AS
    SELECT a.aid AS ua, b.aid AS ub, a.mid AS ma, b.mid AS mb, a.oid, abs(a.t - b.t) AS dt
    FROM cs_s a JOIN (SELECT *, bkt + d AS jb FROM cs_s, (VALUES (-1), (0), (1)) AS shift(d)) b ON a.oid = b.oid AND a.bkt = b.jb
    WHERE abs(a.t - b.t) <= ${w} AND a.mid <> b.mid`);
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
      `SELECT a.platform, a.acc, b.platform, b.acc, d.w FROM (SELECT ua, ub, count(DISTINCT ma) AS w FROM cs_pairs GROUP BY ALL) d
        JOIN cs_acc a ON a.aid = d.ua JOIN cs_acc b ON b.aid = d.ub ORDER BY ALL`,
    );
    return reader.getRows().map((r) => ({
      platformA: String(r[0]),
      accountA: String(r[1]),
      platformB: String(r[2]),
      accountB: String(r[3]),
      weight: Number(r[4]),
    }));
  } finally {
    await dropTemp(store);
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
        WITH directed AS (SELECT ua, ub, count(DISTINCT ma) AS w FROM cs_pairs WHERE ua <> ub GROUP BY ALL),
        pairs AS (
          SELECT ua, ub, count(DISTINCT oid) AS weight, avg(dt) / 1000.0 AS mean_dt,
            list_sort(list_distinct(min(oid, ${k * 4})))[1:${k}] AS ev, list_sort(min(ma * 4294967296 + mb, ${k})) AS evp
          FROM cs_pairs WHERE ua < ub GROUP BY ALL HAVING count(DISTINCT oid) >= ${options.minWeight})
        SELECT ${sqlString(signal)}, a.platform, a.acc, b.platform, b.acc, p.weight, coalesce(ab.w, 0), coalesce(ba.w, 0), p.mean_dt,
          (SELECT list(o.obj ORDER BY o.oid) FROM unnest(p.ev) AS u(x) JOIN cs_obj o ON o.oid = u.x),
          (SELECT list(m1.msg || '~' || m2.msg ORDER BY u.x) FROM unnest(p.evp) AS u(x)
             JOIN cs_msg m1 ON m1.mid = u.x // 4294967296 JOIN cs_msg m2 ON m2.mid = u.x % 4294967296)
        FROM pairs p JOIN cs_acc a ON a.aid = p.ua JOIN cs_acc b ON b.aid = p.ub
          LEFT JOIN directed ab ON ab.ua = p.ua AND ab.ub = p.ub
          LEFT JOIN directed ba ON ba.ua = p.ub AND ba.ub = p.ua`);
      return { items, skipped: 0 };
    });
    return { edges: r.edges, items };
  } finally {
    await dropTemp(store);
  }
}

async function dropTemp(store: Store): Promise<void> {
  for (const t of ['cs_src', 'cs_acc', 'cs_obj', 'cs_msg', 'cs_s', 'cs_pairs'])
    await store.connection.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}
