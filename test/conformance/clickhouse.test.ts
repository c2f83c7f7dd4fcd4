// CooRTweet's russian_coord_tweets on a ClickHouse case: the peers' 6,206 co-share:post pairs
// (60 s, weight ≥ 1), the same CSV as the DuckDB case, on a two-shard cluster of Debian's
// clickhouse-server 18.16 and on chdb (current ClickHouse embedded).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestCluster } from '../helpers/clickhouse-cluster.js';
import {
  chdbMissing,
  clickHouseMissing,
  CLUSTER_STOP_MS,
  startCluster,
} from '../helpers/clickhouse-cluster.js';
import { runCli } from '../helpers/run-cli.js';
import { shared } from './paths.js';

const FLAGS = ['--signal', 'co-share:post', '--window', '60', '--min-weight', '1'];

async function signalsCsv(caseArg: string, dir: string, name: string): Promise<string> {
  const file = shared('conformance', 'russian_coord_tweets.csv');
  const ingest = await runCli(['ingest', file, '--case', caseArg, '--format', 'coortweet']);
  expect(ingest.code, ingest.err).toBe(0);
  const out = join(dir, `${name}.csv`);
  const signals = await runCli(['signals', '--case', caseArg, ...FLAGS, '--out', out]);
  expect(signals.code, signals.err).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('co-share:post of russian_coord_tweets on ClickHouse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-conf-'));
  let duck: string;
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    duck = await signalsCsv(join(dir, 'case.duckdb'), dir, 'duckdb');
    if (!clickHouseMissing) cluster = await startCluster();
  }, 300_000);
  afterAll(async () => cluster?.stop(), CLUSTER_STOP_MS);

  it('the DuckDB case gives the 6,206 pairs (the reference)', () => {
    expect(duck.trim().split('\n').length - 1).toBe(6206);
  });

  it.skipIf(clickHouseMissing !== null)(
    'a two-shard clickhouse-server cluster gives the same 6,206 pairs, byte for byte, with both shards holding part',
    async () => {
      const csv = await signalsCsv(cluster!.caseUrl('conformance'), dir, 'cluster');
      expect(csv).toBe(duck);
      for (const node of [0, 1]) {
        const n = Number(
          await cluster!.query(node, 'SELECT count() FROM conformance.occurrences_local'),
        );
        expect(n).toBeGreaterThan(5000);
      }
    },
  );

  it.skipIf(chdbMissing !== null)(
    'chdb (current ClickHouse, embedded) gives the same 6,206 pairs, byte for byte',
    async () => {
      const csv = await signalsCsv(`chdb:${join(dir, 'chdb')}`, dir, 'chdb');
      expect(csv).toBe(duck);
    },
  );
});
