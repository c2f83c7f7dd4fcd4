// Near-duplicate text: accounts posting copies of the same text with small variations.
//
// Texts are folded (NFKC, homoglyphs/confusables to their base letters, lower case, URLs and
// mentions masked, punctuation dropped), cut into character shingles (so Chinese, Thai and Korean
// work without word boundaries), signed with MinHash and bucketed by LSH bands; candidates are
// verified by exact Jaccard ≥ θ. Verified pairs join texts into copy-paste families; two accounts
// are linked by each family they both posted in (optionally within a time window).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';

import { DenseDisjointSets, startWorker } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { MinHashOptions } from './minhash.js';
import { jaccardAtLeast, MINHASH_DEFAULTS, overlapNeeded, OverlapSketches } from './minhash.js';
import {
  countTextsAtMost,
  dropNearDuplicateStage,
  streamTextRecords,
  writeNearDuplicateEdges,
} from './near-duplicate.sql.js';
import type { FoldedBatch, SetsBatch, TextJob } from './near-duplicate-fold.js';
import { TextWork } from './near-duplicate-fold.js';
import { intColumn, orderByKey } from './typed.js';

export { foldedLength, foldForSimilarity } from './text-fold.js';

/** Options of {@link nearDuplicateText}. */
export interface NearDuplicateOptions {
  /** Smallest verified Jaccard similarity of shingle sets; default 0.6. */
  readonly threshold: number;
  /** Texts shorter than this after folding (characters; Han, kana, Hangul count two) are skipped and counted; default 25. */
  readonly minChars: number;
  /** Largest |Δt| in seconds between the two posts, or null for none; default null. */
  readonly window: number | null;
  /** Families posted by more accounts than this are boilerplate or viral and skipped; default 250. */
  readonly maxAccounts: number;
  /** Smallest number of shared families for an edge; default 1. */
  readonly minWeight: number;
  /** Evidence items kept per edge; default 20. */
  readonly evidenceLimit: number;
  /** LSH buckets with more texts than this are clustered against at most this many leaders, not all pairs; default 200. */
  readonly maxBucket: number;
  readonly minhash: MinHashOptions;
}

/** Defaults of {@link NearDuplicateOptions}. */
export const NEAR_DUPLICATE_DEFAULTS: NearDuplicateOptions = {
  threshold: 0.6,
  minChars: 25,
  window: null,
  maxAccounts: 250,
  minWeight: 1,
  evidenceLimit: 20,
  maxBucket: 200,
  minhash: MINHASH_DEFAULTS,
};

/** What the signal wrote and skipped. */
export interface NearDuplicateResult {
  readonly edges: number;
  /** Texts considered. */
  readonly items: number;
  /** Texts below the length floor. */
  readonly skippedShort: number;
  /** Families skipped for having more than maxAccounts accounts. */
  readonly skippedFamilies: number;
  /** LSH buckets over maxBucket texts, clustered against leaders instead of all pairs. */
  readonly skippedBuckets: number;
  /** Distinct texts that shared an LSH bucket with another (verification candidates). */
  readonly candidates: number;
}

/**
 * Computes the 'near-duplicate-text' edges of a case. JS folds and signs each distinct text once,
 * forms the LSH buckets by sorting each band's hashes, verifies candidates by exact Jaccard and
 * joins them into families; DuckDB pairs the accounts of each family.
 */
export async function nearDuplicateText(
  store: Store,
  options: NearDuplicateOptions = NEAR_DUPLICATE_DEFAULTS,
  run: { readonly workers?: number } = {},
): Promise<NearDuplicateResult> {
  // Worker threads fold and sign; below ~20k texts starting them costs more than they save.
  const count = await countTextsAtMost(store);
  const workers = run.workers ?? (count < 20_000 ? 0 : Math.min(4, availableParallelism()));
  const pool = await TextPool.open(workers, options);
  try {
    const texts = await readTexts(store, pool, count);
    const buckets = lshBuckets(texts, options.minhash.bands);
    const sets = await shingleSets(texts, buckets.candidate, pool);
    const families = joinFamilies(buckets, sets, options);
    // A post's family: the rank of its family's root text (or of its own text, when alone).
    const family = new Int32Array(texts.postText.length);
    for (let i = 0; i < family.length; i++) family[i] = families.root[texts.postText[i]!]!;
    const written = await writeNearDuplicateEdges(
      store,
      { rows: texts.postRows, family, shared: sharedFamilies(family) },
      options,
      { items: texts.items, skipped: texts.skippedShort },
    );
    return {
      edges: written.edges,
      items: texts.items,
      skippedShort: texts.skippedShort,
      skippedFamilies: written.skippedFamilies,
      skippedBuckets: families.skippedBuckets,
      candidates: sets.candidates,
    };
  } finally {
    await pool.close();
    await dropNearDuplicateStage(store);
  }
}

/** Per post: 1 where its family has other posts (only those families can link accounts), else 0. */
export function sharedFamilies(family: Int32Array): Int32Array {
  const posts = new Int32Array(family.length);
  for (let i = 0; i < family.length; i++) posts[family[i]!]!++;
  const shared = new Int32Array(family.length);
  for (let i = 0; i < family.length; i++) shared[i] = posts[family[i]!]! > 1 ? 1 : 0;
  return shared;
}

/** The distinct folded texts of a case (exact duplicates collapsed) and which post has which. */
interface Texts {
  readonly items: number;
  readonly skippedShort: number;
  /** Per post over the length floor: its row id and its text's rank (the texts in key order). */
  readonly postRows: Float64Array;
  readonly postText: Int32Array;
  /** The number of distinct texts. */
  readonly count: number;
  /**
   * Per post: its batch, its entry in the batch (its bands and code units), and 1 where it is its
   * text's first post. What is read per text is read in post order, as the batches lie in memory:
   * in rank order, reading them at random took 3× as long at 10M posts.
   */
  readonly postBatch: Int32Array;
  readonly postEntry: Int32Array;
  readonly first: Uint8Array;
  /** The fold's batches, as much of them as is still needed. */
  readonly batches: readonly Pick<FoldedBatch, 'bands' | 'unitsFrom' | 'units'>[];
}

/** A Float64Array or Int32Array of at least `n` entries with `a`'s first `used` ones. */
function room<T extends Float64Array | Int32Array>(a: T, used: number, n: number): T {
  if (n <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  next.set(a.subarray(0, used));
  return next;
}

/**
 * Reads, folds and signs the case's texts, keeping each batch the fold returned as it is and, per
 * post, its row id, key and place in its batch; then orders the posts by key, so that each
 * distinct folded text gets its rank in key order (everything after depends on the texts, not on
 * the order DuckDB returned them in) and is kept once. A hash table of keys, with each new text's
 * bands copied out of its batch, took a fifth of the main thread's time at 1M posts.
 */
async function readTexts(store: Store, pool: TextPool, expected: number): Promise<Texts> {
  let postRows = new Float64Array(expected);
  let keyHigh = new Int32Array(expected);
  let keyLow = new Int32Array(expected);
  let postBatch = new Int32Array(expected);
  let postEntry = new Int32Array(expected);
  const batches: Pick<FoldedBatch, 'bands' | 'unitsFrom' | 'units'>[] = [];
  let posts = 0;
  let items = 0;
  let skippedShort = 0;
  const take = (out: FoldedBatch) => {
    const b = batches.length;
    batches.push({ bands: out.bands, unitsFrom: out.unitsFrom, units: out.units });
    const n = posts + out.count;
    postRows = room(postRows, posts, n);
    keyHigh = room(keyHigh, posts, n);
    keyLow = room(keyLow, posts, n);
    postBatch = room(postBatch, posts, n);
    postEntry = room(postEntry, posts, n);
    items += out.count;
    for (let i = 0; i < out.count; i++) {
      if (out.short[i]) {
        skippedShort++;
        continue;
      }
      postRows[posts] = out.rows[i]!;
      keyHigh[posts] = out.keyHigh[i]!;
      keyLow[posts] = out.keyLow[i]!;
      postBatch[posts] = b;
      postEntry[posts] = i;
      posts++;
    }
  };
  for await (const records of streamTextRecords(store)) await pool.fold(records, take);
  await pool.drain();
  // Posts by key (ties in post order): a run of one key is one text, ranked in that order.
  const order = orderByKey(keyHigh.subarray(0, posts), orderByKey(keyLow.subarray(0, posts)));
  const postText = new Int32Array(posts);
  const first = new Uint8Array(posts);
  let count = 0;
  for (let i = 0; i < posts; i++) {
    const p = order[i]!;
    if (i === 0 || keyHigh[p] !== keyHigh[order[i - 1]!] || keyLow[p] !== keyLow[order[i - 1]!]) {
      first[p] = 1;
      count++;
    }
    postText[p] = count - 1;
  }
  return {
    items,
    skippedShort,
    postRows: postRows.subarray(0, posts),
    postText,
    count,
    postBatch: postBatch.subarray(0, posts),
    postEntry: postEntry.subarray(0, posts),
    first,
    batches,
  };
}

/**
 * Runs near-duplicate text's per-text jobs on worker threads, a few in flight per worker, and hands
 * each result to the job's callback on this thread (in the order they come back). With no workers
 * it runs them here.
 */
class TextPool {
  private readonly inFlight: number[];
  private readonly pending = new Map<number, (out: FoldedBatch & SetsBatch) => void>();
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;
  private next = 0;

  private constructor(
    private readonly workers: Worker[],
    private readonly local: TextWork | null,
  ) {
    this.inFlight = workers.map(() => 0);
    workers.forEach((w, i) => {
      w.on('message', (m: { id: number; out: FoldedBatch & SetsBatch }) => {
        const take = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.inFlight[i]!--;
        try {
          take?.(m.out);
        } catch (error) {
          this.failure = error as Error;
        }
        this.wake();
      });
      w.on('error', (error) => {
        this.failure = error;
        this.wake();
      });
    });
  }

  static async open(workers: number, options: NearDuplicateOptions): Promise<TextPool> {
    if (workers <= 0) return new TextPool([], new TextWork(options.minChars, options.minhash));
    const data = { minChars: options.minChars, minhash: options.minhash };
    const list = Array.from({ length: workers }, () =>
      startWorker(import.meta.url, 'near-duplicate-worker', data),
    );
    await Promise.all(
      list.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.once('online', resolve);
            w.once('error', reject);
          }),
      ),
    );
    return new TextPool(list, null);
  }

  /** Folds a batch of text records (here, or on the least busy worker once one has room). */
  fold(records: Uint8Array, take: (out: FoldedBatch) => void): Promise<void> {
    return this.submit({ kind: 'fold', records }, take as (out: unknown) => void);
  }

  /**
   * Takes the shingle sets of a batch of folded texts. The arrays' buffers are handed to the worker
   * (moved, not copied: the copy was a tenth of this thread's time at 1M posts) and unusable here after.
   */
  sets(units: Uint16Array, from: Int32Array, take: (out: SetsBatch) => void): Promise<void> {
    return this.submit({ kind: 'sets', units, from }, take as (out: unknown) => void, [
      units.buffer as ArrayBuffer,
      from.buffer as ArrayBuffer,
    ]);
  }

  private async submit(
    job: TextJob,
    take: (out: unknown) => void,
    transfer: ArrayBuffer[] = [],
  ): Promise<void> {
    if (this.local) {
      take(this.local.run(job));
      return;
    }
    for (;;) {
      if (this.failure) throw this.failure;
      let best = 0;
      for (let i = 1; i < this.inFlight.length; i++)
        if (this.inFlight[i]! < this.inFlight[best]!) best = i;
      if (this.inFlight[best]! < 2) {
        const id = this.next++;
        this.pending.set(id, take);
        this.inFlight[best]!++;
        this.workers[best]!.postMessage({ id, job }, transfer);
        return;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Waits for every job in flight. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
}

/** LSH buckets holding two or more distinct texts, as runs of text ranks. */
export interface Buckets {
  /** Bucket b is member[start[b]..start[b + 1]), text ranks in increasing order. */
  readonly start: Int32Array;
  readonly member: Int32Array;
  /** Per text rank: whether it is in some bucket (a verification candidate). */
  readonly candidate: Uint8Array;
}

/** Forms each band's buckets by sorting the texts (in rank order) by that band's hash. */
function lshBuckets(texts: Texts, bands: number): Buckets {
  const n = texts.count;
  const start = intColumn();
  const member = intColumn();
  const candidate = new Uint8Array(n);
  // The texts' band hashes in rank order, band by band.
  const byRank = new Int32Array(n * bands);
  for (let p = 0; p < texts.first.length; p++) {
    if (!texts.first[p]) continue;
    const from = texts.batches[texts.postBatch[p]!]!.bands;
    const at = texts.postEntry[p]! * bands;
    const r = texts.postText[p]!;
    for (let j = 0; j < bands; j++) byRank[r * bands + j] = from[at + j]!;
  }
  const keys = new Int32Array(n);
  const sortedKeys = new Int32Array(n);
  for (let j = 0; j < bands; j++) {
    for (let r = 0; r < n; r++) keys[r] = byRank[r * bands + j]!;
    const sorted = orderByKey(keys, undefined, sortedKeys);
    for (let i = 0; i < n;) {
      let end = i + 1;
      while (end < n && sortedKeys[end] === sortedKeys[i]) end++;
      if (end - i >= 2) {
        start.push(member.length);
        for (let x = i; x < end; x++) {
          member.push(sorted[x]!);
          candidate[sorted[x]!] = 1;
        }
      }
      i = end;
    }
  }
  start.push(member.length);
  return { start: start.view(), member: member.view(), candidate };
}

/** The shingle sets of the candidates, in the arrays the jobs returned them in, by text rank. */
export interface ShingleSets {
  readonly candidates: number;
  /** Rank r's set is arrays[batch[r]][from[r]..from[r] + size[r]) (empty for texts that are no candidate). */
  readonly arrays: Int32Array[];
  readonly batch: Int32Array;
  readonly from: Int32Array;
  readonly size: Int32Array;
}

/**
 * Takes the candidates' shingle sets on the worker threads, in batches of folded texts (in the
 * order of their first posts). Each batch's sets stay in the array its job
 * returned (copying 3.4M sets into one array took a tenth of the main thread's time at 10M posts).
 */
async function shingleSets(
  texts: Texts,
  candidate: Uint8Array,
  pool: TextPool,
): Promise<ShingleSets> {
  const n = texts.count;
  const arrays: Int32Array[] = [];
  const batchOf = new Int32Array(n);
  const from = new Int32Array(n);
  const size = new Int32Array(n);
  let candidates = 0;
  const BATCH = 1 << 20; // code units per job
  let batch = new Uint16Array(BATCH);
  let ranks: number[] = [];
  let starts: number[] = [0];
  const flush = async () => {
    if (ranks.length === 0) return;
    const these = ranks;
    await pool.sets(
      batch.subarray(0, starts[starts.length - 1]!),
      Int32Array.from(starts),
      (out) => {
        const b = arrays.length;
        arrays.push(out.hashes);
        for (let i = 0; i < these.length; i++) {
          const r = these[i]!;
          batchOf[r] = b;
          from[r] = out.from[i]!;
          size[r] = out.size[i]!;
        }
      },
    );
    batch = new Uint16Array(BATCH);
    ranks = [];
    starts = [0];
  };
  for (let p = 0; p < texts.first.length; p++) {
    const r = texts.postText[p]!;
    if (!texts.first[p] || !candidate[r]) continue;
    candidates++;
    const { unitsFrom, units } = texts.batches[texts.postBatch[p]!]!;
    const first = unitsFrom[texts.postEntry[p]!]!;
    const length = unitsFrom[texts.postEntry[p]! + 1]! - first;
    if (starts[starts.length - 1]! + length > batch.length) {
      await flush();
      if (length > batch.length) batch = new Uint16Array(length);
    }
    const at = starts[starts.length - 1]!;
    // Unit by unit: a subarray per text (3.4M at 10M posts) was garbage to collect.
    for (let u = 0; u < length; u++) batch[at + u] = units[first + u]!;
    ranks.push(r);
    starts.push(at + length);
  }
  await flush();
  await pool.drain();
  return { candidates, arrays, batch: batchOf, from, size };
}

/**
 * Tests of text similarity within one bucket: `similar(slot, a, b)` tests text ranks a and b,
 * where a's shingles are sketched in `slot` (see {@link OverlapSketches}), or -1 for none.
 */
interface Verifier {
  sketch(slot: number, r: number): void;
  unsketch(slot: number, r: number): void;
  similar(slot: number, a: number, b: number): boolean;
}

/** Members of a small bucket are sketched when they are tested against this many others or more. */
const SKETCH_AFTER = 4;

/**
 * Joins the texts of one bucket (the text ranks `member[first..end)`) that are similar, every
 * pair tested unless the two are in one family already. The families after a bucket do not
 * depend on the order its pairs are tested in, so the members' roots are taken once (`roots` has room for them) and kept up to date
 * here instead of two `find`s per pair; a bucket whose texts are one family already (the same
 * family found again in another band, most buckets) is passed over. Member i, when sketched, is in
 * slot i.
 */
function joinSmallBucket(
  member: Int32Array,
  first: number,
  end: number,
  roots: Int32Array,
  families: DenseDisjointSets,
  verify: Verifier,
): void {
  const n = end - first;
  let one = true;
  for (let i = 0; i < n; i++) {
    roots[i] = families.find(member[first + i]!);
    if (roots[i] !== roots[0]) one = false;
  }
  if (one) return;
  // A sketch pays for itself over a few tests: the members of most buckets (two or three texts)
  // are tested by the merge alone.
  const sketched = Math.max(0, n - SKETCH_AFTER);
  for (let i = 0; i < sketched; i++) verify.sketch(i, member[first + i]!);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const ri = roots[i]!;
      const rj = roots[j]!;
      if (
        ri === rj ||
        !verify.similar(i < sketched ? i : -1, member[first + i]!, member[first + j]!)
      )
        continue;
      families.union(ri, rj);
      // The joined family's root is its smallest member: the smaller of the two roots.
      const keep = Math.min(ri, rj);
      const gone = Math.max(ri, rj);
      for (let k = 0; k < n; k++) if (roots[k] === gone) roots[k] = keep;
    }
  for (let i = 0; i < sketched; i++) verify.unsketch(i, member[first + i]!);
}

/**
 * Joins the texts of a large bucket (text ranks) to its leaders: each text joins the first leader
 * that is in its family already or similar to it, and becomes a leader itself, while there are
 * fewer than `maxLeaders`, when none is. The leaders' roots are kept here and changed only by this
 * bucket's unions (the roots are the families' smallest members, whatever the order of unions),
 * instead of a `find` per leader and text: most texts of a large bucket are compared with every
 * leader and join none (at 1M posts, 2.8M of the 4.3M Jaccard tests).
 */
function leaderBucket(
  texts: Int32Array,
  maxLeaders: number,
  families: DenseDisjointSets,
  verify: Verifier,
): void {
  const leaders = new Int32Array(maxLeaders);
  const leaderRoots = new Int32Array(maxLeaders);
  let count = 0;
  for (let i = 0; i < texts.length; i++) {
    const id = texts[i]!;
    const root = families.find(id);
    let k = 0;
    while (k < count && leaderRoots[k] !== root && !verify.similar(k, leaders[k]!, id)) k++;
    if (k === count) {
      if (count < maxLeaders) {
        verify.sketch(count, id);
        leaders[count] = id;
        leaderRoots[count++] = root;
      }
    } else if (leaderRoots[k] !== root) {
      const other = leaderRoots[k]!;
      families.union(leaders[k]!, id);
      const joined = Math.min(root, other);
      for (let q = 0; q < count; q++)
        if (leaderRoots[q] === root || leaderRoots[q] === other) leaderRoots[q] = joined;
    }
  }
  for (let k = 0; k < count; k++) verify.unsketch(k, leaders[k]!);
}

/**
 * Joins candidates into copy-paste families by verified Jaccard within LSH buckets (union-find);
 * returns each text rank's family root (the smallest rank in the family).
 */
export function joinFamilies(
  buckets: Buckets,
  sets: ShingleSets,
  options: NearDuplicateOptions,
): { root: Int32Array; skippedBuckets: number } {
  const families = new DenseDisjointSets(sets.from.length);
  const find = (x: number) => families.find(x);
  const { arrays, batch, from, size } = sets;
  const theta = options.threshold;
  const sketches = new OverlapSketches(options.maxBucket);
  const verify: Verifier = {
    sketch: (slot, r) => sketches.add(slot, arrays[batch[r]!]!, from[r]!, from[r]! + size[r]!),
    unsketch: (slot, r) => sketches.remove(slot, arrays[batch[r]!]!, from[r]!, from[r]! + size[r]!),
    similar: (slot, a, b) => {
      const x = size[a]!;
      const y = size[b]!;
      // Jaccard ≤ min/max of the set sizes: most pairs in a bucket fail this without a merge.
      if (Math.min(x, y) < theta * Math.max(x, y)) return false;
      const sb = arrays[batch[b]!]!;
      // Most of the rest share too few shingles, which b's count against a's sketch tells sooner.
      if (
        slot >= 0 &&
        !sketches.mayReach(slot, sb, from[b]!, from[b]! + y, overlapNeeded(x, y, theta))
      )
        return false;
      const sa = arrays[batch[a]!]!;
      return jaccardAtLeast(sa, from[a]!, from[a]! + x, sb, from[b]!, from[b]! + y, theta);
    },
  };
  let skippedBuckets = 0;
  const { start, member } = buckets;
  const roots = new Int32Array(options.maxBucket);
  for (let b = 0; b + 1 < start.length; b++) {
    const first = start[b]!;
    const end = start[b + 1]!;
    if (end - first <= options.maxBucket) {
      joinSmallBucket(member, first, end, roots, families, verify);
      continue;
    }
    // Large bucket (a family with many variants, or template spam): compare each text with at
    // most maxBucket leaders, so the work stays linear in the bucket's size.
    skippedBuckets++;
    leaderBucket(member.subarray(first, end), options.maxBucket, families, verify);
  }
  const root = new Int32Array(sets.from.length);
  for (let i = 0; i < root.length; i++) root[i] = find(i);
  return { root, skippedBuckets };
}
