// Core: the basics below every stage (effects, the seeded RNG, CSV cells, escapers, errors).
export { csvCell, csvRow, FORMULA_TRIGGERS, formulaSafe, unformulaSafe } from './csv.js';
export { DenseDisjointSets, DisjointSets } from './disjoint-sets.js';
export type { Effects, Progress } from './effects.js';
export { silentProgress } from './effects.js';
export { CaseLockedError, ConfigError, InputError, NotFoundError } from './errors.js';
export { escapeHtml, escapeXml } from './escape.js';
export { Rng } from './rng.js';
export { startWorker, workerAnswer } from './start-worker.js';
export type { Tlp, TlpLevel } from './tlp.js';
export { parseTlp, TLP, TLP_LEVELS } from './tlp.js';
export { UNMASK_VERSION } from './version.js';
