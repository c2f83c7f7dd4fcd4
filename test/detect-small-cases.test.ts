// Detection on small hand-built cases of what the field has and the simulator lacked: twin
// accounts, families a case has no data for, slow amplification of rare links, a network's weak
// periphery, and a crowd where nothing is coordinated (and the run says why).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { Rng, silentProgress } from '../src/core/index.js';
import { detect, writeDetectionFiles } from '../src/detect/index.js';
import { queryRows } from '../src/store/index.js';
import { ingestInto, readCsvObjects } from './helpers/ingest-fixture.js';

const START = Date.UTC(2024, 3, 1);
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000', '');

/** Native CSV lines of a crowd: `accounts` people sharing `posts` links each from a large pool. */
function crowd(rng: Rng, accounts: number, posts: number): string[] {
  const lines: string[] = [];
  for (let a = 0; a < accounts; a++)
    for (let k = 0; k < posts; k++)
      lines.push(
        `x,c${a}-${k},u${String(a).padStart(4, '0')},${iso(START + Math.floor(rng.next() * 28 * DAY))},post,,https://news${rng.int(1, 40)}.example/story/${rng.int(1, 3000)},`,
      );
  return lines;
}

/** Ingests the lines and runs detection with default options; returns the result and files. */
async function run(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-small-'));
  const header = 'platform,post_id,account_id,created_at,kind,text,urls,shared_post_id';
  writeFileSync(join(dir, 'posts.csv'), `${[header, ...lines].join('\n')}\n`);
  const { store, summary } = await ingestInto([join(dir, 'posts.csv')]);
  expect(summary.rejected).toBe(0);
  const result = await detect(store, { seed: 1 }, silentProgress);
  await writeDetectionFiles(store, result, join(dir, 'out'));
  const clusters = JSON.parse(readFileSync(join(dir, 'out', 'clusters.json'), 'utf8'));
  const flagged = readCsvObjects(join(dir, 'out', 'accounts.csv'));
  return { store, result, clusters, flagged };
}

describe('detect on small real-shaped cases', () => {
  it('reports two accounts that co-share 60 links a second apart as a network of two', async () => {
    const rng = new Rng('twins');
    const lines = crowd(rng, 300, 30);
    for (let k = 0; k < 60; k++) {
      const t = START + Math.floor(rng.next() * 28 * DAY);
      lines.push(`x,t${k}a,twin-a,${iso(t)},post,,https://twins.example/${k},`);
      lines.push(`x,t${k}b,twin-b,${iso(t + 1000)},post,,https://twins.example/${k},`);
    }
    const { store, result, flagged } = await run(lines);
    try {
      expect(flagged.map((r) => r.account_id).sort()).toEqual(['twin-a', 'twin-b']);
      expect(result.clusters.find((c) => c.flagged)).toMatchObject({
        size: 2,
        category: 'coordinated',
      });
    } finally {
      store.close();
    }
  }, 60_000);

  it('fuses only the families the case has data for, and says which', async () => {
    const rng = new Rng('families');
    const lines = crowd(rng, 300, 30);
    for (let k = 0; k < 8; k++) {
      const t = START + Math.floor(rng.next() * 28 * DAY);
      lines.push(`x,f${k}a,pair-a,${iso(t)},post,,https://pair.example/${k},`);
      lines.push(`x,f${k}b,pair-b,${iso(t + 5000)},post,,https://pair.example/${k},`);
    }
    const { store, result, clusters } = await run(lines);
    try {
      expect(result.families).toEqual({ timing: 302, content: 0, infrastructure: 0 });
      expect(clusters.summary.familiesAvailable).toEqual(['timing']);
      // Without texts and observations the pair's evidence is judged by its family alone: with
      // the two missing families counted as p = 1 (Fisher, 6 degrees of freedom), it was not.
      expect(result.strongestPair).toMatchObject({
        a: { accountId: 'pair-a' },
        b: { accountId: 'pair-b' },
        families: 1,
      });
      expect(result.flaggedAccounts).toBe(2);
    } finally {
      store.close();
    }
  }, 60_000);

  it('links slow amplification of rare links (20 to 90 minutes apart) through co-share:rare', async () => {
    const rng = new Rng('slow');
    const lines = crowd(rng, 300, 30);
    const amplifiers = ['amp-1', 'amp-2', 'amp-3', 'amp-4', 'amp-5'];
    for (let k = 0; k < 12; k++) {
      const t = START + Math.floor(rng.next() * 27 * DAY);
      lines.push(`x,s${k},seeder,${iso(t)},post,,https://seed.example/${k},`);
      for (const a of amplifiers)
        lines.push(
          `x,s${k}${a},${a},${iso(t + rng.int(20, 90) * 60_000)},post,,https://seed.example/${k},`,
        );
    }
    const { store, result, flagged } = await run(lines);
    try {
      const ids = flagged.map((r) => r.account_id).sort();
      expect(ids).toEqual([...amplifiers, 'seeder'].sort());
      const [tight] = await queryRows(
        store,
        `SELECT count(*) AS n FROM signal_edge_weights WHERE signal = 'co-share:url' AND (account_a LIKE 'amp-%' OR account_b LIKE 'amp-%')`,
      );
      const [rare] = await queryRows(
        store,
        `SELECT count(*) AS n FROM signal_edge_weights WHERE signal = 'co-share:rare' AND account_a LIKE 'amp-%' AND account_b LIKE 'amp-%'`,
      );
      expect(Number(rare!.n)).toBe(10);
      // Some amplifiers land within a minute of each other by chance; most links are slow.
      expect(Number(tight!.n)).toBeLessThan(Number(rare!.n));
      expect(result.clusters.find((c) => c.flagged)?.signals['co-share:rare']).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 60_000);

  it('lets accounts join a network by their many weak links to it', async () => {
    const rng = new Rng('periphery');
    const lines = crowd(rng, 300, 30);
    const core = Array.from({ length: 16 }, (_, i) => `core-${String(i).padStart(2, '0')}`);
    const edge = Array.from({ length: 4 }, (_, i) => `edge-${i}`);
    for (let k = 0; k < 40; k++) {
      const t = START + Math.floor(rng.next() * 27 * DAY);
      const url = `https://network.example/${k}`;
      for (const a of core)
        lines.push(`x,n${k}${a},${a},${iso(t + rng.int(0, 20) * 1000)},post,,${url},`);
      // Each peripheral account shares one in eight of the network's links: a pair with any
      // one member is weak (five links a member, at most), the tie to all sixteen is not.
      for (const a of edge)
        if (rng.next() < 1 / 8)
          lines.push(`x,n${k}${a},${a},${iso(t + rng.int(0, 20) * 1000)},post,,${url},`);
    }
    const { store, result, flagged } = await run(lines);
    try {
      const byId = new Map(flagged.map((r) => [r.account_id, r]));
      for (const a of core) expect(byId.get(a)?.membership).toBe('core');
      const joined = edge.filter((a) => byId.get(a)?.membership === 'periphery');
      expect(joined.length).toBeGreaterThanOrEqual(2);
      expect(result.peripheryAccounts).toBe(joined.length);
      expect(new Set([...core, ...joined].map((a) => byId.get(a)?.cluster_id)).size).toBe(1);
      expect(flagged.filter((r) => r.account_id.startsWith('u'))).toEqual([]);
    } finally {
      store.close();
    }
  }, 60_000);

  it('says why nothing was found: the pairs tested, the strongest pair and the cut it missed', async () => {
    const { store, result, clusters } = await run(crowd(new Rng('nothing'), 300, 30));
    try {
      expect(result.flaggedAccounts).toBe(0);
      expect(result.testableAccounts).toBe(300);
      expect(result.hypotheses).toBe((300 * 299) / 2);
      expect(result.strongestPair).not.toBeNull();
      expect(result.strongestPair!.pValue).toBeGreaterThan(result.cutoffPValue);
      expect(result.cutoffPValue).toBeCloseTo(0.01 / result.hypotheses, 12);
      const why = clusters.summary.whyNothing as string;
      expect(why).toMatch(
        /^no pair stands out from chance: [\d,]+ linked pairs tested among 300 accounts/,
      );
      expect(why).toContain(result.strongestPair!.a.accountId);
      expect(why).toMatch(/observed vs [\d.e+-]+ expected/);
      expect(why).toContain(`needs p ≤ ${result.cutoffPValue.toExponential(1)}`);
    } finally {
      store.close();
    }
  }, 60_000);
});
