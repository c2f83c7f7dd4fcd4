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

/** Signal colours, by signal name. */
export const SIGNAL_COLOURS: Readonly<Record<string, string>> = {
  'co-share:post': '#c62828',
  'co-share:url': '#1565c0',
  'co-share:domain': '#64b5f6',
  'co-share:hashtag': '#ef6c00',
  'co-share:text': '#6a1b9a',
  'co-share:rare': '#ad1457',
  'co-share:media': '#00838f',
  'near-duplicate-text': '#ab47bc',
  'near-duplicate-image': '#26a69a',
  'co-reply': '#2e7d32',
  'shared-infrastructure': '#4e342e',
  rhythm: '#757575',
};

/** The colour of a signal (grey for one without its own). */
export const signalColour = (signal: string | undefined) =>
  (signal && SIGNAL_COLOURS[signal]) || '#b0bec5';
