// Typed-array structures for the signals' hot loops: no JS objects per item, no hash map of strings.

/** A growable typed column (a JS array stops at 112M elements; 10M posts can give more pairs). */
export class Column<T extends Int32Array | Float64Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export const intColumn = () => new Column((n) => new Int32Array(n));

/** Open-addressing map from a key of two int32s to a dense index (0, 1, 2, … in insertion order). */
export class KeyIndex {
  /** Slots of [x, y, index + 1]; 0 marks an empty slot. */
  private table: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1 << 16) {
    this.table = new Int32Array(capacity * 3);
    this.mask = capacity - 1;
  }
  private static hash(x: number, y: number): number {
    const h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
    return (h ^ (h >>> 15)) >>> 0;
  }
  /** Returns the key's index, or -(index + 1) when it was just added. */
  getOrAdd(x: number, y: number): number {
    const t = this.table;
    let s = KeyIndex.hash(x, y) & this.mask;
    for (;;) {
      const o = s * 3;
      const v = t[o + 2]!;
      if (v === 0) {
        t[o] = x;
        t[o + 1] = y;
        const index = this.size++;
        t[o + 2] = index + 1;
        if (this.size * 2 > this.mask + 1) this.grow();
        return -(index + 1);
      }
      if (t[o] === x && t[o + 1] === y) return v - 1;
      s = (s + 1) & this.mask;
    }
  }
  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    this.table = new Int32Array(capacity * 3);
    this.mask = capacity - 1;
    for (let o = 0; o < old.length; o += 3) {
      if (old[o + 2] === 0) continue;
      let s = KeyIndex.hash(old[o]!, old[o + 1]!) & this.mask;
      while (this.table[s * 3 + 2] !== 0) s = (s + 1) & this.mask;
      this.table.set(old.subarray(o, o + 3), s * 3);
    }
  }
}

/**
 * Returns the indices 0..n-1 ordered by unsigned `keys[i]` (ties in index order): an LSD radix
 * sort in two 16-bit passes, linear in n (a comparison sort of 10M indices took seconds).
 * `order`, when given, is the starting order instead of 0..n-1 (ties keep it); `sortedKeys`, when
 * given, receives the keys in the returned order.
 */
export function orderByKey(
  keys: Int32Array,
  order?: Int32Array,
  sortedKeys?: Int32Array,
): Int32Array {
  const n = keys.length;
  let idx = new Int32Array(n);
  let key = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = order ? order[i]! : i;
    idx[i] = x;
    key[i] = keys[x]!;
  }
  let idxTo = new Int32Array(n);
  let keyTo = new Int32Array(n);
  const counts = new Int32Array(0x10001);
  for (let shift = 0; shift < 32; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((key[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 0x10000; d++) counts[d + 1]! += counts[d]!;
    for (let i = 0; i < n; i++) {
      const k = key[i]!;
      const at = counts[(k >>> shift) & 0xffff]!++;
      idxTo[at] = idx[i]!;
      keyTo[at] = k;
    }
    [idx, idxTo] = [idxTo, idx];
    [key, keyTo] = [keyTo, key];
  }
  sortedKeys?.set(key);
  return idx;
}

/**
 * The indices i with keep[i] = 1, grouped by key[i] (0 .. groups − 1) in index order (a counting
 * sort): group g is rows[start[g] .. start[g + 1]).
 */
export function groupByKey(
  key: Int32Array,
  groups: number,
  keep: Uint8Array,
): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(groups + 1);
  let kept = 0;
  for (let i = 0; i < key.length; i++)
    if (keep[i] === 1) {
      start[key[i]! + 1]! += 1;
      kept++;
    }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const rows = new Int32Array(kept);
  for (let i = 0; i < key.length; i++) if (keep[i] === 1) rows[fill[key[i]!]!++] = i;
  return { start, rows };
}
