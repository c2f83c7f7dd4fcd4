// `unmask simulate --images` end to end: operations' edited copies are found again by
// near-duplicate-image at its default k (recall of planted copy pairs ≥ 0.95) and no two organic
// accounts posting their own pictures are linked.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SIGNAL_DEFAULTS, signalFor } from '../src/signals/index.js';
import { IMAGE_EDITS, simulate, simulateImages } from '../src/simulate/index.js';
import { queryRows } from '../src/store/index.js';
import { ingestInto } from './helpers/ingest-fixture.js';

const OPTIONS = { scenario: 'spamouflage', seed: 3, accounts: 300, days: 7 };

describe('simulateImages(dir, options)', () => {
  it('writes the same pictures for the same seed, and nothing without --images', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'unmask-sim-plain-'));
    simulate(OPTIONS, plain);
    expect(existsSync(join(plain, 'media'))).toBe(false);
    expect(existsSync(join(plain, 'image-posts.csv'))).toBe(false);
    const [one, two] = [
      mkdtempSync(join(tmpdir(), 'unmask-sim-a-')),
      mkdtempSync(join(tmpdir(), 'unmask-sim-b-')),
    ];
    for (const dir of [one, two]) {
      simulate(OPTIONS, dir);
      await simulateImages(dir, {
        seed: 3,
        start: Date.UTC(2024, 1, 5),
        days: 7,
        organicPosters: 60,
      });
    }
    expect(readFileSync(join(one, 'image-posts.csv'), 'utf8')).toBe(
      readFileSync(join(two, 'image-posts.csv'), 'utf8'),
    );
    expect(readFileSync(join(one, 'media', 'pic7.jpg'))).toEqual(
      readFileSync(join(two, 'media', 'pic7.jpg')),
    );
    // The scenario's own files are those of a run without pictures.
    expect(readFileSync(join(one, 'posts.csv'), 'utf8')).toBe(
      readFileSync(join(plain, 'posts.csv'), 'utf8'),
    );
  }, 60_000);

  it('plants edited copies that near-duplicate-image finds at its default k, and links no organic originals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-sim-images-'));
    simulate(OPTIONS, dir);
    const summary = await simulateImages(dir, {
      seed: 3,
      start: Date.UTC(2024, 1, 5),
      days: 7,
      organicPosters: 150,
    });
    for (const edit of IMAGE_EDITS) expect(summary.copies[edit]).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'media'))).toHaveLength(summary.pictures);
    const { summary: ingested, store } = await ingestInto([dir]);
    try {
      expect(ingested.media).toMatchObject({ hashed: summary.pictures, rejected: 0 });
      await signalFor('near-duplicate-image').compute(store, SIGNAL_DEFAULTS);
      const linked = new Set(
        (
          await queryRows(
            store,
            `SELECT platform_a || ':' || account_a AS a, platform_b || ':' || account_b AS b FROM signal_edges WHERE signal = 'near-duplicate-image'`,
          )
        ).map((r) => `${String(r.a)}|${String(r.b)}`),
      );
      const isLinked = (a: string, b: string) => linked.has(`${a}|${b}`) || linked.has(`${b}|${a}`);
      const truth = readFileSync(join(dir, 'image-truth.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => {
          const [, , platform, account, , base] = l.split(',');
          return { acc: `${platform}:${account}`, base: base! };
        });
      let planted = 0;
      let found = 0;
      for (const base of new Set(
        truth.filter((t) => t.base.startsWith('op:')).map((t) => t.base),
      )) {
        const copies = truth.filter((t) => t.base === base);
        for (let i = 0; i < copies.length; i++)
          for (let j = i + 1; j < copies.length; j++)
            if (copies[i]!.acc !== copies[j]!.acc) {
              planted++;
              if (isLinked(copies[i]!.acc, copies[j]!.acc)) found++;
            }
      }
      expect(planted).toBeGreaterThan(50);
      expect(found / planted).toBeGreaterThanOrEqual(0.95);
      const viral = new Set(truth.filter((t) => t.base.startsWith('viral')).map((t) => t.acc));
      const organic = [
        ...new Set(truth.filter((t) => t.base.startsWith('organic')).map((t) => t.acc)),
      ];
      for (let i = 0; i < organic.length; i++)
        for (let j = i + 1; j < organic.length; j++)
          if (!(viral.has(organic[i]!) && viral.has(organic[j]!)))
            expect(isLinked(organic[i]!, organic[j]!), `${organic[i]}–${organic[j]}`).toBe(false);
    } finally {
      store.close();
    }
  }, 120_000);
});
