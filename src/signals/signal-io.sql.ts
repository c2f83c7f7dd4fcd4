// Signal I/O: whether a signal run is current, edges written back in bulk, evidence of edges.

import type { Store } from '../store/index.js';
import {
  deleteEdges,
  dropTables,
  EDGE_STAGE,
  keyEdgeStatements,
  scalar,
  signalId,
  sqlString,
  STAGE_COLUMNS,
} from '../store/index.js';
import { CO_SHARE_OBJECTS } from './co-share-objects.js';

/** Most message pairs {@link edgeEvidence} returns for one edge. */
export const EVIDENCE_PAIRS = 100;

/** What a signal run wrote: edges, items considered, items skipped. */
export interface SignalRunCounts {
  readonly edges: number;
  readonly items: number;
  readonly skipped: number;
}

/**
 * Replaces a signal's edges in one transaction: deletes them, lets `insert` write the new ones
 * (and say how many items it considered and skipped), records the run. `insert` either inserts
 * rows into the staging table {@link EDGE_STAGE} (the columns of {@link STAGE_COLUMNS}), keyed
 * afterwards, or writes the keyed tables itself under the signal key `sid` it is given.
 */
export async function replaceSignalRows(
  store: Store,
  signal: string,
  params: unknown,
  insert: (sid: number) => Promise<{ items: number; skipped: number }>,
): Promise<SignalRunCounts> {
  // Signals computed side by side (detect) write one at a time: the keys they take are the next
  // free ones.
  return store.exclusive(() => replaceRows(store, signal, params, insert));
}

async function replaceRows(
  store: Store,
  signal: string,
  params: unknown,
  insert: (sid: number) => Promise<{ items: number; skipped: number }>,
): Promise<SignalRunCounts> {
  const c = store.connection;
  try {
    await c.run('BEGIN TRANSACTION');
    const sid = await signalId(store, signal);
    await deleteEdges(store, sid);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${EDGE_STAGE} (${STAGE_COLUMNS})`);
    const { items, skipped } = await insert(sid);
    if ((await scalar(store, `SELECT count(*) FROM ${EDGE_STAGE}`)) > 0)
      for (const statement of keyEdgeStatements(
        `(SELECT * EXCLUDE (signal) FROM ${EDGE_STAGE})`,
        sid,
      ))
        await c.run(statement);
    const edges = await scalar(store, `SELECT count(*) FROM edge_rows WHERE sid = ${sid}`);
    await c.run(
      `INSERT INTO signal_runs VALUES (${sqlString(signal)}, ${sqlString(JSON.stringify(params))}, now(), ${edges}, ${items}, ${skipped})`,
    );
    await c.run('COMMIT');
    return { edges, items, skipped };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await dropTables(store, [EDGE_STAGE]);
  }
}

/** A post of an evidence pair. */
export interface EvidencePost {
  readonly postId: string;
  readonly createdAt: string;
  readonly text: string | null;
  readonly urls: readonly string[];
  /** Thumbnails of the post's hashed pictures (WebP data URIs), when it has any. */
  readonly images?: readonly string[];
}

/** One evidence pair behind an edge: a post by each account, and their gap. */
export interface EvidencePair {
  readonly a: EvidencePost;
  readonly b: EvidencePost;
  readonly dtSeconds: number;
}

/** The window in ms of a signal's last run (0 when it has none). */
async function lastWindowMs(store: Store, signal: string): Promise<number> {
  const reader = await store.connection.runAndReadAll(
    `SELECT params FROM signal_runs WHERE signal = ${sqlString(signal)} ORDER BY computed_at DESC LIMIT 1`,
  );
  const params = reader.getRows()[0]?.[0];
  return Math.round(Number(JSON.parse(String(params ?? '{}')).window ?? 0) * 1000);
}

/**
 * Returns the posts behind one edge of a signal (the message pairs that make it), oldest pair
 * first, at most {@link EVIDENCE_PAIRS}; an empty list when the pair has no edge for that signal.
 */
export async function edgeEvidence(
  store: Store,
  signal: string,
  platformA: string,
  accountA: string,
  platformB: string,
  accountB: string,
): Promise<EvidencePair[]> {
  const [[pa, ua], [pb, ub]] =
    `${platformA}\u0000${accountA}` < `${platformB}\u0000${accountB}`
      ? [
          [platformA, accountA],
          [platformB, accountB],
        ]
      : [
          [platformB, accountB],
          [platformA, accountA],
        ];
  const edge = `signal = ${sqlString(signal)} AND platform_a = ${sqlString(pa)} AND account_a = ${sqlString(ua)} AND platform_b = ${sqlString(pb)} AND account_b = ${sqlString(ub)}`;
  // Co-share edges keep no message pairs: they are found again by the definition, with the window
  // of the signal's last run, among the two accounts' shares of the edge's objects.
  const object = CO_SHARE_OBJECTS[signal];
  const pairs = object
    ? `WITH s AS (SELECT platform, msg, acc, t, obj FROM (${object.source})
         WHERE (platform = ${sqlString(pa)} AND acc = ${sqlString(ua)}) OR (platform = ${sqlString(pb)} AND acc = ${sqlString(ub)})),
       ok AS (SELECT 1 FROM signal_edge_weights WHERE ${edge})
       SELECT DISTINCT a.msg AS ma, b.msg AS mb FROM s a JOIN s b ON a.obj = b.obj AND abs(a.t - b.t) <= ${await lastWindowMs(store, signal)}
       WHERE a.platform = ${sqlString(pa)} AND a.acc = ${sqlString(ua)} AND b.platform = ${sqlString(pb)} AND b.acc = ${sqlString(ub)}
         AND EXISTS (SELECT 1 FROM ok)`
    : `SELECT split_part(pair, '~', 1) AS ma, split_part(pair, '~', 2) AS mb
       FROM (SELECT p.posts AS pair FROM signal_edge_weights w JOIN edge_posts p ON p.sid = w.sid AND p.pair = w.pair WHERE ${edge})`;
  const reader = await store.connection.runAndReadAll(`
    WITH e AS (${pairs})
    SELECT x.post_id, strftime(x.created_at, '%Y-%m-%dT%H:%M:%SZ'), x.text, x.urls, y.post_id, strftime(y.created_at, '%Y-%m-%dT%H:%M:%SZ'), y.text, y.urls,
      abs(epoch(x.created_at) - epoch(y.created_at)), ${thumbs('x')}, ${thumbs('y')}
    FROM e JOIN posts x ON x.platform = ${sqlString(pa)} AND x.post_id = e.ma
      JOIN posts y ON y.platform = ${sqlString(pb)} AND y.post_id = e.mb
    ORDER BY least(x.created_at, y.created_at), x.post_id, y.post_id LIMIT ${EVIDENCE_PAIRS}`);
  return reader.getRowsJson().map((r) => {
    const row = r as unknown as [
      string,
      string,
      string | null,
      string[],
      string,
      string,
      string | null,
      string[],
      number,
      string[] | null,
      string[] | null,
    ];
    // Pictures only where a post has them, so evidence without images reads as before.
    const images = (list: string[] | null) => (list && list.length > 0 ? { images: list } : {});
    return {
      a: { postId: row[0], createdAt: row[1], text: row[2], urls: row[3], ...images(row[9]) },
      b: { postId: row[4], createdAt: row[5], text: row[6], urls: row[7], ...images(row[10]) },
      dtSeconds: Number(row[8]),
    };
  });
}

/** SQL for the thumbnails of post `alias`'s hashed pictures, in media id order (NULL for none). */
const thumbs = (alias: string) =>
  `(SELECT list(m.thumb ORDER BY m.media_id) FROM post_media m WHERE m.platform = ${alias}.platform AND m.post_id = ${alias}.post_id AND m.thumb IS NOT NULL)`;

/**
 * The parameters the signal's last run recorded, when that run is current: it had the requested
 * parameters (it may record more, such as `minWeightUsed`), came after the last ingest, and its
 * tested edges all have expectations. Null otherwise.
 */
export async function currentSignalRun(
  store: Store,
  signal: string,
  params: unknown,
): Promise<Record<string, unknown> | null> {
  const reader = await store.connection.runAndReadAll(`
    SELECT params, computed_at >= coalesce((SELECT max(finished_at) FROM ingest_runs), '-infinity'::TIMESTAMPTZ)
    FROM signal_runs WHERE signal = ${sqlString(signal)} ORDER BY computed_at DESC LIMIT 1`);
  const row = reader.getRows()[0];
  if (!row || row[1] !== true) return null;
  const stored = JSON.parse(String(row[0])) as Record<string, unknown>;
  const wanted = params as Record<string, unknown>;
  if (
    Object.keys(wanted).some((key) => JSON.stringify(stored[key]) !== JSON.stringify(wanted[key]))
  )
    return null;
  const untested = await scalar(
    store,
    `SELECT count(*) FROM signal_edge_weights WHERE signal = ${sqlString(signal)} AND observed IS NOT NULL AND expected IS NULL`,
  );
  return untested === 0 ? stored : null;
}
