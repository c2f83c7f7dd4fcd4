// Reads a Parquet file's rows into JS objects in batches, through DuckDB.
import { DuckDBInstance } from '@duckdb/node-api';

import { InputError } from '../core/index.js';
import { sqlString } from '../store/index.js';

/** Yields the rows of a Parquet file as plain objects (timestamps as ISO text with offset). */
export async function* readParquetRows(path: string): AsyncGenerator<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    let result;
    try {
      // Timestamps become ISO-8601 with offset so the native mapper parses them like CSV text.
      result = await connection.stream(`SELECT * FROM read_parquet(${sqlString(path)})`);
    } catch (error) {
      throw new InputError(`${path}: cannot read Parquet: ${(error as Error).message}`);
    }
    const names = result.columnNames();
    const types = result.columnTypes().map((t) => t.toString());
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const columns = names.map((_, i) => chunk.getColumnVector(i));
      const rows: Record<string, unknown>[] = new Array(chunk.rowCount);
      for (let r = 0; r < chunk.rowCount; r++) {
        const obj: Record<string, unknown> = {};
        for (let c = 0; c < names.length; c++)
          obj[names[c] as string] = jsValue(columns[c]?.getItem(r), types[c] as string);
        rows[r] = obj;
      }
      yield rows;
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function jsValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object') return value;
  if (type.startsWith('TIMESTAMP WITH TIME ZONE') || type === 'TIMESTAMPTZ') {
    const micros = (value as { micros: bigint }).micros;
    return new Date(Number(micros / 1000n)).toISOString();
  }
  if (type.endsWith('[]') && 'items' in (value as object))
    return (value as { items: unknown[] }).items.map((v) => (v === null ? null : String(v)));
  return String(value);
}
