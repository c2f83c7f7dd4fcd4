// Detection end to end on seeded scenarios and on hand-built hard negatives: what chance explains
// is not flagged, planted coordination is, and the same seed gives the same files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError, Rng, silentProgress } from '../src/core/index.js';
import type { DetectResult } from '../src/detect/index.js';
import { detect, evaluate, writeDetectionFiles } from '../src/detect/index.js';
import { clusterSignalTotals } from '../src/detect/index.js';
import { simulate } from '../src/simulate/index.js';
import type { Store } from '../src/store/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import { ingestInto, readCsvObjects } from './helpers/ingest-fixture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'unmask-detect-'));

describe('detect on the ring scenario (300 organic accounts, hard negatives on)', () => {
  let dir: string;
  let store: Store;
  let result: DetectResult;

  beforeAll(async () => {
    dir = tmp();
    simulate({ scenario: 'ring', seed: 3, accounts: 300 }, join(dir, 'data'));
    ({ store } = await ingestInto([join(dir, 'data')]));
    result = await detect(store, { seed: 3 }, silentProgress);
    await writeDetectionFiles(store, result, join(dir, 'a'));
  }, 120_000);
  afterAll(() => store?.close());

  it('recovers the planted ring whole, as one flagged cluster, and flags nothing else', () => {
    const truth = readCsvObjects(join(dir, 'data', 'truth.csv'));
    const ring = new Set(truth.filter((r) => r.label === 'ring').map((r) => r.account_id));
    expect(ring.size).toBe(40);
    const flagged = readCsvObjects(join(dir, 'a', 'accounts.csv'));
    expect(new Set(flagged.map((r) => r.account_id))).toEqual(ring);
    expect(new Set(flagged.map((r) => r.cluster_id)).size).toBe(1);
    for (const r of flagged) expect(Number(r.score)).toBeGreaterThan(0.9);
    const e = evaluate(join(dir, 'data', 'truth.csv'), join(dir, 'a'));
    expect([e.precision, e.recall, e.operationsAri]).toEqual([1, 1, 1]);
  });

  it('recognizes the scheduled news bots as automation: reported with the signal that links them, not flagged', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'a', 'clusters.json'), 'utf8')) as {
      clusters: Array<{
        category: string;
        flagged: boolean;
        signals: Record<string, number>;
        size: number;
      }>;
    };
    const bots = doc.clusters.filter((c) => c.category === 'automated');
    expect(bots).toHaveLength(1);
    expect(bots[0]?.flagged).toBe(false);
    expect(Object.keys(bots[0]?.signals ?? {})).toContain('co-share:url');
    const ids = readCsvObjects(join(dir, 'data', 'accounts.csv'))
      .filter((a) => a.asset_type === 'bot')
      .map((a) => a.account_id);
    const flagged = new Set(
      readCsvObjects(join(dir, 'a', 'accounts.csv')).map((r) => r.account_id),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(flagged.has(id)).toBe(false);
  });

  it('writes the DESIGN.md columns and evidence behind every edge', () => {
    const accounts = readFileSync(join(dir, 'a', 'accounts.csv'), 'utf8').split('\n')[0];
    expect(accounts?.startsWith('platform,account_id,cluster_id,score')).toBe(true);
    const edges = readCsvObjects(join(dir, 'a', 'edges.csv'));
    expect(Object.keys(edges[0] ?? {})).toEqual([
      'platform_a',
      'account_a',
      'platform_b',
      'account_b',
      'signal',
      'weight',
      'evidence',
    ]);
    for (const e of edges) {
      expect(e.account_a < (e.account_b as string)).toBe(true);
      expect(e.evidence).not.toBe('');
    }
    const doc = JSON.parse(readFileSync(join(dir, 'a', 'clusters.json'), 'utf8')) as {
      clusters: Array<Record<string, unknown>>;
    };
    for (const key of ['id', 'size', 'platforms', 'assetTypes', 'score', 'pValue', 'signals'])
      expect(doc.clusters[0]).toHaveProperty(key);
  });

  it('gives identical files for the same seed, reusing or recomputing the signals', async () => {
    const again = await detect(store, { seed: 3, recompute: true }, silentProgress);
    expect(again.signalsReused).toEqual([]);
    await writeDetectionFiles(store, again, join(dir, 'b'));
    const reused = await detect(store, { seed: 3 }, silentProgress);
    expect(reused.signalsComputed).toEqual([]);
    await writeDetectionFiles(store, reused, join(dir, 'c'));
    for (const f of ['accounts.csv', 'clusters.json', 'edges.csv', 'pairs.csv']) {
      const first = readFileSync(join(dir, 'a', f), 'utf8');
      expect(readFileSync(join(dir, 'b', f), 'utf8')).toBe(first);
      expect(readFileSync(join(dir, 'c', f), 'utf8')).toBe(first);
    }
  }, 120_000);

  it('gives identical files computing the signals one at a time or three side by side', async () => {
    for (const [lanes, out] of [
      [1, 'lanes-1'],
      [3, 'lanes-3'],
    ] as const) {
      const r = await detect(store, { seed: 3, recompute: true }, silentProgress, {
        signalLanes: lanes,
      });
      expect(r.signalsComputed.length).toBeGreaterThan(3);
      await writeDetectionFiles(store, r, join(dir, out));
    }
    for (const f of ['accounts.csv', 'clusters.json', 'edges.csv', 'pairs.csv']) {
      const first = readFileSync(join(dir, 'a', f), 'utf8');
      expect(readFileSync(join(dir, 'lanes-1', f), 'utf8')).toBe(first);
      expect(readFileSync(join(dir, 'lanes-3', f), 'utf8')).toBe(first);
    }
  }, 120_000);

  it('keeps the results in the case for later stages', async () => {
    const rows = await queryRows(
      store,
      'SELECT (SELECT count(*) FROM cluster_members WHERE flagged) AS flagged, (SELECT count(*) FROM detect_runs) AS runs',
    );
    expect(rows).toEqual([{ flagged: '40', runs: '1' }]);
  });

  it("counts each signal's edges and weight inside a cluster once per edge", async () => {
    const totals = await clusterSignalTotals(store);
    expect(totals.length).toBeGreaterThan(0);
    // The same figures straight from the significant pairs inside each cluster.
    const rows = await queryRows(
      store,
      `SELECT ma.cluster_id AS cluster, w.signal, count(*) AS edges, sum(w.weight) AS weight
       FROM detect_pairs p
         JOIN cluster_members ma ON ma.platform = p.platform_a AND ma.account_id = p.account_a
         JOIN cluster_members mb ON mb.platform = p.platform_b AND mb.account_id = p.account_b AND mb.cluster_id = ma.cluster_id
         JOIN signal_edge_weights w ON w.platform_a = p.platform_a AND w.account_a = p.account_a
           AND w.platform_b = p.platform_b AND w.account_b = p.account_b
       GROUP BY ALL ORDER BY ALL`,
    );
    expect(totals.map((t) => [t.cluster, t.signal, t.edges, t.weight])).toEqual(
      rows.map((r) => [Number(r.cluster), r.signal, Number(r.edges), Number(r.weight)]),
    );
    // The ring's co-share edges carry evidence objects.
    expect(totals.some((t) => t.signal === 'co-share:post' && t.evidence.length > 0)).toBe(true);
  });

  it("counts each flagged account's significant links in accounts.csv", async () => {
    const accounts = readCsvObjects(join(dir, 'a', 'accounts.csv'));
    expect(accounts.length).toBeGreaterThan(10);
    const counts = await queryRows(
      store,
      `SELECT m.platform, m.account_id,
         (SELECT count(*) FROM detect_pairs p WHERE (p.platform_a, p.account_a) = (m.platform, m.account_id)
           OR (p.platform_b, p.account_b) = (m.platform, m.account_id)) AS n
       FROM cluster_members m WHERE m.flagged`,
    );
    const expected = new Map(counts.map((r) => [`${r.platform}:${r.account_id}`, Number(r.n)]));
    for (const a of accounts)
      expect(Number(a.significant_links)).toBe(expected.get(`${a.platform}:${a.account_id}`));
    expect(Math.max(...accounts.map((a) => Number(a.significant_links)))).toBeGreaterThan(1);
  });

  it('refuses a case file that does not exist instead of creating an empty one', async () => {
    await expect(openStore(join(dir, 'typo.duckdb'), { mustExist: true })).rejects.toThrow(
      /typo\.duckdb: no such case file/,
    );
  });

  it('rejects options it cannot honour, naming the flag', async () => {
    await expect(detect(store, { fdr: 2 }, silentProgress)).rejects.toThrow(/--fdr/);
    await expect(detect(store, { signals: ['rhythm'] }, silentProgress)).rejects.toThrow(
      ConfigError,
    );
    await expect(detect(store, { signals: ['co-share:nothing'] }, silentProgress)).rejects.toThrow(
      /unknown signal 'co-share:nothing'/,
    );
  });

  it("writes the same files from the pair test's kept edges as from a search of all edges", async () => {
    const kept = `SELECT count(*) AS n FROM duckdb_tables() WHERE temporary AND table_name = 'det_pair_edges'`;
    const result = await detect(store, { seed: 3 }, silentProgress);
    expect(await queryRows(store, kept)).toEqual([{ n: '1' }]);
    await writeDetectionFiles(store, result, join(dir, 'kept'));
    await store.connection.run('DROP TABLE det_pair_edges');
    await writeDetectionFiles(store, result, join(dir, 'searched'));
    for (const f of ['accounts.csv', 'clusters.json', 'edges.csv', 'pairs.csv'])
      expect(readFileSync(join(dir, 'kept', f), 'utf8')).toBe(
        readFileSync(join(dir, 'searched', f), 'utf8'),
      );
    expect(readCsvObjects(join(dir, 'kept', 'edges.csv')).length).toBeGreaterThan(40);
    // Edges of signals left out of the test appear in the files too: the pair test did not read
    // them, so nothing is kept and the files come from the search.
    await detect(store, { seed: 3, signals: ['co-share:post'] }, silentProgress);
    expect(await queryRows(store, kept)).toEqual([{ n: '0' }]);
  }, 120_000);
});

/**
 * A crowd of 1,200 accounts with everyday link sharing over four weeks; twelve breaking-news
 * bursts, in each of which 400 accounts post the story within five minutes, 80 of them news
 * junkies who post every story within three; and a viral post retweeted by 400 accounts within
 * ten minutes: coordination in time that the news explains, not an operation.
 */
function burstCrowd(): string {
  const rng = new Rng('burst-crowd');
  const start = Date.UTC(2024, 3, 1);
  const lines = ['platform,post_id,account_id,created_at,kind,text,urls,shared_post_id'];
  let id = 0;
  const iso = (t: number) => new Date(t).toISOString().replace('.000', '');
  const accounts = Array.from({ length: 1200 }, (_, i) => `u${String(i).padStart(4, '0')}`);
  for (const a of accounts)
    for (let k = 0; k < 40; k++) {
      const t = start + Math.floor(rng.next() * 28 * 86_400_000);
      lines.push(
        `x,p${id++},${a},${iso(t)},post,,https://news${rng.int(1, 40)}.example/story/${rng.int(1, 2000)},`,
      );
    }
  const junkies = accounts.slice(0, 80);
  for (let b = 0; b < 12; b++) {
    const t0 = start + (2 * b + 1) * 86_400_000 + rng.int(8, 22) * 3_600_000;
    const url = `https://wire.example/breaking/${b}`;
    for (const a of junkies)
      lines.push(`x,p${id++},${a},${iso(t0 + rng.int(0, 180) * 1000)},post,,${url},`);
    for (const a of rng.sample(accounts.slice(80), 320))
      lines.push(`x,p${id++},${a},${iso(t0 + rng.int(0, 300) * 1000)},post,,${url},`);
  }
  const viral = start + 21 * 86_400_000 + 12 * 3_600_000;
  for (const a of rng.sample(accounts, 400))
    lines.push(`x,p${id++},${a},${iso(viral + rng.int(0, 600) * 1000)},share,,,celebrity-post-1`);
  return `${lines.join('\n')}\n`;
}

describe('detect on benign bursts', () => {
  it('flags no one in breaking-news bursts (news junkies included) and a viral cascade', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'posts.csv'), burstCrowd());
    const { store, summary } = await ingestInto([join(dir, 'posts.csv')]);
    try {
      expect(summary.rejected).toBe(0);
      const result = await detect(store, { seed: 1 }, silentProgress);
      expect(result.testedPairs).toBeGreaterThan(100_000);
      expect(result.flaggedAccounts).toBe(0);
    } finally {
      store.close();
    }
  }, 120_000);
});

describe('evaluate', () => {
  it('scores flagged accounts and clusters against the truth', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'truth.csv'),
      'platform,account_id,label\nx,a,op\nx,b,op\nx,c,op\nx,d,organic\nx,e,organic\nx,f,organic\n',
    );
    writeFileSync(
      join(dir, 'accounts.csv'),
      'platform,account_id,cluster_id,score\nx,a,1,0.9\nx,b,1,0.9\nx,d,1,0.5\n',
    );
    const e = evaluate(join(dir, 'truth.csv'), dir);
    expect(e.truePositives).toBe(2);
    expect(e.falsePositives).toBe(1);
    expect(e.falseNegatives).toBe(1);
    expect(e.precision).toBeCloseTo(2 / 3, 4);
    expect(e.recall).toBeCloseTo(2 / 3, 4);
    expect(e.organicFlaggedShare).toBeCloseTo(1 / 3, 4);
    expect(e.operations.op).toMatchObject({ accounts: 3, flagged: 2, clusters: { 1: 2 } });
  });

  it('names the file and line of a broken truth file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'truth.csv'), 'platform,account_id,label\nx,a,op\nx,b\n');
    writeFileSync(join(dir, 'accounts.csv'), 'platform,account_id,cluster_id,score\n');
    expect(() => evaluate(join(dir, 'truth.csv'), dir)).toThrow(
      /truth\.csv: line 3: expected 3 fields, found 2/,
    );
    writeFileSync(join(dir, 'truth.csv'), 'platform,account,label\n');
    expect(() => evaluate(join(dir, 'truth.csv'), dir)).toThrow(
      /truth\.csv: line 1: missing column 'account_id'/,
    );
  });
});
