import { describe, expect, it } from 'vitest';

import { DenseDisjointSets, DisjointSets } from './disjoint-sets.js';

describe('disjoint sets', () => {
  it('keep the smallest member as root, whatever the order of unions', () => {
    const dense = new DenseDisjointSets(6);
    expect(dense.union(4, 5)).toBe(true);
    expect(dense.union(5, 2)).toBe(true);
    expect(dense.union(2, 4)).toBe(false);
    expect([0, 1, 2, 3, 4, 5].map((x) => dense.find(x))).toEqual([0, 1, 2, 3, 2, 2]);
    const keyed = new DisjointSets();
    keyed.union(40, 50);
    keyed.union(50, 20);
    expect(keyed.union(20, 40)).toBe(false);
    expect([20, 40, 50, 7].map((x) => keyed.find(x))).toEqual([20, 20, 20, 7]);
    expect([...keyed.sizes()].sort()).toEqual([
      [20, 3],
      [7, 1],
    ]);
  });
});
