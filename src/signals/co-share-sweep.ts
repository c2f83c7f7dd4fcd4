// The co-share sweep over integer-coded shares, in typed arrays: accounts, objects and messages are
// dense ids (DuckDB keeps the strings), shares are sorted by (object, time, message).
//
// Definition (DESIGN.md, as the QUT coordination-network-toolkit): u ≠ v are linked when a share by
// u and a share by v of the same object lie within |Δt| ≤ window (inclusive), a message never
// matching itself. Undirected weight = distinct objects co-shared; directed weight u→v = distinct
// messages of u with a match by v (over all of the message's objects); mean |Δt| over matched
// message pairs. Each share is compared only with its neighbours of the same object inside the
// window, and each in-window pair of shares is counted once (from its lower account), so the work
// grows with the pairs inside the window, never with the square of a viral object's shares (at
// 10M simulated posts: 1.2M shared posts, 4.6M pairs).
import type { Worker } from 'node:worker_threads';

import { ConfigError, startWorker } from '../core/index.js';
import type { CoSharePairs, ShareArrays } from './co-share.sql.js';
import { hourOfWeek } from './hour-of-week.js';
import { Column, groupByKey, intColumn, KeyIndex } from './typed.js';

/** Options of {@link coShareSweep}. */
export interface SweepOptions {
  /** Largest |Δt| in milliseconds that still counts (inclusive). */
  readonly windowMs: number;
  /** Smallest undirected weight (distinct objects) an edge needs. */
  readonly minWeight: number;
  /** Evidence objects kept per edge (the first in object order). */
  readonly evidenceLimit: number;
  /** Most pairs kept before the sweep gives up (default {@link MAX_PAIRS}). */
  readonly maxPairs?: number;
  /**
   * Past the budget, raise the minimum weight instead of stopping: to the smallest weight whose
   * pairs fit in the budget (counted first, see {@link weightHistogram}); the result is then
   * exactly the one at that weight.
   */
  readonly raiseMinWeight?: boolean;
  /**
   * This call's share of the accounts when the sweep is split over threads: the accounts are cut
   * into {@link SWEEP_CHUNKS} contiguous chunks of about equal rows, and part `index` of `of` takes
   * chunks index, index + of, index + 2·of, … (default the whole).
   */
  readonly part?: { readonly index: number; readonly of: number };
}

/**
 * Most account pairs a co-share signal keeps (about 2 GB of pairs and evidence): past it the
 * signal stops with an error that says how to narrow it, rather than exhausting memory. At
 * minimum weight 1, co-share of URLs on 10M simulated posts passes 100M pairs.
 */
export const MAX_PAIRS = 50_000_000;

/** The sweep passed {@link MAX_PAIRS}. */
export class PairBudgetError extends ConfigError {}

/** The error past the pair budget at `minWeight` (the sweep's, and ClickHouse's co-share). */
export const budgetError = (maxPairs: number, minWeight: number) =>
  new PairBudgetError(
    `more than ${maxPairs.toLocaleString('en')} account pairs at minimum weight ${minWeight} (objects shared by thousands of accounts within the window, such as breaking-news links or live-event hashtags); raise --min-weight or narrow --window`,
  );

/**
 * Sweeps sorted shares into co-share pairs (see the file comment for the definition): at the
 * requested minimum weight, or, with `raiseMinWeight`, at the smallest weight from it up whose pairs
 * fit in the budget (from {@link weightHistogram}).
 */
export function coShareSweep(s: ShareArrays, options: SweepOptions): CoSharePairs {
  const sweep = prepareSweep(s, options);
  const maxPairs = options.maxPairs ?? MAX_PAIRS;
  const minWeight = options.raiseMinWeight
    ? raisedWeight(weightHistogram(sweep, options.minWeight, maxPairs), options.minWeight, maxPairs)
    : options.minWeight;
  return sweepPairs(sweep, minWeight, maxPairs).pairs;
}

/** What every pass over one part of the accounts needs; see {@link prepareSweep}. */
export interface PreparedSweep {
  readonly s: ShareArrays;
  readonly w: number;
  readonly k: number;
  readonly rowsOf: { start: Int32Array; rows: Int32Array; active: Int32Array };
  readonly multi: Uint8Array;
  /** Row i's window: the rows of its object within w of it are windowStart[i] .. windowEnd[i]. */
  readonly windowStart: Int32Array;
  readonly windowEnd: Int32Array;
  readonly rowHour: Uint8Array;
  /** The part's accounts, indices into rowsOf.active in ascending order. */
  readonly mine: Int32Array;
  /** Where each of the part's chunks ends in `mine` (ascending; the last is mine.length). */
  readonly chunkEnds: Int32Array;
  /**
   * Per account v: [tag, objects]. The tag numbers the (u, object) that last counted v; tags only
   * grow, so a tag below the current u's first says v's count is stale (nothing to reset).
   */
  readonly state: Int32Array;
  /** The next tag. */
  tag: number;
  /** Most rows of one account in the part (bounds a pair's objects). */
  readonly mostRows: number;
  /** The partners that reached the minimum weight in the last {@link countPartners}. */
  readonly reached: Int32Array;
  /** What {@link weightHistogram} kept: each account's partners with `threshold` objects or more. */
  recorded: {
    readonly threshold: number;
    /** Partners of rowsOf.active[mine[x]] are partners[start[x] .. start[x + 1]). */
    readonly start: Int32Array;
    readonly partners: Int32Array;
    readonly counts: Int32Array;
    readonly byHour: Float64Array;
  } | null;
}

/** The rows, objects and hours every pass uses, and the part's accounts. */
export function prepareSweep(s: ShareArrays, options: SweepOptions): PreparedSweep {
  const n = s.obj.length;
  const w = options.windowMs;
  const rowsOf = accountRows(s, matchable(s, w));
  // Rows are sorted by object, objects numbered from 0: the first row of each.
  const objects = n === 0 ? 0 : s.obj[n - 1]! + 1;
  const objectStart = new Int32Array(objects + 1);
  for (let i = 0; i < n; i++) objectStart[s.obj[i]! + 1]! += 1;
  for (let o = 0; o < objects; o++) objectStart[o + 1]! += objectStart[o]!;
  // Each row's window, two pointers per object (a binary search per row in each pass was ~0.3 s of
  // each at 10M posts: viral domains' objects have 100k rows).
  const { t } = s;
  const windowStart = new Int32Array(n);
  const windowEnd = new Int32Array(n);
  for (let o = 0; o < objects; o++) {
    const hi = objectStart[o + 1]!;
    for (let i = objectStart[o]!, lo = i, up = i; i < hi; i++) {
      while (t[lo]! < t[i]! - w) lo++;
      while (up < hi && t[up]! <= t[i]! + w) up++;
      windowStart[i] = lo;
      windowEnd[i] = up;
    }
  }
  // Each row's hour of the week, once (per matched partner and object it cost 1.5 s at 10M).
  const rowHour = new Uint8Array(n);
  for (let i = 0; i < n; i++) rowHour[i] = hourOfWeek(s.t[i]!);
  const { mine, chunkEnds } = partAccounts(rowsOf, options.part ?? { index: 0, of: 1 });
  let mostRows = 0;
  for (const a of mine) {
    const u = rowsOf.active[a]!;
    mostRows = Math.max(mostRows, rowsOf.start[u + 1]! - rowsOf.start[u]!);
  }
  const state = new Int32Array(2 * s.accounts);
  for (let v = 0; v < s.accounts; v++) state[2 * v] = -1;
  return {
    s,
    w,
    k: Math.max(1, Math.floor(options.evidenceLimit)),
    rowsOf,
    multi: multiObjectMessages(s),
    windowStart,
    windowEnd,
    rowHour,
    mine,
    chunkEnds,
    state,
    tag: 0,
    mostRows,
    reached: new Int32Array(s.accounts),
    recorded: null,
  };
}

/**
 * Counts, for account u, the distinct objects it shares with each partner v > u within the window
 * (`state[2v + 1]`, valid for this u until the next call) and returns how many partners reach
 * `minWeight` objects.
 * Adds each (partner, object)'s first match to `byHour`, by the hour of u's share (u's rows come
 * in (object, time) order, so the first that matches is the earliest), and each partner's step
 * from c to c + 1 objects to `histogram` (c ≥ 1; the caller adds the partners to histogram[1]).
 * One counter per partner: at 10M posts almost every in-window pair of shares is a pair of
 * accounts met once, so this pass is most of the work.
 */
function countPartners(
  p: PreparedSweep,
  u: number,
  minWeight: number,
  byHour: Float64Array,
  histogram: Float64Array,
): number {
  const { obj, acc } = p.s;
  const { state, windowStart, windowEnd, rowHour, reached } = p;
  const first = p.tag;
  let tag = first - 1;
  let current = -1;
  let m = 0;
  let partners = 0;
  for (let r = p.rowsOf.start[u]!; r < p.rowsOf.start[u + 1]!; r++) {
    const i = p.rowsOf.rows[r]!;
    const o = obj[i]!;
    if (o !== current) {
      current = o;
      tag++;
    }
    const end = windowEnd[i]!;
    let matched = 0;
    for (let j = windowStart[i]!; j < end; j++) {
      // A message is one account's, so v ≠ u also means another message.
      const v = acc[j]!;
      if (v <= u) continue;
      const y = 2 * v;
      const seen = state[y]!;
      if (seen === tag) continue;
      state[y] = tag;
      matched++;
      if (seen < first) {
        state[y + 1] = 1;
        partners++;
        if (minWeight <= 1) reached[m++] = v;
      } else {
        const c = state[y + 1]!++;
        histogram[c]! -= 1;
        histogram[c + 1]! += 1;
        if (c + 1 === minWeight) reached[m++] = v;
      }
    }
    byHour[rowHour[i]!]! += matched;
  }
  histogram[1]! += partners;
  p.tag = tag + 1;
  return m;
}

/**
 * Pairs of this part by their count of distinct objects: histogram[c] pairs have c objects.
 * Keeps, while they fit in `maxPairs`, the partners with more than `minWeight` objects and the
 * matches by hour (`p.recorded`): raised past `minWeight`, {@link sweepPairs} then needs no
 * counting pass of its own.
 */
export function weightHistogram(
  p: PreparedSweep,
  minWeight = 1,
  maxPairs = MAX_PAIRS,
): Float64Array {
  const histogram = new Float64Array(p.mostRows + 2);
  const byHour = new Float64Array(168);
  let partners: Int32Array = new Int32Array(1024);
  let counts: Int32Array = new Int32Array(1024);
  let kept = 0;
  const start = new Int32Array(p.mine.length + 1);
  let recording = true;
  for (let x = 0; x < p.mine.length; x++) {
    const m = countPartners(p, p.rowsOf.active[p.mine[x]!]!, minWeight + 1, byHour, histogram);
    if (recording && kept + m > maxPairs) recording = false;
    if (recording) {
      if (kept + m > partners.length) {
        const size = Math.max(kept + m, partners.length * 2);
        partners = grown(partners, size);
        counts = grown(counts, size);
      }
      for (let y = 0; y < m; y++) {
        const v = p.reached[y]!;
        partners[kept] = v;
        counts[kept++] = p.state[2 * v + 1]!;
      }
    }
    start[x + 1] = kept;
  }
  p.recorded = recording
    ? {
        threshold: minWeight + 1,
        start,
        partners: partners.subarray(0, kept),
        counts: counts.subarray(0, kept),
        byHour,
      }
    : null;
  return histogram;
}

/**
 * A copy of `a` in an array of `size` elements: weightHistogram grows its two arrays together, as
 * a Column would, and fills them by index. (Its first version pushed onto Columns inside the count
 * pass; at 10M posts that pass took 6.2–6.8 s instead of 4.6 s. The push wasn't timed on its own.)
 */
function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The smallest weight from `minWeight` up whose pairs (by `histogram`) number at most `maxPairs`. */
export function raisedWeight(histogram: Float64Array, minWeight: number, maxPairs: number): number {
  let w = Math.max(1, minWeight);
  let pairs = 0;
  for (let c = w; c < histogram.length; c++) pairs += histogram[c]!;
  while (pairs > maxPairs) pairs -= histogram[w++] ?? 0;
  return Math.max(minWeight, w);
}

/**
 * The part's pairs with at least `minWeight` objects, with weights, mean |Δt|, evidence and the
 * matches by hour; past `maxPairs`, a {@link PairBudgetError}.
 *
 * Account by account (u in id order): {@link countPartners} counts u's partners' objects, then a
 * second pass over u's shares fills accumulators for the partners with enough, in slots in the
 * order they turn up; each object's shares are contiguous, so nothing is hashed except the rare
 * (message, account) of a message with several objects.
 * Hot loop, left whole though over 80 lines (the one exemption, docs/architecture.md): its
 * per-account passes share a dozen typed arrays and counters held in locals; split, each pass would
 * take them as arguments once per account.
 */
export function sweepPairs(p: PreparedSweep, minWeight: number, maxPairs: number): PartPairs {
  const { obj, t, acc, msg } = p.s;
  const { state, windowStart, windowEnd, multi, k } = p;
  const n = obj.length;
  const seen = new KeyIndex(1 << 10);
  // A kept partner's accumulators share 32 bytes, so a visit reads one cache line: ints [lastObj,
  // lastMsg, objects, wab, wba, nDt] and the sum of |Δt| in ms as a double over the last two
  // (`sums[slot * 4 + 3]`). Once given a slot, v's count in `state` becomes −(slot + 1).
  const slotBuffer = new ArrayBuffer(Math.max(1, p.s.accounts) * 32);
  const ints = new Int32Array(slotBuffer);
  const sums = new Float64Array(slotBuffer);
  const slotV = new Int32Array(Math.max(1, p.s.accounts));
  // Per row j: the last u that matched it (a single-object message is one row), or -2 for a row
  // of a message with several objects (matched through `seenBack`): one sequential read per visit
  // instead of a scattered one by message.
  const matchedBy = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) if (multi[msg[j]!] === 1) matchedBy[j] = -2;
  const seenBack = new KeyIndex(1 << 10);
  const out = {
    a: intColumn(),
    b: intColumn(),
    objects: intColumn(),
    wab: intColumn(),
    wba: intColumn(),
    meanDt: new Column((n) => new Float64Array(n)),
  };
  const evPair = intColumn();
  const evObj = intColumn();
  const byHour = new Float64Array(168);

  const histogram = new Float64Array(p.mostRows + 2);
  // Partners kept by weightHistogram stand for the counting pass: their counts are set in `state`
  // and their bits in `kept` below, and only those bits are read.
  const recorded = p.recorded && minWeight >= p.recorded.threshold ? p.recorded : null;
  if (recorded) byHour.set(recorded.byHour);
  // One bit per account, set for the current u's partners with the minimum weight: the second
  // pass tests a bit in a few KB (mostly clear, so the branch is predictable) where it read a
  // counter and tested the partner's id against u.
  const kept = new Int32Array((p.s.accounts >>> 5) + 1);
  const chunkPairs = new Int32Array(p.chunkEnds.length);
  const chunkEvidence = new Int32Array(p.chunkEnds.length);
  for (let c = 0, x = 0; c < p.chunkEnds.length; c++) {
    for (; x < p.chunkEnds[c]!; x++) {
      const u = p.rowsOf.active[p.mine[x]!]!;
      let m = 0;
      if (recorded) {
        for (let y = recorded.start[x]!; y < recorded.start[x + 1]!; y++) {
          if (recorded.counts[y]! < minWeight) continue;
          const v = recorded.partners[y]!;
          state[2 * v + 1] = recorded.counts[y]!;
          kept[v >>> 5]! |= 1 << (v & 31);
          m++;
        }
      } else {
        m = countPartners(p, u, minWeight, byHour, histogram);
        for (let y = 0; y < m; y++) kept[p.reached[y]! >>> 5]! |= 1 << (p.reached[y]! & 31);
      }
      if (m === 0) continue;
      let slots = 0;
      const base = out.a.length;
      for (let r = p.rowsOf.start[u]!; r < p.rowsOf.start[u + 1]!; r++) {
        const i = p.rowsOf.rows[r]!;
        const o = obj[i]!;
        const ti = t[i]!;
        const mi = msg[i]!;
        const miMulti = multi[mi] === 1;
        const end = windowEnd[i]!;
        for (let j = windowStart[i]!; j < end; j++) {
          const v = acc[j]!;
          if ((kept[v >>> 5]! & (1 << (v & 31))) === 0) continue;
          // A kept partner's count, until it is given a slot: then −(slot + 1).
          let c = state[2 * v + 1]!;
          if (c >= 0) {
            c = state[2 * v + 1] = -(slots + 1);
            slotV[slots] = v;
            const y = slots * 8;
            ints[y] = ints[y + 1] = -1;
            ints[y + 2] = ints[y + 3] = ints[y + 4] = ints[y + 5] = 0;
            sums[y / 2 + 3] = 0;
            slots++;
          }
          const slot = -c - 1;
          const x = slot * 8;
          if (ints[x] !== o) {
            ints[x] = o;
            if (++ints[x + 2]! <= k) {
              evPair.push(base + slot);
              evObj.push(o);
            }
          }
          sums[x / 2 + 3]! += Math.abs(t[j]! - ti);
          ints[x + 5]! += 1;
          // Message i of u matched by v (once per message); message j of v matched by u.
          if (miMulti ? seen.getOrAdd(mi, v) < 0 : ints[x + 1] !== mi) {
            ints[x + 1] = mi;
            ints[x + 3]! += 1;
          }
          const mj = msg[j]!;
          const by = matchedBy[j]!;
          if (by === -2 ? seenBack.getOrAdd(mj, u) < 0 : by !== u) {
            if (by !== -2) matchedBy[j] = u;
            ints[x + 4]! += 1;
          }
        }
      }
      for (let q = 0; q < slots; q++) {
        const x = q * 8;
        const v = slotV[q]!;
        kept[v >>> 5] = 0;
        out.a.push(u);
        out.b.push(v);
        out.objects.push(ints[x + 2]!);
        out.wab.push(ints[x + 3]!);
        out.wba.push(ints[x + 4]!);
        out.meanDt.push(sums[x / 2 + 3]! / ints[x + 5]! / 1000);
      }
      if (out.a.length > maxPairs) throw budgetError(maxPairs, minWeight);
    }
    chunkPairs[c] = out.a.length;
    chunkEvidence[c] = evPair.length;
  }
  return {
    pairs: {
      pairs: out.a.length,
      a: out.a.view(),
      b: out.b.view(),
      objects: out.objects.view(),
      wab: out.wab.view(),
      wba: out.wba.view(),
      meanDt: out.meanDt.view(),
      evidenceObjects: { pair: evPair.view(), obj: evObj.view() },
      matchesByHourOfWeek: byHour,
      minWeight,
    },
    chunkPairs,
    chunkEvidence,
  };
}

/** One part's pairs (in account order) and where each of its chunks ends in them. */
export interface PartPairs {
  readonly pairs: CoSharePairs;
  /** Per chunk of the part, the end of its pairs (cumulative). */
  readonly chunkPairs: Int32Array;
  /** Per chunk of the part, the end of its evidence rows (cumulative). */
  readonly chunkEvidence: Int32Array;
}

/**
 * 1 for rows with a share of the same object by another account within the window: the only rows
 * that can be part of a pair. In (object, time) order a row's nearest share by another account is
 * before it or after it, so one pass each way, keeping the last row and the last row of an account
 * other than its own, finds them (it looked at every in-window pair, 0.7 s of 127M at 10M posts).
 * On the planted ring file 97% of the rows have none, and skipping them spares the account-order
 * pass its scattered reads.
 */
function matchable(s: ShareArrays, w: number): Uint8Array {
  const { obj, t, acc } = s;
  const n = obj.length;
  const keep = new Uint8Array(n);
  for (let i = 0, last = -1, other = -1; i < n; i++) {
    if (last >= 0 && obj[last] !== obj[i]) last = other = -1;
    const near = last >= 0 && acc[last] !== acc[i] ? last : other;
    if (near >= 0 && t[i]! - t[near]! <= w) keep[i] = 1;
    if (last >= 0 && acc[last] !== acc[i]) other = last;
    last = i;
  }
  for (let i = n - 1, last = -1, other = -1; i >= 0; i--) {
    if (last >= 0 && obj[last] !== obj[i]) last = other = -1;
    const near = last >= 0 && acc[last] !== acc[i] ? last : other;
    if (near >= 0 && t[near]! - t[i]! <= w) keep[i] = 1;
    if (last >= 0 && acc[last] !== acc[i]) other = last;
    last = i;
  }
  return keep;
}

/**
 * Kept rows of each account (rows in their sorted order): rows[start[u] .. start[u+1]), and the
 * accounts with any, in id order (on the ring file 4% of the accounts).
 */
function accountRows(
  s: ShareArrays,
  keep: Uint8Array,
): { start: Int32Array; rows: Int32Array; active: Int32Array } {
  const { start, rows } = groupByKey(s.acc, s.accounts, keep);
  let m = 0;
  for (let u = 0; u < s.accounts; u++) if (start[u + 1]! > start[u]!) m++;
  const active = new Int32Array(m);
  for (let u = 0, x = 0; u < s.accounts; u++) if (start[u + 1]! > start[u]!) active[x++] = u;
  return { start, rows, active };
}

/** Chunks the accounts are cut into for a split sweep (see {@link SweepOptions.part}). */
export const SWEEP_CHUNKS = 64;

/**
 * The active accounts (indices into `rowsOf.active`) of one part, and where its chunks end among
 * them. The chunks are contiguous runs of about equal rows, dealt to the parts in turn: the work
 * per account falls with its id (pairs are counted from their lower account), and neighbouring
 * chunks cost about the same, so each part gets about half of every stretch. (Two contiguous ranges
 * from an estimate of the work left one thread waiting 1 s of each 3 s pass at 10M posts: the
 * weight count and the pairs pass fall differently with the id.)
 */
function partAccounts(
  rowsOf: { start: Int32Array; rows: Int32Array; active: Int32Array },
  part: { readonly index: number; readonly of: number },
): { mine: Int32Array; chunkEnds: Int32Array } {
  const { start, rows, active } = rowsOf;
  const chunks = Math.max(1, Math.min(SWEEP_CHUNKS, active.length));
  const bound = new Int32Array(chunks + 1);
  for (let c = 1, a = 0, sum = 0; c <= chunks; c++) {
    const target = c === chunks ? Infinity : (rows.length * c) / chunks;
    for (; a < active.length; a++) {
      const size = start[active[a]! + 1]! - start[active[a]!]!;
      if (sum + size > target) break;
      sum += size;
    }
    bound[c] = c === chunks ? active.length : a;
  }
  let size = 0;
  for (let c = part.index; c < chunks; c += part.of) size += bound[c + 1]! - bound[c]!;
  const mine = new Int32Array(size);
  const chunkEnds = new Int32Array(Math.max(0, Math.ceil((chunks - part.index) / part.of)));
  for (let c = part.index, x = 0, k = 0; c < chunks; c += part.of) {
    for (let a = bound[c]!; a < bound[c + 1]!; a++) mine[x++] = a;
    chunkEnds[k++] = x;
  }
  return { mine, chunkEnds };
}

/**
 * Joins the parts of a split sweep (all at the same minimum weight), chunk by chunk in the order
 * they were dealt: the accounts' order, as one sweep gives them. Past the budget, a
 * {@link PairBudgetError}.
 */
export function joinParts(parts: readonly PartPairs[], maxPairs: number): CoSharePairs {
  const total = parts.reduce((sum, p) => sum + p.pairs.pairs, 0);
  const minWeight = parts[0]?.pairs.minWeight ?? 1;
  if (total > maxPairs) throw budgetError(maxPairs, minWeight);
  const evidence = parts.reduce((sum, p) => sum + p.pairs.evidenceObjects.pair.length, 0);
  const a = new Int32Array(total);
  const b = new Int32Array(total);
  const objects = new Int32Array(total);
  const wab = new Int32Array(total);
  const wba = new Int32Array(total);
  const meanDt = new Float64Array(total);
  const evPair = new Int32Array(evidence);
  const evObj = new Int32Array(evidence);
  const byHour = new Float64Array(168);
  for (const p of parts)
    for (let h = 0; h < 168; h++) byHour[h]! += p.pairs.matchesByHourOfWeek[h]!;
  const chunks = parts.reduce((sum, p) => sum + p.chunkPairs.length, 0);
  let m = 0;
  let e = 0;
  for (let c = 0; c < chunks; c++) {
    const part = parts[c % parts.length]!;
    const k = Math.floor(c / parts.length);
    const p = part.pairs;
    const [from, to] = [k > 0 ? part.chunkPairs[k - 1]! : 0, part.chunkPairs[k]!];
    a.set(p.a.subarray(from, to), m);
    b.set(p.b.subarray(from, to), m);
    objects.set(p.objects.subarray(from, to), m);
    wab.set(p.wab.subarray(from, to), m);
    wba.set(p.wba.subarray(from, to), m);
    meanDt.set(p.meanDt.subarray(from, to), m);
    const ev = p.evidenceObjects;
    const [evFrom, evTo] = [k > 0 ? part.chunkEvidence[k - 1]! : 0, part.chunkEvidence[k]!];
    evObj.set(ev.obj.subarray(evFrom, evTo), e);
    for (let x = evFrom; x < evTo; x++) evPair[e++] = ev.pair[x]! - from + m;
    m += to - from;
  }
  return {
    pairs: total,
    a,
    b,
    objects,
    wab,
    wba,
    meanDt,
    evidenceObjects: { pair: evPair, obj: evObj },
    matchesByHourOfWeek: byHour,
    minWeight,
  };
}

/** 1 for messages with shares of several objects (their matches need de-duplicating across objects). */
function multiObjectMessages(s: ShareArrays): Uint8Array {
  const multi = new Uint8Array(s.messages);
  const count = new Int32Array(s.messages);
  for (let i = 0; i < s.msg.length; i++) count[s.msg[i]!]! += 1;
  for (let m = 0; m < s.messages; m++) if (count[m]! > 1) multi[m] = 1;
  return multi;
}

/** Shares from which the sweep is split over two threads (at 10M posts: links 1.9M, posts 1.2M). */
export const SPLIT_ROWS = 1_000_000;

/**
 * The sweep, split over `parts` threads (this one and parts − 1 workers) when there are
 * {@link SPLIT_ROWS} shares or more: each sweeps its chunks of the accounts (see
 * {@link SweepOptions.part}), and the chunks are joined in account order, so the pairs, weights and
 * evidence are the one sweep's. Raising, the parts' weight histograms are added up first, so the
 * weight is the one sweep's too.
 */
export async function sweepShares(
  s: ShareArrays,
  options: SweepOptions,
  parts = s.obj.length >= SPLIT_ROWS ? 2 : 1,
): Promise<CoSharePairs> {
  if (parts <= 1) return coShareSweep(s, options);
  const maxPairs = options.maxPairs ?? MAX_PAIRS;
  const shares = {
    obj: s.obj,
    t: s.t,
    acc: s.acc,
    msg: s.msg,
    accounts: s.accounts,
    messages: s.messages,
  };
  const workers = Array.from(
    { length: parts - 1 },
    (_, i) => new SweepWorker(shares, { ...options, part: { index: i + 1, of: parts } }),
  );
  try {
    // The workers prepare and sweep their parts while this thread does its own.
    const here = prepareSweep(s, { ...options, part: { index: 0, of: parts } });
    let minWeight = options.minWeight;
    if (options.raiseMinWeight) {
      const asked = workers.map((w) => w.request<Float64Array>({ histogram: true }));
      const histograms = [
        weightHistogram(here, options.minWeight, maxPairs),
        ...(await Promise.all(asked)),
      ];
      const sum = new Float64Array(Math.max(...histograms.map((h) => h.length)));
      for (const h of histograms) for (let c = 0; c < h.length; c++) sum[c]! += h[c]!;
      minWeight = raisedWeight(sum, minWeight, maxPairs);
    }
    const asked = workers.map((w) => w.request<PartPairs>({ minWeight, maxPairs }));
    const mine = sweepPairs(here, minWeight, maxPairs);
    return joinParts([mine, ...(await Promise.all(asked))], maxPairs);
  } finally {
    for (const w of workers) w.close();
  }
}

/** A worker thread sweeping one part (co-share-worker.ts), one request at a time. */
class SweepWorker {
  private readonly worker: Worker;
  private pending: { resolve: (v: never) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private closed = false;
  constructor(shares: unknown, options: SweepOptions) {
    this.worker = startWorker(import.meta.url, 'co-share-worker', { shares, options });
    this.worker.on('message', (m: { ok?: never; error?: string; budget?: boolean }) => {
      const pending = this.pending;
      this.pending = null;
      if (m.error === undefined) pending?.resolve(m.ok as never);
      else pending?.reject(m.budget ? new PairBudgetError(m.error) : new Error(m.error));
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) =>
      this.fail(new Error(`co-share sweep worker exited (${code})`)),
    );
  }
  private fail(e: Error): void {
    if (this.closed) return;
    this.failure ??= e;
    this.pending?.reject(e);
    this.pending = null;
  }
  /** Sends a request; the promise is marked handled, so a failure while this thread works is not unhandled. */
  request<T>(message: unknown): Promise<T> {
    const promise = new Promise<T>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.pending = { resolve: resolve as (v: never) => void, reject };
    });
    if (!this.failure) this.worker.postMessage(message);
    promise.catch(() => undefined);
    return promise;
  }
  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }
}
