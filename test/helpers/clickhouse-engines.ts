// The same checks on both ClickHouse engines the tests have: a two-shard cluster of Debian's
// clickhouse-server (18.16) and chdb (current ClickHouse, embedded), each with `data` ingested
// by the command line into a case of its own. Each engine's block skips where it is missing.
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect } from 'vitest';

import type { TestCluster } from './clickhouse-cluster.js';
import {
  chdbMissing,
  clickHouseMissing,
  CLUSTER_STOP_MS,
  startCluster,
} from './clickhouse-cluster.js';
import { runCli } from './run-cli.js';

/**
 * Declares `checks` (given the case's `--case` URL, ready once the block's setup ran) on a
 * two-shard cluster (database `database`) and on chdb (under `dir`), `data` ingested into each.
 */
export function describeOnBothEngines(
  what: string,
  data: string,
  database: string,
  dir: string,
  checks: (url: () => string) => void,
): void {
  describe.skipIf(clickHouseMissing !== null)(`${what} on a two-shard cluster`, () => {
    let cluster: TestCluster | undefined;
    let url = '';
    beforeAll(async () => {
      cluster = await startCluster();
      url = cluster.caseUrl(database);
      const r = await runCli(['ingest', data, '--case', url]);
      expect(r.code, r.err).toBe(0);
    }, 120_000);
    afterAll(async () => cluster?.stop(), CLUSTER_STOP_MS);
    checks(() => url);
  });

  describe.skipIf(chdbMissing !== null)(`${what} on chdb (current ClickHouse)`, () => {
    const url = `chdb:${join(dir, 'chdb')}`;
    beforeAll(async () => {
      const r = await runCli(['ingest', data, '--case', url]);
      expect(r.code, r.err).toBe(0);
    }, 120_000);
    checks(() => url);
  });
}
