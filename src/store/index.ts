// Store: the DuckDB case file; the only code that opens connections or holds SQL.
export type { BulkFile } from './bulk-native.js';
export { bulkEligible, bulkLoadNativePosts } from './bulk-native.js';
export type { CoShareOptions, DirectedEdge } from './co-share.js';
export { CO_SHARE_OBJECTS, computeCoShare, directedCoShare } from './co-share.js';
export type { InfrastructureOptions, RhythmOptions } from './infra-rhythm.js';
export { computeRhythm, computeSharedInfrastructure, exportSignalEdges } from './infra-rhythm.js';
export type { MergeCounts, RecordSet } from './load-records.js';
export { nextRunId } from './load-records.js';
export { RecordLoader } from './load-records.js';
export type { Store, StoreOptions } from './open-store.js';
export { openStore } from './open-store.js';
export type { CaseCounts } from './queries.js';
export { caseCounts } from './queries.js';
export { queryRows } from './queries.js';
export { readParquetRows } from './read-parquet.js';
export { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
export type { EdgeRow, EvidencePair, PostText } from './signal-io.js';
export { edgeEvidence, streamPostTexts, writeSignalEdges } from './signal-io.js';
