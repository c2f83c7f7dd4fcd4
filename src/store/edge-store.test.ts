// Signal edges keyed by integers: a case file of schema 5 moves its edges over unchanged, and
// edges written through the staging table read back as they were written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

import { replaceSignalRows } from '../signals/index.js';
import { EDGE_STAGE } from './edge-store.js';
import { openStore } from './open-store.js';
import { queryRows } from './queries.js';
import { MIGRATIONS } from './schema.js';

// Two signals sharing account names, evidence out of alphabetical order, an empty evidence list,
// message pairs, NULL weights, names that sort differently as strings and as bytes.
const ROWS = `
  ('shared-infrastructure', 'x', 'b', 'x', 'c', 2.5, NULL, NULL, NULL, ['ip:9', 'asn:1', 'device:z'], [], 3, 0.25),
  ('shared-infrastructure', 'x', 'a', 'y', 'a', 1.0, NULL, NULL, NULL, ['ip:9'], [], 1, 0.5),
  ('co-share:url', 'x', 'a', 'x', 'b', 2, 2, 1, 12.5, ['https://a.example/1', 'https://b.example/2'], [], 2, 0.001),
  ('co-share:url', 'x', 'b', 'x', 'Z', 1, 1, 1, 0, ['https://a.example/1'], [], 1, 0.01),
  ('rhythm', 'x', 'a', 'x', 'b', 0.97, NULL, NULL, NULL, [], [], NULL, NULL),
  ('near-duplicate-text', 'x', 'a', 'x', 'c', 1, NULL, NULL, 30, ['same text'], ['p1~p9', 'p2~p8'], 1, 0.2)`;

const edges = async (store: Awaited<ReturnType<typeof openStore>>) =>
  queryRows(
    store,
    `SELECT signal, platform_a, account_a, platform_b, account_b, weight, weight_ab, weight_ba, mean_dt_seconds,
       evidence::VARCHAR AS evidence, evidence_posts::VARCHAR AS posts, observed, expected
     FROM signal_edges ORDER BY ALL`,
  );

describe('signal edges', () => {
  it('move over from a schema-5 case file unchanged', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'unmask-edges-')), 'case.duckdb');
    const db = await DuckDBInstance.create(path);
    const c = await db.connect();
    await c.run(`CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
    for (const m of MIGRATIONS.filter((m) => m.version <= 5))
      for (const s of m.statements) await c.run(s);
    await c.run(`INSERT INTO meta VALUES ('schema_version', '5')`);
    await c.run(`INSERT INTO signal_edges VALUES ${ROWS}`);
    const before = (await c.runAndReadAll(`SELECT count(*) FROM signal_edges`)).getRows();
    expect(Number(before[0]?.[0])).toBe(6);
    c.closeSync();
    db.closeSync();

    const store = await openStore(path);
    try {
      const [version] = await queryRows(
        store,
        `SELECT value FROM meta WHERE key = 'schema_version'`,
      );
      expect(Number(version?.value)).toBeGreaterThanOrEqual(6);
      const moved = await edges(store);
      // The same rows as the old table gives them.
      const reference = await DuckDBInstance.create(':memory:');
      const r = await reference.connect();
      await r.run(
        `CREATE TABLE e AS SELECT * FROM (VALUES ${ROWS}) t(signal, platform_a, account_a, platform_b, account_b, weight, weight_ab, weight_ba, mean_dt_seconds, evidence, evidence_posts, observed, expected)`,
      );
      const expected = (
        await r.runAndReadAll(
          `SELECT signal, platform_a, account_a, platform_b, account_b, weight::DOUBLE AS weight, weight_ab::DOUBLE AS weight_ab, weight_ba::DOUBLE AS weight_ba,
             mean_dt_seconds::DOUBLE AS mean_dt_seconds, evidence::VARCHAR[]::VARCHAR AS evidence, evidence_posts::VARCHAR[]::VARCHAR AS posts,
             observed::DOUBLE AS observed, expected::DOUBLE AS expected FROM e ORDER BY ALL`,
        )
      ).getRowObjectsJson();
      r.closeSync();
      reference.closeSync();
      expect(JSON.parse(JSON.stringify(moved))).toEqual(expected);
      expect(
        moved.find((e) => e.signal === 'shared-infrastructure' && e.account_a === 'b')?.evidence,
      ).toBe("['ip:9', 'asn:1', 'device:z']");
    } finally {
      store.close();
    }
  });

  it('read back as staged, and replace only their own signal', async () => {
    const store = await openStore(':memory:');
    try {
      const stage = async (signal: string, rows: string) =>
        replaceSignalRows(store, signal, {}, async () => {
          await store.connection.run(`INSERT INTO ${EDGE_STAGE} SELECT * FROM (VALUES ${rows})`);
          return { items: 1, skipped: 0 };
        });
      for (const signal of [
        'shared-infrastructure',
        'co-share:url',
        'rhythm',
        'near-duplicate-text',
      ])
        await stage(
          signal,
          ROWS.split('\n')
            .filter((l) => l.includes(`'${signal}'`))
            .join('\n')
            .replace(/\),\s*$/, ')'),
        );
      const all = await edges(store);
      expect(all).toHaveLength(6);
      // A new run of one signal leaves the others as they were.
      const r = await stage(
        'co-share:url',
        `('co-share:url', 'x', 'q', 'x', 'r', 3, 3, 3, 1, ['https://c.example/3'], [], 3, 0.1)`,
      );
      expect(r.edges).toBe(1);
      const after = await edges(store);
      expect(after.filter((e) => e.signal !== 'co-share:url')).toEqual(
        all.filter((e) => e.signal !== 'co-share:url'),
      );
      expect(after.filter((e) => e.signal === 'co-share:url')).toEqual([
        expect.objectContaining({
          account_a: 'q',
          account_b: 'r',
          evidence: "['https://c.example/3']",
        }),
      ]);
    } finally {
      store.close();
    }
  });
});
