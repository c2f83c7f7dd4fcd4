// Pairs of 64-bit hashes within Hamming distance k, without comparing all pairs: multi-index
// hashing (Norouzi, Punjani & Fleet, "Fast Search in Hamming Space with Multi-Index Hashing",
// CVPR 2012, doi:10.1109/CVPR.2012.6248043). The 64 bits are cut into m blocks; two hashes within
// k differ in some block by at most ⌊k/m⌋ bits (pigeonhole), so each hash is looked up in every
// block's table under its block value and the values within ⌊k/m⌋ bits of it, and only those
// candidates are verified. With m = k + 1 it is the plain pigeonhole (candidates share a block
// exactly); fewer, longer blocks keep the buckets small when there are many hashes.

/** Returns the number of set bits of a 32-bit integer. */
export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Bits [start, start + width) of the 64-bit value hi:lo (bit 0 the highest of hi); width ≤ 24. */
function bitsOf(hi: number, lo: number, start: number, width: number): number {
  const mask = (1 << width) - 1;
  const end = start + width;
  if (end <= 32) return (hi >>> (32 - end)) & mask;
  if (start >= 32) return (lo >>> (64 - end)) & mask;
  const low = end - 32;
  return (((hi << low) | (lo >>> (32 - low))) & mask) >>> 0;
}

/** The values of `width` bits with at most r bits set (the XOR masks of a radius-r probe). */
function masksWithin(width: number, r: number): Int32Array {
  const out: number[] = [];
  const add = (from: number, left: number, value: number) => {
    out.push(value);
    if (left === 0) return;
    for (let b = from; b < width; b++) add(b + 1, left - 1, value | (1 << b));
  };
  add(0, r, 0);
  return Int32Array.from(out);
}

const count = (width: number, r: number) => {
  let c = 0;
  let term = 1;
  for (let i = 0; i <= r; i++) {
    c += term;
    term = (term * (width - i)) / (i + 1);
  }
  return c;
};

/**
 * The number of blocks that makes the search cheapest for n hashes: per hash, m × (probes per
 * block) lookups, each finding about n / 2^width candidates. At least 3 blocks (blocks ≤ 22 bits).
 */
export function blocksFor(n: number, k: number): number {
  let best = 3;
  let bestCost = Infinity;
  for (let m = 3; m <= Math.min(k + 1, 16); m++) {
    const width = Math.ceil(64 / m);
    const probes = count(width, Math.floor(k / m));
    const cost = m * probes * (1 + n / 2 ** Math.floor(64 / m));
    if (cost < bestCost) {
      bestCost = cost;
      best = m;
    }
  }
  return best;
}

/** What {@link hammingPairs} did. */
export interface HammingSearch {
  readonly blocks: number;
  /** Candidates verified (a pair once per block it is a candidate in). */
  readonly verified: number;
  /** Pairs within k. */
  readonly pairs: number;
}

/**
 * Calls `pair(i, j)` (i < j) once for every pair of the n hashes (hi[i]:lo[i]) within Hamming
 * distance k (0 ≤ k < 64).
 */
export function hammingPairs(
  hi: Int32Array,
  lo: Int32Array,
  k: number,
  pair: (i: number, j: number) => void,
): HammingSearch {
  const n = hi.length;
  const m = blocksFor(n, k);
  const r = Math.floor(k / m);
  // Block j covers bits [starts[j], starts[j] + widths[j]); widths differ by at most one.
  const widths = Array.from({ length: m }, (_, j) => Math.floor(64 / m) + (j < 64 % m ? 1 : 0));
  const starts = widths.map((_, j) => widths.slice(0, j).reduce((s, w) => s + w, 0));
  const keys = widths.map(() => new Int32Array(n));
  // Per block, the hashes sorted by block value (a counting sort): bucket v is positions
  // offset[v]..offset[v + 1] of ids, with each hash's halves copied beside it so that verifying a
  // bucket reads memory in order (reading hi[id] / lo[id] instead was 5× slower at 300k hashes).
  const tables = widths.map((width, j) => {
    const key = keys[j]!;
    const offset = new Int32Array((1 << width) + 1);
    for (let i = 0; i < n; i++) {
      key[i] = bitsOf(hi[i]!, lo[i]!, starts[j]!, width);
      offset[key[i]! + 1]!++;
    }
    for (let v = 0; v < 1 << width; v++) offset[v + 1]! += offset[v]!;
    const fill = offset.slice(0, -1);
    const ids = new Int32Array(n);
    const his = new Int32Array(n);
    const los = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const at = fill[key[i]!]!++;
      ids[at] = i;
      his[at] = hi[i]!;
      los[at] = lo[i]!;
    }
    return { offset, ids, his, los, masks: masksWithin(width, r) };
  });
  let verified = 0;
  let pairs = 0;
  // Per block, each non-empty bucket against itself and against the buckets whose value is within
  // r bits and larger: every candidate pair once per block, reading both buckets in order.
  for (let j = 0; j < m; j++) {
    const { offset, ids, his, los, masks } = tables[j]!;
    const buckets = offset.length - 1;
    for (let v = 0; v < buckets; v++) {
      const from = offset[v]!;
      const to = offset[v + 1]!;
      if (from === to) continue;
      for (let x = 0; x < masks.length; x++) {
        const w = v ^ masks[x]!;
        if (w < v) continue;
        const wFrom = offset[w]!;
        const wTo = offset[w + 1]!;
        for (let p = from; p < to; p++) {
          const a = his[p]!;
          const b = los[p]!;
          for (let q = w === v ? p + 1 : wFrom; q < wTo; q++) {
            verified++;
            if (popcount32(a ^ his[q]!) + popcount32(b ^ los[q]!) > k) continue;
            const i = Math.min(ids[p]!, ids[q]!);
            const c = Math.max(ids[p]!, ids[q]!);
            // A pair close in an earlier block too was reported from that block.
            let earlier = false;
            for (let e = 0; e < j && !earlier; e++)
              earlier = popcount32(keys[e]![i]! ^ keys[e]![c]!) <= r;
            if (earlier) continue;
            pairs++;
            pair(i, c);
          }
        }
      }
    }
  }
  return { blocks: m, verified, pairs };
}
