// Exports for sharing: takedown list, STIX 2.1 bundle, GEXF and GraphML graphs.
export type { GraphEdges } from './graph.js';
export { writeGraph, xml } from './graph.js';
export type { StixInput } from './stix.js';
export { stixBundle, TLP_GREEN, uuidv5 } from './stix.js';
export { csvCell, TAKEDOWN_COLUMNS, writeTakedown } from './takedown.js';
