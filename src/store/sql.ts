// Small SQL helpers every store module uses: literals, staging reads, scalar reads, temp cleanup,
// spreadsheet-safe text cells for the CSV files COPY writes.
import { FORMULA_TRIGGERS } from '../core/index.js';
import type { Store } from './open-store.js';

/** Returns a SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// DuckDB's default max_line_size; its CSV buffers grow with a larger one, so it is raised only
// for the files that need it.
const DUCKDB_MAX_LINE_SIZE = 2_097_152;

/**
 * Returns a `read_csv(...)` over a staging file written by StageWriter: no header, no sniffing,
 * quoted strings ("" is an empty string, an empty unquoted cell is NULL), the given columns, and
 * lines up to `maxLineBytes` long (a 3 MB display name is one field of one line).
 */
export function readStage(
  path: string,
  columns: Readonly<Record<string, string>>,
  maxLineBytes = 0,
): string {
  const spec = Object.entries(columns)
    .map(([n, t]) => `'${n}': '${t}'`)
    .join(', ');
  const lineSize =
    maxLineBytes > DUCKDB_MAX_LINE_SIZE ? `, max_line_size = ${maxLineBytes + 1024}` : '';
  return `read_csv(${sqlString(path)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, columns = {${spec}}${lineSize})`;
}

/**
 * A text column as a spreadsheet-safe cell for `COPY ... (FORMAT csv)`: `'` before a leading
 * = + - @ TAB or CR, the rule of core's `csvCell` (COPY then quotes as RFC 4180 asks, as csvCell
 * does). Numeric columns stay as they are. COPY keeps files of millions of rows fast (a JS writer
 * would read every row back through the driver).
 */
export function formulaSafeSql(expr: string): string {
  const triggers = FORMULA_TRIGGERS.map((c) => `chr(${c.charCodeAt(0)})`).join(', ');
  return `CASE WHEN left(${expr}, 1) IN (${triggers}) THEN '''' || ${expr} ELSE ${expr} END`;
}

/** A query's rows as arrays of DuckDB values. */
export async function rows(store: Store, sql: string): Promise<(readonly unknown[])[]> {
  return (await store.connection.runAndReadAll(sql)).getRows();
}

/** Returns the first row of a query as numbers (e.g. counts). */
export async function scalars(store: Store, sql: string): Promise<number[]> {
  return ((await store.connection.runAndReadAll(sql)).getRows()[0] ?? []).map(Number);
}

/** Returns the first value of a query as a number, 0 when there is none. */
export async function scalar(store: Store, sql: string): Promise<number> {
  return (await scalars(store, sql))[0] ?? 0;
}

/** Drops temporary tables, ignoring errors (used in `finally` blocks). */
export async function dropTables(store: Store, names: readonly string[]): Promise<void> {
  for (const t of names)
    await store.connection.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}

/** The items of a DuckDB LIST value read with getRows() (null or missing: none). */
export function listItems(value: unknown): unknown[] {
  return (value as { items?: unknown[] } | null)?.items ?? [];
}
