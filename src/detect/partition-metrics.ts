// Agreement of two partitions of the same items: adjusted Rand index and normalized mutual information.

function contingency(a: readonly string[], b: readonly string[]) {
  if (a.length !== b.length) throw new Error('partitions of different lengths');
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const key = `${x}\u0000${y}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  return { cells, rows, cols, n: a.length };
}

const choose2 = (n: number) => (n * (n - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, ~0 for chance. */
export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const { cells, rows, cols, n } = contingency(a, b);
  let index = 0;
  for (const v of cells.values()) index += choose2(v);
  let sa = 0;
  for (const v of rows.values()) sa += choose2(v);
  let sb = 0;
  for (const v of cols.values()) sb += choose2(v);
  const expected = n < 2 ? 0 : (sa * sb) / choose2(n);
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** Normalized mutual information, arithmetic-mean normalization (as scikit-learn's default). */
export function normalizedMutualInformation(a: readonly string[], b: readonly string[]): number {
  const { cells, rows, cols, n } = contingency(a, b);
  if (n === 0) return 1;
  const entropy = (m: Map<string, number>) => {
    let h = 0;
    for (const v of m.values()) h -= (v / n) * Math.log(v / n);
    return h;
  };
  let mi = 0;
  for (const [key, v] of cells) {
    const [x, y] = key.split('\u0000') as [string, string];
    mi += (v / n) * Math.log((v * n) / ((rows.get(x) as number) * (cols.get(y) as number)));
  }
  const ha = entropy(rows);
  const hb = entropy(cols);
  if (ha === 0 && hb === 0) return 1;
  return Math.max(0, mi / ((ha + hb) / 2));
}
