// Rows go to ClickHouse as CSV (DuckDB writes it, one streamed INSERT): strings with quotes,
// backslashes, tabs, line breaks, '\N' and the empty string, NULLs, lists and booleans come back
// as they were, on the two-shard 18.16 cluster and on chdb (current ClickHouse).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ClickHouseCase, Store } from '../src/store/index.js';
import {
  createMirrorTable,
  openClickHouseCase,
  openStore,
  pushRows,
  tableNames,
} from '../src/store/index.js';
import type { TestCluster } from './helpers/clickhouse-cluster.js';
import { chdbMissing, clickHouseMissing, startCluster } from './helpers/clickhouse-cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-insert-'));
const STRINGS = [
  '',
  '\\N',
  'say "hi"',
  "it's",
  'back\\slash \\n',
  'tab\there',
  'line\nbreak\r\nend',
  'comma, semicolon;',
  "['not', 'a list']",
  'ünï 中文 🙂',
];

/** The rows as ClickHouse should hold them. */
const expected = STRINGS.map((s, i) => ({
  id: i,
  s,
  n: i % 2 === 1 ? null : s,
  l: i % 3 === 0 ? [] : [s, STRINGS[(i + 1) % STRINGS.length]!, "q'uote"],
  b: i % 4 === 0 ? null : i % 2,
}));

async function roundTrip(store: Store, ch: ClickHouseCase): Promise<unknown[]> {
  await createMirrorTable(
    ch,
    { name: 'tricky', key: [], shardBy: ['id'] },
    'id Int32, s String, n Nullable(String), l Array(String), b Nullable(UInt8)',
  );
  const sent = await pushRows(store, ch, 'SELECT * FROM tricky', tableNames(ch, 'tricky').all);
  expect(sent).toBe(STRINGS.length);
  return ch.query(`SELECT id, s, n, l, b FROM ${tableNames(ch, 'tricky').all} ORDER BY id`);
}

describe('rows to ClickHouse as CSV', () => {
  let store: Store;
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    store = await openStore(join(dir, 'case.duckdb'));
    await store.connection.run(
      'CREATE TABLE tricky (id INTEGER, s VARCHAR, n VARCHAR, l VARCHAR[], b BOOLEAN)',
    );
    for (const row of expected)
      await store.connection.run(
        `INSERT INTO tricky VALUES ($1, $2, $3, ${listLiteral(row.l)}::VARCHAR[], $4)`,
        [row.id, row.s, row.n, row.b === null ? null : row.b === 1],
      );
    if (!clickHouseMissing) cluster = await startCluster();
  }, 120_000);
  afterAll(async () => {
    store.close();
    await cluster?.stop();
  });

  it.skipIf(clickHouseMissing !== null)(
    'come back unchanged from a two-shard cluster',
    async () => {
      const ch = await openClickHouseCase(cluster!.caseUrl('tricky'));
      try {
        expect(await roundTrip(store, ch)).toEqual(expected);
        // Both shards hold some (the INSERT is synchronous: every shard has its rows when it returns).
        for (const node of [0, 1])
          expect(
            Number(await cluster!.query(node, 'SELECT count() FROM tricky.tricky_local')),
          ).toBeGreaterThan(0);
      } finally {
        await ch.close();
      }
    },
  );

  it.skipIf(chdbMissing !== null)('come back unchanged from chdb', async () => {
    const ch = await openClickHouseCase(`chdb:${join(dir, 'chdb')}`);
    try {
      expect(await roundTrip(store, ch)).toEqual(expected);
    } finally {
      await ch.close();
    }
  });
});

/** A list of strings as a DuckDB list expression of string literals. */
function listLiteral(values: readonly string[]): string {
  return `[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]`;
}
