import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import { blocksFor, hammingPairs, popcount32 } from './hamming-index.js';

const brute = (hi: Int32Array, lo: Int32Array, k: number) => {
  const out: string[] = [];
  for (let i = 0; i < hi.length; i++)
    for (let j = i + 1; j < hi.length; j++)
      if (popcount32(hi[i]! ^ hi[j]!) + popcount32(lo[i]! ^ lo[j]!) <= k) out.push(`${i}-${j}`);
  return out;
};

describe('hammingPairs(hi, lo, k, pair)', () => {
  it('counts bits of negative and positive 32-bit values', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(-1)).toBe(32);
    expect(popcount32(0x80000001 | 0)).toBe(2);
  });

  it('finds exactly the pairs within k that comparing all pairs finds', () => {
    const rng = new Rng('mih');
    // Clusters of near copies (a few bits flipped) among random hashes.
    const hi: number[] = [];
    const lo: number[] = [];
    for (let c = 0; c < 60; c++) {
      const h = (rng.next() * 2 ** 32) | 0;
      const l = (rng.next() * 2 ** 32) | 0;
      for (let v = 0; v < 5; v++) {
        let a = h;
        let b = l;
        for (let f = rng.int(0, 14); f > 0; f--) {
          const bit = rng.int(0, 63);
          if (bit < 32) a ^= 1 << bit;
          else b ^= 1 << (bit - 32);
        }
        hi.push(a);
        lo.push(b);
      }
    }
    const H = Int32Array.from(hi);
    const L = Int32Array.from(lo);
    for (const k of [0, 3, 8, 12]) {
      const found: string[] = [];
      const r = hammingPairs(H, L, k, (i, j) => found.push(`${i}-${j}`));
      expect(found.sort()).toEqual(brute(H, L, k).sort());
      expect(r.pairs).toBe(found.length);
    }
  });

  it('uses longer blocks when there are many hashes', () => {
    expect(blocksFor(1_000, 12)).toBeGreaterThanOrEqual(blocksFor(1_000_000, 12));
    expect(blocksFor(10, 2)).toBe(3);
  });
});
