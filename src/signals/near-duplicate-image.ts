// Near-duplicate images: accounts posting copies of the same picture, resized, cropped, recompressed
// or with a caption band added or cut.
//
// Each post image carries a 64-bit pHash from ingest (src/ingest/media). Distinct hashes within
// Hamming distance k are found by multi-index hashing (hamming-index.ts), never all pairs, and
// joined into image families (union-find); two accounts are linked by each family they both posted
// in (optionally within a time window), as near-duplicate text links by copy-paste families.
import { DenseDisjointSets } from '../core/index.js';
import type { Store } from '../store/index.js';
import { hammingPairs } from './hamming-index.js';
import { readImageHashes, writeImageEdges } from './near-duplicate-image.sql.js';
import { KeyIndex } from './typed.js';

/** Options of {@link nearDuplicateImage}. */
export interface NearDuplicateImageOptions {
  /**
   * Largest Hamming distance between two images' 64-bit pHashes; default 10 (docs/signals.md: at
   * 10, 91–100 % of single edited copies match their original pairwise, 100 % of planted copy
   * pairs through their families, and no pair of distinct pictures; at 12, 2 of 83,000 did).
   */
  readonly k: number;
  /** Largest |Δt| in seconds between the two posts, or null for none; default null. */
  readonly window: number | null;
  /** Families posted by more accounts than this are viral or memes and skipped; default 250. */
  readonly maxAccounts: number;
  /** Smallest number of shared families for an edge; default 1. */
  readonly minWeight: number;
  /** Evidence items kept per edge; default 20. */
  readonly evidenceLimit: number;
}

/** Defaults of {@link NearDuplicateImageOptions}. */
export const NEAR_DUPLICATE_IMAGE_DEFAULTS: NearDuplicateImageOptions = {
  k: 10,
  window: null,
  maxAccounts: 250,
  minWeight: 1,
  evidenceLimit: 20,
};

/** What the signal wrote. */
export interface NearDuplicateImageResult {
  readonly edges: number;
  /** Hashed post images considered. */
  readonly items: number;
  /** Distinct hashes among them. */
  readonly distinct: number;
  /** Distinct-hash pairs within k (the joins of the families). */
  readonly pairs: number;
  /** Candidates the multi-index search verified. */
  readonly verified: number;
  /** Families skipped for having more than maxAccounts accounts. */
  readonly skippedFamilies: number;
}

/**
 * Computes the 'near-duplicate-image' edges of a case: image families of hashes within k (union of
 * the pairs multi-index hashing finds), then DuckDB pairs the accounts of each family.
 */
export async function nearDuplicateImage(
  store: Store,
  options: NearDuplicateImageOptions = NEAR_DUPLICATE_IMAGE_DEFAULTS,
): Promise<NearDuplicateImageResult> {
  const images = await readImageHashes(store);
  const n = images.rows.length;
  // Distinct hashes, numbered in order of their value so families do not depend on read order.
  const index = new KeyIndex(1 << 16);
  const imageHash = new Int32Array(n);
  const hiList: number[] = [];
  const loList: number[] = [];
  for (let i = 0; i < n; i++) {
    let h = index.getOrAdd(images.hi[i]!, images.lo[i]!);
    if (h < 0) {
      h = -h - 1;
      hiList.push(images.hi[i]!);
      loList.push(images.lo[i]!);
    }
    imageHash[i] = h;
  }
  const d = hiList.length;
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (a, b) => hiList[a]! - hiList[b]! || loList[a]! - loList[b]!,
  );
  const rank = new Int32Array(d);
  order.forEach((h, r) => (rank[h] = r));
  const hi = Int32Array.from(order, (h) => hiList[h]!);
  const lo = Int32Array.from(order, (h) => loList[h]!);
  const families = new DenseDisjointSets(d);
  const search = hammingPairs(hi, lo, options.k, (a, b) => {
    families.union(a, b);
  });
  const family = new Int32Array(n);
  for (let i = 0; i < n; i++) family[i] = families.find(rank[imageHash[i]!]!);
  const written = await writeImageEdges(store, { rows: images.rows, family }, options, {
    items: n,
    skipped: 0,
  });
  return {
    edges: written.edges,
    items: n,
    distinct: d,
    pairs: search.pairs,
    verified: search.verified,
    skippedFamilies: written.skippedFamilies,
  };
}
