// Signals: each turns activity into weighted account-pair edges with evidence, stored in the case.
import { ConfigError } from '../core/index.js';
import type { InfrastructureOptions, RhythmOptions } from '../store/index.js';
import { CO_SHARE_OBJECTS, computeRhythm, computeSharedInfrastructure } from '../store/index.js';
import type { RareCoShareOptions } from './co-share-rare.js';
import { computeRareCoShare, RARE_CO_SHARE_DEFAULTS } from './co-share-rare.js';
import { computeCoShare, MAX_PAIRS } from './co-share-sweep.js';
import type { NearDuplicateOptions } from './near-duplicate-text.js';
import { NEAR_DUPLICATE_DEFAULTS, nearDuplicateText } from './near-duplicate-text.js';
import type { Signal, SignalOptions } from './signal.js';

export type { RareCoShareOptions } from './co-share-rare.js';
export { computeRareCoShare, RARE_CO_SHARE_DEFAULTS } from './co-share-rare.js';
export {
  computeCoShare,
  coShareSweep,
  MAX_PAIRS,
  PairBudgetError,
  sweepShares,
} from './co-share-sweep.js';
export type { MinHashOptions } from './minhash.js';
export { jaccard, MinHasher } from './minhash.js';
export type { NearDuplicateOptions, NearDuplicateResult } from './near-duplicate-text.js';
export {
  foldForSimilarity,
  NEAR_DUPLICATE_DEFAULTS,
  nearDuplicateText,
} from './near-duplicate-text.js';
export type { Signal, SignalOptions, SignalSummary } from './signal.js';
export { SIGNAL_DEFAULTS } from './signal.js';

const CO_SHARE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'co-share:post': 'shares of the same post within the window',
  'co-share:url': 'posts of the same canonical URL within the window',
  'co-share:domain': 'posts linking the same domain within the window',
  'co-share:hashtag': 'posts with the same hashtag within the window',
  'co-share:media': 'posts with the same media fingerprint within the window',
  'co-share:text': 'posts of identical normalized text (20+ characters) within the window',
  'co-reply': 'replies or comments to the same parent post within the window',
};

const coShareSignals: Signal[] = Object.keys(CO_SHARE_OBJECTS).map((name) => ({
  name,
  description: CO_SHARE_DESCRIPTIONS[name] ?? name,
  tested: true,
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
}));

const nearDuplicateParams = (options: SignalOptions): NearDuplicateOptions => ({
  ...NEAR_DUPLICATE_DEFAULTS,
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

/** Every signal, by name. */
export const SIGNALS: readonly Signal[] = [
  ...coShareSignals,
  {
    name: 'co-share:rare',
    description:
      'shares of the same rare object (at most 20 accounts shared it) within two hours: slow amplification',
    tested: true,
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
  {
    name: 'near-duplicate-text',
    description:
      'posts of near-identical text (MinHash + LSH, verified Jaccard ≥ 0.6 of character shingles)',
    tested: true,
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
    name: 'shared-infrastructure',
    description: 'the same IP, ASN, device, user agent … weighted by rarity',
    tested: true,
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

/** Returns the signal with this name; throws ConfigError listing the names otherwise. */
export function signalFor(name: string): Signal {
  const s = SIGNALS.find((x) => x.name === name);
  if (!s)
    throw new ConfigError(
      `--signal: unknown signal '${name}' (expected ${SIGNALS.map((x) => x.name).join(', ')})`,
    );
  return s;
}

/** Returns options with defaults resolved and values checked. */
export function resolveSignalOptions(options: Partial<SignalOptions>): SignalOptions {
  const window = options.window ?? 60;
  const minWeight = options.minWeight ?? 1;
  if (!Number.isFinite(window) || window < 0)
    throw new ConfigError(`--window: expected seconds ≥ 0, got ${window}`);
  if (!Number.isFinite(minWeight) || minWeight < 0)
    throw new ConfigError(`--min-weight: expected a number ≥ 0, got ${minWeight}`);
  return { window, minWeight, evidenceLimit: options.evidenceLimit ?? 20 };
}
