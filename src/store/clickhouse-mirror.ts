// The case's data tables mirrored between a DuckDB case and a ClickHouse case: the ClickHouse
// tables are derived from the DuckDB schema (one column each, timestamps as epoch microseconds),
// rows travel as CSV to ClickHouse and as JSON lines back.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ClickHouseCase } from './clickhouse.js';
import type { Store } from './open-store.js';
import { sqlString } from './sql.js';

/** A data table of the case and how ClickHouse keeps it. */
export interface MirroredTable {
  readonly name: string;
  /** Rows kept once per key (ReplacingMergeTree; the last inserted wins); empty: every row. */
  readonly key: readonly string[];
  /** Shards by this expression over the row (cityHash64 of its columns); rand() when none. */
  readonly shardBy: readonly string[];
}

/** The tables a ClickHouse case holds, with their keys and sharding (accounts' rows stay together). */
export const MIRRORED_TABLES: readonly MirroredTable[] = [
  { name: 'posts', key: ['platform', 'post_id'], shardBy: ['platform', 'account_id'] },
  { name: 'accounts', key: ['platform', 'account_id'], shardBy: ['platform', 'account_id'] },
  { name: 'account_names', key: [], shardBy: ['platform', 'account_id'] },
  { name: 'observations', key: [], shardBy: ['platform', 'account_id'] },
  { name: 'follows', key: [], shardBy: ['platform', 'follower_id'] },
  { name: 'labels', key: ['platform', 'account_id'], shardBy: ['platform', 'account_id'] },
  { name: 'indicators', key: [], shardBy: [] },
  { name: 'ingest_runs', key: ['run_id'], shardBy: [] },
  // Posts' pictures with their perceptual hashes and thumbnails, beside their accounts' posts.
  {
    name: 'post_media',
    key: ['platform', 'post_id', 'media_id'],
    shardBy: ['platform', 'account_id'],
  },
];

/**
 * The results a DuckDB working case computes from a ClickHouse case and sends back to it (signal
 * runs and edges, detection, profiles, the review's audit log), so that later commands on the ClickHouse case see them;
 * each replaces its table's rows.
 */
export const RESULT_TABLES: readonly MirroredTable[] = [
  'signal_runs',
  'edge_signals',
  'edge_accounts',
  'edge_values',
  'edge_rows',
  'edge_evidence',
  'edge_posts',
  'detect_runs',
  'detect_pairs',
  'clusters',
  'cluster_members',
  'profiles',
  'audit_log',
].map((name) => ({ name, key: [], shardBy: [] }));

interface Column {
  readonly name: string;
  /** DuckDB type, e.g. 'VARCHAR', 'VARCHAR[]', 'TIMESTAMP WITH TIME ZONE'. */
  readonly type: string;
  readonly nullable: boolean;
}

async function columnsOf(store: Store, table: string): Promise<Column[]> {
  const reader = await store.connection.runAndReadAll(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_name = ${sqlString(table)} AND table_schema = 'main' ORDER BY ordinal_position`,
  );
  return reader.getRows().map((r) => ({
    name: String(r[0]),
    type: String(r[1]),
    nullable: r[2] === 'YES',
  }));
}

const isTime = (c: Column) => c.type.startsWith('TIMESTAMP');
const isList = (c: Column) => c.type.endsWith('[]');

// Doubles travel and stay as text (DuckDB's shortest round-trip digits): 18.16 parses JSON
// numbers with a fast float reader that may differ in the last bit, and λ must not change.
function clickHouseType(c: Column): string {
  if (isList(c)) return 'Array(String)';
  const base =
    isTime(c) || c.type === 'BIGINT'
      ? 'Int64'
      : c.type === 'INTEGER'
        ? 'Int32'
        : c.type === 'BOOLEAN'
          ? 'UInt8'
          : 'String';
  return c.nullable ? `Nullable(${base})` : base;
}

/** The local (per node) and distributed names of a table; the same on one node. */
export function tableNames(ch: ClickHouseCase, name: string): { local: string; all: string } {
  const local = `${ch.database}.${name}_local`;
  return { local, all: ch.cluster === null ? local : `${ch.database}.${name}` };
}

/**
 * Creates `t`'s tables in ClickHouse if missing: a (Replacing)MergeTree on every node and, on a
 * cluster, a Distributed table over them. `columns` is the ClickHouse column list.
 */
export async function createMirrorTable(
  ch: ClickHouseCase,
  t: MirroredTable,
  columns: string,
): Promise<void> {
  const { local, all } = tableNames(ch, t.name);
  const engine = t.key.length > 0 ? 'ReplacingMergeTree' : 'MergeTree';
  const order = t.key.length > 0 ? `(${t.key.join(', ')})` : 'tuple()';
  await ch.onEachNode(
    `CREATE TABLE IF NOT EXISTS ${local} (${columns}) ENGINE = ${engine} ORDER BY ${order}`,
  );
  if (ch.cluster !== null) {
    const shard = t.shardBy.length > 0 ? `cityHash64(${t.shardBy.join(', ')})` : 'rand()';
    await ch.onEachNode(
      `CREATE TABLE IF NOT EXISTS ${all} AS ${local} ENGINE = Distributed(${ch.cluster}, ${ch.database}, ${t.name}_local, ${shard})`,
    );
  }
}

/** Creates `tables` in ClickHouse from the DuckDB case's schema. */
export async function createMirrorTables(
  ch: ClickHouseCase,
  store: Store,
  tables: readonly MirroredTable[] = MIRRORED_TABLES,
): Promise<void> {
  for (const t of tables) {
    const columns = await columnsOf(store, t.name);
    await createMirrorTable(ch, t, columns.map((c) => `${c.name} ${clickHouseType(c)}`).join(', '));
  }
}

/**
 * A DuckDB expression writing list `column` as a ClickHouse array literal (`['a','b']`, quotes and
 * backslashes escaped), which ClickHouse's CSV reader parses into an Array(String).
 */
const arrayLiteral = (column: string) =>
  `'[' || array_to_string(list_transform(coalesce(${column}, []), lambda s: '''' || replace(replace(coalesce(s, ''), '\\', '\\\\'), '''', '\\''') || ''''), ',') || ']'`;

/**
 * Sends the rows of a DuckDB query (`select`: a SELECT over the store) to a ClickHouse table;
 * returns the rows sent. DuckDB writes them as CSV (COPY; every string quoted, so that '' stays
 * an empty string and only an unquoted \N is NULL; lists as array literals, booleans as 0/1),
 * and the file goes to ClickHouse in one streamed INSERT, which both 18.16 and current
 * ClickHouse read several times faster than JSON lines (docs/scale-out.md, "Measured here").
 */
export async function pushRows(
  store: Store,
  ch: ClickHouseCase,
  select: string,
  table: string,
): Promise<number> {
  const described = await store.connection.runAndReadAll(`DESCRIBE (${select})`);
  const columns = described.getRows().map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  const outer = columns
    .map((c) =>
      c.type.endsWith('[]')
        ? `${arrayLiteral(c.name)} AS ${c.name}`
        : c.type === 'BOOLEAN'
          ? `${c.name}::INTEGER AS ${c.name}`
          : c.name,
    )
    .join(', ');
  const strings = columns.filter((c) => c.type === 'VARCHAR' || c.type.endsWith('[]'));
  const quote =
    strings.length > 0 ? `, FORCE_QUOTE (${strings.map((c) => c.name).join(', ')})` : '';
  const dir = mkdtempSync(join(tmpdir(), 'unmask-push-'));
  const file = join(dir, 'rows.csv');
  try {
    const copied = await store.connection.runAndReadAll(
      `COPY (SELECT ${outer} FROM (${select})) TO ${sqlString(file)} (FORMAT csv, HEADER false, NULLSTR '\\N'${quote})`,
    );
    const sent = Number(copied.getRows()[0]?.[0] ?? 0);
    if (sent > 0)
      await ch.insertCsvFile(
        table,
        columns.map((c) => c.name),
        file,
      );
    return sent;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Sends a DuckDB case's data tables to ClickHouse (creating them if missing); `runOffset` is
 * added to run ids so that runs of several ingests stay distinct. Returns rows sent per table.
 */
export async function pushTables(
  store: Store,
  ch: ClickHouseCase,
  runOffset: number,
  tables: readonly MirroredTable[] = MIRRORED_TABLES,
): Promise<Record<string, number>> {
  await createMirrorTables(ch, store, tables);
  const sent: Record<string, number> = {};
  for (const t of tables) {
    const columns = await columnsOf(store, t.name);
    const select = columns
      .map((c) =>
        c.name === 'run_id'
          ? `run_id + ${runOffset} AS run_id`
          : isTime(c)
            ? `epoch_us(${c.name}) AS ${c.name}`
            : isList(c)
              ? `coalesce(${c.name}, []) AS ${c.name}`
              : c.type === 'DOUBLE'
                ? `${c.name}::VARCHAR AS ${c.name}`
                : c.type === 'BOOLEAN'
                  ? `${c.name}::INTEGER AS ${c.name}`
                  : c.name,
      )
      .join(', ');
    sent[t.name] = await pushRows(
      store,
      ch,
      `SELECT ${select} FROM ${t.name}`,
      tableNames(ch, t.name).all,
    );
  }
  return sent;
}

/** Whether the ClickHouse case has table `name` (on the node queries go through). */
export async function hasTable(ch: ClickHouseCase, name: string): Promise<boolean> {
  const { all } = tableNames(ch, name);
  const rows = await ch.query(
    `SELECT count() AS n FROM system.tables WHERE database = '${ch.database}' AND name = '${all.slice(ch.database.length + 1)}'`,
  );
  return Number(rows[0]?.n) > 0;
}

/**
 * Replaces `tables` in ClickHouse with the DuckDB case's rows (dropped and created again on every
 * node: the results of one working case replace the last ones).
 */
export async function replaceTables(
  store: Store,
  ch: ClickHouseCase,
  tables: readonly MirroredTable[],
): Promise<void> {
  for (const t of tables) {
    const { local, all } = tableNames(ch, t.name);
    if (all !== local) await ch.onEachNode(`DROP TABLE IF EXISTS ${all}`);
    await ch.onEachNode(`DROP TABLE IF EXISTS ${local}`);
  }
  await pushTables(store, ch, 0, tables);
}

/** Merges each node's parts so that rows kept once per key are (ReplacingMergeTree's FINAL). */
export async function mergeTables(ch: ClickHouseCase, names: readonly string[]): Promise<void> {
  for (const name of names)
    await ch.onEachNode(`OPTIMIZE TABLE ${tableNames(ch, name).local} FINAL`);
}

/**
 * Copies rows of ClickHouse table `t` (those matching `where`, SQL over its columns) into the
 * DuckDB case's table of the same name; returns the rows copied.
 */
export async function pullTable(
  ch: ClickHouseCase,
  store: Store,
  table: string,
  where = '1',
): Promise<number> {
  const columns = await columnsOf(store, table);
  // 64-bit integers as strings (JSONEachRow's default on every version), parsed by DuckDB.
  const select = columns
    .map((c) => (clickHouseType(c).includes('Int64') ? `toString(${c.name}) AS ${c.name}` : c.name))
    .join(', ');
  const dir = mkdtempSync(join(tmpdir(), 'unmask-pull-'));
  const file = join(dir, 'rows.json');
  try {
    await ch.queryToFile(`SELECT ${select} FROM ${tableNames(ch, table).all} WHERE ${where}`, file);
    if (statSync(file).size === 0) return 0;
    const spec = columns
      .map(
        (c) =>
          `${sqlString(c.name)}: ${sqlString(isTime(c) || c.type === 'BIGINT' || c.type === 'DOUBLE' ? 'VARCHAR' : c.type === 'BOOLEAN' ? 'INTEGER' : c.type)}`,
      )
      .join(', ');
    const cast = columns
      .map((c) =>
        isTime(c)
          ? `make_timestamptz(${c.name}::BIGINT)`
          : c.type === 'BOOLEAN'
            ? `${c.name}::BOOLEAN`
            : c.type === 'BIGINT' || c.type === 'DOUBLE'
              ? `${c.name}::${c.type}`
              : c.name,
      )
      .join(', ');
    const reader = await store.connection.runAndReadAll(
      `INSERT INTO ${table} SELECT ${cast} FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${spec}})`,
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ClickHouse's answer to a query, as JSON lines in a temp file; `dispose` removes it. */
export interface PulledFile {
  readonly path: string;
  dispose(): void;
}

/** Runs `sql` on ClickHouse and writes its answer (JSONEachRow) into a temp file of its own. */
export async function queryToTempFile(ch: ClickHouseCase, sql: string): Promise<PulledFile> {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-pull-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const path = join(dir, 'rows.json');
    await ch.queryToFile(sql, path);
    return { path, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * Writes the JSON lines file `path` (`columns`: its names and DuckDB types) into temp table
 * `table` of the DuckDB case, as `select` (a SELECT over the rows, named by its argument) gives it.
 */
export async function readPulledFile(
  store: Store,
  path: string,
  table: string,
  columns: readonly (readonly [string, string])[],
  select: (source: string) => string,
): Promise<void> {
  const source =
    statSync(path).size === 0
      ? `(SELECT ${columns.map(([name, type]) => `NULL::${type} AS ${name}`).join(', ')} WHERE false)`
      : `read_json(${sqlString(path)}, format = 'newline_delimited', columns = {${columns
          .map(([name, type]) => `${name}: '${type}'`)
          .join(', ')}})`;
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${select(source)}`);
}

/**
 * Writes ClickHouse's answer to `sql` (`columns`: its names and DuckDB types) into temp table
 * `table` of the DuckDB case, as `select` (a SELECT over the rows, named by its argument) gives it.
 */
export async function pullQueryInto(
  ch: ClickHouseCase,
  store: Store,
  sql: string,
  table: string,
  columns: readonly (readonly [string, string])[],
  select: (source: string) => string,
): Promise<void> {
  const file = await queryToTempFile(ch, sql);
  try {
    await readPulledFile(store, file.path, table, columns, select);
  } finally {
    file.dispose();
  }
}
