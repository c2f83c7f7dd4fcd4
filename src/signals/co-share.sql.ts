// Co-sharing in DuckDB: accounts linked by shares of the same object within a time window.
//
// Definition (DESIGN.md, as the QUT coordination-network-toolkit): u ≠ v are linked when a share
// by u and a share by v of the same object lie within |Δt| ≤ window (inclusive), a message never
// matching itself. Directed weight u→v = distinct messages of u with a match by v; undirected
// weight = distinct objects co-shared; mean |Δt| over matched message pairs.
//
// Two implementations. `directedCoShare` is the reference in SQL (QUT semantics, self-loops kept):
// shares are bucketed by time into window-wide buckets and only the same and adjacent buckets are
// joined. The signal itself (`loadShares` → the sweep in src/signals/co-share-sweep.ts →
// `writeCoShare`) hands DuckDB's shares to JS as dense integer ids sorted by (object, time) and
// takes back integer pairs and evidence rows; DuckDB keeps and joins the strings. The SQL join
// with DISTINCT and list aggregates over every in-window message pair took 200 s at 10M posts.
import { workerAnswer } from '../core/index.js';
import type { ChunkColumn, Store } from '../store/index.js';
import {
  appendColumns,
  dropTables,
  NEXT_ACCOUNT_KEY,
  NEXT_VALUE_KEY,
  readColumn,
  scalars,
} from '../store/index.js';
import type { CoShareObject } from './co-share-objects.js';
import { CO_SHARE_OBJECTS } from './co-share-objects.js';
import { PairBudgetError, sweepShares } from './co-share-sweep.js';
import type { HourCounts } from './hour-of-week.js';
import { expectedByHourOfWeek, hourOfWeek } from './hour-of-week.js';
import { replaceSignalRows } from './signal-io.sql.js';
import { groupByKey } from './typed.js';

/** Options of a co-share signal. */
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
    `CREATE OR REPLACE TEMP TABLE co_share_rows AS SELECT platform, msg, acc, t, obj, t // ${bucket} AS bkt FROM (${object.source}) WHERE obj IS NOT NULL`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE co_share_pairs AS
    SELECT a.platform AS pa, a.acc AS ua, a.msg AS ma, b.platform AS pb, b.acc AS ub, b.msg AS mb, a.obj AS obj, a.t AS ta, abs(a.t - b.t) AS dt
    FROM co_share_rows a JOIN (SELECT *, bkt + d AS jb FROM co_share_rows, (VALUES (-1), (0), (1)) AS shift(d)) b ON a.obj = b.obj AND a.bkt = b.jb
    WHERE abs(a.t - b.t) <= ${w} AND (a.msg <> b.msg OR a.platform <> b.platform)`);
  const rows = (await c.runAndReadAll('SELECT count(*) FROM co_share_rows')).getRows();
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
      `SELECT pa, ua, pb, ub, count(DISTINCT ma) FROM co_share_pairs GROUP BY ALL ORDER BY ALL`,
    );
    return reader.getRows().map((r) => ({
      platformA: String(r[0]),
      accountA: String(r[1]),
      platformB: String(r[2]),
      accountB: String(r[3]),
      weight: Number(r[4]),
    }));
  } finally {
    await dropTables(store, ['co_share_rows', 'co_share_pairs']);
  }
}

/** Shares sorted by (obj, t, msg) as dense ids; all arrays of the same length. */
export interface ShareArrays {
  readonly obj: Int32Array;
  /** Epoch milliseconds. */
  readonly t: Float64Array;
  readonly acc: Int32Array;
  readonly msg: Int32Array;
  /** Number of distinct accounts (ids are 0..accounts-1, in (platform, account) order). */
  readonly accounts: number;
  /** Number of distinct messages (ids are 0..messages-1). */
  readonly messages: number;
  /** Occurrences: every message–object row of the signal, shared by one account or more. */
  readonly items: number;
  /**
   * Every occurrence (objects shared once too): its account and hour of the week (0 = Monday 00
   * UTC), for the null model's counts.
   */
  readonly occurrences: { readonly acc: Int32Array; readonly hour: Uint8Array };
}

/** Co-share pairs a < b (account ids of {@link ShareArrays}) with weights and evidence rows. */
export interface CoSharePairs {
  readonly pairs: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly objects: Int32Array;
  readonly wab: Int32Array;
  readonly wba: Int32Array;
  /** Seconds. */
  readonly meanDt: Float64Array;
  /** Evidence objects: (pair, object) rows, in the order to list them. */
  readonly evidenceObjects: { readonly pair: Int32Array; readonly obj: Int32Array };
  /** Matched (object, pair)s per hour of the week, 0 = Monday 00 UTC. */
  readonly matchesByHourOfWeek: Float64Array;
  /** The minimum weight the pairs were kept at (above the requested one if the sweep raised it). */
  readonly minWeight: number;
}

const SHARE_TABLES = [
  'co_share_rows',
  'co_share_hashes',
  'co_share_candidates',
  'co_share_accounts',
  'co_share_objects',
  'co_share_used_ids',
];

/**
 * Stages a signal's occurrences as temp tables: `co_share_candidates` (the occurrences that may be
 * of an object shared more than once, with their objects' strings), `co_share_objects` (objects
 * shared more than once, numbered in string order) and `co_share_accounts` (every account,
 * numbered in (platform, account) order). Returns the table of every occurrence: the candidates
 * themselves, or for a {@link CoShareObject.rarelyShared} object `co_share_rows`, whose rows not
 * among the candidates have their object as a hash only.
 *
 * Objects of texts are grouped by a 64-bit hash first and only the rows of hashes seen twice or
 * more are read again with their strings and counted exactly: at 1M posts 95% of the texts are
 * posted once, and keeping every text's string to group them was most of co-share:text's time.
 * Exact, not approximate: an object shared twice has its hash seen twice, so a collision can only
 * add rows to the exact count, never keep an object's rows out.
 */
async function stageShares(store: Store, object: CoShareObject): Promise<string> {
  const c = store.connection;
  const every = object.rarelyShared ? 'co_share_rows' : 'co_share_candidates';
  if (object.rarelyShared) {
    await c.run(`CREATE OR REPLACE TEMP TABLE co_share_rows AS
      SELECT platform, row, acc, t, hash(obj) AS h FROM (${object.source}) WHERE obj IS NOT NULL`);
    await c.run(`CREATE OR REPLACE TEMP TABLE co_share_hashes AS
      SELECT h FROM co_share_rows GROUP BY h HAVING count(*) > 1`);
  }
  // The candidates' rows again from the source (a post's rowid finds it; of a post with several
  // objects, only those with a candidate hash), so each keeps its multiplicity.
  await c.run(`CREATE OR REPLACE TEMP TABLE co_share_candidates AS
    SELECT platform, ${object.multi ? 'row, ' : ''}acc, t, obj FROM (${object.source}) WHERE obj IS NOT NULL
    ${
      object.rarelyShared
        ? `AND row IN (SELECT row FROM co_share_rows SEMI JOIN co_share_hashes USING (h))
           AND hash(obj) IN (SELECT h FROM co_share_hashes)`
        : ''
    }`);
  await c.run(`CREATE OR REPLACE TEMP TABLE co_share_objects AS
    SELECT obj, (row_number() OVER (ORDER BY obj) - 1)::INTEGER AS oi, count(*) AS n FROM co_share_candidates GROUP BY obj HAVING count(*) > 1`);
  // Every account of the signal gets an id (the null model counts all their occurrences); ids
  // follow (platform, account) order, so pairs come out in the same order whichever accounts match.
  await c.run(`CREATE OR REPLACE TEMP TABLE co_share_accounts AS
    SELECT platform, acc, (row_number() OVER (ORDER BY platform, acc) - 1)::INTEGER AS ai
    FROM (SELECT DISTINCT platform, acc FROM ${every})`);
  return every;
}

/** Streams a query's numeric columns into `columns` from row `at`; returns the row after the last. */
async function readInto(
  store: Store,
  sql: string,
  columns: readonly (Int32Array | Float64Array)[],
  at: number,
): Promise<number> {
  const result = await store.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return at;
    columns.forEach((col, i) => readColumn(chunk.getColumnVector(i), chunk.rowCount, col, at));
    at += chunk.rowCount;
  }
}

/**
 * Stages a co-share signal's shares (temp tables co_share_*) and returns them as dense ids sorted by
 * (object, time, message). Objects shared once can match nothing and are left out of the arrays
 * (but not out of `occurrences`). Call {@link writeCoShare} then {@link dropShares}.
 */
export async function loadShares(store: Store, signal: string): Promise<ShareArrays> {
  const object = CO_SHARE_OBJECTS[signal];
  if (!object) throw new Error(`unknown co-share signal ${signal}`);
  return loadObjectShares(store, object);
}

/** {@link loadShares} of an object given as such (tests stage one object both ways). */
export async function loadObjectShares(store: Store, object: CoShareObject): Promise<ShareArrays> {
  const every = await stageShares(store, object);
  // Messages need ids only where one can have several objects (otherwise a row is a message):
  // the post's rowid, renumbered densely below (in SQL, in (message, platform) order, 0.6 s at
  // 10M posts).
  const [items = 0, accounts = 0, rows = 0, rowIds = 0] = await scalars(
    store,
    `SELECT (SELECT count(*) FROM ${every}), (SELECT count(*) FROM co_share_accounts), (SELECT coalesce(sum(n), 0) FROM co_share_objects)
       ${object.multi ? ', (SELECT coalesce(max(row) + 1, 0) FROM co_share_candidates)' : ''}`,
  );
  if (rowIds > 2 ** 31 - 1) throw new Error(`co-share: post rowids past 2^31 (${rowIds})`);
  // All occurrences, those of objects shared more than once first (in sweep order), then the rest
  // (in any order: only their accounts and hours are counted).
  const all = {
    obj: new Int32Array(items),
    t: new Float64Array(items),
    acc: new Int32Array(items),
    msg: new Int32Array(object.multi ? items : 0),
  };
  const columns = object.multi ? [all.obj, all.t, all.acc, all.msg] : [all.obj, all.t, all.acc];
  const candidates = await readInto(
    store,
    `SELECT coalesce(o.oi, -1), s.t::DOUBLE, a.ai${object.multi ? ', s.row::INTEGER' : ''} FROM co_share_candidates s
       LEFT JOIN co_share_objects o ON o.obj = s.obj JOIN co_share_accounts a ON a.platform = s.platform AND a.acc = s.acc
     ORDER BY o.oi NULLS LAST, s.t, ${object.multi ? 's.row' : 'a.ai'}`,
    columns,
    0,
  );
  const at = object.rarelyShared
    ? await readInto(
        store,
        `SELECT -1, s.t::DOUBLE, a.ai FROM co_share_rows s ANTI JOIN co_share_hashes USING (h)
           JOIN co_share_accounts a ON a.platform = s.platform AND a.acc = s.acc`,
        [all.obj, all.t, all.acc],
        candidates,
      )
    : candidates;
  if (at !== items) throw new Error(`co-share: read ${at} occurrences of ${items}`);
  const hour = new Uint8Array(items);
  for (let i = 0; i < items; i++) hour[i] = hourOfWeek(all.t[i]!);
  const msg = object.multi ? all.msg.subarray(0, rows) : new Int32Array(rows);
  let messages = rows;
  if (object.multi) messages = denseIds(msg, rowIds);
  else for (let i = 0; i < rows; i++) msg[i] = i;
  return {
    obj: all.obj.subarray(0, rows),
    t: all.t.subarray(0, rows),
    acc: all.acc.subarray(0, rows),
    msg,
    accounts,
    messages,
    items,
    occurrences: { acc: all.acc, hour },
  };
}

/** Renumbers ids below `below` in place as 0, 1, 2, … in order of first appearance; returns the count. */
function denseIds(ids: Int32Array, below: number): number {
  const dense = new Int32Array(below).fill(-1);
  let next = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (dense[id] === -1) dense[id] = next++;
    ids[i] = dense[id]!;
  }
  return next;
}

/**
 * The null model's occurrence counts over all of the signal's shares (objects shared once too):
 * per hour of the week for each account in a pair (sparse rows), and over every account.
 */
export function hourOfWeekCounts(shares: ShareArrays, r: CoSharePairs): HourCounts {
  const { acc, hour } = shares.occurrences;
  const inPair = new Uint8Array(shares.accounts);
  for (let i = 0; i < r.pairs; i++) inPair[r.a[i]!] = inPair[r.b[i]!] = 1;
  const volume = new Float64Array(168);
  const keep = new Uint8Array(acc.length);
  for (let i = 0; i < acc.length; i++) {
    volume[hour[i]!]! += 1;
    keep[i] = inPair[acc[i]!]!;
  }
  // Occurrences of the accounts in pairs, grouped by account, then counted per hour.
  const { start, rows } = groupByKey(acc, shares.accounts, keep);
  // Per account, its hours with a count (at most one per occurrence, so `rows.length` bounds them).
  const histogram = new Float64Array(168);
  const rowStart = new Int32Array(shares.accounts + 1);
  const rowHour = new Uint8Array(rows.length);
  const rowCount = new Float64Array(rows.length);
  let at = 0;
  for (let u = 0; u < shares.accounts; u++) {
    if (start[u + 1]! > start[u]!) {
      for (let x = start[u]!; x < start[u + 1]!; x++) histogram[hour[rows[x]!]!]! += 1;
      for (let h = 0; h < 168; h++)
        if (histogram[h]! > 0) {
          rowHour[at] = h;
          rowCount[at++] = histogram[h]!;
          histogram[h] = 0;
        }
    }
    rowStart[u + 1] = at;
  }
  return { start: rowStart, hour: rowHour, count: rowCount, volume };
}

/**
 * Writes a co-share signal's pairs (replacing its edges) with their evidence objects and the null
 * model's expectations, straight into the keyed edge tables: the sweep's account and object ids
 * are the keys, so edges and evidence are appended as the typed arrays they are. Needs
 * {@link loadShares}'s tables. The message pairs behind an edge are not stored (21M of them at 10M
 * posts): `edgeEvidence` finds them on demand. `expected`, λ of each pair, may still be computing
 * (on a worker thread): it is awaited after the evidence is written.
 */
export async function writeCoShare(
  store: Store,
  signal: string,
  params: CoShareOptions,
  shares: ShareArrays,
  r: CoSharePairs,
  expected: Float64Array | Promise<Float64Array> = expectedByHourOfWeek(
    r.a,
    r.b,
    hourOfWeekCounts(shares, r),
    r.matchesByHourOfWeek,
  ),
): Promise<{ edges: number; items: number }> {
  const c = store.connection;
  const ev = r.evidenceObjects;
  const result = await replaceSignalRows(store, signal, params, async (sid) => {
    // Keys follow those in use: the sweep's account and object ids, shifted.
    const [accountKey = 0, valueKey = 0] = await scalars(
      store,
      `SELECT ${NEXT_ACCOUNT_KEY}, ${NEXT_VALUE_KEY}`,
    );
    // Only the accounts and objects the edges use (on the ring file 780 edges among 9.5k
    // accounts: writing all of them cost the case's close 0.1 s).
    await c.run('CREATE OR REPLACE TEMP TABLE co_share_used_ids (id INTEGER)');
    await appendColumns(store, 'co_share_used_ids', [used(r.pairs, [r.a, r.b])]);
    await c.run(`INSERT INTO edge_accounts SELECT ${sid}, ${accountKey} + ai, platform, acc
      FROM co_share_accounts SEMI JOIN co_share_used_ids ON co_share_used_ids.id = co_share_accounts.ai`);
    await c.run('CREATE OR REPLACE TEMP TABLE co_share_used_ids (id INTEGER)');
    await appendColumns(store, 'co_share_used_ids', [used(ev.obj.length, [ev.obj])]);
    await c.run(`INSERT INTO edge_values SELECT ${sid}, ${valueKey} + oi, obj
      FROM co_share_objects SEMI JOIN co_share_used_ids ON co_share_used_ids.id = co_share_objects.oi`);
    await appendEvidence(store, sid, ev, r.pairs, valueKey);
    const lambda = await expected;
    const pairs = r.pairs;
    await appendColumns(store, 'edge_rows', [
      constant(pairs, sid),
      chunkColumn('int', pairs, (into, from) => {
        for (let x = 0; x < into.length; x++) into[x] = from + x;
      }),
      shifted(r.a, pairs, accountKey),
      shifted(r.b, pairs, accountKey),
      chunkColumn('double', pairs, (into, from) =>
        into.set(r.objects.subarray(from, from + into.length)),
      ),
      r.wab,
      r.wba,
      r.meanDt,
      r.objects,
      lambda,
    ]);
    return { items: shares.items, skipped: 0 };
  });
  return { edges: result.edges, items: shares.items };
}

/**
 * Appends the evidence rows (sid, pair, rank, value key): each pair's rows come in object order
 * (the sweep meets u's objects in order), so their rank is their place among the pair's rows.
 */
async function appendEvidence(
  store: Store,
  sid: number,
  ev: CoSharePairs['evidenceObjects'],
  pairs: number,
  valueKey: number,
): Promise<void> {
  const seen = new Int32Array(pairs);
  const n = ev.pair.length;
  await appendColumns(store, 'edge_evidence', [
    constant(n, sid),
    ev.pair,
    // Chunks come in row order, so `seen` counts each pair's rows before this one.
    chunkColumn('int', n, (into, from) => {
      for (let x = 0; x < into.length; x++) into[x] = ++seen[ev.pair[from + x]!]!;
    }),
    shifted(ev.obj, n, valueKey),
  ]);
}

/** A column of `n` rows made a chunk at a time by `fill` (see {@link ChunkColumn}). */
function chunkColumn(type: ChunkColumn['type'], n: number, fill: ChunkColumn['fill']): ChunkColumn {
  return { type, length: n, fill };
}

/** An INTEGER column of `n` rows, all `value`. */
const constant = (n: number, value: number) => chunkColumn('int', n, (into) => into.fill(value));

/** The first `n` ids plus `by`, as an INTEGER column (the sweep's ids shifted to keys in use). */
const shifted = (ids: Int32Array, n: number, by: number) =>
  chunkColumn('int', n, (into, from) => {
    for (let x = 0; x < into.length; x++) into[x] = ids[from + x]! + by;
  });

/** The distinct ids among the first `n` of each array, ascending. */
function used(n: number, arrays: readonly Int32Array[]): Int32Array {
  let most = -1;
  for (const ids of arrays) for (let i = 0; i < n; i++) most = Math.max(most, ids[i]!);
  const seen = new Uint8Array(most + 1);
  let count = 0;
  for (const ids of arrays)
    for (let i = 0; i < n; i++)
      if (seen[ids[i]!] === 0) {
        seen[ids[i]!] = 1;
        count++;
      }
  const out = new Int32Array(count);
  for (let id = 0, x = 0; id <= most; id++) if (seen[id]) out[x++] = id;
  return out;
}

/** Drops the temp tables of {@link loadShares} and {@link writeCoShare}. */
export async function dropShares(store: Store): Promise<void> {
  await dropTables(store, SHARE_TABLES);
}

/** Pairs from which λ is computed on a worker thread, while this one writes the evidence. */
const WORKER_PAIRS = 1_000_000;

/** λ of the null model for each pair: on a worker thread from {@link WORKER_PAIRS} pairs. */
function expectedOf(
  shares: ShareArrays,
  r: CoSharePairs,
  workerPairs = WORKER_PAIRS,
): Promise<Float64Array> {
  const counts = hourOfWeekCounts(shares, r);
  if (r.pairs < workerPairs)
    return Promise.resolve(expectedByHourOfWeek(r.a, r.b, counts, r.matchesByHourOfWeek));
  // Handled, so that a failure while the evidence is written is not unhandled.
  return workerAnswer<Float64Array>(
    import.meta.url,
    'null-model-worker',
    { a: r.a, b: r.b, counts, matches: r.matchesByHourOfWeek },
    'null model worker',
  );
}

/**
 * Computes one co-share signal's edges (replacing its old ones); returns edge and item
 * counts and the minimum weight the edges were kept at. The run records its parameters, with
 * `minWeightUsed` when the sweep raised the minimum weight to stay within the pair budget.
 */
export async function computeCoShare(
  store: Store,
  signal: string,
  options: CoShareOptions & {
    readonly maxPairs?: number;
    readonly raiseMinWeight?: boolean;
    /** Pairs from which λ is computed on a worker thread (default {@link WORKER_PAIRS}). */
    readonly workerPairs?: number;
  },
): Promise<{ edges: number; items: number; minWeight: number }> {
  try {
    const shares = await loadShares(store, signal);
    let pairs: CoSharePairs;
    try {
      pairs = await sweepShares(shares, {
        windowMs: Math.round(options.window * 1000),
        minWeight: options.minWeight,
        evidenceLimit: options.evidenceLimit,
        ...(options.maxPairs === undefined ? {} : { maxPairs: options.maxPairs }),
        raiseMinWeight: options.raiseMinWeight === true,
      });
    } catch (e) {
      if (e instanceof PairBudgetError) throw new PairBudgetError(`${signal}: ${e.message}`);
      throw e;
    }
    const params = {
      window: options.window,
      minWeight: options.minWeight,
      evidenceLimit: options.evidenceLimit,
      ...(pairs.minWeight === options.minWeight ? {} : { minWeightUsed: pairs.minWeight }),
    };
    const expected = expectedOf(shares, pairs, options.workerPairs);
    const r = await writeCoShare(store, signal, params, shares, pairs, expected);
    return { ...r, minWeight: pairs.minWeight };
  } finally {
    await dropShares(store);
  }
}
