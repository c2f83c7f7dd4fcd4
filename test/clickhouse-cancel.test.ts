// A ClickHouse case closed while its queries run stops them on every server: 18.16 runs a query to
// its end after its client went away, and a distributed query's part on the other shard too, so a
// failed or interrupted detect left the cluster busy for many minutes (seen at 10M posts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openClickHouseCase } from '../src/store/index.js';
import type { TestCluster } from './helpers/clickhouse-cluster.js';
import { clickHouseMissing, CLUSTER_STOP_MS, startCluster } from './helpers/clickhouse-cluster.js';

/** Queries of unmask's clients each node is running, as `is_initial_query:query_id` lines. */
async function ours(cluster: TestCluster): Promise<string[][]> {
  return Promise.all(
    [0, 1].map(async (node) =>
      (
        await cluster.query(
          node,
          "SELECT concat(toString(is_initial_query), ':', initial_query_id) FROM system.processes WHERE initial_query_id LIKE 'unmask-%'",
        )
      )
        .split('\n')
        .filter((line) => line !== ''),
    ),
  );
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe.skipIf(clickHouseMissing !== null)(
  'closing a ClickHouse case with queries running',
  () => {
    let cluster: TestCluster | undefined;
    beforeAll(async () => {
      cluster = await startCluster();
      const ch = await openClickHouseCase(cluster.caseUrl('cancel'));
      try {
        await ch.onEachNode(
          'CREATE TABLE cancel.slow_local (n UInt64) ENGINE = MergeTree ORDER BY n',
        );
        await ch.onEachNode('INSERT INTO cancel.slow_local SELECT number FROM numbers(2000)');
        await ch.onEachNode(
          'CREATE TABLE cancel.slow AS cancel.slow_local ENGINE = Distributed(unmask_test, cancel, slow_local, n)',
        );
      } finally {
        await ch.close();
      }
    }, 60_000);
    afterAll(async () => cluster?.stop(), CLUSTER_STOP_MS);

    it('stops the query and its part on the other shard, and the request rejects', async () => {
      const c = cluster!;
      const ch = await openClickHouseCase(c.caseUrl('cancel'));
      // ~20 s on each shard: 2,000 rows, 10 ms each, 10 rows a block.
      const query = ch.query(
        'SELECT sum(n + sleepEachRow(0.01)) AS s FROM cancel.slow SETTINGS max_block_size = 10',
      );
      const settled = query.then(
        () => 'answered',
        (error: unknown) => `rejected: ${String(error)}`,
      );
      // Running on both nodes: the initial query on one, its part on the other.
      expect(
        await until(async () => (await ours(c)).every((node) => node.length > 0), 10_000),
      ).toBe(true);
      const started = Date.now();
      await ch.close();
      expect(await settled).toMatch(/^rejected/);
      expect(
        await until(async () => (await ours(c)).every((node) => node.length === 0), 5_000),
      ).toBe(true);
      // Well before the ~20 s the query would have run.
      expect(Date.now() - started).toBeLessThan(8_000);
    }, 60_000);

    it('cancel with nothing running asks nothing and the case stays usable', async () => {
      const ch = await openClickHouseCase(cluster!.caseUrl('cancel'));
      try {
        await ch.cancel();
        const [row] = await ch.query('SELECT count() AS n FROM cancel.slow');
        expect(Number(row?.n)).toBe(4000);
      } finally {
        await ch.close();
      }
    });
  },
);
