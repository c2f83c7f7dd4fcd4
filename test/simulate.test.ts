// The simulator's data has the properties it claims, and it re-ingests cleanly.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../src/errors.js';
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
  });

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
