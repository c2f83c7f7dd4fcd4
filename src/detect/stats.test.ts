// The statistics of detection against values computed independently (closed forms, direct sums).
import { describe, expect, it } from 'vitest';

import { adjustedRandIndex, normalizedMutualInformation } from './partition-metrics.js';
import {
  benjaminiHochbergLog10,
  fisherLog10,
  fisherTailLog10,
  logGamma,
  poissonUpperLog10,
} from './stats.js';

/** P(X ≥ k) for Poisson(λ) by direct summation of the pmf (small k, λ). */
function directTail(k: number, lambda: number): number {
  let below = 0;
  let term = Math.exp(-lambda);
  for (let j = 0; j < k; j++) {
    below += term;
    term *= lambda / (j + 1);
  }
  return 1 - below;
}

describe('poissonUpperLog10', () => {
  it.each([
    [1, 1],
    [3, 0.5],
    [5, 2],
    [2, 10],
    [12, 3],
  ])('P(X ≥ %d | λ = %d) matches the direct sum', (k, lambda) => {
    expect(10 ** poissonUpperLog10(k, lambda)).toBeCloseTo(directTail(k, lambda), 10);
  });

  it('stays exact far in the tail (150 matches where 4 are expected)', () => {
    // Leading term: 150·log10(4) − 4·log10(e) − log10(150!).
    const lead = 150 * Math.log10(4) - 4 / Math.LN10 - logGamma(151) / Math.LN10;
    const got = poissonUpperLog10(150, 4);
    expect(got).toBeLessThan(-150);
    expect(got - lead).toBeGreaterThan(0);
    expect(got - lead).toBeLessThan(0.02);
  });

  it('equals a term-by-term log-space sum over small and large λ and k, far tails included', () => {
    // Reference: every pmf term in logs, added with log-sum-exp (slow, independent of the ratios).
    const reference = (k: number, lambda: number) => {
      const term = (j: number) => j * Math.log(lambda) - lambda - logGamma(j + 1);
      const add = (a: number, b: number) =>
        a === -Infinity ? b : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
      let lower = -Infinity;
      for (let j = 0; j < k; j++) lower = add(lower, term(j));
      let upper = -Infinity;
      for (let j = k; j < k + 5000; j++) upper = add(upper, term(j));
      // The smaller side is the accurate one.
      return (upper < lower ? upper : Math.log(-Math.expm1(lower))) / Math.LN10;
    };
    for (const lambda of [0.001, 0.3, 1, 7.5, 40, 150, 600])
      for (const k of [1, 2, 3, 5, 10, 30, 100, 300, 1000]) {
        const want = reference(k, lambda);
        expect(Math.abs(poissonUpperLog10(k, lambda) - want)).toBeLessThan(
          1e-9 * Math.max(1, Math.abs(want)),
        );
      }
  });

  it('gives p = 1 for k = 0 and p = 0 for a match no chance explains', () => {
    expect(poissonUpperLog10(0, 3)).toBe(0);
    expect(poissonUpperLog10(2, 0)).toBe(-Infinity);
  });

  it('logGamma matches factorials', () => {
    expect(Math.exp(logGamma(6))).toBeCloseTo(120, 8);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });
});

describe('fisherLog10', () => {
  it('equals the log-space χ² tail for small and large statistics', () => {
    for (const families of [1, 2, 3, 5])
      for (const half of [0.01, 0.5, 2, 9.9, 40, 99, 101, 700, 5000]) {
        let sum = -Infinity;
        for (let i = 0; i < families; i++) {
          const t = i * Math.log(half) - logGamma(i + 1);
          sum = sum === -Infinity ? t : Math.max(sum, t) + Math.log1p(Math.exp(-Math.abs(sum - t)));
        }
        const want = Math.min(0, (sum - half) / Math.LN10);
        expect(Math.abs(fisherTailLog10(half, families) - want)).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(want)),
        );
      }
  });

  it('combines two p = 0.05 into 0.0175 and counts absent families as p = 1', () => {
    const two = Math.log10(0.05);
    // x = −2(ln .05 + ln .05) = 11.98; χ²(4) tail = e^{−x/2}(1 + x/2).
    const half = -2 * Math.log(0.05);
    const expected = Math.exp(-half) * (1 + half);
    expect(10 ** fisherLog10([two, two], 2)).toBeCloseTo(expected, 10);
    expect(10 ** fisherLog10([two], 1)).toBeCloseTo(0.05, 10);
    // One family at 0.05 among three: weaker than 0.05 alone.
    expect(fisherLog10([two], 3)).toBeGreaterThan(two);
    expect(fisherLog10([], 3)).toBe(0);
  });
});

describe('benjaminiHochbergLog10', () => {
  it('adjusts as the step-up procedure does, with untested hypotheses in m', () => {
    const ps = [0.01, 0.04, 0.03, 0.005];
    const q4 = Array.from(
      benjaminiHochbergLog10(Float64Array.from(ps.map(Math.log10)), 4),
      (x) => 10 ** x,
    );
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(q4[i]).toBeCloseTo(v, 12));
    // The same four among 100 hypotheses (96 with p = 1): q scales with m.
    const q100 = Array.from(
      benjaminiHochbergLog10(Float64Array.from(ps.map(Math.log10)), 100),
      (x) => 10 ** x,
    );
    [0.5, 1, 1, 0.5].forEach((v, i) => expect(q100[i]).toBeCloseTo(v, 12));
  });
});

describe('partition agreement', () => {
  const truth = ['a', 'a', 'a', 'b', 'b', 'b'];
  it('is 1 for the same partition under other names', () => {
    expect(adjustedRandIndex(truth, ['x', 'x', 'x', 'y', 'y', 'y'])).toBe(1);
    expect(normalizedMutualInformation(truth, ['y', 'y', 'y', 'x', 'x', 'x'])).toBeCloseTo(1, 12);
  });
  it('matches scikit-learn on a split partition', () => {
    const pred = ['0', '0', '1', '1', '2', '2'];
    // sklearn.metrics.adjusted_rand_score / normalized_mutual_info_score (arithmetic).
    expect(adjustedRandIndex(truth, pred)).toBeCloseTo(0.24242424242424243, 12);
    expect(normalizedMutualInformation(truth, pred)).toBeCloseTo(0.5158037429793889, 12);
  });
});
