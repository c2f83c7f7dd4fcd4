import { describe, expect, it } from 'vitest';

import { pairOrder } from './co-share.clickhouse.sql.js';

describe('pairOrder(a, b)', () => {
  it("numbers pairs in (a, b) order, as a sort of the pairs' keys does", () => {
    // Seeded pairs of 50 accounts, in no order, each pair once (as ClickHouse returns them).
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const seen = new Set<number>();
    const a: number[] = [];
    const b: number[] = [];
    while (a.length < 400) {
      const x = Math.floor(random() * 50);
      const y = Math.floor(random() * 50);
      if (x !== y && !seen.has(x * 50 + y)) {
        seen.add(x * 50 + y);
        a.push(x);
        b.push(y);
      }
    }
    const pair = pairOrder(Int32Array.from(a), Int32Array.from(b));
    const sorted = a.map((_, i) => i).sort((i, j) => a[i]! - a[j]! || b[i]! - b[j]!);
    expect(Array.from(pair)).toEqual(a.map((_, i) => sorted.indexOf(i)));
    expect(new Set(pair).size).toBe(400);
  });
});
