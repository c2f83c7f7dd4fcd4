// Near-duplicate text: accounts posting copies of the same text with small variations.
//
// Texts are folded (NFKC, homoglyphs/confusables to their base letters, lower case, URLs and
// mentions masked, punctuation dropped), cut into character shingles (so Chinese, Thai and Korean
// work without word boundaries), signed with MinHash and bucketed by LSH bands; candidates are
// verified by exact Jaccard ≥ θ. Verified pairs join texts into copy-paste families; two accounts
// are linked by each family they both posted in (optionally within a time window).
import unhomoglyph from 'unhomoglyph';

import type { Store } from '../store/index.js';
import { NearDuplicateStage, streamPostTexts } from '../store/index.js';
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

/**
 * Computes the 'near-duplicate-text' edges of a case. JS folds, shingles and signs each text and
 * verifies candidates by exact Jaccard; DuckDB collapses exact duplicates, forms the LSH buckets and
 * pairs the accounts of each family, so memory stays bounded by the candidates, not the posts.
 */
export async function nearDuplicateText(
  store: Store,
  options: NearDuplicateOptions = NEAR_DUPLICATE_DEFAULTS,
): Promise<NearDuplicateResult> {
  const hasher = new MinHasher(options.minhash);
  const stage = new NearDuplicateStage(options.minhash.bands);
  try {
    let items = 0;
    let skippedShort = 0;
    for await (const batch of streamPostTexts(store)) {
      for (const p of batch) {
        items++;
        const folded = foldForSimilarity(p.text);
        if (foldedLength(folded) < options.minChars) {
          skippedShort++;
          continue;
        }
        stage.add(
          p.platform,
          p.postId,
          p.accountId,
          p.t,
          textKey(folded),
          hasher.bandHashes(hasher.signature(hasher.shingles(folded))),
        );
      }
    }
    const buckets = await stage.buckets(store);
    const candidates = [...new Set(buckets.flat())].sort();
    const shingleSets = new Map<string, Int32Array>();
    for await (const batch of stage.texts(store, candidates))
      for (const [key, text] of batch)
        shingleSets.set(key, hasher.shingles(foldForSimilarity(text)));
    // Union-find over candidate texts, by verified Jaccard within buckets.
    const parent = new Map<string, string>(candidates.map((k) => [k, k]));
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r) as string;
      let y = x;
      while (y !== r) {
        const next = parent.get(y) as string;
        parent.set(y, r);
        y = next;
      }
      return r;
    };
    const union = (a: string, b: string) => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    };
    const similar = (a: string, b: string) =>
      jaccard(shingleSets.get(a) as Int32Array, shingleSets.get(b) as Int32Array) >=
      options.threshold;
    let skippedBuckets = 0;
    for (const ids of buckets) {
      if (ids.length <= options.maxBucket) {
        for (let i = 0; i < ids.length; i++)
          for (let j = i + 1; j < ids.length; j++)
            if (
              find(ids[i] as string) !== find(ids[j] as string) &&
              similar(ids[i] as string, ids[j] as string)
            )
              union(ids[i] as string, ids[j] as string);
        continue;
      }
      // Large bucket (a family with many variants, or template spam): compare each text with at most
      // maxBucket leaders, so the work stays linear in the bucket's size.
      skippedBuckets++;
      const leaders: string[] = [];
      for (const id of ids) {
        const leader = leaders.find((l) => find(l) === find(id) || similar(l, id));
        if (leader !== undefined) union(leader, id);
        else if (leaders.length < options.maxBucket) leaders.push(id);
      }
    }
    for (const k of candidates) {
      const root = find(k);
      if (root !== k) stage.family(k, root);
    }
    const written = await stage.writeEdges(store, options, { items, skipped: skippedShort });
    return {
      edges: written.edges,
      items,
      skippedShort,
      skippedFamilies: written.skippedFamilies,
      skippedBuckets,
      candidates: candidates.length,
    };
  } finally {
    await stage.dispose(store);
  }
}

// A 64-bit key of a folded text (two FNV-1a variants), as 16 hex digits: exact duplicates share it.
function textKey(folded: string): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < folded.length; i++) {
    const ch = folded.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
