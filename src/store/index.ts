// Store: the DuckDB case file; the only code that opens connections or holds SQL.
export type { BulkFile } from './bulk-native.js';
export { bulkEligible, bulkLoadNativePosts } from './bulk-native.js';
export type { GroupMember, NarrativeItem } from './characterize-store.js';
export {
  automatedMembers,
  crossGroupLinks,
  groupActionTimes,
  groupAssets,
  groupEngagement,
  groupHistories,
  groupLanguages,
  groupNarratives,
  groupRenames,
  groupSampleTexts,
  groupTotals,
  groupUndeterminedTexts,
  groupWords,
  indicatorMatches,
  stageGroups,
  unstageGroups,
} from './characterize-store.js';
export type { CoShareOptions, CoSharePairs, DirectedEdge, ShareArrays } from './co-share.js';
export {
  directedCoShare,
  dropShares,
  hourOfWeek,
  hourOfWeekCounts,
  loadShares,
  writeCoShare,
} from './co-share.js';
export type { CoShareObject } from './co-share-objects.js';
export { CO_SHARE_OBJECTS } from './co-share-objects.js';
export type {
  AccountFacts,
  AccountOpportunity,
  ClusterRow,
  MemberRow,
  SignificantPair,
  TestedEdgeBatch,
} from './detect-store.js';
export {
  accountFacts,
  accountOpportunity,
  clusterSignalTotals,
  currentSignalRun,
  exportDetection,
  numberAccounts,
  streamTestedEdges,
  writeDetection,
} from './detect-store.js';
export { EDGE_STAGE } from './edge-store.js';
export type { InfrastructureOptions, RhythmOptions } from './infra-rhythm.js';
export { computeRhythm, computeSharedInfrastructure, exportSignalEdges } from './infra-rhythm.js';
export type { MergeCounts, RecordSet } from './load-records.js';
export { nextRunId } from './load-records.js';
export { RecordLoader } from './load-records.js';
export {
  countTexts,
  dropNearDuplicateStage,
  streamTextRecords,
  writeNearDuplicateEdges,
} from './near-duplicate-store.js';
export type { HourCounts, NullModelInput, NullStrata } from './null-model.js';
export { expectedByHourOfWeek, writeExpected } from './null-model.js';
export type { Store, StoreOptions } from './open-store.js';
export { openStore } from './open-store.js';
export type { CaseCounts } from './queries.js';
export { caseCounts } from './queries.js';
export { queryRows } from './queries.js';
export { readParquetRows } from './read-parquet.js';
export type { GraphQueries, MemberInfo } from './report-store.js';
export {
  caseEpoch,
  clusterDailyActivity,
  clusterLinks,
  clusterMembers,
  dropGraphTables,
  graphQueries,
  readProfiles,
  streamRows,
  writeProfiles,
} from './report-store.js';
export type { AuditEntry, Review, ReviewAction, ReviewStatus } from './review-store.js';
export {
  appendAudit,
  currentDecisions,
  entryHash,
  readAudit,
  REVIEW_ACTIONS,
  reviewOf,
  verifyAudit,
} from './review-store.js';
export { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
export type { AccountKeys, AccountPages, ClusterPages } from './server-queries.js';
export {
  accountDetail,
  caseSummary,
  CLUSTER_SORTS,
  clusterDetail,
  clustersPage,
  hasAccount,
  loadAccountKeys,
  search,
  SEARCH_KINDS,
} from './server-queries.js';
export type { EvidencePair, SignalRunCounts } from './signal-io.js';
export { edgeEvidence, replaceSignalRows } from './signal-io.js';
export { dropTables, scalar, sqlString } from './sql.js';
export { groupByKey } from './typed-columns.js';
export { ensureWorkspaceIndex } from './workspace-index.js';
