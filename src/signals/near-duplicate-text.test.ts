// near-duplicate text's pairing in DuckDB on a tiny case: the sample text and message pairs of an
// edge, with and without a time window (each account's first post stands for it without one).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { DenseDisjointSets, Rng } from '../core/index.js';
import { queryRows } from '../store/index.js';
import { jaccard } from './minhash.js';
import type { ShingleSets } from './near-duplicate-text.js';
import { joinFamilies, NEAR_DUPLICATE_DEFAULTS, nearDuplicateText } from './near-duplicate-text.js';

const TEXT = 'The US bombed the Nord Stream pipeline, the first step of the plan to destroy Europe';
const POSTS = `platform,post_id,account_id,created_at,kind,text
x,a1,a,2024-01-02T09:00:00Z,post,"${TEXT}"
x,a2,a,2024-01-02T09:30:00Z,post,"${TEXT}!"
x,b1,b,2024-01-02T09:00:20Z,post,"Wake up! ${TEXT}!!"
x,c1,c,2024-01-03T09:00:00Z,post,"${TEXT} #truth"
x,d1,d,2024-01-03T09:00:00Z,post,"My tomatoes finally ripened after weeks of rain in the garden"
`;

async function edgesWith(window: number | null) {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ndt-'));
  writeFileSync(join(dir, 'posts.csv'), POSTS);
  const { store } = await ingestInto([dir]);
  try {
    await nearDuplicateText(store, { ...NEAR_DUPLICATE_DEFAULTS, window }, { workers: 0 });
    return await queryRows(
      store,
      `SELECT account_a, account_b, weight, evidence, evidence_posts FROM signal_edges WHERE signal = 'near-duplicate-text' ORDER BY ALL`,
    );
  } finally {
    store.close();
  }
}

describe('near-duplicate text pairing', () => {
  it('links every account of a family by its first post, with the sample text', async () => {
    const rows = await edgesWith(null);
    expect(rows.map((r) => `${r.account_a}-${r.account_b}`)).toEqual(['a-b', 'a-c', 'b-c']);
    expect(rows[0]).toMatchObject({ weight: 1, evidence: [TEXT], evidence_posts: ['a1~b1'] });
    expect(rows[1]).toMatchObject({ evidence_posts: ['a1~c1'] });
  });

  it('with a window, pairs only posts that close in time, each post on its own', async () => {
    const rows = await edgesWith(60);
    expect(rows).toEqual([
      expect.objectContaining({ account_a: 'a', account_b: 'b', evidence_posts: ['a1~b1'] }),
    ]);
    expect(rows[0]!.evidence).toEqual([TEXT]);
  });
});

describe('joinFamilies(buckets, sets, options)', () => {
  // The families as first written: every pair of a small bucket, and each text of a large bucket
  // against the leaders, finding both roots for every leader.
  function reference(buckets: Int32Array[], sets: Int32Array[], maxBucket: number): number[] {
    const families = new DenseDisjointSets(sets.length);
    const find = (x: number) => families.find(x);
    const similar = (a: number, b: number) => jaccard(sets[a]!, sets[b]!) >= 0.6;
    for (const bucket of buckets) {
      if (bucket.length <= maxBucket) {
        for (let i = 0; i < bucket.length; i++)
          for (let j = i + 1; j < bucket.length; j++)
            if (find(bucket[i]!) !== find(bucket[j]!) && similar(bucket[i]!, bucket[j]!))
              families.union(bucket[i]!, bucket[j]!);
        continue;
      }
      const leaders: number[] = [];
      for (const id of bucket) {
        const leader = leaders.find((l) => find(l) === find(id) || similar(l, id));
        if (leader !== undefined) families.union(leader, id);
        else if (leaders.length < maxBucket) leaders.push(id);
      }
    }
    return sets.map((_, i) => find(i));
  }

  it('joins as every pair and leader tested one by one, large buckets included', () => {
    const rng = new Rng(21);
    for (let trial = 0; trial < 400; trial++) {
      // Texts as variants of a few templates (shingle sets over a small universe), so that some
      // are similar, some are not, and large buckets fill their leaders.
      // Shingle hashes 0..200 spread over 32 bits, many sharing their low 14 bits (the bit of
      // near-duplicate text's sketches), so that sketches collide.
      const hash = (v: number) => ((v * 40503) << 8) ^ (v % 37);
      const templates = Array.from({ length: rng.int(2, 6) }, () =>
        Array.from({ length: rng.int(8, 30) }, () => hash(rng.int(0, 200))),
      );
      const n = rng.int(20, 80);
      const sets = Array.from({ length: n }, () => {
        const base = templates[rng.int(0, templates.length - 1)]!;
        // Chains of variants: a text similar to two that are not similar to each other.
        const kept = base.filter(() => rng.int(0, 9) > 2);
        const extra = Array.from({ length: rng.int(0, 8) }, () => hash(rng.int(0, 60)));
        return Int32Array.from(new Set([...kept, ...extra])).sort();
      });
      const buckets = Array.from({ length: rng.int(1, 6) }, () => {
        const size = rng.int(2, n);
        return Int32Array.from(
          new Set(Array.from({ length: size }, () => rng.int(0, n - 1))),
        ).sort();
      });
      const maxBucket = rng.int(2, 8);
      const flat: ShingleSets = {
        candidates: n,
        arrays: sets,
        batch: Int32Array.from(sets, (_, i) => i),
        from: new Int32Array(n),
        size: Int32Array.from(sets, (x) => x.length),
      };
      const start = [0];
      for (const b of buckets) start.push(start[start.length - 1]! + b.length);
      const { root, skippedBuckets } = joinFamilies(
        {
          start: Int32Array.from(start),
          member: Int32Array.from(buckets.flatMap((b) => [...b])),
          candidate: new Uint8Array(n).fill(1),
        },
        flat,
        { ...NEAR_DUPLICATE_DEFAULTS, maxBucket },
      );
      expect([...root]).toEqual(reference(buckets, sets, maxBucket));
      expect(skippedBuckets).toBe(buckets.filter((b) => b.length > maxBucket).length);
    }
  });
});
