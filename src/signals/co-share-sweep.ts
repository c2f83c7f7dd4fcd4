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
import { ConfigError } from '../errors.js';
import type { CoShareOptions, CoSharePairs, ShareArrays, Store } from '../store/index.js';
import { dropShares, groupByKey, hourOfWeek, loadShares, writeCoShare } from '../store/index.js';
import { startWorker } from './start-worker.js';
import { Column, intColumn, KeyIndex } from './typed.js';

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
   * Past the budget, raise the minimum weight (until the kept pairs fit in half of it) instead of
   * stopping; the result is then exactly the one at the raised minimum weight.
   */
  readonly raiseMinWeight?: boolean;
  /**
   * This call's share of the accounts when the sweep is split over threads: part `index` of `of`
   * contiguous ranges of about equal work (default the whole).
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

const budgetError = (maxPairs: number, minWeight: number) =>
  new PairBudgetError(
    `more than ${maxPairs.toLocaleString('en')} account pairs at minimum weight ${minWeight} (objects shared by thousands of accounts within the window, such as breaking-news links or live-event hashtags); raise --min-weight or narrow --window`,
  );

/**
 * Sweeps sorted shares into co-share pairs (see the file comment for the definition).
 *
 * Account by account (u in id order), every share of u is compared with the shares of the same
 * object within the window; only partners v > u count, so each pair of shares is used once.
 * Per-partner accumulators sit in slots in the order u's partners turn up (they stay in cache),
 * and each object's shares are contiguous, so nothing is hashed except the rare (message,
 * account) of a message with several objects.
 */
export function coShareSweep(s: ShareArrays, options: SweepOptions): CoSharePairs {
  const n = s.obj.length;
  const w = options.windowMs;
  const k = Math.max(1, Math.floor(options.evidenceLimit));
  const { obj, t, acc, msg } = s;
  const rowsOf = accountRows(s, matchable(s, w));
  const multi = multiObjectMessages(s);
  const seen = new KeyIndex(1 << 10);

  // Accumulators per partner v of the current u, in slots given in the order partners turn up
  // (slotOf[v], -1 when v has none): a viral link's burst touches thousands of partners, and
  // slots keep them in the first few hundred KB instead of spread over an array of all accounts
  // (at 10M posts, co-share:url's sweep spent most of its 42 s waiting on such reads). Interleaved
  // so that one partner's fields share a cache line: ints [v, lastObj, lastMsg, objects, wab, wba,
  // nDt, hour of firstT], doubles [firstT, sumDt].
  const slotOf = new Int32Array(s.accounts).fill(-1);
  const ints = new Int32Array(Math.max(1, s.accounts) * 8);
  const floats = new Float64Array(Math.max(1, s.accounts) * 2);
  let slots = 0;
  // Per row j: the last u that matched it (a single-object message is one row), or -2 for a row
  // of a message with several objects (matched through `seenBack`): one sequential read per visit
  // instead of a scattered one by message.
  const matchedBy = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) if (multi[msg[j]!] === 1) matchedBy[j] = -2;
  const seenBack = new KeyIndex(1 << 10);
  // Rows are sorted by object, objects numbered from 0: the first row of each.
  const objects = n === 0 ? 0 : obj[n - 1]! + 1;
  const objectStart = new Int32Array(objects + 1);
  for (let i = 0; i < n; i++) objectStart[obj[i]! + 1]! += 1;
  for (let o = 0; o < objects; o++) objectStart[o + 1]! += objectStart[o]!;
  const inObject = intColumn();
  const [from, to] = options.part
    ? accountRange(s, w, objectStart, rowsOf, options.part)
    : [0, rowsOf.active.length];

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
  let evStart = 0;
  const maxPairs = options.maxPairs ?? MAX_PAIRS;
  // Partner index → global pair id (or -1) for the current u; grown as needed.
  let globalId = new Int32Array(64);
  let minWeight = options.minWeight;
  // Evidence rows from `from` on: each pair renumbered through `id`, dropped where it maps to -1.
  const keepEvidence = (from: number, id: Int32Array) => {
    let kept = from;
    for (let e = from; e < evPair.length; e++) {
      const g = id[evPair.data[e]!]!;
      if (g < 0) continue;
      evPair.data[kept] = g;
      evObj.data[kept++] = evObj.data[e]!;
    }
    evPair.length = evObj.length = evStart = kept;
  };
  // Keeps the pairs (and their evidence rows) with at least `minWeight` objects.
  const compact = () => {
    const id = new Int32Array(out.a.length);
    let m = 0;
    for (let p = 0; p < out.a.length; p++) {
      id[p] = -1;
      if (out.objects.data[p]! < minWeight) continue;
      id[p] = m;
      for (const col of Object.values(out)) col.data[m] = col.data[p]!;
      m++;
    }
    for (const col of Object.values(out)) col.length = m;
    keepEvidence(0, id);
  };

  // Each row's hour of the week, once (per matched partner and object it cost 1.5 s at 10M).
  const rowHour = new Uint8Array(n);
  for (let i = 0; i < n; i++) rowHour[i] = hourOfWeek(t[i]!);
  const closeObject = () => {
    for (let x = 0; x < inObject.length; x++) byHour[ints[inObject.data[x]! * 8 + 7]!]! += 1;
    inObject.length = 0;
  };

  for (let a = from; a < to; a++) {
    const u = rowsOf.active[a]!;
    let currentObj = -1;
    for (let r = rowsOf.start[u]!; r < rowsOf.start[u + 1]!; r++) {
      const i = rowsOf.rows[r]!;
      const o = obj[i]!;
      const ti = t[i]!;
      const hour = rowHour[i]!;
      const mi = msg[i]!;
      const miMulti = multi[mi] === 1;
      if (o !== currentObj) {
        closeObject();
        currentObj = o;
      }
      // The object's rows are [objectStart[o], objectStart[o + 1]).
      const lo = objectStart[o]!;
      const hi = objectStart[o + 1]!;
      for (let dir = -1; dir <= 1; dir += 2) {
        for (let j = i + dir; j >= lo && j < hi; j += dir) {
          const dt = dir > 0 ? t[j]! - ti : ti - t[j]!;
          if (dt > w) break;
          const v = acc[j]!;
          if (v <= u) continue;
          const mj = msg[j]!;
          if (mj === mi) continue;
          let slot = slotOf[v]!;
          if (slot === -1) {
            slot = slotOf[v] = slots++;
            const y = slot * 8;
            ints[y] = v;
            ints[y + 1] = ints[y + 2] = -1;
            ints[y + 3] = ints[y + 4] = ints[y + 5] = ints[y + 6] = 0;
            floats[slot * 2 + 1] = 0;
          }
          const x = slot * 8;
          const f = slot * 2;
          if (ints[x + 1] !== o) {
            ints[x + 1] = o;
            floats[f] = ti;
            ints[x + 7] = hour;
            inObject.push(slot);
            if (++ints[x + 3]! <= k) {
              evPair.push(slot);
              evObj.push(o);
            }
          } else if (ti < floats[f]!) {
            floats[f] = ti;
            ints[x + 7] = hour;
          }
          floats[f + 1]! += dt;
          ints[x + 6]! += 1;
          // Message i of u matched by v (once per message); message j of v matched by u.
          if (miMulti ? seen.getOrAdd(mi, v) < 0 : ints[x + 2] !== mi) {
            ints[x + 2] = mi;
            ints[x + 4]! += 1;
          }
          const by = matchedBy[j]!;
          if (by === -2 ? seenBack.getOrAdd(mj, u) < 0 : by !== u) {
            if (by !== -2) matchedBy[j] = u;
            ints[x + 5]! += 1;
          }
        }
      }
    }
    closeObject();
    // u's partners are complete: keep those with the minimum weight (memory follows the kept
    // pairs, not all in-window pairs), give them global ids, and keep only their evidence rows.
    if (globalId.length < slots) globalId = new Int32Array(slots * 2);
    for (let p = 0; p < slots; p++) {
      const x = p * 8;
      const v = ints[x]!;
      slotOf[v] = -1;
      globalId[p] = -1;
      if (ints[x + 3]! >= minWeight) {
        globalId[p] = out.a.length;
        out.a.push(u);
        out.b.push(v);
        out.objects.push(ints[x + 3]!);
        out.wab.push(ints[x + 4]!);
        out.wba.push(ints[x + 5]!);
        out.meanDt.push(floats[p * 2 + 1]! / ints[x + 6]! / 1000);
      }
    }
    keepEvidence(evStart, globalId);
    slots = 0;
    if (out.a.length > maxPairs) {
      if (!options.raiseMinWeight) throw budgetError(maxPairs, minWeight);
      while (out.a.length > maxPairs / 2) {
        minWeight = Math.max(1, minWeight + 1);
        compact();
      }
    }
  }
  return {
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
  };
}

/**
 * 1 for rows with a share of the same object by another account within the window: the only rows
 * that can be part of a pair. One pass in (object, time) order, over the in-window pairs; on the
 * planted ring file 97% of the rows have none, and skipping them spares the account-order pass
 * its scattered reads.
 */
function matchable(s: ShareArrays, w: number): Uint8Array {
  const { obj, t, acc } = s;
  const n = obj.length;
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = obj[i]!;
    const end = t[i]! + w;
    for (let j = i + 1; j < n && obj[j] === o && t[j]! <= end; j++)
      if (acc[j] !== acc[i]) keep[i] = keep[j] = 1;
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

/**
 * The active accounts (indices into `rowsOf.active`) of one part: contiguous ranges of about equal
 * estimated work, from the rows of each row's object within the window (two pointers per object).
 */
function accountRange(
  s: ShareArrays,
  w: number,
  objectStart: Int32Array,
  rowsOf: { start: Int32Array; rows: Int32Array; active: Int32Array },
  part: { readonly index: number; readonly of: number },
): [number, number] {
  const { t } = s;
  const around = new Float64Array(s.obj.length);
  for (let o = 0; o + 1 < objectStart.length; o++) {
    const hi = objectStart[o + 1]!;
    for (let i = objectStart[o]!, lo = i, up = i; i < hi; i++) {
      while (t[i]! - t[lo]! > w) lo++;
      while (up < hi && t[up]! - t[i]! <= w) up++;
      around[i] = up - lo - 1;
    }
  }
  // Of the rows around one of u's, those of accounts above u are counted (the costly part) and the
  // others skipped; with ids in name order, about (accounts − u) / accounts of them are above.
  const { start, rows, active } = rowsOf;
  const work = new Float64Array(active.length + 1);
  for (let a = 0; a < active.length; a++) {
    const u = active[a]!;
    let sum = 0;
    for (let r = start[u]!; r < start[u + 1]!; r++) sum += around[rows[r]!]!;
    work[a + 1] = work[a]! + 1 + sum * ((s.accounts - u) / s.accounts + 0.05);
  }
  const total = work[active.length]!;
  const cut = (p: number) => {
    if (p <= 0) return 0;
    if (p >= part.of) return active.length;
    let a = 0;
    while (a < active.length && work[a + 1]! <= (total * p) / part.of) a++;
    return a;
  };
  return [cut(part.index), cut(part.index + 1)];
}

/**
 * Joins the parts of a split sweep, in part order (the accounts' order, as one sweep gives them),
 * at the highest minimum weight any part reached; past the budget, as one sweep would: an error,
 * or the minimum weight raised until the pairs fit in half of it.
 */
export function joinParts(parts: readonly CoSharePairs[], options: SweepOptions): CoSharePairs {
  const maxPairs = options.maxPairs ?? MAX_PAIRS;
  let minWeight = Math.max(options.minWeight, ...parts.map((p) => p.minWeight));
  const kept = (weight: number) => {
    let n = 0;
    for (const p of parts) for (let i = 0; i < p.pairs; i++) if (p.objects[i]! >= weight) n++;
    return n;
  };
  let total = kept(minWeight);
  if (total > maxPairs) {
    if (!options.raiseMinWeight) throw budgetError(maxPairs, minWeight);
    while (total > maxPairs / 2) total = kept(++minWeight);
  }
  const a = new Int32Array(total);
  const b = new Int32Array(total);
  const objects = new Int32Array(total);
  const wab = new Int32Array(total);
  const wba = new Int32Array(total);
  const meanDt = new Float64Array(total);
  const evPair = intColumn();
  const evObj = intColumn();
  const byHour = new Float64Array(168);
  let m = 0;
  for (const p of parts) {
    const id = new Int32Array(p.pairs).fill(-1);
    for (let i = 0; i < p.pairs; i++) {
      if (p.objects[i]! < minWeight) continue;
      id[i] = m;
      a[m] = p.a[i]!;
      b[m] = p.b[i]!;
      objects[m] = p.objects[i]!;
      wab[m] = p.wab[i]!;
      wba[m] = p.wba[i]!;
      meanDt[m++] = p.meanDt[i]!;
    }
    const ev = p.evidenceObjects;
    for (let e = 0; e < ev.pair.length; e++) {
      const g = id[ev.pair[e]!]!;
      if (g < 0) continue;
      evPair.push(g);
      evObj.push(ev.obj[e]!);
    }
    for (let h = 0; h < 168; h++) byHour[h]! += p.matchesByHourOfWeek[h]!;
  }
  return {
    pairs: total,
    a,
    b,
    objects,
    wab,
    wba,
    meanDt,
    evidenceObjects: { pair: evPair.view(), obj: evObj.view() },
    matchesByHourOfWeek: byHour,
    minWeight,
  };
}

/** 1 for messages with shares of several objects (their matches need de-duplicating across objects). */
function multiObjectMessages(s: ShareArrays): Uint8Array {
  const multi = new Uint8Array(s.messages);
  if (s.messages === s.msg.length) return multi; // one row per message
  const count = new Int32Array(s.messages);
  for (let i = 0; i < s.msg.length; i++) count[s.msg[i]!]! += 1;
  for (let m = 0; m < s.messages; m++) if (count[m]! > 1) multi[m] = 1;
  return multi;
}

/** Shares from which the sweep is split over two threads (at 10M posts: links 1.9M, posts 1.2M). */
export const SPLIT_ROWS = 1_000_000;

/**
 * The sweep, split over `parts` threads (this one and parts − 1 workers) when there are
 * {@link SPLIT_ROWS} shares or more: each sweeps a contiguous range of accounts, and the parts are
 * joined in account order, so the pairs, weights and evidence are the one sweep's. Where the
 * budget raises the minimum weight, each part raises on its own pairs and the join takes the
 * highest (still exactly the result at that weight).
 */
export async function sweepShares(
  s: ShareArrays,
  options: SweepOptions,
  parts = s.obj.length >= SPLIT_ROWS ? 2 : 1,
): Promise<CoSharePairs> {
  if (parts <= 1) return coShareSweep(s, options);
  // Raising, each part keeps at most its share of the budget (each accumulating up to the whole
  // budget at the requested weight before raising cost more than it saved); otherwise each has the
  // whole budget, so that the join alone decides whether the pairs pass it, as one sweep would.
  const budget = options.maxPairs ?? MAX_PAIRS;
  const partOptions = {
    ...options,
    maxPairs: options.raiseMinWeight ? Math.floor(budget / parts) : budget,
  };
  const shares = {
    obj: s.obj,
    t: s.t,
    acc: s.acc,
    msg: s.msg,
    accounts: s.accounts,
    messages: s.messages,
  };
  const workers = Array.from({ length: parts - 1 }, (_, i) =>
    sweepOnWorker(shares, { ...partOptions, part: { index: i + 1, of: parts } }),
  );
  // Handled now, so that a worker's failure is not unhandled while this thread sweeps.
  const settled = Promise.allSettled(workers);
  let here: CoSharePairs;
  try {
    here = coShareSweep(s, { ...partOptions, part: { index: 0, of: parts } });
  } finally {
    await settled;
  }
  const rest: CoSharePairs[] = [];
  for (const r of await settled) {
    if (r.status === 'rejected') throw r.reason;
    rest.push(r.value);
  }
  return joinParts([here, ...rest], options);
}

function sweepOnWorker(shares: unknown, options: SweepOptions): Promise<CoSharePairs> {
  const worker = startWorker(import.meta.url, 'co-share-worker', { shares, options });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { ok?: CoSharePairs; error?: string; budget?: boolean }) => {
      if (m.ok) resolve(m.ok);
      else reject(m.budget ? new PairBudgetError(m.error ?? '') : new Error(m.error));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`co-share sweep worker exited (${code})`)));
  });
}

/**
 * Computes one co-share signal into `signal_edges` (replacing its rows); returns edge and item
 * counts and the minimum weight the edges were kept at. The run records its parameters, with
 * `minWeightUsed` when the sweep raised the minimum weight to stay within the pair budget.
 */
export async function computeCoShare(
  store: Store,
  signal: string,
  options: CoShareOptions & { readonly maxPairs?: number; readonly raiseMinWeight?: boolean },
): Promise<{ edges: number; items: number; minWeight: number }> {
  try {
    const shares = await loadShares(store, signal);
    let pairs: CoSharePairs;
    try {
      pairs = await sweepShares(shares, {
        windowMs: Math.round(options.window * 1000),
        minWeight: options.minWeight,
        evidenceLimit: options.evidenceLimit,
        ...(options.maxPairs === undefined ? {} : { maxPairs: options.maxPairs }),
        raiseMinWeight: options.raiseMinWeight === true,
      });
    } catch (e) {
      if (e instanceof PairBudgetError) throw new PairBudgetError(`${signal}: ${e.message}`);
      throw e;
    }
    const params = {
      window: options.window,
      minWeight: options.minWeight,
      evidenceLimit: options.evidenceLimit,
      ...(pairs.minWeight === options.minWeight ? {} : { minWeightUsed: pairs.minWeight }),
    };
    const r = await writeCoShare(store, signal, params, shares, pairs);
    return { ...r, minWeight: pairs.minWeight };
  } finally {
    await dropShares(store);
  }
}
