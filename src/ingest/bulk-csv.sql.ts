// A CSV export read strictly into a temp table inside DuckDB, in file order, for the bulk paths of
// the X archive and CrowdTangle: the cells the adapter reads, cleaned as the row path reads them.
import type { Store } from '../store/index.js';
import { sqlString } from '../store/index.js';
import { cleanSql } from './bulk-native.sql.js';

/** A CSV file to load in bulk, as the pipeline knows it from its sample. */
export interface CsvBulkFile {
  readonly path: string;
  /** How the file is compressed (DuckDB decompresses gzip and zstd itself). */
  readonly compression: 'none' | 'gzip' | 'zstd';
  readonly delimiter: string;
  /** The header's fields, lower-cased and trimmed (FileSample.header). */
  readonly header: readonly string[];
  readonly runId: number;
  readonly startedAt: number;
}

/** The header's columns by name; null when two fields read as one name (the row path decides). */
export function headerColumns(header: readonly string[]): ReadonlyMap<string, string> | null {
  const byName = new Map(header.map((name, i) => [name, `c${i}`]));
  return byName.size === header.length ? byName : null;
}

/**
 * Reads the file into the temp table `table`: `seq` (the row's rank in the file) and each of the
 * `used` columns as `"<name>"`, cleaned as the row path reads a cell (trimmed as JS trims, '' →
 * NULL; absent columns NULL); with `view`, a view over the raw cells (`<table>_raw`, every column
 * of the file as `c<i>`, in header order) that cleans them where it is read (for a caller that reads them once: a copy of every cell cleaned costs as much as the
 * read). False when DuckDB cannot read the file strictly (bad bytes, a short
 * or long row, a stray quote): then nothing is left behind and the row path reports each line.
 */
export async function readCsvCells(
  store: Store,
  file: CsvBulkFile,
  used: readonly string[],
  table: string,
  { view = false }: { view?: boolean } = {},
): Promise<boolean> {
  const c = store.connection;
  const byName = headerColumns(file.header) ?? new Map<string, string>();
  // The sample's header names the columns (c0, c1, … in SQL): no sniffing, which took a
  // second or two per read of a gzip file, and DuckDB read it twice (DESCRIBE, then the load).
  const reader = `read_csv(${sqlString(file.path)}, auto_detect = false, header = true,
      columns = {${file.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}},
      delim = ${sqlString(file.delimiter)}, quote = '"', escape = '"', strict_mode = true,
      null_padding = false, compression = ${sqlString(file.compression)})`;
  const col = (name: string) => byName.get(name) ?? 'NULL::VARCHAR';
  const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
  // File order is the row path's order (the first of repeated ids wins; the newest profile
  // breaks ties by it): read with insertion order kept, so rowid is the line's rank. The cells
  // are read as they are and cleaned in a second table: with the cleaning in the load, DuckDB 1.5
  // kept the order only in part (a 946,001-line file: rows ~13k places off). Every column is
  // read: with only some (a projection pushed into read_csv), a file with bytes that are not
  // UTF-8 and a short last row made DuckDB 1.5 fail with an internal error ("Attempted to access
  // index 24 within vector of size 4"), which invalidates the whole database, the case included.
  await c.run('SET preserve_insertion_order = true');
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE ${table}_raw AS SELECT * FROM ${reader}`);
    // seq is a column from here on: the next tables may be in any order.
    await c.run(
      `CREATE OR REPLACE TEMP ${view ? 'VIEW' : 'TABLE'} ${table} AS SELECT rowid AS seq, ${used.map((n) => `${cleanSql(col(n), true)} AS ${id(n)}`).join(', ')} FROM ${table}_raw`,
    );
    return true;
  } catch {
    return false;
  } finally {
    if (!view) await c.run(`DROP TABLE IF EXISTS ${table}_raw`);
    await c.run('SET preserve_insertion_order = false');
  }
}

/** Drops what {@link readCsvCells} made of `table` (the view's table of raw cells too). */
export async function dropCsvCells(store: Store, table: string): Promise<void> {
  await store.connection.run(`DROP VIEW IF EXISTS ${table}`).catch(() => undefined);
  await store.connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  await store.connection.run(`DROP TABLE IF EXISTS ${table}_raw`);
}
