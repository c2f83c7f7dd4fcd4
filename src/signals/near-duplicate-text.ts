// Near-duplicate text: accounts posting copies of the same text with small variations.
//
// Texts are folded (NFKC, homoglyphs/confusables to their base letters, lower case, URLs and
// mentions masked, punctuation dropped), cut into character shingles (so Chinese, Thai and Korean
// work without word boundaries), signed with MinHash and bucketed by LSH bands; candidates are
// verified by exact Jaccard ≥ θ. Verified pairs join texts into copy-paste families; two accounts
// are linked by each family they both posted in (optionally within a time window).
import unhomoglyph from 'unhomoglyph';

import type { EdgeRow, PostText } from '../store/index.js';
import type { MinHashOptions } from './minhash.js';
import { jaccard, MINHASH_DEFAULTS, MinHasher } from './minhash.js';

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

/** What the signal found and skipped. */
export interface NearDuplicateResult {
  readonly edges: EdgeRow[];
  /** Texts considered. */
  readonly items: number;
  /** Texts below the length floor. */
  readonly skippedShort: number;
  /** Families skipped for having more than maxAccounts accounts. */
  readonly skippedFamilies: number;
  /** LSH buckets over maxBucket texts, clustered against leaders instead of all pairs. */
  readonly skippedBuckets: number;
  readonly families: number;
}

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Returns the folded form of a text that similarity is measured on. */
export function foldForSimilarity(text: string): string {
  const masked = text.replace(URL, ' ').replace(MENTION, ' ');
  // Homoglyphs are folded character by character and only outside ASCII, so that a Cyrillic 'о'
  // becomes 'o' while ASCII text is left as it is (and skips the work: half the folding time).
  const folded = ASCII.test(masked)
    ? masked
    : masked.normalize('NFKC').replace(NON_ASCII, (ch) => unhomoglyph(ch));
  return folded.toLowerCase().replace(NON_WORD, ' ').trim();
}

/** Returns a folded text's length for the length floor: Han, kana and Hangul count twice (dense scripts). */
export function foldedLength(folded: string): number {
  return folded.length + (folded.match(DENSE)?.length ?? 0);
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;
// eslint-disable-next-line no-control-regex -- see ASCII
const NON_ASCII = /[^\x00-\x7f]/g;
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Returns near-duplicate-text edges over the given post texts. */
export async function nearDuplicateText(
  texts: AsyncIterable<PostText[]>,
  options: NearDuplicateOptions = NEAR_DUPLICATE_DEFAULTS,
): Promise<NearDuplicateResult> {
  const hasher = new MinHasher(options.minhash);
  const textIds = new Map<string, number>();
  const shingleSets: Int32Array[] = [];
  const sample: string[] = [];
  // Occurrences: text id, account index, post id, time.
  const occText: number[] = [];
  const occAccount: number[] = [];
  const occPost: string[] = [];
  const occTime: number[] = [];
  const accountIndex = new Map<string, number>();
  const accounts: Array<readonly [string, string]> = [];
  // Bucket key → the first text id, or all ids once a second text lands there.
  const buckets = new Map<number, number | number[]>();
  let items = 0;
  let skippedShort = 0;
  for await (const batch of texts) {
    for (const p of batch) {
      items++;
      const folded = foldForSimilarity(p.text);
      if (foldedLength(folded) < options.minChars) {
        skippedShort++;
        continue;
      }
      let tid = textIds.get(folded);
      if (tid === undefined) {
        tid = shingleSets.length;
        textIds.set(folded, tid);
        const sh = hasher.shingles(folded);
        shingleSets.push(sh);
        sample.push(p.text.slice(0, 120));
        for (const key of hasher.bandKeys(hasher.signature(sh))) {
          const b = buckets.get(key);
          if (b === undefined) buckets.set(key, tid);
          else if (typeof b === 'number') buckets.set(key, [b, tid]);
          else b.push(tid);
        }
      }
      const akey = `${p.platform}\u0000${p.accountId}`;
      let ai = accountIndex.get(akey);
      if (ai === undefined) {
        ai = accounts.length;
        accountIndex.set(akey, ai);
        accounts.push([p.platform, p.accountId]);
      }
      occText.push(tid);
      occAccount.push(ai);
      occPost.push(p.postId);
      occTime.push(p.t);
    }
  }
  // Verify candidates and join texts into families (union-find).
  const parent = Int32Array.from({ length: shingleSets.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  let skippedBuckets = 0;
  const similar = (a: number, b: number) =>
    jaccard(shingleSets[a] as Int32Array, shingleSets[b] as Int32Array) >= options.threshold;
  for (const ids of buckets.values()) {
    if (typeof ids === 'number') continue;
    if (ids.length <= options.maxBucket) {
      // Small bucket: every pair.
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const ra = find(ids[i] as number);
          const rb = find(ids[j] as number);
          if (ra !== rb && similar(ids[i] as number, ids[j] as number)) parent[ra] = rb;
        }
      }
      continue;
    }
    // Large bucket (a copy-paste family with many variants, or template spam): compare each text
    // with at most maxBucket leaders, so the work stays linear in the bucket's size.
    skippedBuckets++;
    const leaders: number[] = [];
    for (const id of ids) {
      let joined = false;
      for (const leader of leaders) {
        if (find(leader) === find(id) || similar(leader, id)) {
          const ra = find(id);
          const rb = find(leader);
          if (ra !== rb) parent[ra] = rb;
          joined = true;
          break;
        }
      }
      if (!joined && leaders.length < options.maxBucket) leaders.push(id);
    }
  }
  // Occurrences per family.
  const byFamily = new Map<number, number[]>();
  for (let o = 0; o < occText.length; o++) {
    const f = find(occText[o] as number);
    const list = byFamily.get(f);
    if (list) list.push(o);
    else byFamily.set(f, [o]);
  }
  const pairs = new Map<
    number,
    { weight: number; dtSum: number; dtN: number; evidence: string[]; posts: string[] }
  >();
  let skippedFamilies = 0;
  let families = 0;
  for (const [family, occ] of byFamily) {
    const distinct = new Set(occ.map((o) => occAccount[o] as number));
    if (distinct.size < 2) continue;
    if (distinct.size > options.maxAccounts) {
      skippedFamilies++;
      continue;
    }
    families++;
    occ.sort((x, y) => (occTime[x] as number) - (occTime[y] as number));
    // Without a window only distinct accounts matter: pair each account's first post in the family.
    const members: number[] = [];
    if (options.window === null) {
      const firstOf = new Set<number>();
      for (const o of occ) {
        const a = occAccount[o] as number;
        if (!firstOf.has(a)) {
          firstOf.add(a);
          members.push(o);
        }
      }
    } else members.push(...occ);
    const seen = new Set<number>();
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const x = members[i] as number;
        const y = members[j] as number;
        const dt = (occTime[y] as number) - (occTime[x] as number);
        if (options.window !== null && dt > options.window * 1000) break;
        const ax = occAccount[x] as number;
        const ay = occAccount[y] as number;
        if (ax === ay) continue;
        const lo = ax < ay ? ax : ay;
        const hi = ax < ay ? ay : ax;
        const key = lo * 2_097_152 + hi;
        let e = pairs.get(key);
        if (!e) {
          e = { weight: 0, dtSum: 0, dtN: 0, evidence: [], posts: [] };
          pairs.set(key, e);
        }
        e.dtSum += dt;
        e.dtN++;
        if (!seen.has(key)) {
          seen.add(key);
          e.weight++;
          if (e.evidence.length < options.evidenceLimit) e.evidence.push(sample[family] ?? '');
          if (e.posts.length < options.evidenceLimit)
            e.posts.push(ax < ay ? `${occPost[x]}~${occPost[y]}` : `${occPost[y]}~${occPost[x]}`);
        }
      }
    }
  }
  const edges: EdgeRow[] = [];
  for (const [key, e] of pairs) {
    if (e.weight < options.minWeight) continue;
    const lo = Math.floor(key / 2_097_152);
    const hi = key % 2_097_152;
    const a = accounts[lo] as readonly [string, string];
    const b = accounts[hi] as readonly [string, string];
    const [first, second] = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a];
    edges.push({
      platformA: first[0],
      accountA: first[1],
      platformB: second[0],
      accountB: second[1],
      weight: e.weight,
      weightAb: null,
      weightBa: null,
      meanDtSeconds: e.dtN ? e.dtSum / e.dtN / 1000 : null,
      evidence: e.evidence,
      evidencePosts: e.posts,
    });
  }
  edges.sort((x, y) =>
    x.platformA + x.accountA + x.platformB + x.accountB <
    y.platformA + y.accountA + y.platformB + y.accountB
      ? -1
      : 1,
  );
  return { edges, items, skippedShort, skippedFamilies, skippedBuckets, families };
}
