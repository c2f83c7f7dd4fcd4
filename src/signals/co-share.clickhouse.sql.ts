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
import type { ClickHouseCase, MirroredTable, Store } from '../store/index.js';
import {
  appendColumns,
  createMirrorTable,
  dropTables,
  EDGE_STAGE,
  pullQueryInto,
  pushRows,
  rows,
  scalar,
  sqlString,
  streamColumns,
  tableNames,
} from '../store/index.js';
import type { CoShareOptions } from './co-share.sql.js';
import { CO_SHARE_OBJECTS } from './co-share-objects.js';
import { expectedByHourOfWeek, type HourCounts } from './null-model.sql.js';
import { replaceSignalRows } from './signal-io.sql.js';

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
 * The matched share pairs of `signal` (a's share, b's share of the same object within the
 * window, different accounts, a < b), as a FROM … WHERE over which to aggregate per shard.
 */
function matchedShares(ch: ClickHouseCase, signal: string, windowMs: number): string {
  const { local, all } = tableNames(ch, OCCURRENCES.name);
  const sig = sqlString(signal);
  const bucket = Math.max(windowMs, 1);
  return `FROM ${all} ARRAY JOIN [intDiv(t, ${bucket})] AS bkt
    ALL INNER JOIN (
      SELECT obj, platform AS pb, acc AS ub, msg AS mb, t AS tb,
        arrayJoin([intDiv(t, ${bucket}) - 1, intDiv(t, ${bucket}), intDiv(t, ${bucket}) + 1]) AS bkt
      FROM ${local} WHERE sig = ${sig}) AS r USING (obj, bkt)
    WHERE sig = ${sig} AND abs(t - tb) <= ${windowMs}
      AND (platform, acc) < (pb, ub)`;
}

/**
 * The query of `signal`'s pairs in one pass over the window join: each shard groups its matched
 * shares by (object, pair) — objects are shard-local, so these groups are final — and the pairs
 * are then merged over both shards' groups: objects (one group each), distinct messages each way,
 * mean Δt (exact integer sums), the first `k` objects as evidence, and each group's hour of the
 * week of a's first matched share (the null model's P_h, counted over every pair, so no HAVING:
 * pairs under `minWeight` come without evidence and are dropped in DuckDB). Every count is 32-bit
 * so that JSONEachRow writes it as a number.
 */
function pairQuery(
  ch: ClickHouseCase,
  signal: string,
  windowMs: number,
  minWeight: number,
  k: number,
): string {
  return `SELECT pa, ua, pb, ub, toUInt32(count()) AS w, toUInt32(uniqExactArray(msgs)) AS wab,
      toUInt32(uniqExactArray(mbs)) AS wba, sum(s) / sum(c) AS dt,
      if(count() >= ${minWeight}, arraySlice(arraySort(groupArray(obj)), 1, ${k}), emptyArrayString()) AS ev,
      groupArray(h) AS hours
    FROM (
      SELECT obj, platform AS pa, acc AS ua, pb, ub, groupUniqArray(msg) AS msgs,
        groupUniqArray(mb) AS mbs, sum(abs(t - tb)) AS s, count() AS c, toUInt8(${hourOfWeek('min(t)')}) AS h
      ${matchedShares(ch, signal, windowMs)}
      GROUP BY obj, pa, ua, pb, ub)
    GROUP BY pa, ua, pb, ub
    SETTINGS distributed_group_by_no_merge = 1`;
}

/** The working case's temp tables of one co-share signal computed in ClickHouse. */
const PAIRS = 'co_share_ch_pairs';
const ACCOUNTS = 'co_share_ch_accounts';
const LAMBDA = 'co_share_ch_lambda';

/**
 * Computes co-share signal `signal` in ClickHouse and writes its edges (replacing any) into the
 * DuckDB case `store`: the same pairs, weights, directed weights, mean Δt, evidence objects and
 * λ as the sweep on DuckDB. The pairs stream from ClickHouse into a file that DuckDB reads (no
 * row passes through JS objects); λ is computed on their account ids, read back as typed
 * columns. Returns edge and occurrence counts.
 */
export async function computeCoShareOnClickHouse(
  ch: ClickHouseCase,
  store: Store,
  signal: string,
  options: CoShareOptions,
): Promise<{ edges: number; items: number }> {
  if (!CO_SHARE_OBJECTS[signal])
    throw new Error(`co-share on ClickHouse: unknown co-share signal ${signal}`);
  const windowMs = Math.round(options.window * 1000);
  const k = Math.max(1, Math.floor(options.evidenceLimit));
  const c = store.connection;
  try {
    await pullQueryInto(
      ch,
      store,
      pairQuery(ch, signal, windowMs, options.minWeight, k),
      PAIRS,
      [
        ['pa', 'VARCHAR'],
        ['ua', 'VARCHAR'],
        ['pb', 'VARCHAR'],
        ['ub', 'VARCHAR'],
        ['w', 'DOUBLE'],
        ['wab', 'DOUBLE'],
        ['wba', 'DOUBLE'],
        ['dt', 'DOUBLE'],
        ['ev', 'VARCHAR[]'],
        ['hours', 'INTEGER[]'],
      ],
      (source) => `SELECT * FROM ${source}`,
    );
    const matches = new Float64Array(168);
    for (const [h, n] of await rows(
      store,
      `SELECT h, count(*) FROM (SELECT unnest(hours) AS h FROM ${PAIRS}) GROUP BY h`,
    ))
      matches[Number(h)] = Number(n);
    const { volume, perAccount, items } = await occurrencesByHour(ch, signal);
    // The accounts of the kept pairs, numbered in no particular order (λ does not depend on it),
    // and each kept pair's row and account ids; no sort: the edge store orders the pairs itself.
    const kept = `w >= ${options.minWeight}`;
    await c.run(`CREATE OR REPLACE TEMP TABLE ${ACCOUNTS} AS
      SELECT p, u, (row_number() OVER ())::INTEGER - 1 AS id FROM (
        SELECT pa AS p, ua AS u FROM ${PAIRS} WHERE ${kept}
        UNION SELECT pb, ub FROM ${PAIRS} WHERE ${kept})`);
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
        JOIN ${ACCOUNTS} x ON x.p = e.pa AND x.u = e.ua
        JOIN ${ACCOUNTS} y ON y.p = e.pb AND y.u = e.ub WHERE ${kept}`,
      ['int', 'int', 'int'],
    )) {
      row.set(cr!, at);
      a.set(ca!, at);
      b.set(cb!, at);
      at += ca!.length;
    }
    const lam = expectedByHourOfWeek(a, b, hourCounts(keys, perAccount, volume), matches);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${LAMBDA} (i INTEGER, lam DOUBLE)`);
    await appendColumns(store, LAMBDA, [row, lam]);
    const params = {
      window: options.window,
      minWeight: options.minWeight,
      evidenceLimit: options.evidenceLimit,
    };
    const result = await replaceSignalRows(store, signal, params, async () => {
      await c.run(`INSERT INTO ${EDGE_STAGE}
        SELECT ${sqlString(signal)}, pa, ua, pb, ub, w, wab, wba, dt / 1000, ev, []::VARCHAR[], w, lam
        FROM ${PAIRS} JOIN ${LAMBDA} ON i = ${PAIRS}.rowid`);
      return { items, skipped: 0 };
    });
    return { edges: result.edges, items };
  } finally {
    await dropTables(store, [PAIRS, ACCOUNTS, LAMBDA]);
  }
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
