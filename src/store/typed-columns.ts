// Numeric columns between DuckDB and JS typed arrays, a data chunk at a time, and grouping them.
import type { DuckDBVector } from '@duckdb/node-api';
import { DOUBLE, DuckDBDataChunk, INTEGER } from '@duckdb/node-api';

import type { Store } from './open-store.js';

/** A numeric vector's values as the typed array behind it, when the binding exposes one. */
function typedItems(vector: DuckDBVector): Int32Array | Float64Array | null {
  // @duckdb/node-api keeps a vector's values in a typed array (`items`, not public in its types);
  // copying it whole is 30× faster than getItem/setItem per value. Fall back if it changes.
  const items = (vector as unknown as { items?: unknown }).items;
  return items instanceof Int32Array || items instanceof Float64Array ? items : null;
}

/** Copies a numeric vector of `count` non-null values into `into` at `at`. */
export function readColumn(
  vector: DuckDBVector,
  count: number,
  into: Int32Array | Float64Array,
  at: number,
): void {
  const items = typedItems(vector);
  if (items && items.length >= count) into.set(items.subarray(0, count), at);
  else for (let r = 0; r < count; r++) into[at + r] = Number(vector.getItem(r) ?? 0);
}

/**
 * A column made a data chunk at a time as it is appended: `fill` writes rows [from, from +
 * into.length) into `into` (the chunk's own vector, so nothing is copied twice). It is called once
 * per chunk, in row order, so it may carry state from one chunk to the next.
 */
export interface ChunkColumn {
  /** 'int': INTEGER (`into` an Int32Array), 'double': DOUBLE (a Float64Array). */
  readonly type: 'int' | 'double';
  /** Number of rows. */
  readonly length: number;
  readonly fill: (into: Int32Array | Float64Array, from: number) => void;
}

/**
 * Appends columns to a table through DuckDB's appender, a data chunk at a time: typed arrays as
 * they are, {@link ChunkColumn}s made chunk by chunk (at 10M posts a co-share signal's 11.6M edges
 * with keys shifted and a repeated signal key, made whole, were 650 MB of new memory).
 */
export async function appendColumns(
  store: Store,
  table: string,
  columns: readonly (Int32Array | Float64Array | ChunkColumn)[],
): Promise<void> {
  const appender = await store.connection.createAppender(table);
  const double = (col: Int32Array | Float64Array | ChunkColumn) =>
    col instanceof Float64Array || (!(col instanceof Int32Array) && col.type === 'double');
  const types = columns.map((col) => (double(col) ? DOUBLE : INTEGER));
  const n = columns[0]?.length ?? 0;
  const size = 2048;
  // One chunk, refilled: creating a chunk per 2,048 rows cost more than the copying.
  const chunk = DuckDBDataChunk.create(types, Math.min(size, n));
  for (let off = 0; off < n; off += size) {
    const m = Math.min(size, n - off);
    if (chunk.rowCount !== m) chunk.rowCount = m;
    columns.forEach((col, i) => {
      const vector = chunk.getColumnVector(i);
      const items = typedItems(vector);
      const into =
        items && items.length >= m
          ? items.subarray(0, m)
          : double(col)
            ? new Float64Array(m)
            : new Int32Array(m);
      if (col instanceof Int32Array || col instanceof Float64Array)
        into.set(col.subarray(off, off + m));
      else col.fill(into, off);
      if (into.buffer !== items?.buffer)
        for (let r = 0; r < m; r++) vector.setItem(r, into[r]! as never);
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/**
 * Runs a query and yields each data chunk's numeric columns as typed arrays of the chunk's length
 * ('int': Int32Array, 'double': Float64Array). The arrays are views of buffers reused for the
 * next chunk: read them before asking for it. The values must be non-null.
 */
export async function* streamColumns(
  store: Store,
  sql: string,
  types: readonly ('int' | 'double')[],
): AsyncGenerator<(Int32Array | Float64Array)[]> {
  const buffers = types.map((t) => (t === 'int' ? new Int32Array(2048) : new Float64Array(2048)));
  const result = await store.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const m = chunk.rowCount;
    for (let i = 0; i < buffers.length; i++) {
      if (buffers[i]!.length < m)
        buffers[i] = types[i] === 'int' ? new Int32Array(m) : new Float64Array(m);
      readColumn(chunk.getColumnVector(i), m, buffers[i]!, 0);
    }
    yield buffers.map((b) => b.subarray(0, m));
  }
}
