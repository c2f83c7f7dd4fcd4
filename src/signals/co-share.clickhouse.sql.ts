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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ClickHouseCase, MirroredTable, Store } from '../store/index.js';
import { createMirrorTable, EDGE_STAGE, pushRows, sqlString, tableNames } from '../store/index.js';
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

/** A pair as ClickHouse returns it (64-bit counts as strings). */
interface PairRow {
  readonly pa: string;
  readonly ua: string;
  readonly pb: string;
  readonly ub: string;
  readonly objects: string | number;
  readonly wab: string | number;
  readonly wba: string | number;
  readonly dt: number;
  readonly evidence: readonly string[];
}

/**
 * Computes co-share signal `signal` in ClickHouse and writes its edges (replacing any) into the
 * DuckDB case `store`: the same pairs, weights, directed weights, mean Δt, evidence objects and
 * λ as the sweep on DuckDB. Returns edge and occurrence counts.
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
  const pairs = (await ch.query(`
    SELECT platform AS pa, acc AS ua, pb, ub, uniqExact(obj) AS objects, uniqExact(msg) AS wab,
      uniqExact(mb) AS wba, avg(abs(t - tb)) AS dt, arraySlice(arraySort(groupUniqArray(obj)), 1, ${k}) AS evidence
    ${matchedShares(ch, signal, windowMs)}
    GROUP BY pa, ua, pb, ub HAVING objects >= ${options.minWeight}
    ORDER BY pa, ua, pb, ub`)) as unknown as PairRow[];
  const matches = await matchesByHour(ch, signal, windowMs);
  const { volume, perAccount, items } = await occurrencesByHour(ch, signal);
  const { a, b, counts } = pairHourCounts(pairs, perAccount, volume);
  const expected = expectedByHourOfWeek(a, b, counts, matches);
  const params = {
    window: options.window,
    minWeight: options.minWeight,
    evidenceLimit: options.evidenceLimit,
  };
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-edges-'));
  try {
    const file = join(dir, 'edges.json');
    writeFileSync(
      file,
      pairs
        .map((p, i) =>
          JSON.stringify({
            pa: p.pa,
            ua: p.ua,
            pb: p.pb,
            ub: p.ub,
            w: Number(p.objects),
            wab: Number(p.wab),
            wba: Number(p.wba),
            dt: p.dt / 1000,
            ev: p.evidence,
            lam: expected[i],
          }),
        )
        .join('\n'),
    );
    const result = await replaceSignalRows(store, signal, params, async () => {
      if (pairs.length > 0)
        await store.connection.run(`INSERT INTO ${EDGE_STAGE}
          SELECT ${sqlString(signal)}, pa, ua, pb, ub, w, wab, wba, dt, ev, []::VARCHAR[], w, lam
          FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {pa: 'VARCHAR', ua: 'VARCHAR',
            pb: 'VARCHAR', ub: 'VARCHAR', w: 'DOUBLE', wab: 'DOUBLE', wba: 'DOUBLE', dt: 'DOUBLE', ev: 'VARCHAR[]', lam: 'DOUBLE'})`);
      return { items, skipped: 0 };
    });
    return { edges: result.edges, items };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The null model's P_h: matched (object, pair)s by the hour of a's first matched share (as the
 * sweep counts them; objects are shard-local, so each shard's groups are final).
 */
async function matchesByHour(
  ch: ClickHouseCase,
  signal: string,
  windowMs: number,
): Promise<Float64Array> {
  const matches = new Float64Array(168);
  for (const r of await ch.query(`
    SELECT h, count() AS n FROM (
      SELECT ${hourOfWeek('min(t)')} AS h ${matchedShares(ch, signal, windowMs)}
      GROUP BY obj, platform, acc, pb, ub)
    GROUP BY h SETTINGS distributed_group_by_no_merge = 1`))
    matches[Number(r.h)] = Number(r.n);
  return matches;
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
 * The pairs' accounts numbered in (platform, account) order (pairs arrive grouped by a): the pairs
 * as two id columns, and each numbered account's occurrences by hour of the week.
 */
function pairHourCounts(
  pairs: readonly PairRow[],
  perAccount: ReadonlyMap<string, readonly { hour: number; n: number }[]>,
  volume: Float64Array,
): { a: Int32Array; b: Int32Array; counts: HourCounts } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  for (const p of pairs)
    for (const key of [`${p.pa}\u0000${p.ua}`, `${p.pb}\u0000${p.ub}`])
      if (!ids.has(key)) {
        ids.set(key, names.length);
        names.push(key);
      }
  const start = new Int32Array(names.length + 1);
  const hour: number[] = [];
  const count: number[] = [];
  names.forEach((key, u) => {
    for (const x of perAccount.get(key) ?? []) {
      hour.push(x.hour);
      count.push(x.n);
    }
    start[u + 1] = hour.length;
  });
  return {
    a: Int32Array.from(pairs, (p) => ids.get(`${p.pa}\u0000${p.ua}`)!),
    b: Int32Array.from(pairs, (p) => ids.get(`${p.pb}\u0000${p.ub}`)!),
    counts: { start, hour: Uint8Array.from(hour), count: Float64Array.from(count), volume },
  };
}
