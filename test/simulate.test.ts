// The simulator's data has the properties it claims, and it re-ingests cleanly.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../src/core/index.js';
import type { SimulationSummary } from '../src/simulate/index.js';
import { simulate } from '../src/simulate/index.js';
import { queryRows } from '../src/store/index.js';
import { ingestInto, readCsvObjects } from './helpers/ingest-fixture.js';

const SMALL = { accounts: 300, days: 42, seed: 7 } as const;

/** Share of posts per local quarter-hour (0..95) for a UTC offset in minutes. */
function quarterHours(posts: Record<string, string>[], offsetMinutes: number): number[] {
  const q = new Array<number>(96).fill(0);
  for (const p of posts) {
    const local = Date.parse(p.created_at as string) + offsetMinutes * 60_000;
    q[Math.floor((local % 86_400_000) / 900_000)]++;
  }
  const total = posts.length || 1;
  return q.map((n) => n / total);
}

const between = (q: number[], from: number, to: number) =>
  q.slice(from * 4, to * 4).reduce((s, x) => s + x, 0) / ((to - from) * 4);

describe('simulate(options, dir)', () => {
  let dir: string;
  let summary: SimulationSummary;
  let posts: Record<string, string>[];
  let labels: Map<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unmask-sim-'));
    summary = simulate({ scenario: 'spamouflage+ira', ...SMALL }, dir);
    posts = readCsvObjects(join(dir, 'posts.csv'));
    labels = new Map(
      readCsvObjects(join(dir, 'truth.csv')).map((r) => [
        r.account_id as string,
        r.label as string,
      ]),
    );
  }, 120_000);

  it('refuses unknown scenarios and bad sizes', () => {
    expect(() => simulate({ scenario: 'spamouflage+aliens' }, dir)).toThrow(ConfigError);
    expect(() => simulate({ scenario: 'ring', accounts: 3 }, dir)).toThrow(
      /--accounts: expected a whole number ≥ 20/,
    );
  });

  it('writes the same bytes for the same seed, and other bytes for another', () => {
    const again = mkdtempSync(join(tmpdir(), 'unmask-sim-'));
    simulate({ scenario: 'spamouflage+ira', ...SMALL }, again);
    for (const f of [
      'posts.csv',
      'accounts.csv',
      'truth.csv',
      'observations.csv',
      'scenario.json',
    ]) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
    }
    const other = mkdtempSync(join(tmpdir(), 'unmask-sim-'));
    simulate({ scenario: 'spamouflage+ira', ...SMALL, seed: 8 }, other);
    expect(
      readFileSync(join(other, 'posts.csv')).equals(readFileSync(join(dir, 'posts.csv'))),
    ).toBe(false);
  });

  it('labels every account, and every posting account has a label', () => {
    const accounts = readCsvObjects(join(dir, 'accounts.csv'));
    expect(labels.size).toBe(accounts.length);
    expect(accounts.every((a) => labels.has(a.account_id as string))).toBe(true);
    expect(posts.every((p) => labels.has(p.account_id as string))).toBe(true);
    expect(new Set(labels.values())).toEqual(new Set(['organic', 'spamouflage', 'ira']));
    expect(summary.operations.map((o) => o.name)).toEqual(['spamouflage', 'ira']);
  });

  it("shows the Spamouflage operators' lunch and supper breaks on Beijing time; the crowd has none", () => {
    // Their commercial history (before the switch) was not written on the operators' clock.
    const ops = posts.filter(
      (p) =>
        labels.get(p.account_id as string) === 'spamouflage' && !(p.urls ?? '').includes('shop-'),
    );
    const q = quarterHours(ops, 8 * 60);
    const work = (between(q, 9, 12) + between(q, 13.5, 17.5)) / 2;
    expect(between(q, 12.25, 13.25)).toBeLessThan(work * 0.15); // lunch
    expect(between(q, 17.75, 18.75)).toBeLessThan(work * 0.15); // supper
    expect(between(q, 2, 6)).toBeLessThan(work * 0.05); // night
    const crowd = quarterHours(
      posts.filter((p) => labels.get(p.account_id as string) === 'organic'),
      8 * 60,
    );
    const crowdAround = (between(crowd, 10, 12) + between(crowd, 14, 16)) / 2;
    expect(between(crowd, 12.25, 13.25)).toBeGreaterThan(crowdAround * 0.5);
    expect(between(crowd, 17.75, 18.75)).toBeGreaterThan(crowdAround * 0.5);
  });

  it('keeps the IRA clock on Moscow time across the US daylight-saving change', () => {
    const iraPosts = posts.filter((p) => labels.get(p.account_id as string) === 'ira');
    const before = quarterHours(
      iraPosts.filter((p) => (p.created_at as string) < '2024-03-10'),
      3 * 60,
    );
    const after = quarterHours(
      iraPosts.filter((p) => (p.created_at as string) >= '2024-03-11'),
      3 * 60,
    );
    // The shift starts at 16:00 Moscow time both before and after US clocks move.
    for (const q of [before, after]) {
      expect(between(q, 16, 24)).toBeGreaterThan(between(q, 8, 15) * 10);
    }
  });

  it('plants repurposed Pages with a commercial past in Chinese and an earlier handle', () => {
    const renames = readCsvObjects(join(dir, 'renames.csv'));
    expect(renames.length).toBeGreaterThan(0);
    for (const r of renames) {
      expect(labels.get(r.account_id as string)).toBe('spamouflage');
      expect(r.handle).toMatch(/^lingerie_shop_/);
    }
    const id = renames[0]?.account_id;
    const history = posts
      .filter((p) => p.account_id === id)
      .sort((a, b) => ((a.created_at as string) < (b.created_at as string) ? -1 : 1));
    expect(history[0]?.language).toBe('zh');
    expect(history[0]?.urls).toMatch(/shop-/);
  });

  it('plants organic hard negatives: news bots on a timer and breaking-news bursts', () => {
    const accounts = readCsvObjects(join(dir, 'accounts.csv'));
    const bots = accounts.filter((a) => a.asset_type === 'bot');
    expect(bots.length).toBeGreaterThanOrEqual(6);
    expect(bots.every((b) => labels.get(b.account_id as string) === 'organic')).toBe(true);
    const breaking = posts.filter((p) => (p.urls ?? '').includes('/breaking/'));
    expect(breaking.length).toBeGreaterThan(50);
  });

  it('re-ingests with zero rejects (native), and as x-archive with --format auto', async () => {
    const native = await ingestInto([dir]);
    expect(native.summary.rejected).toBe(0);
    expect(native.summary.files.find((f) => f.file.endsWith('posts.csv'))).toMatchObject({
      loaded: posts.length,
      mode: 'bulk',
    });
    expect(
      await queryRows(
        native.store,
        "SELECT count(*) AS n FROM account_names WHERE handle LIKE 'lingerie_shop_%'",
      ),
    ).not.toEqual([{ n: '0' }]);
    native.store.close();
    const x = mkdtempSync(join(tmpdir(), 'unmask-simx-'));
    const xs = simulate({ scenario: 'spamouflage', ...SMALL, format: 'x-archive' }, x);
    const archive = await ingestInto([join(x, 'tweets.csv'), join(x, 'users.csv')]);
    expect(archive.summary.files.map((f) => f.format)).toEqual(['x-archive', 'x-archive']);
    expect(archive.summary.rejected).toBe(0);
    expect(archive.summary.files[0]?.loaded).toBe(xs.posts);
    archive.store.close();
  });
});

describe("simulate({scenario: 'hard'}, dir)", () => {
  const HARD = { scenario: 'hard', accounts: 1000, days: 14, seed: 11 } as const;
  let dir: string;
  let summary: SimulationSummary;
  let posts: Record<string, string>[];
  let kinds: Map<string, string>;
  let labels: Map<string, string>;
  const byId = new Map<string, Record<string, string>>();
  const ms = (p: Record<string, string> | undefined) => Date.parse(p?.created_at as string);
  const ofKind = (k: string) => posts.filter((p) => kinds.get(p.account_id as string) === k);
  const ofLabel = (l: string) => posts.filter((p) => labels.get(p.account_id as string) === l);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unmask-hard-'));
    summary = simulate(HARD, dir);
    posts = readCsvObjects(join(dir, 'posts.csv'));
    for (const p of posts) byId.set(p.post_id as string, p);
    const truth = readCsvObjects(join(dir, 'truth.csv'));
    kinds = new Map(truth.map((r) => [r.account_id as string, r.kind as string]));
    labels = new Map(truth.map((r) => [r.account_id as string, r.label as string]));
  }, 120_000);

  it('refuses a hard crowd under 1000 accounts, and look-alikes that crowd out the everyday crowd', () => {
    expect(() => simulate({ ...HARD, accounts: 999 }, dir)).toThrow(
      /--accounts: the hard crowd needs at least 1000 accounts, got 999/,
    );
    expect(() => simulate({ ...HARD, scenario: 'hard-crowd', hardNegatives: 4 }, dir)).toThrow(
      /--hard-negatives: 4 leaves -?\d+ of 1000 accounts for the everyday crowd/,
    );
    expect(() => simulate({ ...HARD, scenario: 'hard+aliens' }, dir)).toThrow(ConfigError);
  });

  it('writes the same bytes for the same seed, and other bytes for another', () => {
    const again = mkdtempSync(join(tmpdir(), 'unmask-hard-'));
    simulate(HARD, again);
    for (const f of ['posts.csv', 'accounts.csv', 'truth.csv', 'observations.csv', 'scenario.json'])
      expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
    const other = mkdtempSync(join(tmpdir(), 'unmask-hard-'));
    simulate({ ...HARD, seed: 12 }, other);
    expect(
      readFileSync(join(other, 'posts.csv')).equals(readFileSync(join(dir, 'posts.csv'))),
    ).toBe(false);
  });

  it("labels every account with its kind in truth.csv's fourth column; --accounts organic accounts", () => {
    expect(readFileSync(join(dir, 'truth.csv'), 'utf8').split('\n')[0]).toBe(
      'platform,account_id,label,kind',
    );
    const accounts = readCsvObjects(join(dir, 'accounts.csv'));
    expect(kinds.size).toBe(accounts.length);
    expect(posts.every((p) => kinds.has(p.account_id as string))).toBe(true);
    const organic = [...labels].filter(([, l]) => l === 'organic').map(([id]) => kinds.get(id));
    expect(organic.length).toBe(1000);
    expect(new Set(organic)).toEqual(
      new Set([
        'everyday',
        'celebrity',
        'news-bot',
        'fandom',
        'idol',
        'copypasta-activism',
        'friend-clique',
        'news-automation',
      ]),
    );
    const opKinds = (label: string) =>
      new Set([...labels].filter(([, l]) => l === label).map(([id]) => kinds.get(id)));
    expect(opKinds('careful-office')).toEqual(new Set(['operator']));
    expect(opKinds('night-shift')).toEqual(new Set(['night-operator']));
    expect(opKinds('sparse-network')).toEqual(new Set(['sparse-leader', 'sparse-amplifier']));
    expect(summary.operations.map((o) => [o.name, o.accounts])).toEqual([
      ['careful-office', 40],
      ['night-shift', 30],
      ['sparse-network', 38],
    ]);
    expect(summary.kinds?.fandom).toBe(150);
  });

  it('plants fandom streaming parties: ≥100 fans retweet each idol post within 60 s, and reply', () => {
    const idolPosts = ofKind('idol').filter((p) => p.kind === 'post');
    expect(idolPosts.length).toBeGreaterThan(14 * 2); // several a day
    const within60 = new Map<string, number>();
    const replied = new Set<string>();
    for (const p of ofKind('fandom')) {
      const parent = byId.get((p.shared_post_id || p.parent_post_id) as string);
      if (kinds.get(parent?.account_id as string) !== 'idol') continue;
      if (p.kind === 'reply') replied.add(parent?.post_id as string);
      if (p.kind === 'share' && ms(p) - ms(parent) <= 60_000)
        within60.set(
          p.shared_post_id as string,
          (within60.get(p.shared_post_id as string) ?? 0) + 1,
        );
    }
    const big = idolPosts.filter((p) => (within60.get(p.post_id as string) ?? 0) >= 100);
    expect(big.length).toBeGreaterThan(idolPosts.length * 0.8);
    expect(replied.size).toBeGreaterThan(idolPosts.length * 0.8);
  });

  it('plants copypasta activism: one template with personal edits, hashtag included, within hours of the call', () => {
    const calls = ofKind('copypasta-activism').filter((p) =>
      (p.text ?? '').startsWith('Call to action'),
    );
    expect(calls.length).toBeGreaterThanOrEqual(4); // three campaigns a week
    for (const call of calls) {
      // The template, less the first letter and the full stop that personal edits may change.
      const core = ((call.text as string).split('"')[1] as string).slice(1, -1).toLowerCase();
      const takes = ofKind('copypasta-activism').filter(
        (p) => p.post_id !== call.post_id && (p.text ?? '').toLowerCase().includes(core),
      );
      expect(takes.length).toBeGreaterThanOrEqual(15);
      expect(new Set(takes.map((p) => p.text)).size).toBeGreaterThan(takes.length * 0.6);
      for (const p of takes) {
        expect(p.hashtags).toBe('CleanAirNow');
        expect(ms(p) - ms(call)).toBeGreaterThan(0);
        expect(ms(p) - ms(call)).toBeLessThanOrEqual(12 * 3_600_000);
      }
    }
  });

  it('plants friend cliques: 5–12 friends of one language who retweet and reply to each other minutes apart', () => {
    const friendOf = new Map<string, Set<string>>();
    const gaps: number[] = [];
    for (const p of ofKind('friend-clique')) {
      const parent = byId.get((p.shared_post_id || p.parent_post_id) as string);
      if (!parent || kinds.get(parent.account_id as string) !== 'friend-clique') continue;
      gaps.push(ms(p) - ms(parent));
      for (const [a, b] of [
        [p.account_id, parent.account_id],
        [parent.account_id, p.account_id],
      ] as const) {
        if (!friendOf.has(a as string)) friendOf.set(a as string, new Set());
        friendOf.get(a as string)?.add(b as string);
      }
    }
    gaps.sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(10 * 60_000);
    // Each friend's circle (the friend and everyone it interacts with) is a clique of 5–12.
    const accounts = new Map(
      readCsvObjects(join(dir, 'accounts.csv')).map((a) => [a.account_id, a]),
    );
    for (const [id, friends] of friendOf) {
      expect(friends.size + 1, id).toBeGreaterThanOrEqual(5);
      expect(friends.size + 1, id).toBeLessThanOrEqual(12);
      const languages = new Set([id, ...friends].map((f) => accounts.get(f)?.language));
      expect(languages.size).toBe(1);
    }
  });

  it("plants news-outlet automation: an outlet's accounts and Pages post the same headline link within seconds", () => {
    const byUrl = new Map<string, Record<string, string>[]>();
    for (const p of ofKind('news-automation'))
      byUrl.set(p.urls as string, [...(byUrl.get(p.urls as string) ?? []), p]);
    const together = [...byUrl.values()].filter((ps) => ps.length >= 2);
    expect(together.length).toBeGreaterThan(byUrl.size * 0.9);
    for (const ps of together) {
      const times = ps.map(ms);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(60_000);
    }
    expect(new Set(ofKind('news-automation').map((p) => p.platform))).toEqual(
      new Set(['x', 'facebook']),
    );
  });

  it('has every careful operation amplify 3–120 minutes after the seed post, never seconds', () => {
    for (const label of ['careful-office', 'night-shift', 'sparse-network']) {
      const own = ofLabel(label);
      let amplified = 0;
      const inWindow = (gap: number, what: string) => {
        expect(gap, `${label} ${what}`).toBeGreaterThanOrEqual(3 * 60_000);
        expect(gap, `${label} ${what}`).toBeLessThanOrEqual(120 * 60_000);
        amplified++;
      };
      // Retweets and replies of the operation's own posts.
      for (const p of own) {
        const parent = byId.get((p.shared_post_id || p.parent_post_id) as string);
        if (labels.get(parent?.account_id as string) === label)
          inWindow(ms(p) - ms(parent), p.post_id as string);
      }
      // Paraphrases linking the seed's article (on any mirror, in any language: the same slug).
      const bySlug = new Map<string, number[]>();
      for (const p of own)
        for (const url of (p.urls ?? '').split('|').filter(Boolean)) {
          const slug = url.split('/').pop() as string;
          bySlug.set(slug, [...(bySlug.get(slug) ?? []), ms(p)]);
        }
      for (const [slug, times] of bySlug) {
        const seed = Math.min(...times);
        for (const t of times) if (t !== seed) inWindow(t - seed, slug);
      }
      expect(amplified, label).toBeGreaterThan(50);
    }
  });

  it('paraphrases the office messages in five languages instead of copy-pasting them', () => {
    const linked = ofLabel('careful-office').filter(
      (p) => p.kind === 'post' && (p.urls ?? '') !== '',
    );
    expect(linked.length).toBeGreaterThan(50);
    expect(new Set(linked.map((p) => p.text)).size).toBe(linked.length);
    expect(new Set(linked.map((p) => p.language))).toEqual(new Set(['en', 'es', 'fr', 'de', 'ru']));
  });

  it('keeps the Moscow night shift within 21:00–06:00 at UTC+3, which is US daytime in UTC', () => {
    const night = ofLabel('night-shift');
    expect(night.length).toBeGreaterThan(500);
    for (const p of night) {
      const local = new Date(ms(p) + 3 * 3_600_000).getUTCHours();
      expect(local >= 21 || local < 6, p.created_at).toBe(true);
    }
    // New York is UTC-5 in the period: 13:00–22:00 there.
    const q = quarterHours(night, -5 * 60);
    expect(between(q, 13, 22)).toBeGreaterThan(between(q, 0, 12) * 50);
  });

  it('plants a sparse network: 35 amplifiers with a few posts a week, retweeting three leaders', () => {
    const amplifiers = [...kinds].filter(([, k]) => k === 'sparse-amplifier').map(([id]) => id);
    const leaders = new Set([...kinds].filter(([, k]) => k === 'sparse-leader').map(([id]) => id));
    expect(amplifiers.length).toBe(35);
    expect(leaders.size).toBe(3);
    const perWeek = amplifiers
      .map((id) => (posts.filter((p) => p.account_id === id).length / 14) * 7)
      .sort((a, b) => a - b);
    expect(perWeek[17]).toBeLessThanOrEqual(7); // the median amplifier
    expect(perWeek[34]).toBeLessThanOrEqual(14);
    const shares = ofKind('sparse-amplifier').filter((p) => p.kind === 'share');
    const ofLeaders = shares.filter((p) => leaders.has(p.shared_account_id as string));
    expect(ofLeaders.length).toBeGreaterThan(shares.length * 0.8);
  });

  it('re-ingests with zero rejects, kinds and all', async () => {
    const { summary: s, store } = await ingestInto([dir]);
    expect(s.rejected).toBe(0);
    expect(await queryRows(store, 'SELECT count(*) AS n FROM labels')).toEqual([
      { n: String(kinds.size) },
    ]);
    store.close();
  });
});
