// Pipeline: composes the stages for the CLI and the server.
export type { AnalyzeFlags, AnalyzeSummary } from './analyze.js';
export { analyze } from './analyze.js';
export type { Effects, Progress } from './effects.js';
export { silentProgress } from './effects.js';
export type { FileSummary, IngestOptions, IngestSummary } from './ingest.js';
export { ingestFiles } from './ingest.js';
export { csvCell } from './rejects-file.js';
