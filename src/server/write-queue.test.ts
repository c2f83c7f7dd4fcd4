import { describe, expect, it } from 'vitest';

import { openStore } from '../store/index.js';
import { WriteQueue } from './write-queue.js';

describe('WriteQueue.run(write)', () => {
  it('runs transactions sent at once one after another, on a connection of its own, past a failed one', async () => {
    const store = await openStore(':memory:');
    try {
      await store.connection.run('CREATE TABLE log (seq INTEGER, who VARCHAR)');
      const queue = await WriteQueue.open(store);
      const append = (who: string) =>
        queue.run(async (w) => {
          // A read-then-write in a transaction, with a turn of the event loop inside it.
          await w.connection.run('BEGIN TRANSACTION');
          const next = (
            await w.connection.runAndReadAll('SELECT coalesce(max(seq), 0) + 1 FROM log')
          ).getRows()[0]![0] as number;
          await new Promise((resolve) => setImmediate(resolve));
          if (who === 'fails') {
            await w.connection.run('ROLLBACK');
            throw new Error('refused');
          }
          await w.connection.run('INSERT INTO log VALUES ($1, $2)', [next, who]);
          await w.connection.run('COMMIT');
          return next;
        });
      const names = ['a', 'b', 'fails', 'c', 'd', 'e'];
      const results = await Promise.allSettled(names.map(append));
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([
        1,
        2,
        'rejected',
        3,
        4,
        5,
      ]);
      const rows = (
        await store.connection.runAndReadAll('SELECT seq, who FROM log ORDER BY seq')
      ).getRows();
      expect(rows).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
        [4, 'd'],
        [5, 'e'],
      ]);
      // The main connection was never inside the writer's transaction.
      await store.connection.run('BEGIN TRANSACTION');
      await store.connection.run('COMMIT');
      await queue.close();
    } finally {
      store.close();
    }
  });
});
