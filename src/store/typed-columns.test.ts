import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChunkColumn, Store } from './index.js';
import { appendColumns, openStore, queryRows } from './index.js';

describe('appendColumns(store, table, columns)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(() => store.close());

  it('appends columns made a chunk at a time as it appends them whole', async () => {
    // 10,007 rows: four full data chunks of 2,048 and a short fifth.
    const n = 10_007;
    const ids = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const values = Float64Array.from({ length: n }, (_, i) => i / 7);
    const c = store.connection;
    for (const table of ['columns_whole', 'columns_made'])
      await c.run(
        `CREATE OR REPLACE TEMP TABLE ${table} (i INTEGER, id INTEGER, x DOUBLE, rank INTEGER, k INTEGER)`,
      );
    // rank: each id's rows counted in row order (state carried from chunk to chunk).
    const seen = new Int32Array(1000);
    const rank = Int32Array.from(ids, (id) => ++seen[id]!);
    await appendColumns(store, 'columns_whole', [
      Int32Array.from({ length: n }, (_, i) => i),
      ids,
      values,
      rank,
      new Int32Array(n).fill(7),
    ]);
    seen.fill(0);
    const chunks: number[] = [];
    const column = (type: ChunkColumn['type'], fill: ChunkColumn['fill']): ChunkColumn => ({
      type,
      length: n,
      fill,
    });
    await appendColumns(store, 'columns_made', [
      column('int', (into, from) => {
        chunks.push(into.length);
        for (let x = 0; x < into.length; x++) into[x] = from + x;
      }),
      ids,
      column('double', (into, from) => into.set(values.subarray(from, from + into.length))),
      column('int', (into, from) => {
        for (let x = 0; x < into.length; x++) into[x] = ++seen[ids[from + x]!]!;
      }),
      column('int', (into) => into.fill(7)),
    ]);
    expect(chunks).toEqual([2048, 2048, 2048, 2048, 1815]);
    const read = (table: string) => queryRows(store, `SELECT * FROM ${table} ORDER BY i`);
    const whole = await read('columns_whole');
    expect(whole).toHaveLength(n);
    expect(whole[n - 1]).toEqual({
      i: n - 1,
      id: ids[n - 1],
      x: values[n - 1],
      rank: rank[n - 1],
      k: 7,
    });
    expect(await read('columns_made')).toEqual(whole);
  });
});
