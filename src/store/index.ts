// Store: the DuckDB case file's generic layer: opening and migrating it, SQL helpers, the shared
// edge tables, typed columns, review decisions. Each stage's own queries live beside the stage.
export type { ClickHouseCase, ClickHouseSpec } from './clickhouse.js';
export {
  chdbAvailable,
  isClickHouseCase,
  openClickHouseCase,
  parseClickHouseCase,
} from './clickhouse.js';
export type { MirroredTable, PulledFile } from './clickhouse-mirror.js';
export {
  createMirrorTable,
  hasTable,
  mergeTables,
  MIRRORED_TABLES,
  pullQueryInto,
  pullTable,
  pushRows,
  pushTables,
  queryToTempFile,
  readPulledFile,
  replaceTables,
  RESULT_TABLES,
  tableNames,
} from './clickhouse-mirror.js';
export { EDGE_STAGE } from './edge-store.js';
export {
  accountKeysTo,
  deleteEdges,
  edgesOfPairs,
  evidenceKeysOfEdges,
  evidenceOfEdges,
  keyEdgeStatements,
  NEXT_ACCOUNT_KEY,
  NEXT_VALUE_KEY,
  ranked,
  signalId,
  STAGE_COLUMNS,
} from './edge-store.js';
export type { Store, StoreOptions } from './open-store.js';
export { openStore } from './open-store.js';
export type { CaseCounts } from './queries.js';
export { caseCounts, caseEpoch, streamRows } from './queries.js';
export { queryRows } from './queries.js';
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
export { dropTables, rows, scalar, sqlString } from './sql.js';
export { formulaSafeSql, listItems, readStage, scalars } from './sql.js';
export type { ChunkColumn } from './typed-columns.js';
export { appendColumns, readColumn, streamColumns } from './typed-columns.js';
