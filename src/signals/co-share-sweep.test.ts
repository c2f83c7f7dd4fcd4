// The co-share sweep on small random shares against every pair compared one by one: few accounts
// and objects, so an account's shares of an object often sit between another's (the case that
// finding matchable rows from each row's nearest share by another account must get right), and
// enough accounts that a split deals many chunks to each part.
import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import type { ShareArrays } from './co-share.sql.js';
import { coShareSweep, sweepShares } from './co-share-sweep.js';

/** Random single-object messages sorted by (object, time, message). */
function randomShares(seed: number, rows: number, accounts: number, objects: number): ShareArrays {
  const rng = new Rng(seed);
  const drawn = Array.from({ length: rows }, () => ({
    obj: Math.floor(rng.next() * objects),
    t: Math.floor(rng.next() * 600) * 1000,
    acc: Math.floor(rng.next() * accounts),
  })).sort((x, y) => x.obj - y.obj || x.t - y.t);
  // Object ids dense from 0, as loadShares numbers them.
  const ids = new Map<number, number>();
  for (const d of drawn) if (!ids.has(d.obj)) ids.set(d.obj, ids.size);
  const acc = Int32Array.from(drawn, (d) => d.acc);
  return {
    obj: Int32Array.from(drawn, (d) => ids.get(d.obj)!),
    t: Float64Array.from(drawn, (d) => d.t),
    acc,
    msg: Int32Array.from(drawn, (_, i) => i),
    accounts: accounts,
    messages: rows,
    items: rows,
    occurrences: { acc, hour: new Uint8Array(rows) },
  };
}

/** Every pair of rows compared: "a|b" → [objects, a→b messages, b→a messages]. */
function bruteForce(s: ShareArrays, w: number): Map<string, number[]> {
  const objects = new Map<string, Set<number>>();
  const from = new Map<string, Set<number>>();
  for (let i = 0; i < s.obj.length; i++)
    for (let j = 0; j < s.obj.length; j++) {
      const [u, v] = [s.acc[i]!, s.acc[j]!];
      if (u === v || s.obj[i] !== s.obj[j] || Math.abs(s.t[i]! - s.t[j]!) > w) continue;
      const key = `${Math.min(u, v)}|${Math.max(u, v)}`;
      if (!objects.has(key)) objects.set(key, new Set());
      objects.get(key)!.add(s.obj[i]!);
      const directed = `${u}>${v}`;
      if (!from.has(directed)) from.set(directed, new Set());
      from.get(directed)!.add(s.msg[i]!);
    }
  const out = new Map<string, number[]>();
  for (const [key, set] of objects) {
    const [a, b] = key.split('|');
    out.set(key, [set.size, from.get(`${a}>${b}`)?.size ?? 0, from.get(`${b}>${a}`)?.size ?? 0]);
  }
  return out;
}

function asMap(r: ReturnType<typeof coShareSweep>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < r.pairs; i++)
    out.set(`${r.a[i]}|${r.b[i]}`, [r.objects[i]!, r.wab[i]!, r.wba[i]!]);
  return out;
}

describe('co-share sweep on random shares', () => {
  it.each([
    [1, 3, 2, 15_000],
    [2, 5, 4, 30_000],
    [3, 300, 40, 60_000],
  ])(
    'seed %i (%i accounts, %i objects, window %i ms) equals every pair compared',
    async (seed, accounts, objects, w) => {
      const s = randomShares(seed, 900, accounts, objects);
      const options = { windowMs: w, minWeight: 1, evidenceLimit: 3 };
      const one = coShareSweep(s, options);
      const expected = bruteForce(s, w);
      expect(expected.size).toBeGreaterThan(2);
      expect(asMap(one)).toEqual(expected);
      // Split in two (chunks dealt in turn), then joined: the same result, in the same order.
      expect(await sweepShares(s, options, 2)).toEqual(one);
      const parts = [0, 1].map((index) => coShareSweep(s, { ...options, part: { index, of: 2 } }));
      expect(parts[0]!.pairs + parts[1]!.pairs).toBe(one.pairs);
      if (accounts > 100) for (const p of parts) expect(p.pairs).toBeGreaterThan(one.pairs / 4);
    },
  );
});
