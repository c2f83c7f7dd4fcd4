// Exports for sharing: takedown list, STIX 2.1 bundle, MISP events, GEXF and GraphML graphs.
export type { DisarmObjects } from './disarm-source.js';
export { disarmObjects } from './disarm-source.js';
export type { Amplification, ClusterUrl, ReachedPost } from './export.sql.js';
export {
  accountsOutsideClusters,
  clusterAccountLanguages,
  clusterAmplification,
  clusterTopPosts,
  clusterUrls,
} from './export.sql.js';
export type { GraphEdges } from './graph.js';
export { writeGraph } from './graph.js';
export type { MispAttribute, MispEvent, MispInput, MispObject } from './misp.js';
export { mispDocument, mispEvents } from './misp.js';
export type { Decisions, MemberDecision, SharedOperation } from './operations.js';
export { memberDecision, sharedOperations } from './operations.js';
export type { StixBundle, StixInput } from './stix.js';
export { stixBundle, TLP_GREEN } from './stix.js';
export { uuidv5 } from './stix-ids.js';
export type { TakedownAccount, TakedownDecision } from './takedown.js';
export { includedOutsideClusters, TAKEDOWN_COLUMNS, writeTakedown } from './takedown.js';
