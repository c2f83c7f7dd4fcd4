// Detection: signal edges → p-values under each signal's null → fused per pair → Benjamini–Hochberg
// over all account pairs → Leiden clusters → scores, automation check, flags. Deterministic per seed.
import { availableParallelism } from 'node:os';

import { Graph as LeidenGraph, leiden } from 'leiden-ts';

import type { Progress } from '../core/index.js';
import { ConfigError, DisjointSets } from '../core/index.js';
import type { Signal, SignalOptions, SignalSummary } from '../signals/index.js';
import {
  currentSignalRun,
  DEFAULT_DETECT_SIGNALS,
  resolveSignalOptions,
  signalFor,
} from '../signals/index.js';
import type { Store } from '../store/index.js';
import { signalId } from '../store/index.js';
import type { Authenticity, ClusterIndicators } from './authenticity.js';
import { authenticityOf, largestLinkedGroup } from './authenticity.js';
import { clusterIndicators } from './authenticity.sql.js';
import type { AccountFacts, ClusterRow, MemberRow, SignificantPair } from './detect.sql.js';
import {
  accountFacts,
  accountOpportunity,
  clusterSignalTotals,
  numberAccounts,
  occurrencesPresent,
  writeDetection,
} from './detect.sql.js';
import { louvainLabelsAsync, WORKER_PAIRS } from './louvain-check.js';
import { type PeripheryMember, testMembership } from './membership.js';
import { normalizedMutualInformation } from './partition-metrics.js';
import { isTestable, testPairs } from './significance.js';

/** The fusion family of a signal (the registry's `family`). */
export function signalFamily(signal: string): string {
  return signalFor(signal).family;
}

/** Options of {@link detect}. */
export interface DetectOptions {
  readonly signals: readonly string[];
  /** Window of the time-windowed signals, seconds. */
  readonly window: number;
  /** Smallest raw weight an edge needs before testing. */
  readonly minWeight: number;
  /** False discovery rate over all account pairs. */
  readonly fdr: number;
  /** Seed of the clustering (Leiden and the Louvain cross-check). */
  readonly seed: number;
  /** Clusters smaller than this are reported but not flagged. */
  readonly minClusterSize: number;
  /** Modularity resolution of Leiden. */
  readonly resolution: number;
  /** Flag clusters of accounts on timers (news feeds, schedulers) as well. */
  readonly flagAutomated: boolean;
  /** Flag clusters that are coordinated, likely organic (an audience, friends; no evidence of inauthenticity) as well. */
  readonly flagLikelyOrganic: boolean;
  /** Recompute signals even when the case has a current run with the same parameters. */
  readonly recompute: boolean;
}

/** Defaults of {@link DetectOptions}. */
export const DETECT_DEFAULTS: DetectOptions = {
  signals: DEFAULT_DETECT_SIGNALS,
  window: 60,
  minWeight: 1,
  fdr: 0.01,
  seed: 1,
  minClusterSize: 2,
  resolution: 1,
  flagAutomated: false,
  flagLikelyOrganic: false,
  recompute: false,
};

/** An account counts as on a timer with this many posts, spread over this many hours of the day, this regularly. */
export const AUTOMATION = { minPosts: 48, minHoursOfDay: 22, maxGapCv: 0.5, clusterShare: 2 / 3 };

/** A cluster as `clusters.json` describes it. */
export interface DetectedCluster {
  readonly id: number;
  readonly size: number;
  readonly platforms: Record<string, number>;
  readonly assetTypes: Record<string, number>;
  readonly score: number;
  readonly pValue: number;
  readonly signals: Record<string, number>;
  readonly flagged: boolean;
  /** 'likely-organic': coordinated, with an organic explanation and no evidence of inauthenticity. */
  readonly category: 'coordinated' | 'automated' | 'likely-organic' | 'small';
  readonly reason: string;
  /** The authenticity check: its facts, the evidence of inauthenticity and the organic explanation. */
  readonly authenticity: ClusterIndicators & Authenticity;
  readonly significantPairs: number;
  readonly density: number;
  readonly evidence: Record<string, { edges: number; sample: string[] }>;
  readonly automatedAccounts: number;
}

/** An account as results name it. */
export interface AccountName {
  readonly platform: string;
  readonly accountId: string;
  readonly handle: string | null;
}

/** The most significant pair of a run, significant or not: what "nothing found" is measured by. */
export interface StrongestPairReport {
  readonly a: AccountName;
  readonly b: AccountName;
  /** Fused p-value of the pair. */
  readonly pValue: number;
  /** Its q-value as the first-ranked pair (p · hypotheses, at most 1). */
  readonly qValue: number;
  /** Families its fusion counted. */
  readonly families: number;
  readonly tests: ReadonlyArray<{
    signal: string;
    observed: number;
    expected: number;
    pValue: number;
  }>;
}

/** What a detection run found. */
export interface DetectResult {
  readonly accounts: number;
  /** Accounts with at least MIN_ACTIONS shareable actions: only their pairs are tested. */
  readonly testableAccounts: number;
  /** Hypotheses of the false-discovery control: pairs of testable accounts. */
  readonly hypotheses: number;
  readonly testedPairs: number;
  readonly significantPairs: number;
  /** Accounts that joined a network by the membership test. */
  readonly peripheryAccounts: number;
  /** Per family: accounts that had occurrences of it (0: the case has no data for the family). */
  readonly families: Readonly<Record<string, number>>;
  readonly strongestPair: StrongestPairReport | null;
  /** The p-value the first-ranked pair had to reach: fdr / hypotheses. */
  readonly cutoffPValue: number;
  readonly clusters: readonly DetectedCluster[];
  readonly flaggedAccounts: number;
  readonly louvainAgreement: number | null;
  /** Signals whose minimum weight was raised to stay within their pair budget, and to what. */
  readonly minWeightUsed: Readonly<Record<string, number>>;
  readonly signalsComputed: readonly string[];
  readonly signalsReused: readonly string[];
  readonly options: DetectOptions;
}

/** How a detection run goes about it; its results are the same whatever these are. */
export interface DetectRun {
  /**
   * Signals computed at once, each on a connection of its own; default 2 where the machine has
   * two cores or more (their single-threaded parts overlap), else 1.
   */
  readonly signalLanes?: number;
}

/**
 * Lets DuckDB keep the blocks it frees, up to its memory limit, instead of handing them back to
 * the system: detect's statements free and take gigabytes of temporary tables in turn, and each
 * block given back was faulted in again. The stages after the signals at 10M posts (load 7):
 * 2.96M page faults and 36 s of system time, against 2.27M and 28 s (a quarter of the limit kept
 * saved nothing). The memory stays with the process until it ends (detect runs in batch commands).
 */
async function keepFreedBlocks(store: Store): Promise<void> {
  const limit = await store.connection.runAndReadAll(`SELECT current_setting('memory_limit')`);
  const value = String(limit.getRows()[0]?.[0] ?? '').replace(/'/g, '');
  if (value) await store.connection.run(`SET block_allocator_memory = '${value}'`);
}

/** Checks and completes options. */
export function resolveDetectOptions(partial: Partial<DetectOptions>): DetectOptions {
  const o = { ...DETECT_DEFAULTS, ...partial };
  for (const s of o.signals) {
    const signal = signalFor(s);
    if (!signal.tested)
      throw new ConfigError(`--signals: '${s}' is supporting evidence without a significance test`);
  }
  if (o.signals.length === 0) throw new ConfigError('--signals: name at least one signal');
  if (!(o.fdr > 0 && o.fdr < 1)) throw new ConfigError(`--fdr: expected 0 < q < 1, got ${o.fdr}`);
  if (!Number.isInteger(o.seed))
    throw new ConfigError(`--seed: expected an integer, got ${o.seed}`);
  if (!(Number.isInteger(o.minClusterSize) && o.minClusterSize >= 2))
    throw new ConfigError(`--min-cluster-size: expected an integer ≥ 2, got ${o.minClusterSize}`);
  if (!(o.resolution > 0)) throw new ConfigError(`--resolution: expected > 0, got ${o.resolution}`);
  resolveSignalOptions({ window: o.window, minWeight: o.minWeight });
  return o;
}

/** Runs detection on a case and writes the results into it; returns what it found. */
export async function detect(
  store: Store,
  partial: Partial<DetectOptions>,
  progress: Progress,
  run: DetectRun = {},
): Promise<DetectResult> {
  const options = resolveDetectOptions(partial);
  await keepFreedBlocks(store);
  const signalOptions = resolveSignalOptions({
    window: options.window,
    minWeight: options.minWeight,
  });
  const signals = options.signals.map(signalFor);
  const { computed, reused, minWeightUsed } = await ensureSignals(
    store,
    signals,
    signalOptions,
    options,
    progress,
    run.signalLanes ?? Math.min(2, availableParallelism()),
  );
  const significance = await testSignificance(store, options, progress);
  const { tests, pairs } = significance;

  progress.start('clusters', 1);
  // The Louvain cross-check may run on a worker thread while detect goes on; if detect fails
  // meanwhile, the worker is stopped rather than keeping the process alive until it answers.
  const stopCheck = new AbortController();
  const clustering = cluster(pairs, options, stopCheck.signal);
  try {
    const periphery = testMembership(tests.weak, clustering.community, {
      fdr: options.fdr,
      testableAccounts: tests.testableAccounts,
      isTestable: isTestable(significance.opportunity),
    });
    for (const p of periphery) {
      clustering.community.set(p.account, p.community);
      clustering.nodes.add(p.account);
    }
    const ids = [...clustering.nodes];
    if (tests.strongest) ids.push(tests.strongest.a, tests.strongest.b);
    const facts = await accountFacts(store, [...new Set(ids)]);
    const indicators = await clusterIndicators(
      store,
      [...clustering.community].map(([account, cluster]) => ({ account, cluster })),
    );
    const { clusters, members } = describeClusters(
      pairs,
      clustering,
      periphery,
      facts,
      indicators,
      options,
    );
    await writeDetection(
      store,
      { params: options, tested: tests.tested },
      pairs,
      clusters,
      members,
      tests.significantEdges,
    );
    const totals = await clusterSignalTotals(store);
    const detected = clusters.map((k) => finishCluster(k, totals, members, facts));
    progress.update(1, `${detected.length} clusters`);
    progress.stop();
    const summary = testSummary(significance, facts);
    // In the order the result has always had (clusters.json's summary is written from it).
    return {
      accounts: summary.accounts,
      testableAccounts: summary.testableAccounts,
      hypotheses: summary.hypotheses,
      testedPairs: summary.testedPairs,
      significantPairs: summary.significantPairs,
      peripheryAccounts: periphery.length,
      families: summary.families,
      strongestPair: summary.strongestPair,
      cutoffPValue: summary.cutoffPValue,
      clusters: detected,
      flaggedAccounts: members.filter((x) => x.flagged).length,
      louvainAgreement: await clustering.louvainAgreement,
      signalsComputed: computed,
      signalsReused: reused,
      minWeightUsed,
      options,
    };
  } catch (error) {
    stopCheck.abort();
    throw error;
  }
}

/**
 * The significance stage: accounts numbered, each account's opportunity per family, the signals
 * the case holds data for, and every linked pair tested (docs/detection.md, steps 2 and 3).
 */
async function testSignificance(store: Store, options: DetectOptions, progress: Progress) {
  progress.start('significance', 1);
  const accounts = await numberAccounts(store);
  const families = [...new Set(options.signals.map(signalFamily))];
  const familyOf = options.signals.map((s) => families.indexOf(signalFamily(s)));
  const opportunity = await accountOpportunity(
    store,
    families.map((f) =>
      options.signals.filter((s) => signalFamily(s) === f).map((s) => signalFor(s).occurrence),
    ),
  );
  const present = await occurrencesPresent(
    store,
    options.signals.map((s) => signalFor(s).occurrence),
  );
  const tests = await testPairs(store, opportunity, {
    signals: options.signals,
    familyOf,
    families: families.length,
    fdr: options.fdr,
    present,
  });
  const pairs: SignificantPair[] = [...tests.significant];
  progress.update(
    1,
    `${pairs.length.toLocaleString('en')} significant of ${tests.tested.toLocaleString('en')} pairs`,
  );
  progress.stop();
  return { accounts, families, opportunity, tests, pairs };
}

/** What the significance stage says in the result: counts, families, the strongest pair, the cut. */
function testSummary(
  { accounts, families, opportunity, tests, pairs }: Awaited<ReturnType<typeof testSignificance>>,
  facts: ReadonlyMap<number, AccountFacts>,
) {
  const name = (i: number) => {
    const f = facts.get(i);
    return {
      platform: f?.platform ?? '',
      accountId: f?.accountId ?? '',
      handle: f?.handle ?? null,
    };
  };
  const strongest = tests.strongest;
  return {
    accounts,
    testableAccounts: tests.testableAccounts,
    hypotheses: tests.hypotheses,
    testedPairs: tests.tested,
    significantPairs: pairs.length,
    families: Object.fromEntries(
      families.map((f, i) => {
        let n = 0;
        for (const bits of opportunity.families) if (bits & (1 << i)) n++;
        return [f, n];
      }),
    ),
    strongestPair: strongest
      ? {
          a: name(strongest.a),
          b: name(strongest.b),
          pValue: 10 ** strongest.log10P,
          qValue: 10 ** strongest.log10Q,
          families: strongest.families,
          tests: strongest.tests.map((t) => ({
            signal: t.signal,
            observed: t.observed,
            expected: t.expected,
            pValue: 10 ** t.log10P,
          })),
        }
      : null,
    cutoffPValue: 10 ** tests.cutoffLog10P,
  };
}

/**
 * Computes the signals that have no current run: `lanes` at a time (each on a connection of its
 * own; the first lane on `store`), taking them in registry order with any `startsFirst` signal
 * first. The results do not depend on the lanes: the signals read only posts (and observations),
 * their keys (sid) are taken here in registry order, and their writes take turns
 * (`Store.exclusive`).
 */
async function ensureSignals(
  store: Store,
  signals: readonly Signal[],
  signalOptions: SignalOptions,
  options: DetectOptions,
  progress: Progress,
  lanes: number,
): Promise<{ computed: string[]; reused: string[]; minWeightUsed: Record<string, number> }> {
  const computed: string[] = [];
  const reused: string[] = [];
  const minWeightUsed: Record<string, number> = {};
  const todo: Signal[] = [];
  for (const signal of signals) {
    const current = options.recompute
      ? null
      : await currentSignalRun(store, signal.name, signal.params(signalOptions));
    if (!current) {
      todo.push(signal);
      continue;
    }
    reused.push(signal.name);
    if (typeof current.minWeightUsed === 'number')
      minWeightUsed[signal.name] = current.minWeightUsed;
  }
  for (const signal of todo) await signalId(store, signal.name);
  // Detection needs every signal: past a signal's pair budget its minimum weight is raised
  // (pairs of weight 1 on objects thousands share cannot pass the test over all pairs anyway).
  const run = { ...signalOptions, raiseMinWeight: true };
  const summaries = new Map<string, SignalSummary>();
  const said = (s: SignalSummary) =>
    `${s.edges.toLocaleString('en')} edges${s.note ? `; ${s.note}` : ''}`;
  const n = Math.max(1, Math.min(Math.floor(lanes), todo.length));
  if (n === 1) {
    for (const signal of todo) {
      progress.start(`signal ${signal.name}`, 1);
      const summary = await signal.compute(store, run);
      progress.update(1, said(summary));
      progress.stop();
      summaries.set(signal.name, summary);
    }
  } else {
    const queue = [...todo.filter((s) => s.startsFirst), ...todo.filter((s) => !s.startsFirst)];
    progress.start(`signals (${todo.length}, ${n} at a time)`, todo.length);
    let failure: { error: unknown } | null = null;
    const lane = async (on: Store) => {
      for (let signal = queue.shift(); signal && !failure; signal = queue.shift()) {
        try {
          const summary = await signal.compute(on, run);
          summaries.set(signal.name, summary);
          progress.update(summaries.size, `${signal.name} ${said(summary)}`);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    const forks: Store[] = [];
    try {
      for (let i = 1; i < n; i++) forks.push(await store.fork());
      // Each lane stops taking signals after a failure; the others finish the one they run.
      await Promise.all([lane(store), ...forks.map(lane)]);
    } finally {
      for (const f of forks) f.close();
    }
    if (failure) throw (failure as { error: unknown }).error;
    let edges = 0;
    for (const s of summaries.values()) edges += s.edges;
    progress.update(todo.length, `${edges.toLocaleString('en')} edges`);
    progress.stop();
  }
  for (const signal of todo) {
    const summary = summaries.get(signal.name)!;
    if (summary.minWeightUsed !== undefined) minWeightUsed[signal.name] = summary.minWeightUsed;
    computed.push(signal.name);
  }
  return { computed, reused, minWeightUsed };
}

interface Clustering {
  /** Account numbers in the significant graph. */
  readonly nodes: Set<number>;
  /** Account number → community (contiguous from 0). */
  readonly community: Map<number, number>;
  /** NMI of the communities against graphology's Louvain (computed while detect goes on). */
  readonly louvainAgreement: Promise<number | null>;
}

/** Edge weight for clustering: −log10 q, capped so that one overwhelming pair can't dominate. */
const clusterWeight = (p: SignificantPair) => Math.min(50, -p.log10Q);

function cluster(
  pairs: readonly SignificantPair[],
  options: DetectOptions,
  signal?: AbortSignal,
): Clustering {
  const nodes = new Set<number>();
  for (const p of pairs) {
    nodes.add(p.a);
    nodes.add(p.b);
  }
  const order = [...nodes].sort((x, y) => x - y);
  const index = new Map(order.map((a, i) => [a, i]));
  const community = new Map<number, number>();
  if (order.length === 0) return { nodes, community, louvainAgreement: Promise.resolve(null) };
  const graph = LeidenGraph.fromEdgeList(
    order.length,
    pairs.map(
      (p) => [index.get(p.a) as number, index.get(p.b) as number, clusterWeight(p)] as const,
    ),
  );
  const result = leiden(graph, { seed: options.seed, resolution: options.resolution });
  order.forEach((a, i) => community.set(a, result.partition.assignments[i] as number));
  mergeDenseCommunities(pairs, community);

  // Cross-check with graphology's Louvain on the same graph and seed: agreement as NMI, on a
  // worker thread for large graphs while detect goes on.
  const leidenLabels = order.map((a) => String(community.get(a)));
  const louvainAgreement = louvainLabelsAsync(
    {
      nodes: Int32Array.from(order),
      a: Int32Array.from(pairs, (p) => p.a),
      b: Int32Array.from(pairs, (p) => p.b),
      w: Float64Array.from(pairs, clusterWeight),
      seed: options.seed,
      resolution: options.resolution,
    },
    WORKER_PAIRS,
    signal,
  ).then((lv) =>
    normalizedMutualInformation(
      leidenLabels,
      Array.from(lv, (c) => String(c)),
    ),
  );
  return { nodes, community, louvainAgreement };
}

/** Two communities whose cross pairs are at least this dense in significant links are one. */
export const MERGE_DENSITY = 0.5;

/**
 * Modularity splits a lone clique whose link weights differ (a 40-account ring came out as three
 * communities with every cross pair significant). Communities are merged back when at least
 * {@link MERGE_DENSITY} of the pairs between them are significant links.
 */
function mergeDenseCommunities(
  pairs: readonly SignificantPair[],
  community: Map<number, number>,
): void {
  const size = new Map<number, number>();
  for (const c of community.values()) size.set(c, (size.get(c) ?? 0) + 1);
  const cross = new Map<string, number>();
  for (const p of pairs) {
    const ca = community.get(p.a) as number;
    const cb = community.get(p.b) as number;
    if (ca === cb) continue;
    const key = ca < cb ? `${ca}:${cb}` : `${cb}:${ca}`;
    cross.set(key, (cross.get(key) ?? 0) + 1);
  }
  const sets = new DisjointSets();
  for (const [key, links] of [...cross].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [ca, cb] = key.split(':').map(Number) as [number, number];
    if (links >= MERGE_DENSITY * (size.get(ca) as number) * (size.get(cb) as number))
      sets.union(ca, cb);
  }
  for (const [a, c] of community) community.set(a, sets.find(c));
}

/** The authenticity facts of a cluster whose members' posts the case does not have. */
const NO_INDICATORS: Omit<ClusterIndicators, 'sharedInfrastructureMembers'> = {
  actions: 0,
  busiestHoursActions: 0,
  datedMembers: 0,
  createdTogether: 0,
  amplifications: 0,
  insideAmplifications: 0,
  topSource: null,
  topSourceAmplifications: 0,
  mutualMembers: 0,
  copySource: null,
  copySourceFirst: 0,
  copySourceLate: 0,
  copySourceReach: 0,
  publisherMembers: 0,
  publisherSites: [],
};

/** True when an account posts around the clock at regular intervals: a scheduler, not a person. */
export function isAutomated(f: AccountFacts | undefined): boolean {
  return (
    f !== undefined &&
    f.posts >= AUTOMATION.minPosts &&
    f.hoursOfDay >= AUTOMATION.minHoursOfDay &&
    f.gapCv !== null &&
    f.gapCv <= AUTOMATION.maxGapCv
  );
}

/**
 * The clusters and their members as written to the case: clusters numbered 1… by size, each with
 * its score, p-value, category (small, automated, likely-organic, coordinated), flag and reason.
 */
function describeClusters(
  pairs: readonly SignificantPair[],
  clustering: Clustering,
  periphery: readonly PeripheryMember[],
  facts: Map<number, AccountFacts>,
  indicators: Map<number, Omit<ClusterIndicators, 'sharedInfrastructureMembers'>>,
  options: DetectOptions,
): { clusters: ClusterRow[]; members: MemberRow[] } {
  const joined = new Map(periphery.map((p) => [p.account, p]));
  const ordered = clustersBySize(clustering);
  const { inside, strength } = insideLinks(pairs, ordered);
  const clusters: ClusterRow[] = [];
  const members: MemberRow[] = [];
  ordered.forEach((g, i) => {
    const id = i + 1;
    const internal = inside.get(id) ?? [];
    const automated = g.filter((a) => isAutomated(facts.get(a))).length;
    const found = indicators.get(clustering.community.get(g[0] as number) as number);
    const checked: ClusterIndicators = {
      ...(found ?? NO_INDICATORS),
      sharedInfrastructureMembers: largestLinkedGroup(
        internal.filter((p) => p.signals.includes('shared-infrastructure')),
      ),
    };
    const verdict = authenticityOf(g.length, checked);
    const peripheryAccounts = g.filter((a) => joined.has(a)).length;
    const { category, flagged, reason } = clusterCategory(
      { size: g.length, automated, significantPairs: internal.length, peripheryAccounts },
      verdict,
      options,
    );
    const scores = memberScores(g, joined, strength);
    g.forEach((a, k) =>
      members.push({
        account: a,
        cluster: id,
        score: scores[k]!,
        flagged,
        automated: isAutomated(facts.get(a)),
        membership: joined.has(a) ? 'periphery' : 'core',
      }),
    );
    let scoreSum = 0;
    for (const score of scores) scoreSum += score;
    clusters.push({
      id,
      size: g.length,
      score: scoreSum / g.length,
      pValue: clusterPValue(g, joined, internal),
      flagged,
      category,
      summary: {
        reason,
        authenticity: { ...checked, ...verdict },
        significantPairs: internal.length,
        automatedAccounts: automated,
        peripheryAccounts,
      },
    });
  });
  return { clusters, members };
}

/** The communities' accounts, each in ascending order, the largest first (ties: first account). */
function clustersBySize(clustering: Clustering): number[][] {
  const groups = new Map<number, number[]>();
  for (const [a, c] of clustering.community) {
    const list = groups.get(c) ?? [];
    list.push(a);
    groups.set(c, list);
  }
  return [...groups.values()]
    .map((g) => g.sort((x, y) => x - y))
    .sort((x, y) => y.length - x.length || (x[0] as number) - (y[0] as number));
}

/**
 * The significant pairs inside each cluster (by cluster number, 1… in `ordered` order) and each
 * account's link strength: the sum over its inside pairs of min(10, −log10 q).
 */
function insideLinks(
  pairs: readonly SignificantPair[],
  ordered: readonly (readonly number[])[],
): { inside: Map<number, SignificantPair[]>; strength: Map<number, number> } {
  const clusterOf = new Map<number, number>();
  ordered.forEach((g, i) => {
    for (const a of g) clusterOf.set(a, i + 1);
  });
  const inside = new Map<number, SignificantPair[]>();
  const strength = new Map<number, number>();
  for (const p of pairs) {
    const c = clusterOf.get(p.a);
    if (c === undefined || c !== clusterOf.get(p.b)) continue;
    const list = inside.get(c) ?? [];
    list.push(p);
    inside.set(c, list);
    const w = Math.min(10, -p.log10Q);
    strength.set(p.a, (strength.get(p.a) ?? 0) + w);
    strength.set(p.b, (strength.get(p.b) ?? 0) + w);
  }
  return { inside, strength };
}

/** What {@link clusterCategory} needs to know of a cluster's size and links. */
interface ClusterCounts {
  readonly size: number;
  /** Members that post around the clock at regular intervals ({@link isAutomated}). */
  readonly automated: number;
  readonly significantPairs: number;
  /** Members joined by the membership test rather than by their pairs. */
  readonly peripheryAccounts: number;
}

/** A cluster's category, whether it is flagged under the options, and the reason in words. */
function clusterCategory(
  counts: ClusterCounts,
  verdict: Authenticity,
  options: DetectOptions,
): { category: string; flagged: boolean; reason: string } {
  const { size, automated, significantPairs, peripheryAccounts } = counts;
  const isAuto = automated >= AUTOMATION.clusterShare * size;
  const small = size < options.minClusterSize;
  const organic = verdict.organic !== null && verdict.inauthentic.length === 0;
  const category = small
    ? 'small'
    : isAuto
      ? 'automated'
      : organic
        ? 'likely-organic'
        : 'coordinated';
  const flagged =
    !small && (isAuto ? options.flagAutomated : !organic || options.flagLikelyOrganic);
  const linked = `${significantPairs} account pairs linked beyond chance${peripheryAccounts > 0 ? `; ${peripheryAccounts} accounts joined by their links to the network as a whole` : ''}`;
  const reason = small
    ? `fewer than ${options.minClusterSize} accounts`
    : isAuto
      ? `${automated} of ${size} accounts post around the clock at regular intervals (schedulers, e.g. news feeds)${options.flagAutomated ? '' : '; not flagged (--flag-automated to flag)'}`
      : organic
        ? `coordinated, likely organic: ${linked}, explained as ${verdict.organic}; no evidence of inauthenticity (no shared infrastructure, no batch of accounts created together, no work shift)${options.flagLikelyOrganic ? '' : '; not flagged (--flag-likely-organic to flag)'}`
        : `${linked}${verdict.inauthentic.length > 0 ? `; inauthentic: ${verdict.inauthentic.join('; ')}` : ''}`;
  return { category, flagged, reason };
}

/**
 * Each member's evidence strength, in the order of `g`: each significant link inside adds
 * min(10, −log10 q) to S, and the score is 1 − e^(−S/10). A member by the membership test counts
 * its membership q once, as one link.
 */
function memberScores(
  g: readonly number[],
  joined: ReadonlyMap<number, PeripheryMember>,
  strength: ReadonlyMap<number, number>,
): number[] {
  return g.map((a) => {
    const member = joined.get(a);
    const s = member ? Math.min(10, -member.log10Q) : (strength.get(a) ?? 0);
    return 1 - Math.exp(-s / 10);
  });
}

/**
 * A cluster's p-value: core members hold together by their links ({@link bottleneckQ}),
 * peripheral ones by their membership test; the largest of these.
 */
function clusterPValue(
  g: readonly number[],
  joined: ReadonlyMap<number, PeripheryMember>,
  internal: readonly SignificantPair[],
): number {
  return Math.max(
    bottleneckQ(
      g.filter((a) => !joined.has(a)),
      internal,
    ),
    ...g.map((a) => (joined.has(a) ? 10 ** joined.get(a)!.log10Q : 0)),
  );
}

/**
 * The cluster's p-value: the largest q-value on a maximum spanning tree of its significant links,
 * i.e. every member is tied to the rest through links each at least this significant.
 */
function bottleneckQ(nodes: readonly number[], internal: readonly SignificantPair[]): number {
  if (nodes.length < 2 || internal.length === 0) return 1;
  const sets = new DisjointSets();
  let worst = -Infinity;
  let joined = 1;
  for (const p of [...internal].sort((x, y) => x.log10Q - y.log10Q)) {
    if (!sets.union(p.a, p.b)) continue;
    worst = Math.max(worst, p.log10Q);
    if (++joined === nodes.length) break;
  }
  return joined === nodes.length ? 10 ** worst : 1;
}

function finishCluster(
  k: ClusterRow,
  totals: Awaited<ReturnType<typeof clusterSignalTotals>>,
  members: readonly MemberRow[],
  facts: Map<number, AccountFacts>,
): DetectedCluster {
  const platforms: Record<string, number> = {};
  const assetTypes: Record<string, number> = {};
  for (const m of members) {
    if (m.cluster !== k.id) continue;
    const f = facts.get(m.account);
    if (!f) continue;
    platforms[f.platform] = (platforms[f.platform] ?? 0) + 1;
    assetTypes[f.assetType] = (assetTypes[f.assetType] ?? 0) + 1;
  }
  const signals: Record<string, number> = {};
  const evidence: Record<string, { edges: number; sample: string[] }> = {};
  for (const t of totals) {
    if (t.cluster !== k.id) continue;
    signals[t.signal] = Math.round(t.weight * 1000) / 1000;
    evidence[t.signal] = { edges: t.edges, sample: t.evidence };
  }
  const summary = k.summary as {
    reason: string;
    authenticity: ClusterIndicators & Authenticity;
    significantPairs: number;
    automatedAccounts: number;
  };
  const possible = (k.size * (k.size - 1)) / 2;
  return {
    id: k.id,
    size: k.size,
    platforms: sortKeys(platforms),
    assetTypes: sortKeys(assetTypes),
    score: Math.round(k.score * 10000) / 10000,
    pValue: Number(k.pValue.toPrecision(6)),
    signals,
    flagged: k.flagged,
    category: k.category as DetectedCluster['category'],
    reason: summary.reason,
    authenticity: summary.authenticity,
    significantPairs: summary.significantPairs,
    density: possible > 0 ? Math.round((summary.significantPairs / possible) * 1000) / 1000 : 0,
    evidence,
    automatedAccounts: summary.automatedAccounts,
  };
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
