// The one registry of signals: each is declared here once (name, description, family, whether it
// is tested and run by detect, colour, what counts as an occurrence, parameters, implementation).
// Detect, the command line's help and the workspace read it; nothing else lists signals.
import { ConfigError } from '../core/index.js';
import { computeCoShare } from './co-share.sql.js';
import type { RareCoShareOptions } from './co-share-rare.sql.js';
import { computeRareCoShare, RARE_CO_SHARE_DEFAULTS } from './co-share-rare.sql.js';
import { MAX_PAIRS } from './co-share-sweep.js';
import type { InfrastructureOptions, RhythmOptions } from './infra-rhythm.sql.js';
import { computeRhythm, computeSharedInfrastructure } from './infra-rhythm.sql.js';
import type { NearDuplicateImageOptions } from './near-duplicate-image.js';
import { NEAR_DUPLICATE_IMAGE_DEFAULTS, nearDuplicateImage } from './near-duplicate-image.js';
import type { NearDuplicateOptions } from './near-duplicate-text.js';
import { NEAR_DUPLICATE_DEFAULTS, nearDuplicateText } from './near-duplicate-text.js';
import type { Signal, SignalOptions } from './signal.js';

/** Posts that carry text of their own long enough to compare (shares and reactions do not). */
const TEXT_OCCURRENCE = 'length(text_norm) >= 20';

/**
 * A windowed co-share signal over one kind of shared object (`CO_SHARE_OBJECTS` in
 * co-share-objects.ts says what the object is, as SQL over posts).
 */
function coShare(
  name: string,
  description: string,
  colour: string,
  occurrence: string,
  family: 'timing' | 'content' = 'timing',
): Signal {
  return {
    name,
    description,
    tested: true,
    family,
    detectByDefault: true,
    colour,
    occurrence,
    params: (options) => ({
      window: options.window,
      minWeight: options.minWeight,
      evidenceLimit: options.evidenceLimit,
    }),
    async compute(store, options) {
      const r = await computeCoShare(store, name, options);
      return {
        signal: name,
        edges: r.edges,
        items: r.items,
        skipped: 0,
        skippedWhat: '',
        ...(r.minWeight === options.minWeight
          ? {}
          : {
              minWeightUsed: r.minWeight,
              note: `minimum weight raised from ${options.minWeight} to ${r.minWeight}: at ${options.minWeight}, more than ${MAX_PAIRS.toLocaleString('en')} account pairs`,
            }),
      };
    },
  };
}

const nearDuplicateParams = (options: SignalOptions): NearDuplicateOptions => ({
  ...NEAR_DUPLICATE_DEFAULTS,
  minWeight: Math.max(1, options.minWeight),
  evidenceLimit: options.evidenceLimit,
});
const nearDuplicateImageParams = (options: SignalOptions): NearDuplicateImageOptions => ({
  ...NEAR_DUPLICATE_IMAGE_DEFAULTS,
  minWeight: Math.max(1, options.minWeight),
  evidenceLimit: options.evidenceLimit,
});
const infrastructureParams = (options: SignalOptions): InfrastructureOptions => ({
  maxAccounts: 50,
  minWeight: options.minWeight > 1 ? options.minWeight : 0,
  evidenceLimit: options.evidenceLimit,
});
const rareParams = (options: SignalOptions): RareCoShareOptions => ({
  ...RARE_CO_SHARE_DEFAULTS,
  minWeight: Math.max(1, options.minWeight),
  evidenceLimit: options.evidenceLimit,
});
const RHYTHM_PARAMS: RhythmOptions = { minPosts: 30, threshold: 0.8 };

/**
 * Every signal, in the order detect runs and reports them (the order fixes the families' order in
 * the fusion, so a change here changes detect's output bytes).
 */
export const SIGNALS: readonly Signal[] = [
  coShare(
    'co-share:post',
    'shares of the same post within the window',
    '#c62828',
    'shared_post_id IS NOT NULL',
  ),
  coShare(
    'co-share:url',
    'posts of the same canonical URL within the window',
    '#1565c0',
    'len(urls) > 0',
  ),
  coShare(
    'co-share:domain',
    'posts linking the same domain within the window',
    '#64b5f6',
    'len(domains) > 0',
  ),
  coShare(
    'co-share:hashtag',
    'posts with the same hashtag within the window',
    '#ef6c00',
    'len(hashtags) > 0',
  ),
  coShare(
    'co-share:media',
    'posts with the same media fingerprint within the window',
    '#00838f',
    'len(media) > 0',
  ),
  coShare(
    'co-share:text',
    'posts of identical normalized text (20+ characters) within the window',
    '#6a1b9a',
    TEXT_OCCURRENCE,
    'content',
  ),
  {
    name: 'co-share:rare',
    description:
      'shares of the same rare object (at most 20 accounts shared it) within two hours: slow amplification',
    tested: true,
    family: 'timing',
    detectByDefault: true,
    colour: '#ad1457',
    occurrence: `shared_post_id IS NOT NULL OR len(urls) > 0 OR len(hashtags) > 0 OR len(media) > 0 OR ${TEXT_OCCURRENCE}`,
    params: rareParams,
    async compute(store, options) {
      const params = rareParams(options);
      const r = await computeRareCoShare(store, params);
      return {
        signal: 'co-share:rare',
        edges: r.edges,
        items: r.items,
        skipped: r.skipped,
        skippedWhat: `objects shared by more than ${params.maxAccounts} accounts or ${params.maxShares} times`,
      };
    },
  },
  coShare(
    'co-reply',
    'replies or comments to the same parent post within the window',
    '#2e7d32',
    'parent_post_id IS NOT NULL',
  ),
  {
    name: 'near-duplicate-text',
    description:
      'posts of near-identical text (MinHash + LSH, verified Jaccard ≥ 0.6 of character shingles)',
    tested: true,
    family: 'content',
    detectByDefault: true,
    colour: '#ab47bc',
    occurrence: TEXT_OCCURRENCE,
    startsFirst: true,
    params: nearDuplicateParams,
    async compute(store, options) {
      const params = nearDuplicateParams(options);
      const r = await nearDuplicateText(store, params);
      return {
        signal: 'near-duplicate-text',
        edges: r.edges,
        items: r.items,
        skipped: r.skippedShort,
        skippedWhat: `texts under ${params.minChars} characters; ${r.skippedFamilies} families over ${params.maxAccounts} accounts`,
      };
    },
  },
  {
    name: 'near-duplicate-image',
    description:
      'posts of near-identical pictures (64-bit pHash within Hamming distance 10: resized, cropped, recompressed, captioned copies)',
    tested: true,
    family: 'content',
    // By default: a family's Bonferroni factor counts only the signals the case has data for, so
    // where no picture was hashed this signal changes nothing.
    detectByDefault: true,
    colour: '#8d6e63',
    // An uncorrelated IN, not a correlated EXISTS: counting each account's occurrences over all
    // posts took 4.3 s with the EXISTS at 1M posts (and post_media empty), 0.8 s with the IN.
    occurrence:
      'coalesce((platform, post_id) IN (SELECT platform, post_id FROM post_media WHERE hash IS NOT NULL), false)',
    params: nearDuplicateImageParams,
    async compute(store, options) {
      const params = nearDuplicateImageParams(options);
      const r = await nearDuplicateImage(store, params);
      return {
        signal: 'near-duplicate-image',
        edges: r.edges,
        items: r.items,
        skipped: r.skippedFamilies,
        skippedWhat: `image families over ${params.maxAccounts} accounts`,
      };
    },
  },
  {
    name: 'shared-infrastructure',
    description: 'the same IP, ASN, device, user agent … weighted by rarity',
    tested: true,
    family: 'infrastructure',
    detectByDefault: true,
    colour: '#4e342e',
    occurrence: 'observations',
    params: infrastructureParams,
    async compute(store, options) {
      const r = await computeSharedInfrastructure(store, infrastructureParams(options));
      return {
        signal: 'shared-infrastructure',
        edges: r.edges,
        items: r.items,
        skipped: r.skipped,
        skippedWhat: 'values on more than 50 accounts',
      };
    },
  },
  {
    name: 'rhythm',
    description: 'similar hour-of-week activity profiles, for pairs another signal links',
    tested: false,
    family: 'supporting',
    detectByDefault: false,
    colour: '#757575',
    occurrence: null,
    params: () => RHYTHM_PARAMS,
    async compute(store) {
      const r = await computeRhythm(store, RHYTHM_PARAMS);
      return {
        signal: 'rhythm',
        edges: r.edges,
        items: r.items,
        skipped: r.skipped,
        skippedWhat: 'accounts with fewer than 30 posts',
      };
    },
  },
];

/** The signals `detect` runs when `--signals` is not given, in registry order. */
export const DEFAULT_DETECT_SIGNALS: readonly string[] = SIGNALS.filter(
  (s) => s.detectByDefault,
).map((s) => s.name);

/** Returns the signal with this name; throws ConfigError listing the names otherwise. */
export function signalFor(name: string): Signal {
  const s = SIGNALS.find((x) => x.name === name);
  if (!s)
    throw new ConfigError(
      `--signal: unknown signal '${name}' (expected ${SIGNALS.map((x) => x.name).join(', ')})`,
    );
  return s;
}
