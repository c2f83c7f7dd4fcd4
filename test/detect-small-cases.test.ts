// Detection on small hand-built cases of what the field has and the simulator lacked: twin
// accounts, families a case has no data for, slow amplification of rare links, a network's weak
// periphery, and a crowd where nothing is coordinated (and the run says why).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { Rng, silentProgress } from '../src/core/index.js';
import { occurrencesPresent } from '../src/detect/detect.sql.js';
import type { DetectOptions } from '../src/detect/index.js';
import { detect, writeDetectionFiles } from '../src/detect/index.js';
import { DEFAULT_DETECT_SIGNALS, signalFor } from '../src/signals/index.js';
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

const HEADER = 'platform,post_id,account_id,created_at,kind,text,urls,shared_post_id';

/** Ingests the lines and runs detection (default options unless given); returns the result and files. */
async function run(lines: string[], options: Partial<DetectOptions> = {}, header = HEADER) {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-small-'));
  writeFileSync(join(dir, 'posts.csv'), `${[header, ...lines].join('\n')}\n`);
  const { store, summary } = await ingestInto([join(dir, 'posts.csv')]);
  expect(summary.rejected).toBe(0);
  const result = await detect(store, { seed: 1, ...options }, silentProgress);
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

  it("counts in a family's Bonferroni factor only the signals the case has data for", async () => {
    const rng = new Rng('present');
    const lines = crowd(rng, 200, 20);
    for (let k = 0; k < 6; k++) {
      const t = START + Math.floor(rng.next() * 28 * DAY);
      lines.push(`x,p${k}a,pair-a,${iso(t)},post,,https://pair.example/${k},`);
      lines.push(`x,p${k}b,pair-b,${iso(t + 5000)},post,,https://pair.example/${k},`);
    }
    const { store, result } = await run(lines);
    try {
      const signals = DEFAULT_DETECT_SIGNALS;
      const present = await occurrencesPresent(
        store,
        signals.map((s) => signalFor(s).occurrence),
      );
      // Links only: no shares, hashtags, media, texts, replies, pictures or observations.
      expect(signals.filter((_, i) => present[i])).toEqual([
        'co-share:url',
        'co-share:domain',
        'co-share:rare',
      ]);
      // One family, one degree of freedom: the pair's p is its best timing p times the three
      // timing signals with data, not times all seven timing signals of the default list.
      const pair = result.strongestPair;
      expect(pair).toMatchObject({ a: { accountId: 'pair-a' }, families: 1 });
      const best = Math.min(...(pair?.tests ?? []).map((t) => t.pValue));
      expect(pair?.pValue).toBeCloseTo(Math.min(1, 3 * best), 12);
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

  /**
   * An idol posting 40 times, at `hour(k)` UTC on day k, and 20 fans retweeting each post within
   * 30 s; the crowd also retweets 10 posts each of 40 celebrities' at random times.
   */
  function fandom(rng: Rng, hour: (k: number) => number): string[] {
    const lines = crowd(rng, 300, 30).map((l) => `${l},`);
    for (let a = 0; a < 300; a++)
      for (let k = 0; k < 10; k++) {
        const celebrity = `celebrity-${rng.int(1, 40)}`;
        const t = iso(START + Math.floor(rng.next() * 28 * DAY));
        lines.push(
          `x,cr${a}-${k},u${String(a).padStart(4, '0')},${t},share,,,${celebrity}-${rng.int(1, 200)},${celebrity}`,
        );
      }
    const fans = Array.from({ length: 20 }, (_, i) => `fan-${String(i).padStart(2, '0')}`);
    for (let k = 0; k < 40; k++) {
      const t = START + (k % 28) * DAY + hour(k) * 3_600_000 + rng.int(0, 3_000_000);
      lines.push(`x,idol${k},idol,${iso(t)},post,Tonight!,,,`);
      for (const f of fans)
        lines.push(`x,rt${k}${f},${f},${iso(t + rng.int(1, 30) * 1000)},share,,,idol${k},idol`);
    }
    return lines;
  }
  const FANDOM_HEADER = `${HEADER},shared_account_id`;

  it("reports fans streaming one account's posts as coordinated, likely organic, and does not flag them", async () => {
    const rng = new Rng('fandom');
    const lines = fandom(rng, () => rng.int(0, 23));
    const { store, result, clusters } = await run(lines, {}, FANDOM_HEADER);
    try {
      expect(result.flaggedAccounts).toBe(0);
      const fans = clusters.clusters.find((c: { size: number }) => c.size === 20);
      expect(fans).toMatchObject({ flagged: false, category: 'likely-organic' });
      expect(fans.reason).toContain('coordinated, likely organic');
      expect(fans.authenticity).toMatchObject({
        amplifications: 800,
        topSource: 'idol',
        topSourceAmplifications: 800,
        inauthentic: [],
      });
      expect(fans.authenticity.organic).toMatch(/^the audience of one account: 100% of its 800/);
    } finally {
      store.close();
    }
    // --flag-likely-organic flags them all the same.
    const again = await run(lines, { flagLikelyOrganic: true }, FANDOM_HEADER);
    try {
      expect(again.flagged.map((r) => r.account_id)).toHaveLength(20);
    } finally {
      again.store.close();
    }
  }, 90_000);

  it('flags the same amplification when it keeps to a work shift: evidence beats the explanation', async () => {
    const rng = new Rng('fandom');
    // The idol's posts between 09:00 and 16:00 UTC, retweeted within 30 s: a shift of 8 hours.
    const lines = fandom(rng, () => rng.int(9, 15));
    const { store, result, clusters } = await run(lines, {}, FANDOM_HEADER);
    try {
      const fans = clusters.clusters.find((c: { size: number }) => c.size === 20);
      expect(fans).toMatchObject({ flagged: true, category: 'coordinated' });
      expect(fans.authenticity.organic).toMatch(/^the audience of one account/);
      expect(fans.authenticity.inauthentic).toEqual([
        '100% of 800 actions in 10 hours of the day, a work shift',
      ]);
      expect(result.flaggedAccounts).toBe(20);
    } finally {
      store.close();
    }
  }, 60_000);

  /** A template of eight random words (one per call), so that two calls share no text. */
  const WORDS =
    'air water homes rent bill vote senator council park school clinic river forest wage nurse bus'.split(
      ' ',
    );
  const template = (rng: Rng) =>
    `Please support the ${Array.from({ length: 8 }, () => rng.pick(WORDS)).join(' ')} motion this week`;

  /**
   * Copypasta: 12 calls, each posted by `seeder(call)` at any hour, copied with small personal
   * edits by 10 of the 16 other accounts 20 to 300 minutes later.
   */
  function copypasta(rng: Rng, seeder: (call: number) => string): string[] {
    const lines = crowd(rng, 300, 30);
    const people = Array.from({ length: 16 }, (_, i) => `act${String(i).padStart(2, '0')}`);
    // Everyone also writes texts of their own, so that copying stands out from who writes.
    for (const who of [
      ...Array.from({ length: 300 }, (_, a) => `u${String(a).padStart(4, '0')}`),
      ...people,
      'organizer',
    ])
      for (let k = 0; k < 10; k++)
        lines.push(
          `x,${who}-own${k},${who},${iso(START + Math.floor(rng.next() * 28 * DAY))},post,"${Array.from({ length: 9 }, () => rng.int(1, 5000).toString(36)).join(' ')}",,`,
        );
    for (let k = 0; k < 12; k++) {
      const t = START + k * 2 * DAY + rng.int(0, 23) * 3_600_000;
      const text = template(rng);
      const source = seeder(k);
      lines.push(`x,call${k},${source},${iso(t)},post,"Copy and post: ${text}",,`);
      for (const who of rng.sample(
        people.filter((p) => p !== source),
        10,
      )) {
        const edit = `${rng.chance(0.5) ? `I'm ${who}. ` : ''}${text}${rng.chance(0.5) ? '!' : '.'}`;
        lines.push(`x,${who}-${k},${who},${iso(t + rng.int(20, 300) * 60_000)},post,"${edit}",,`);
      }
    }
    return lines;
  }

  it('reports copies of one public source (copypasta activism) as coordinated, likely organic', async () => {
    const rng = new Rng('copypasta');
    const { store, result, clusters } = await run(copypasta(rng, () => 'organizer'));
    try {
      expect(result.flaggedAccounts).toBe(0);
      const movement = clusters.clusters.find((c: { size: number }) => c.size >= 10);
      expect(movement).toMatchObject({ flagged: false, category: 'likely-organic' });
      expect(movement.authenticity).toMatchObject({
        copySource: 'organizer',
        copySourceLate: 0,
        inauthentic: [],
      });
      expect(movement.authenticity.organic).toMatch(
        /^copies of one source's posts: \d+ of the other/,
      );
    } finally {
      store.close();
    }
  }, 90_000);

  it('does not explain the same copying when the members take turns at seeding', async () => {
    const rng = new Rng('copypasta');
    const { store, result, clusters } = await run(
      copypasta(rng, (k) => `act${String(k).padStart(2, '0')}`),
    );
    try {
      const network = clusters.clusters.find((c: { size: number }) => c.size >= 10);
      expect(network).toMatchObject({ flagged: true, category: 'coordinated' });
      expect(network.authenticity.organic).toBeNull();
      expect(result.flaggedAccounts).toBe(network.size);
    } finally {
      store.close();
    }
  }, 90_000);

  it("reports a publisher's editions, named after the site they link to, as likely organic; the same links from unnamed accounts stay flagged", async () => {
    const rng = new Rng('publisher');
    const header = `${HEADER},handle,display_name`;
    const crowdLines = crowd(rng, 300, 30).map((l) => `${l},,`);
    const editions = (names: readonly string[]) => {
      const lines: string[] = [];
      for (let k = 0; k < 40; k++) {
        const t = START + Math.floor(rng.next() * 28 * DAY);
        names.forEach((name, i) =>
          lines.push(
            `x,${name}-${k},${name},${iso(t + 3000 + i * 7000)},post,,https://www.herald-news.example/world/${k},,${name},${name.replace('_', ' ')}`,
          ),
        );
      }
      return lines;
    };
    const named = await run(
      [...crowdLines, ...editions(['herald', 'herald_uk', 'herald_us', 'herald_asia'])],
      {},
      header,
    );
    try {
      expect(named.result.flaggedAccounts).toBe(0);
      const outlet = named.clusters.clusters.find((c: { size: number }) => c.size === 4);
      expect(outlet).toMatchObject({ category: 'likely-organic' });
      expect(outlet.authenticity).toMatchObject({
        publisherMembers: 4,
        publisherSites: ['herald-news.example'],
      });
      expect(outlet.authenticity.organic).toBe(
        "a publisher's own accounts: 4 of 4 members link almost only to a site they are named after (herald-news.example)",
      );
    } finally {
      named.store.close();
    }
    const unnamed = await run(
      [...crowdLines, ...editions(['patriot1', 'truthfan', 'newsgal', 'bob_k'])],
      {},
      header,
    );
    try {
      expect(unnamed.result.flaggedAccounts).toBe(4);
    } finally {
      unnamed.store.close();
    }
  }, 120_000);

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
