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
});
