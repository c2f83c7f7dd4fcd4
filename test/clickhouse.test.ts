// A simulated scenario on a ClickHouse case (a two-shard cluster of Debian's clickhouse-server,
// and chdb): detect flags exactly the accounts the DuckDB case flags, both shards hold part of
// the data; report, the workspace API and analyze run on it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openCase } from '../src/pipeline/index.js';
import { buildApp } from '../src/server/index.js';
import { exportSignalEdges } from '../src/signals/index.js';
import { simulate, simulateImages } from '../src/simulate/index.js';
import type { Store } from '../src/store/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import type { TestCluster } from './helpers/clickhouse-cluster.js';
import {
  chdbMissing,
  clickHouseMissing,
  CLUSTER_STOP_MS,
  startCluster,
} from './helpers/clickhouse-cluster.js';
import { FIXED_NOW } from './helpers/ingest-fixture.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-'));
const TOKEN = 'test-token-0123456789abcdef';
const data = join(dir, 'data');

/**
 * The flagged accounts, the significant pairs (p and q), the clusters and the flagged pairs'
 * signal edges with their weights and evidence, as written in `out`.
 */
const results = (out: string) =>
  ['accounts.csv', 'pairs.csv', 'clusters.json', 'edges.csv']
    .map((f) => readFileSync(join(out, f), 'utf8'))
    .join('\n--\n');

async function flagged(caseArg: string, name: string): Promise<string> {
  const ingest = await runCli(['ingest', data, '--case', caseArg]);
  expect(ingest.code, ingest.err).toBe(0);
  const out = join(dir, name);
  const detect = await runCli(['detect', '--case', caseArg, '--out', out]);
  expect(detect.code, detect.err).toBe(0);
  // On ClickHouse, detect reuses the runs made from the cluster: near-duplicate text and shared
  // infrastructure among them.
  if (caseArg.startsWith('clickhouse:'))
    expect(detect.out).toMatch(/reused signal runs: .*near-duplicate-text.*shared-infrastructure/);
  return results(out);
}

const flaggedCount = (files: string) => files.split('\n--\n')[0]!.trim().split('\n').length - 1;

/** A signal's edges in a case, with weights, evidence and λ. */
async function signalEdges(store: Store, signal: string): Promise<unknown[]> {
  return queryRows(
    store,
    `SELECT platform_a, account_a, platform_b, account_b, weight, mean_dt_seconds, evidence,
       evidence_posts, observed, expected
     FROM signal_edges WHERE signal = '${signal}' ORDER BY ALL`,
  );
}

/** The signals computed in the cluster rather than on the working case, beside co-share. */
const CLUSTER_SIGNALS = ['near-duplicate-text', 'shared-infrastructure'];

/** Those signals' edges a ClickHouse case gives, as pulled. */
async function clusterEdgesOf(caseArg: string): Promise<unknown[][]> {
  const store = await openCase(caseArg, { mustExist: true, fresh: true });
  try {
    return await Promise.all(CLUSTER_SIGNALS.map((s) => signalEdges(store, s)));
  } finally {
    store.close();
  }
}

/** The DuckDB case's edges of those signals (the reference). */
async function referenceClusterEdges(): Promise<unknown[][]> {
  const store = await openStore(join(dir, 'case.duckdb'), { mustExist: true });
  try {
    return await Promise.all(CLUSTER_SIGNALS.map((s) => signalEdges(store, s)));
  } finally {
    store.close();
  }
}

/** `unmask signals --signal NAME` on a case, as the CSV it writes. */
async function signalCsv(caseArg: string, signal: string): Promise<string> {
  const out = join(dir, `${signal.replace(':', '-')}.csv`);
  const r = await runCli(['signals', '--case', caseArg, '--signal', signal, '--out', out]);
  expect(r.code, r.err).toBe(0);
  return readFileSync(out, 'utf8');
}

/** The DuckDB case's edges of `signal` (computed by its detect, with the same options), as CSV. */
async function referenceSignalCsv(signal: string): Promise<string> {
  const out = join(dir, `reference-${signal.replace(':', '-')}.csv`);
  const store = await openStore(join(dir, 'case.duckdb'), { mustExist: true });
  try {
    await exportSignalEdges(store, signal, out);
  } finally {
    store.close();
  }
  return readFileSync(out, 'utf8');
}

describe('detect on a ClickHouse case', () => {
  let duck: string;
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    simulate({ scenario: 'spamouflage', seed: 3, accounts: 60 }, data);
    // Pictures too: the operation's edited copies link its accounts by near-duplicate image.
    await simulateImages(data, {
      seed: 3,
      start: Date.UTC(2024, 1, 5),
      days: 42,
      organicPosters: 30,
    });
    duck = await flagged(join(dir, 'case.duckdb'), 'duckdb');
    if (!clickHouseMissing) cluster = await startCluster();
  }, 120_000);
  afterAll(async () => cluster?.stop(), CLUSTER_STOP_MS);

  it('the DuckDB case flags an operation (the reference), pictures among its evidence', () => {
    expect(flaggedCount(duck)).toBeGreaterThan(20);
    expect(duck).toContain('near-duplicate-image');
  });

  it.skipIf(clickHouseMissing !== null)(
    'on a two-shard cluster flags exactly the same accounts (same pairs and clusters), with both shards holding part of the posts',
    async () => {
      const url = cluster!.caseUrl('sim');
      expect(await flagged(url, 'cluster')).toBe(duck);
      const counts = await Promise.all(
        [0, 1].map(async (i) =>
          Number(await cluster!.query(i, 'SELECT count() FROM sim.posts_local')),
        ),
      );
      expect(counts.every((n) => n > 1000)).toBe(true);
      const pictures = await Promise.all(
        [0, 1].map(async (i) =>
          Number(await cluster!.query(i, 'SELECT count() FROM sim.post_media_local')),
        ),
      );
      expect(pictures.every((n) => n > 0)).toBe(true);
      // Near-duplicate text from buckets formed in the cluster (both shards hold bands), and
      // shared infrastructure from pairs formed there: the DuckDB case's edges, weights,
      // evidence and λ, to the last bit.
      const bands = await Promise.all(
        [0, 1].map(async (i) =>
          Number(await cluster!.query(i, 'SELECT count() FROM sim.text_bands_local')),
        ),
      );
      expect(bands.every((n) => n > 0)).toBe(true);
      const clusterReference = await referenceClusterEdges();
      for (const edges of clusterReference) expect(edges.length).toBeGreaterThan(20);
      expect(await clusterEdgesOf(url)).toEqual(clusterReference);
      // Later commands pull detect's results back: the report is the DuckDB case's but for its name.
      const report = async (caseArg: string, name: string) => {
        const out = join(dir, name);
        const r = await runCli(['report', '--case', caseArg, '--out', out]);
        expect(r.code, r.err).toBe(0);
        return readFileSync(out, 'utf8');
      };
      // The case's name and the command line the report quotes differ; nothing else may.
      const named = (md: string, name: string) =>
        md.replaceAll(name, 'CASE').replace(/^ *- Command: .*$/m, '');
      expect(named(await report(url, 'cluster.md'), 'sim')).toBe(
        named(await report(join(dir, 'case.duckdb'), 'duckdb.md'), basename(dir)),
      );
      // The workspace API over the case (what `unmask serve` serves).
      const store = await openCase(url, { mustExist: true });
      const app = await buildApp(store, {
        casePath: url,
        analysts: [{ name: 'ana', token: TOKEN }],
        now: () => FIXED_NOW,
      });
      try {
        const r = await app.inject({
          method: 'GET',
          url: '/api/summary',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(r.statusCode).toBe(200);
        expect(Number(r.json().flagged_accounts)).toBe(flaggedCount(duck));
      } finally {
        await app.close();
        store.close();
      }
      // Only the flagged networks, for a laptop: their members, posts and links, nothing else.
      const laptop = join(dir, 'laptop.duckdb');
      const pulled = await runCli([
        'pull',
        '--case',
        url,
        '--out',
        laptop,
        '--clusters',
        'flagged',
      ]);
      expect(pulled.code, pulled.err).toBe(0);
      const reference = await openStore(join(dir, 'case.duckdb'), { mustExist: true });
      const part = await openStore(laptop, { mustExist: true });
      try {
        const flaggedOnly = `JOIN (SELECT platform, account_id FROM cluster_members WHERE flagged) f USING (platform, account_id)`;
        const linksBetween = (onlyFlagged: boolean) => `
          SELECT s.signal, count(*) AS n FROM edge_rows r JOIN edge_signals s USING (sid)
            JOIN edge_accounts a ON a.sid = r.sid AND a.ak = r.a JOIN edge_accounts b ON b.sid = r.sid AND b.ak = r.b
            ${
              onlyFlagged
                ? `WHERE (a.platform, a.account_id) IN (SELECT platform, account_id FROM cluster_members WHERE flagged)
              AND (b.platform, b.account_id) IN (SELECT platform, account_id FROM cluster_members WHERE flagged)`
                : ''
            }
          GROUP BY ALL ORDER BY ALL`;
        expect(
          await queryRows(
            part,
            'SELECT platform, account_id, cluster_id FROM cluster_members ORDER BY ALL',
          ),
        ).toEqual(
          await queryRows(
            reference,
            'SELECT platform, account_id, cluster_id FROM cluster_members WHERE flagged ORDER BY ALL',
          ),
        );
        expect(await queryRows(part, 'SELECT count(*) AS n FROM posts')).toEqual(
          await queryRows(reference, `SELECT count(*) AS n FROM posts ${flaggedOnly}`),
        );
        expect(await queryRows(part, linksBetween(false))).toEqual(
          await queryRows(reference, linksBetween(true)),
        );
      } finally {
        part.close();
        reference.close();
      }
      const laptopReport = await runCli([
        'report',
        '--case',
        laptop,
        '--out',
        join(dir, 'laptop.md'),
      ]);
      expect(laptopReport.code, laptopReport.err).toBe(0);
      expect(readFileSync(join(dir, 'laptop.md'), 'utf8')).toContain('# ');
      // `signals` runs every signal on the case, not only co-share: the DuckDB case's edges.
      for (const signal of ['near-duplicate-text', 'shared-infrastructure', 'co-share:rare'])
        expect(await signalCsv(url, signal)).toBe(await referenceSignalCsv(signal));
    },
    300_000,
  );

  it.skipIf(chdbMissing !== null)(
    'analyze into chdb (current ClickHouse) flags exactly the same accounts (same pairs and clusters)',
    async () => {
      const out = join(dir, 'analyze-chdb');
      const r = await runCli([
        'analyze',
        data,
        '--case',
        `chdb:${join(dir, 'chdb')}`,
        '--out',
        out,
      ]);
      expect(r.code, r.err).toBe(0);
      expect(results(out)).toBe(duck);
      // Near-duplicate text and shared infrastructure computed in chdb: the DuckDB case's edges.
      expect(await clusterEdgesOf(`chdb:${join(dir, 'chdb')}`)).toEqual(
        await referenceClusterEdges(),
      );
    },
    240_000,
  );
});
