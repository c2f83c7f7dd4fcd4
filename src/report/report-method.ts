// The report's "Method" and "Limitations": what the numbers mean and what they cannot tell, from
// the detection parameters, the signal registry and what the case holds. Plain text blocks that
// the HTML and Markdown renderers both print.
import { SIGNALS } from '../signals/index.js';
import type { ReportModel } from './report.js';

/** A block of text: a heading, paragraphs, and a list. */
export interface TextBlock {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly items: readonly string[];
  /** Paragraphs after the list. */
  readonly after: readonly string[];
}

const num = (v: unknown, fallback: string) =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : fallback;

/** The signals detection ran (from its parameters), each with its registry description. */
export function methodSignals(model: ReportModel): Array<{
  name: string;
  family: string;
  description: string;
  colour: string;
}> {
  const used = model.provenance.params.signals;
  const names = new Set(Array.isArray(used) ? used.map(String) : []);
  return SIGNALS.filter((s) => names.size === 0 || names.has(s.name)).map((s) => ({
    name: s.name,
    family: s.family,
    description: s.description,
    colour: s.colour,
  }));
}

/** The Method section: signals, null model, FDR, clustering, flags. */
export function methodBlock(model: ReportModel): TextBlock {
  const p = model.provenance.params;
  const window = num(p.window, '60');
  return {
    heading: 'Method',
    paragraphs: [
      `Signals. Each signal links two accounts by what they did alike; the time-windowed ones count objects both shared within ${window} seconds of each other. Signals used:`,
    ],
    items: methodSignals(model).map((s) => `${s.name} (${s.family}): ${s.description}`),
    after: [
      `Null model. A pair's count under each signal is compared with what chance would give if the accounts behind the occurrences were reshuffled within hours of the week, each account keeping its own activity: P(X ≥ observed) for X ~ Poisson(expected). Within a family (timing, content, infrastructure) the smallest p is Bonferroni-corrected over the family's signals the case has data for; across families Fisher's method combines them, counting only the families both accounts could show.`,
      `False discovery rate. Benjamini–Hochberg at q = ${num(p.fdr, '0.01')} over every pair of testable accounts (at least two shareable actions): the pairs kept are "linked beyond chance"${model.detection ? ` (${model.detection.significant.toLocaleString('en')} of ${model.detection.tested.toLocaleString('en')} tested)` : ''}.`,
      `Clustering. The significant pairs form a graph weighted by min(50, −log10 q); Leiden (modularity, resolution ${num(p.resolution, '1')}, seed ${num(p.seed, '1')}) finds the clusters, and accounts outside them with many weak links join as periphery after a second FDR-controlled test. Clusters of at least ${num(p.minClusterSize, '2')} accounts that are not on timers are flagged; clusters linked by shared content, links or infrastructure form one operation.`,
      'A p-value is the chance of the coincidences under the null, not the chance that a network is inauthentic: a fan club can be far from chance and still organic. Read the evidence before acting.',
    ],
  };
}

/** The Limitations section: missing families, data gaps, what the clock can and cannot tell. */
export function limitationsBlock(model: ReportModel): TextBlock {
  const c = model.provenance.coverage;
  const posts = Math.max(1, model.caseCounts.posts);
  const items: string[] = [];
  if (c.observations === 0)
    items.push(
      'No observations (IP addresses, devices, …): the infrastructure family was not tested. Public exports never hold them; a platform can add them.',
    );
  if (c.follows === 0) items.push('No follow graph: follower counts are not checked for fakes.');
  if (c.postsWithEngagement < posts / 2)
    items.push(
      `Platform engagement counts (shares, comments, reactions) recorded for ${Math.round((100 * c.postsWithEngagement) / posts)}% of posts: reach and the Breakout Scale count the interactions inside the export, not what the platform saw.`,
    );
  if (c.postsWithLanguage < posts / 2)
    items.push(
      `Languages for ${Math.round((100 * c.postsWithLanguage) / posts)}% of posts: audiences by language are partial.`,
    );
  if (c.accountsWithCreation < c.accounts / 2)
    items.push('Few account creation dates: bulk creation cannot be seen.');
  if (c.platforms <= 1)
    items.push('One platform in the case: cross-platform links cannot be found.');
  items.push(
    'The export is what the exporter kept: deleted accounts and posts, private groups and other platforms are missing, so networks may be larger than shown.',
    'The operator clock is a working schedule that best explains when the accounts act; it gives a UTC offset, not a country. Several countries share each offset, schedulers can shift posting times, and daylight-saving evidence needs activity on both sides of a transition.',
    'Coordination is not inauthenticity: campaigns, newsrooms and fan groups coordinate openly. Flags are leads for review, not verdicts; each operation’s analyst review says which were checked.',
  );
  return { heading: 'Limitations', paragraphs: [], items, after: [] };
}

/** The provenance lines: marking, time, data window, command, parameters, version, seed, hash. */
export function provenanceItems(model: ReportModel): string[] {
  const p = model.provenance;
  const params = Object.entries(p.params)
    .filter(([k]) => k !== 'recompute')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join('; ');
  return [
    `Marking: ${p.tlp.label} (${p.tlp.audience})`,
    `Generated at: ${p.generatedAt}${p.generatedAtIsCaseClock ? " (the case's clock: its newest post, so the same case gives the same report)" : ''}`,
    `Data window: ${p.dataWindow.first ?? '—'} to ${p.dataWindow.last ?? '—'} (${model.caseCounts.posts.toLocaleString('en')} actions by ${model.caseCounts.accounts.toLocaleString('en')} accounts)`,
    `Command: ${p.command}`,
    `Parameters: ${params || 'no detection run'}`,
    `unmask version: ${p.version}; seed: ${p.seed ?? '—'}`,
    `Case SHA-256: ${p.caseHash} (over ${p.hashedTables.join(', ')})`,
  ];
}
