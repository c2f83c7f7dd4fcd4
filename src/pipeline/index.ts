// Pipeline: composes the stages for the CLI and the server.
export type { AnalyzeFlags, AnalyzeSummary } from './analyze.js';
export { analyze } from './analyze.js';
export type { OpenCaseOptions, PullSummary } from './clickhouse-case.js';
export type { ClusterSelection } from './clickhouse-case.js';
export {
  ingestIntoClickHouse,
  openCase,
  pullCase,
  pullClusters,
  saveResults,
  signalOnClickHouse,
} from './clickhouse-case.js';
export type { FileSummary, IngestOptions, IngestSummary } from './ingest.js';
export { ingestFiles } from './ingest.js';
export { caseNameOf, ensureProfiles, EXPORT_FORMATS, writeExport, writeReport } from './outputs.js';
