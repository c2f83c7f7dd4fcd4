// Exports for sharing: takedown list, STIX 2.1 bundle, GEXF and GraphML graphs.
export type { GraphEdges } from './graph.js';
export { writeGraph } from './graph.js';
export type { StixInput } from './stix.js';
export { stixBundle, TLP_GREEN, uuidv5 } from './stix.js';
export { TAKEDOWN_COLUMNS, writeTakedown } from './takedown.js';
