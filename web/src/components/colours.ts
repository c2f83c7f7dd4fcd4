// The colours of clusters and signals in the network views and their legends (one place).

/** Cluster colours, in turn by cluster (distinct for colour-blind readers: Okabe–Ito). */
export const CLUSTER_PALETTE = [
  '#d55e00',
  '#0072b2',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#7f3c8d',
  '#3c3c3c',
];

/** The colour of accounts outside any cluster. */
export const NO_CLUSTER = '#9e9e9e';

/** The colour of a cluster (−1 or null: in none). */
export const clusterColour = (cluster: number | null | undefined) =>
  cluster === null || cluster === undefined || cluster < 0
    ? NO_CLUSTER
    : (CLUSTER_PALETTE[cluster % CLUSTER_PALETTE.length] as string);

/** The colour of links whose signal has none (the registry's colours come from GET /api/signals). */
export const NO_SIGNAL = '#b0bec5';
