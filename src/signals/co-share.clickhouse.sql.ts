// Co-sharing in ClickHouse: the occurrences (message, object) sharded by object, so that each
// shard joins its own objects within the window and only per-pair partial counts travel to the
// node that merges them. The pairs come back into a DuckDB case as the signal's edges, with the
// null model's λ from per-stratum sums computed in ClickHouse too.
//
// The SQL runs on ClickHouse 18.16 (Debian's) and on current ClickHouse (chdb): no window
// functions, no query parameters, equality joins only. A join over a Distributed table is
// colocated when its left side is the Distributed table itself and its right side a subquery
// over the local table (`ALL INNER JOIN (…) USING`): each shard then joins its own rows. The
// window is an equality join on (object, time bucket) — buckets one window wide, each right row
// repeated in its bucket and the two beside it — plus |Δt| ≤ window, so a viral object costs the
// pairs inside its window, never the square of its shares. The left side's bucket comes from a
// one-element ARRAY JOIN: both analyzers (18.16's and 26's) resolve a USING key from it, where
// 26 does not resolve one aliased in WHERE and 18.16 has no other way to name one.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { ClickHouseCase, MirroredTable, PulledFile, Store } from '../store/index.js';
import {
  appendColumns,
  createMirrorTable,
  dropTables,
  NEXT_ACCOUNT_KEY,
  NEXT_VALUE_KEY,
  pushRows,
  queryToTempFile,
  readPulledFile,
  rows,
  scalar,
  scalars,
  sqlString,
  streamColumns,
  tableNames,
} from '../store/index.js';
import type { CoShareOptions } from './co-share.sql.js';
import { CO_SHARE_OBJECTS } from './co-share-objects.js';
import { budgetError, MAX_PAIRS, PairBudgetError, raisedWeight } from './co-share-sweep.js';
import { expectedByHourOfWeek, type HourCounts } from './hour-of-week.js';
import { replaceSignalRows } from './signal-io.sql.js';
import { orderByKey } from './typed.js';

/** One row per (signal, object, message), sharded by the object: what each shard joins. */
export const OCCURRENCES: MirroredTable = {
  name: 'occurrences',
  key: ['sig', 'obj', 'platform', 'msg'],
  shardBy: ['obj'],
};

const OCCURRENCE_COLUMNS =
  'sig String, obj String, platform String, acc String, msg String, t Int64';

/** The co-share signals ClickHouse computes (every object type of co-share-objects.ts, co-reply too). */
export const CLICKHOUSE_CO_SHARE: readonly string[] = Object.keys(CO_SHARE_OBJECTS);

/**
 * Sends every co-share occurrence of a DuckDB case (as co-share-objects.ts defines them, so both
 * engines share one definition) to ClickHouse's occurrences table; returns the rows sent.
 */
export async function pushOccurrences(store: Store, ch: ClickHouseCase): Promise<number> {
  await createMirrorTable(ch, OCCURRENCES, OCCURRENCE_COLUMNS);
  const table = tableNames(ch, OCCURRENCES.name).all;
  let sent = 0;
  for (const object of Object.values(CO_SHARE_OBJECTS))
    sent += await pushRows(
      store,
      ch,
      `SELECT ${sqlString(object.signal)} AS sig, obj, platform, acc, msg, t FROM (${object.source}) WHERE obj IS NOT NULL`,
      table,
    );
  return sent;
}

/**
 * Hour of the week of epoch-ms column `t`, 0 = Monday 00 UTC (epoch 0 was a Thursday), as SQL.
 * The divisor is an Int64: 18.16 types `Int64 % 168` as Int8, and hours past 127 wrapped negative.
 */
const hourOfWeek = (t: string) => `(intDiv(${t}, 3600000) + 72) % toInt64(168)`;

/**
 * Scratch tables of the co-share signal being fetched, on every node: its accounts numbered in
 * name order (the same rows on each node) and its occurrences keyed by them, sharded as the
 * occurrences are. The window join and its groupings then run on integers: with the accounts'
 * and messages' names in the join's output and in the groups' keys, co-share:url at 1M posts
 * took 24.3 s on the test cluster, against 12 s keyed (docs/scale-out.md).
 */
const CH_KEYS = 'co_share_keys';
const CH_KEYED = 'co_share_keyed';
/** Past the pair budget: every pair's weight (on the node queries go through) and the kept pairs (a Set on every node). */
const CH_WEIGHTS = 'co_share_weights';
const CH_KEPT = 'co_share_kept';

/**
 * One fetch's scratch tables, their names ending in the fetch's own id: two runs on one case
 * (two analysts' detects, or `signals` beside a detect) each fill, join and drop their own. With
 * one name for all, one run's start dropped or refilled the tables another was joining.
 */
interface Scratch {
  /** The accounts' keys (Memory, every node). */
  readonly keys: string;
  /** The keyed occurrences: each node's MergeTree, and the table over all of them (the same without a cluster). */
  readonly keyed: { readonly local: string; readonly all: string };
  /** Every pair's weight and hours (Log, the node queries go through). */
  readonly weights: string;
  /** The kept pairs (Set, every node). */
  readonly kept: string;
}

function scratchTables(ch: ClickHouseCase): Scratch {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  return {
    keys: tableNames(ch, `${CH_KEYS}_${id}`).local,
    keyed: tableNames(ch, `${CH_KEYED}_${id}`),
    weights: `${ch.database}.${CH_WEIGHTS}_${id}`,
    kept: tableNames(ch, `${CH_KEPT}_${id}`).local,
  };
}

/** How long a fetch's scratch tables may stay before another fetch takes them for an interrupted run's and drops them. */
const SCRATCH_LEFT_SECONDS = 86_400;

/**
 * Drops the scratch tables that interrupted fetches left (a killed process drops nothing): those
 * made more than {@link SCRATCH_LEFT_SECONDS} ago. A fetch still running keeps its own: even at
 * 10M posts one takes minutes.
 */
async function dropLeftScratch(ch: ClickHouseCase): Promise<void> {
  const left = await ch.query(
    `SELECT name FROM system.tables WHERE database = ${sqlString(ch.database)}
       AND match(name, '^co_share_(keys|keyed|weights|kept)_[0-9a-f]{12}')
       AND metadata_modification_time < now() - ${SCRATCH_LEFT_SECONDS}`,
  );
  for (const { name } of left)
    await ch.onEachNode(`DROP TABLE IF EXISTS ${ch.database}.${String(name)}`);
}

/**
 * Fills the scratch tables for `signal` and returns its accounts in key order (JSON lines of
 * platform, acc and k, the key: a JSON object per line as DuckDB reads it). Messages are keyed
 * by cityHash64 of their id where that keeps them apart (checked over the signal's occurrences:
 * as many hashes as ids), else by the id itself, so the distinct-message counts stay exact.
 * `hashMessages` false keys them by id regardless.
 */
async function keyOccurrences(
  ch: ClickHouseCase,
  scratch: Scratch,
  signal: string,
  hashMessages: boolean,
): Promise<PulledFile> {
  const occurrences = tableNames(ch, OCCURRENCES.name);
  const { keys, keyed } = scratch;
  const sig = sqlString(signal);
  const sorted = await queryToTempFile(
    ch,
    `SELECT platform, acc FROM ${occurrences.all} WHERE sig = ${sig} GROUP BY platform, acc ORDER BY platform, acc`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-keys-'));
  const file: PulledFile = {
    path: join(dir, 'keys.json'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  try {
    const out = createWriteStream(file.path);
    let k = 0;
    for await (const line of createInterface({ input: createReadStream(sorted.path) })) {
      if (line === '') continue;
      const { platform, acc } = JSON.parse(line) as { platform: string; acc: string };
      if (!out.write(`${JSON.stringify({ platform, acc, k: k++ })}\n`)) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) =>
      out.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
    // One pass for the hash check and the count the keyed table must reach.
    const [check] = await ch.query(
      `SELECT toString(count()) AS n, toString(uniqExact(msg)) AS ids, toString(uniqExact(cityHash64(msg))) AS hashes
       FROM ${occurrences.all} WHERE sig = ${sig}`,
    );
    const hashed = hashMessages && check?.ids === check?.hashes;
    await ch.onEachNode(
      `CREATE TABLE ${keys} (platform String, acc String, k UInt32) ENGINE = Memory`,
    );
    await ch.insertFileOnEachNode(
      `INSERT INTO ${keys} (platform, acc, k) FORMAT JSONEachRow`,
      file.path,
    );
    await ch.onEachNode(
      `CREATE TABLE ${keyed.local} (obj String, a UInt32, m ${hashed ? 'UInt64' : 'String'}, t Int64, single UInt8, mone UInt8) ENGINE = MergeTree ORDER BY obj`,
    );
    if (ch.cluster !== null)
      await ch.onEachNode(
        `CREATE TABLE ${keyed.all} AS ${keyed.local} ENGINE = Distributed(${ch.cluster}, ${ch.database}, ${keyed.local.slice(ch.database.length + 1)}, cityHash64(obj))`,
      );
    // `single`: the account shared the object once (see {@link groupedShares}); `mone`: the
    // message has one object of the signal (see {@link pairQuery}), counted over every shard.
    await ch.onEachNode(`INSERT INTO ${keyed.local}
      SELECT obj, k AS a, m, t, single, mone FROM (
        SELECT obj, platform, acc, ${hashed ? 'cityHash64(msg)' : 'msg'} AS m, t, single, toUInt8(nm = 1) AS mone
        FROM (
          SELECT obj, platform, acc, msg, t, toUInt8(n = 1) AS single
          FROM (SELECT obj, platform, acc, msg, t FROM ${occurrences.local} WHERE sig = ${sig}) AS o
          ALL INNER JOIN (
            SELECT obj, platform, acc, count() AS n FROM ${occurrences.local} WHERE sig = ${sig}
            GROUP BY obj, platform, acc) AS c USING (obj, platform, acc)) AS x
        ALL INNER JOIN (
          SELECT platform, msg, count() AS nm FROM ${occurrences.all} WHERE sig = ${sig}
          GROUP BY platform, msg) AS y USING (platform, msg)) AS z
      ALL INNER JOIN (SELECT platform, acc, k FROM ${keys}) AS ks USING (platform, acc)`);
    // Every occurrence keyed, none lost in the joins (an account missing from the keys would be).
    const [count] = await ch.query(`SELECT toString(count()) AS n FROM ${keyed.all}`);
    if (count?.n !== check?.n)
      throw new Error(
        `co-share on ClickHouse: ${signal}: ${String(count?.n)} of ${String(check?.n)} occurrences keyed`,
      );
    return file;
  } catch (error) {
    file.dispose();
    throw error;
  } finally {
    sorted.dispose();
  }
}

/** Drops the scratch tables of {@link keyOccurrences} on every node. */
async function dropKeyed(ch: ClickHouseCase, scratch: Scratch): Promise<void> {
  const { keys, keyed, kept, weights } = scratch;
  for (const table of new Set([keyed.all, keyed.local, keys, kept]))
    await ch.onEachNode(`DROP TABLE IF EXISTS ${table}`);
  await ch.command(`DROP TABLE IF EXISTS ${weights}`);
}

/**
 * The matched share pairs of the keyed signal (a's share, b's share of the same object within
 * the window, a < b: different accounts, in name order) whose left and right shares pass
 * `left` and `right` (conditions on `single`), as a FROM … WHERE over which to aggregate per
 * shard.
 */
function matchedShares(
  scratch: Scratch,
  windowMs: number,
  left: string,
  right: string,
  only: string | null,
): string {
  const { local, all } = scratch.keyed;
  const bucket = Math.max(windowMs, 1);
  return `FROM ${all} ARRAY JOIN [intDiv(t, ${bucket})] AS bkt
    ALL INNER JOIN (
      SELECT obj, a AS b, m AS mb, t AS tb, mone AS mbone,
        arrayJoin([intDiv(t, ${bucket}) - 1, intDiv(t, ${bucket}), intDiv(t, ${bucket}) + 1]) AS bkt
      FROM ${local} WHERE ${right}) AS r USING (obj, bkt)
    ${left === '1' ? '' : `PREWHERE ${left}`}
    WHERE abs(t - tb) <= ${windowMs} AND a < b${only === null ? '' : ` AND ${PAIR_KEY} IN ${only}`}`;
}

/**
 * The keyed signal's (object, pair) groups, each with `columns` (`[single row, grouped]`: the
 * same columns over one matched share or over a group's). Where both accounts shared the object
 * once, their group is one matched share, so those rows skip the grouping: at 3M posts they were
 * nearly all of co-share:url's 26M groups, and grouping them cost twice the join (co-share:url's
 * query 173 → 137 s, the same answer). The rest are grouped per shard: a's several shares with
 * any of b's, then a's one with b's several; a group falls wholly in one of the three.
 */
function groupedShares(
  scratch: Scratch,
  windowMs: number,
  columns: [string, string],
  only: string | null,
): string {
  const [one, grouped] = columns;
  return `SELECT ${one} ${matchedShares(scratch, windowMs, 'single = 1', 'single = 1', only)}
    UNION ALL SELECT ${grouped} ${matchedShares(scratch, windowMs, 'single = 0', '1', only)} GROUP BY obj, a, b
    UNION ALL SELECT ${grouped} ${matchedShares(scratch, windowMs, 'single = 1', 'single = 0', only)} GROUP BY obj, a, b`;
}

/**
 * Rows per block read on the window join's left side. The join builds each left block's whole
 * output at once, before |Δt| and a < b filter it: at 10M posts a link shared 2,807 times in one
 * minute matches ~8,400 rows of its buckets, and a block of the default 65,536 such rows needed a
 * 2 GB allocation (co-share:url ran out of a 6 GB per-query limit on 18.16); 1,024 rows keep
 * one block's output under ~1 GB.
 */
const JOIN_BLOCK_ROWS = 1024;

/**
 * The query of the keyed signal's pairs (accounts as keys) in one pass over the window join: each
 * shard groups its matched shares by (object, pair) ({@link groupedShares}; objects are
 * shard-local, so these groups are final) and the pairs are then merged over both shards' groups: objects (one group each),
 * distinct messages each way (a message with one object of the signal is in one group only, so
 * each group counts its own and the pair sums them; one with several is counted once per pair by
 * its own (a, b, message) rows: no set per pair, whose states were ~45% of co-share:url's query
 * at 3M posts),
 * mean Δt (exact integer sums), the first `k` objects as evidence (pairs of at least `minWeight`).
 * With `kept` null, every pair, each with its groups' hours of the week of a's first matched share
 * (the null model's P_h, counted over every pair; pairs under the minimum weight are dropped in
 * DuckDB); with the kept pairs' Set ({@link keepPairs}), only those pairs, of at least
 * `minWeight`, without hours (they come from {@link pairStats}). Every count is 32-bit so that
 * JSONEachRow writes it as a number.
 */
function pairQuery(
  scratch: Scratch,
  windowMs: number,
  minWeight: number,
  k: number,
  kept: string | null,
): string {
  const hour = (t: string) => `toUInt8(${hourOfWeek(t)}) AS h`;
  // A message with several objects of the signal (a post with two links) is counted once for
  // the pair whatever its groups: one row per (a, b, message) over both shards, on the initiator.
  const several = (side: 'a' | 'b') => {
    const [left, right, message] = side === 'a' ? ['mone = 0', '1', 'm'] : ['1', 'mone = 0', 'mb'];
    return `SELECT '' AS obj, a, b, toUInt32(0) AS g, ${side === 'a' ? 'count()' : 'toUInt64(0)'} AS ua,
        ${side === 'b' ? 'count()' : 'toUInt64(0)'} AS ub, toUInt64(0) AS s, toUInt64(0) AS c, toUInt8(0) AS h
      FROM (SELECT a, b, x FROM (
        SELECT a, b, ${message} AS x ${matchedShares(scratch, windowMs, left, right, kept)} GROUP BY a, b, x)
        GROUP BY a, b, x)
      GROUP BY a, b`;
  };
  return `SELECT a, b, toUInt32(sum(g)) AS w, toUInt32(sum(ua)) AS wab, toUInt32(sum(ub)) AS wba,
      sum(s) / sum(c) AS dt,
      if(sum(g) >= ${minWeight}, arraySlice(arraySort(groupArrayIf(obj, g = 1)), 1, ${k}), emptyArrayString()) AS ev
      ${kept === null ? ', groupArrayIf(h, g = 1) AS hours' : ''}
    FROM (${groupedShares(
      scratch,
      windowMs,
      [
        `obj, a, b, toUInt32(1) AS g, toUInt64(mone) AS ua, toUInt64(mbone) AS ub, abs(t - tb) AS s, toUInt64(1) AS c, ${hour('t')}`,
        `obj, a, b, toUInt32(1) AS g, uniqExactIf(m, mone = 1) AS ua, uniqExactIf(mb, mbone = 1) AS ub, sum(abs(t - tb)) AS s, count() AS c, ${hour('min(t)')}`,
      ],
      kept,
    )}
      UNION ALL ${several('a')}
      UNION ALL ${several('b')})
    GROUP BY a, b
    ${kept === null ? '' : `HAVING sum(g) >= ${minWeight}`}
    SETTINGS distributed_group_by_no_merge = 1, max_block_size = ${JOIN_BLOCK_ROWS}`;
}

/**
 * Writes every pair of the keyed signal into {@link CH_WEIGHTS} on the node queries go through:
 * its weight w (its (object, pair) groups) and, per group, the hour of the week of a's first
 * matched share. Summed over the pairs the hours are the null model's matches by hour; the
 * weights are the pair budget's histogram and choose the pairs {@link keepPairs} keeps. No
 * evidence or message counts: those are made for the kept pairs only.
 */
function weightsInsert(scratch: Scratch, windowMs: number): string {
  return `INSERT INTO ${scratch.weights} (a, b, w, hs)
    SELECT a, b, toUInt32(count()) AS w, groupArray(h) AS hs FROM (${groupedShares(
      scratch,
      windowMs,
      [`a, b, toUInt8(${hourOfWeek('t')}) AS h`, `a, b, toUInt8(${hourOfWeek('min(t)')}) AS h`],
      null,
    )})
    GROUP BY a, b
    SETTINGS distributed_group_by_no_merge = 1, max_block_size = ${JOIN_BLOCK_ROWS}`;
}

/**
 * A bound on `signal`'s pairs in the window, from the occurrences alone: two shares of an object
 * within the window fall in the same window-wide time bucket or in two adjacent ones, so the
 * matched shares number at most Σ C(n_b, 2) + Σ n_b·n_(b+1) ≤ Σ (C(n_b, 2) + n_b²) over the
 * object's buckets b, and every pair has at least one matched share. One grouping per shard, no
 * join.
 */
async function pairBound(ch: ClickHouseCase, signal: string, windowMs: number): Promise<number> {
  const { all } = tableNames(ch, OCCURRENCES.name);
  const [row] = await ch.query(`
    SELECT toFloat64(sum(n * (n - 1) / 2 + n * n)) AS bound FROM (
      SELECT count() AS n FROM ${all} WHERE sig = ${sqlString(signal)} GROUP BY obj, intDiv(t, ${Math.max(windowMs, 1)}))
    SETTINGS distributed_group_by_no_merge = 1`);
  return Number(row?.bound ?? 0);
}

/** The working case's temp tables of one co-share signal computed in ClickHouse. */
const PAIRS = 'co_share_ch_pairs';
const ACCOUNTS = 'co_share_ch_accounts';
const KEYS = 'co_share_ch_keys';
const KEYED = 'co_share_ch_keyed';
const VALUES = 'co_share_ch_values';

/** The null model's occurrence sums of one signal (see {@link occurrencesByHour}). */
type ByHour = Awaited<ReturnType<typeof occurrencesByHour>>;

/** Co-share options on ClickHouse, with the pair budget the sweep on DuckDB has. */
export type ClickHouseCoShareOptions = CoShareOptions & {
  /** Most pairs kept (default {@link MAX_PAIRS}). */
  readonly maxPairs?: number;
  /** Past the budget, raise the minimum weight (detect) instead of failing (`signals`). */
  readonly raiseMinWeight?: boolean;
  /**
   * Key messages by the cityHash64 of their id where no two of the signal's collide (default
   * true; {@link keyOccurrences} checks); false keys them by the id itself. Both give the same
   * answer; the tests run both.
   */
  readonly hashMessages?: boolean;
};

/**
 * A co-share signal's answer on its way from ClickHouse: its pairs (JSON lines in a temp file,
 * accounts as keys), its accounts by key (another), its occurrences by account and hour, the
 * null model's matches by hour where they came apart from the pairs (else null: in the pairs'
 * `hours`), and the minimum weight its pairs were kept at. `done` never rejects unhandled: a fetch nobody awaits (a later signal's, after an earlier
 * one failed) is discarded by {@link discardCoShare}.
 */
export interface CoShareFetch {
  readonly signal: string;
  readonly done: Promise<{
    file: PulledFile;
    accounts: PulledFile;
    byHour: ByHour;
    matches: Float64Array | null;
    minWeight: number;
  }>;
}

/**
 * The pair budget's histogram (pairs by weight) and the null model's matches by hour of the
 * keyed signal, from its pairs' weights ({@link weightsInsert}, which this runs first): per
 * weight w and hour h, the groups of pairs of that weight whose a's first matched share fell in
 * that hour. Summed over w they are the matches by hour; a pair of weight w has w groups, so
 * summed over h and divided by w they are the number of pairs of each weight.
 */
async function pairStats(
  ch: ClickHouseCase,
  scratch: Scratch,
  windowMs: number,
): Promise<{ histogram: Float64Array; matches: Float64Array }> {
  await ch.command(
    `CREATE TABLE ${scratch.weights} (a UInt32, b UInt32, w UInt32, hs Array(UInt8)) ENGINE = Log`,
  );
  await ch.command(weightsInsert(scratch, windowMs));
  const cells = (
    await ch.query(
      `SELECT w, h, toUInt32(count()) AS n FROM ${scratch.weights} ARRAY JOIN hs AS h GROUP BY w, h`,
    )
  ).map((r) => ({ w: Number(r.w), h: Number(r.h), n: Number(r.n) }));
  // Groups by weight first (integers), then pairs: w groups a pair.
  // (A loop, not Math.max(...): the cells are up to 168 per weight, past spread's argument limit.)
  let most = 0;
  for (const c of cells) most = Math.max(most, c.w);
  const histogram = new Float64Array(most + 2);
  const matches = new Float64Array(168);
  for (const { w, h, n } of cells) {
    histogram[w]! += n;
    matches[h]! += n;
  }
  for (let w = 1; w < histogram.length; w++) histogram[w]! /= w;
  return { histogram, matches };
}

/**
 * A pair (a, b) of account keys as one UInt64, as the kept pairs' Set holds them: the join's
 * test of 26M matched shares at 3M posts against a Set of (a, b) tuples took 8–13 s, against
 * one of these ~3 s.
 */
const PAIR_KEY = 'bitOr(bitShiftLeft(toUInt64(a), 32), toUInt64(b))';

/**
 * Puts the pairs of at least `minWeight` (from {@link CH_WEIGHTS}) into a Set table on every
 * node, which the second pass's window join keeps to: its groups, message counts, evidence and
 * Δt are then made for those pairs only, not for the tens of millions under the weight. Returns
 * the Set's name as the join's IN names it (each shard reads its own copy).
 */
async function keepPairs(ch: ClickHouseCase, scratch: Scratch, minWeight: number): Promise<string> {
  const { kept } = scratch;
  await ch.onEachNode(`CREATE TABLE ${kept} (p UInt64) ENGINE = Set`);
  const select = `SELECT ${PAIR_KEY} AS p FROM ${scratch.weights} WHERE w >= ${minWeight}`;
  if (ch.cluster === null) await ch.command(`INSERT INTO ${kept} (p) ${select}`);
  else {
    // Unquoted, as the insert reads them back.
    const file = await queryToTempFile(
      ch,
      `${select} SETTINGS output_format_json_quote_64bit_integers = 0`,
    );
    try {
      await ch.insertFileOnEachNode(`INSERT INTO ${kept} (p) FORMAT JSONEachRow`, file.path);
    } finally {
      file.dispose();
    }
  }
  return kept;
}

/**
 * Starts fetching co-share signal `signal`'s pairs and null-model sums from ClickHouse, once
 * `after` has resolved (the previous signal's fetch: one query at a time on the cluster, so the
 * next signal's query runs while this machine stores the previous signal's edges); if `after`
 * rejects, so does this fetch, without a query.
 *
 * At minimum weight 1 where {@link pairBound} keeps the signal within the pair budget, one pass
 * brings every pair with its hours. Otherwise two: the first writes every pair's weight and
 * hours into a table on the node queries go through ({@link pairStats}; nothing travels to this
 * machine but counts by weight and hour), the minimum weight is raised as the sweep on DuckDB
 * raises it (or the signal stops with its error), and the second makes and brings the kept pairs
 * only ({@link keepPairs}): at 10M posts co-share:url has more than 50M pairs of weight 1, most of
 * them under the weight, whose evidence and message counts one pass would have made and sent.
 */
export function fetchCoShare(
  ch: ClickHouseCase,
  signal: string,
  options: ClickHouseCoShareOptions,
  after: Promise<unknown> = Promise.resolve(),
): CoShareFetch {
  if (!CO_SHARE_OBJECTS[signal])
    throw new Error(`co-share on ClickHouse: unknown co-share signal ${signal}`);
  const windowMs = Math.round(options.window * 1000);
  const k = Math.max(1, Math.floor(options.evidenceLimit));
  const maxPairs = options.maxPairs ?? MAX_PAIRS;
  const done = (async () => {
    // An earlier signal's fetch that failed ends detect: this one is not started (it was run to
    // its end before, while the failure waited for it to be discarded).
    await after;
    let minWeight = options.minWeight;
    let matches: Float64Array | null = null;
    await dropLeftScratch(ch);
    const scratch = scratchTables(ch);
    let accounts: PulledFile | null = null;
    let file: PulledFile | null = null;
    try {
      accounts = await keyOccurrences(ch, scratch, signal, options.hashMessages ?? true);
      if (minWeight > 1 || (await pairBound(ch, signal, windowMs)) > maxPairs) {
        const stats = await pairStats(ch, scratch, windowMs);
        matches = stats.matches;
        if (options.raiseMinWeight) minWeight = raisedWeight(stats.histogram, minWeight, maxPairs);
        else if (
          stats.histogram.slice(Math.max(1, minWeight)).reduce((x, y) => x + y, 0) > maxPairs
        )
          throw new PairBudgetError(`${signal}: ${budgetError(maxPairs, minWeight).message}`);
      }
      const kept = matches ? await keepPairs(ch, scratch, minWeight) : null;
      file = await queryToTempFile(ch, pairQuery(scratch, windowMs, minWeight, k, kept));
      await dropKeyed(ch, scratch);
      return { file, accounts, byHour: await occurrencesByHour(ch, signal), matches, minWeight };
    } catch (error) {
      file?.dispose();
      accounts?.dispose();
      await dropKeyed(ch, scratch).catch(() => undefined);
      throw error;
    }
  })();
  done.catch(() => undefined);
  return { signal, done };
}

/** Waits for a fetch nobody will read and removes its file. */
export async function discardCoShare(fetch: CoShareFetch): Promise<void> {
  await fetch.done.then(
    ({ file, accounts }) => {
      file.dispose();
      accounts.dispose();
    },
    () => undefined,
  );
}

/**
 * Computes co-share signal `signal` in ClickHouse and writes its edges (replacing any) into the
 * DuckDB case `store`: the same pairs, weights, directed weights, mean Δt, evidence objects and
 * λ as the sweep on DuckDB. The pairs stream from ClickHouse into a file that DuckDB reads (no
 * row passes through JS objects); λ is computed on their account ids, read back as typed
 * columns. `fetch`: the signal's answer already on its way ({@link fetchCoShare}). Returns edge
 * and occurrence counts.
 */
export async function computeCoShareOnClickHouse(
  ch: ClickHouseCase,
  store: Store,
  signal: string,
  options: ClickHouseCoShareOptions,
  fetch: CoShareFetch = fetchCoShare(ch, signal, options),
): Promise<{ edges: number; items: number; minWeight: number }> {
  if (fetch.signal !== signal) {
    await discardCoShare(fetch);
    throw new Error(`co-share on ClickHouse: fetched ${fetch.signal}, not ${signal}`);
  }
  const c = store.connection;
  try {
    const { file, accounts, byHour, matches: pulledMatches, minWeight } = await fetch.done;
    try {
      await readPulledFile(
        store,
        accounts.path,
        KEYS,
        [
          ['platform', 'VARCHAR'],
          ['acc', 'VARCHAR'],
          ['k', 'INTEGER'],
        ],
        (source) => `SELECT * FROM ${source}`,
      );
      await readPulledFile(
        store,
        file.path,
        PAIRS,
        [
          ['a', 'INTEGER'],
          ['b', 'INTEGER'],
          ['w', 'DOUBLE'],
          ['wab', 'DOUBLE'],
          ['wba', 'DOUBLE'],
          ['dt', 'DOUBLE'],
          ['ev', 'VARCHAR[]'],
          ...(pulledMatches ? [] : [['hours', 'INTEGER[]'] as const]),
        ],
        (source) => `SELECT * FROM ${source}`,
      );
    } finally {
      file.dispose();
      accounts.dispose();
    }
    const { volume, perAccount, items } = byHour;
    const matches = pulledMatches ?? new Float64Array(168);
    if (!pulledMatches)
      for (const [h, n] of await rows(
        store,
        `SELECT h, count(*) FROM (SELECT unnest(hours) AS h FROM ${PAIRS}) GROUP BY h`,
      ))
        matches[Number(h)] = Number(n);
    // The accounts of the kept pairs numbered in name order (the account keys the edge store's
    // keying by name gives), and each kept pair's row and account ids.
    const kept = `w >= ${minWeight}`;
    await c.run(`CREATE OR REPLACE TEMP TABLE ${ACCOUNTS} AS
      SELECT k, platform AS p, acc AS u, (row_number() OVER (ORDER BY platform, acc))::INTEGER - 1 AS id
      FROM ${KEYS} WHERE k IN (SELECT a FROM ${PAIRS} WHERE ${kept} UNION SELECT b FROM ${PAIRS} WHERE ${kept})`);
    const keys = (await rows(store, `SELECT p, u FROM ${ACCOUNTS} ORDER BY id`)).map(
      ([p, u]) => `${String(p)}\u0000${String(u)}`,
    );
    const n = await scalar(store, `SELECT count(*) FROM ${PAIRS} WHERE ${kept}`);
    const row = new Int32Array(n);
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    let at = 0;
    for await (const [cr, ca, cb] of streamColumns(
      store,
      `SELECT e.rowid::INTEGER, x.id, y.id FROM ${PAIRS} e
        JOIN ${ACCOUNTS} x ON x.k = e.a JOIN ${ACCOUNTS} y ON y.k = e.b WHERE ${kept}`,
      ['int', 'int', 'int'],
    )) {
      row.set(cr!, at);
      a.set(ca!, at);
      b.set(cb!, at);
      at += ca!.length;
    }
    // ClickHouse ordered the pair by its keys, given in its name order (bytes, as DuckDB's).
    for (let x = 0; x < n; x++)
      if (a[x]! >= b[x]!)
        throw new Error(
          `co-share on ClickHouse: ${signal}: ClickHouse and DuckDB order two account names differently`,
        );
    const lam = expectedByHourOfWeek(a, b, hourCounts(keys, perAccount, volume), matches);
    const params = {
      window: options.window,
      minWeight: options.minWeight,
      evidenceLimit: options.evidenceLimit,
      ...(minWeight === options.minWeight ? {} : { minWeightUsed: minWeight }),
    };
    const result = await replaceSignalRows(store, signal, params, async (sid) => {
      await writeKeyedEdges(store, sid, { row, a, b, lam, pair: pairOrder(a, b) }, kept);
      return { items, skipped: 0 };
    });
    return { edges: result.edges, items, minWeight };
  } finally {
    await dropTables(store, [PAIRS, ACCOUNTS, KEYS, KEYED, VALUES]);
  }
}

/** A kept pair's keys, by its row in the pairs table (`row`): accounts, λ and its number. */
interface KeyedPairs {
  readonly row: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly lam: Float64Array;
  readonly pair: Int32Array;
}

/**
 * Each pair's number in (a, b) order, which is account-name order (accounts are numbered in it):
 * the radix sort near-duplicate text orders its keys by, by b then (stable) by a.
 */
export function pairOrder(a: Int32Array, b: Int32Array): Int32Array {
  const order = orderByKey(a, orderByKey(b));
  const pair = new Int32Array(a.length);
  for (let x = 0; x < order.length; x++) pair[order[x]!] = x;
  return pair;
}

/**
 * Writes the kept pairs of the pulled pairs table straight into the keyed edge tables under
 * `sid`, on integer keys: the keys {@link keyEdgeStatements} gives the same edges staged by
 * name (accounts and evidence values given the next free keys in name order, pairs numbered in
 * account-name order, evidence ranked in list order), without its sorts and joins of 2.2M edges
 * on names (66–94 s of co-share:url at 1M posts).
 */
async function writeKeyedEdges(
  store: Store,
  sid: number,
  k: KeyedPairs,
  kept: string,
): Promise<void> {
  const c = store.connection;
  const [accountKey = 0, valueKey = 0] = await scalars(
    store,
    `SELECT ${NEXT_ACCOUNT_KEY}, ${NEXT_VALUE_KEY}`,
  );
  await c.run(`INSERT INTO edge_accounts SELECT ${sid}, ${accountKey} + id, p, u FROM ${ACCOUNTS}`);
  await c.run(
    `CREATE OR REPLACE TEMP TABLE ${KEYED} (i INTEGER, pair INTEGER, a INTEGER, b INTEGER, lam DOUBLE)`,
  );
  await appendColumns(store, KEYED, [k.row, k.pair, k.a, k.b, k.lam]);
  await c.run(`INSERT INTO edge_rows
    SELECT ${sid}, k.pair, ${accountKey} + k.a, ${accountKey} + k.b, e.w, e.wab, e.wba, e.dt / 1000, e.w, k.lam
    FROM ${KEYED} k JOIN ${PAIRS} e ON e.rowid = k.i`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${VALUES} AS
    SELECT value, (row_number() OVER (ORDER BY value) - 1)::INTEGER AS vk
    FROM (SELECT DISTINCT unnest(ev) AS value FROM ${PAIRS} WHERE ${kept})`);
  await c.run(`INSERT INTO edge_values SELECT ${sid}, ${valueKey} + vk, value FROM ${VALUES}`);
  await c.run(`INSERT INTO edge_evidence
    SELECT ${sid}, k.pair, x.rank, ${valueKey} + v.vk
    FROM (SELECT rowid::INTEGER AS i, unnest(ev) AS value, unnest(range(1, len(ev) + 1)) AS rank
          FROM ${PAIRS} WHERE ${kept}) x
      JOIN ${VALUES} v USING (value) JOIN ${KEYED} k USING (i)`);
}

/**
 * The null model's n_uh and S_h: the signal's occurrences per account (key platform NUL account)
 * and hour of the week, over all of them, and their total.
 */
async function occurrencesByHour(
  ch: ClickHouseCase,
  signal: string,
): Promise<{
  volume: Float64Array;
  perAccount: Map<string, { hour: number; n: number }[]>;
  items: number;
}> {
  const { all } = tableNames(ch, OCCURRENCES.name);
  const volume = new Float64Array(168);
  const perAccount = new Map<string, { hour: number; n: number }[]>();
  let items = 0;
  for (const r of await ch.query(`
    SELECT platform, acc, ${hourOfWeek('t')} AS h, count() AS n FROM ${all} WHERE sig = ${sqlString(signal)}
    GROUP BY platform, acc, h`)) {
    const key = `${String(r.platform)}\u0000${String(r.acc)}`;
    const n = Number(r.n);
    volume[Number(r.h)]! += n;
    items += n;
    let list = perAccount.get(key);
    if (!list) perAccount.set(key, (list = []));
    list.push({ hour: Number(r.h), n });
  }
  return { volume, perAccount, items };
}

/**
 * The numbered accounts' occurrences by hour of the week (`keys`: platform NUL account, in id
 * order), as the null model reads them.
 */
function hourCounts(
  keys: readonly string[],
  perAccount: ReadonlyMap<string, readonly { hour: number; n: number }[]>,
  volume: Float64Array,
): HourCounts {
  const start = new Int32Array(keys.length + 1);
  const hour: number[] = [];
  const count: number[] = [];
  keys.forEach((key, u) => {
    for (const x of perAccount.get(key) ?? []) {
      hour.push(x.hour);
      count.push(x.n);
    }
    start[u + 1] = hour.length;
  });
  return { start, hour: Uint8Array.from(hour), count: Float64Array.from(count), volume };
}
