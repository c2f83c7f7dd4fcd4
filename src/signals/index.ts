// Signals: each turns activity into weighted account-pair edges with evidence, stored in the case.
import { ConfigError } from '../core/index.js';
import type { SignalOptions } from './signal.js';

export type { ClickHouseCoShareOptions, CoShareFetch } from './co-share.clickhouse.sql.js';
export {
  CLICKHOUSE_CO_SHARE,
  computeCoShareOnClickHouse,
  discardCoShare,
  fetchCoShare,
  OCCURRENCES,
  pushOccurrences,
} from './co-share.clickhouse.sql.js';
export { directedCoShare } from './co-share.sql.js';
export { computeCoShare } from './co-share.sql.js';
export type { RareCoShareOptions } from './co-share-rare.sql.js';
export { computeRareCoShare, RARE_CO_SHARE_DEFAULTS } from './co-share-rare.sql.js';
export { coShareSweep, MAX_PAIRS, PairBudgetError, sweepShares } from './co-share-sweep.js';
export type { InfrastructureOptions } from './infra-rhythm.sql.js';
export { exportSignalEdges } from './infra-rhythm.sql.js';
export type { MinHashOptions } from './minhash.js';
export { jaccard, MinHasher } from './minhash.js';
export {
  nearDuplicateTextOnClickHouse,
  pushTextSignatures,
  TEXT_BANDS,
  TEXT_KEYS,
} from './near-duplicate-text.clickhouse.js';
export type { NearDuplicateOptions, NearDuplicateResult } from './near-duplicate-text.js';
export {
  foldForSimilarity,
  NEAR_DUPLICATE_DEFAULTS,
  nearDuplicateText,
} from './near-duplicate-text.js';
export { DEFAULT_DETECT_SIGNALS, signalFor, SIGNALS } from './registry.js';
export {
  INFRA_OCCURRENCES,
  pushInfrastructureOccurrences,
  sharedInfrastructureOnClickHouse,
} from './shared-infrastructure.clickhouse.sql.js';
export type { Signal, SignalFamily, SignalOptions, SignalSummary } from './signal.js';
export { SIGNAL_DEFAULTS } from './signal.js';
export { currentSignalRun, edgeEvidence, replaceSignalRows } from './signal-io.sql.js';

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
