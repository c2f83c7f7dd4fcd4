import { describe, expect, it } from 'vitest';

import { openStore, scalar } from '../store/index.js';
import { forEachPage } from './paged-rows.sql.js';

describe('forEachPage(connection, sql, onPage)', () => {
  it('reads every row while the caller appends past the appender flush at 204,800 rows', async () => {
    const store = await openStore(':memory:');
    try {
      const c = store.connection;
      await c.run('CREATE TEMP TABLE copy_in AS SELECT range AS i FROM range(250000)');
      await c.run('CREATE TEMP TABLE copy_out (i BIGINT)');
      const appender = await c.createAppender('copy_out', 'main', 'temp');
      let pages = 0;
      await forEachPage(c, 'SELECT i FROM copy_in', (rows) => {
        pages++;
        for (const [i] of rows as [bigint][]) {
          appender.appendBigInt(i);
          appender.endRow();
        }
      });
      appender.closeSync();
      expect(pages).toBe(3);
      expect(await scalar(store, 'SELECT count(DISTINCT i) FROM copy_out')).toBe(250000);
      expect(await scalar(store, 'SELECT sum(i) FROM copy_out')).toBe((249999 * 250000) / 2);
    } finally {
      store.close();
    }
  });

  it('calls onPage not at all for no rows, and drops its table', async () => {
    const store = await openStore(':memory:');
    try {
      let calls = 0;
      await forEachPage(store.connection, 'SELECT 1 AS x WHERE false', () => calls++);
      expect(calls).toBe(0);
      const left = await scalar(
        store,
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'paged_rows'",
      );
      expect(left).toBe(0);
    } finally {
      store.close();
    }
  });
});
