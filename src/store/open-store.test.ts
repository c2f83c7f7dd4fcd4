// Settings every case connection needs, forks included.
import { describe, expect, it } from 'vitest';

import { openStore } from './open-store.js';

describe('openStore', () => {
  it("turns DuckDB's common-subplan optimizer off on every connection (wrong results in 1.5.6)", async () => {
    const store = await openStore(':memory:');
    const fork = await store.fork();
    try {
      for (const c of [store.connection, fork.connection])
        expect(
          (await c.runAndReadAll(`SELECT current_setting('disabled_optimizers')`)).getRows(),
        ).toEqual([['common_subplan']]);
    } finally {
      fork.close();
      store.close();
    }
  });

  it('runs exclusive work in turn across connections, a failure not stopping the next', async () => {
    const store = await openStore(':memory:');
    const fork = await store.fork();
    const events: string[] = [];
    const work =
      (name: string, fail = false) =>
      async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    try {
      const results = await Promise.allSettled([
        store.exclusive(work('a', true)),
        fork.exclusive(work('b')),
        store.exclusive(work('c')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    } finally {
      fork.close();
      store.close();
    }
  });
});
