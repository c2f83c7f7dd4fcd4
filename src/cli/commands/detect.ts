// `unmask detect --case <case.duckdb> --out <dir> [--window SECONDS] [--signals LIST] [--seed N] …`.
import { ConfigError } from '../../core/index.js';
import type { DetectOptions, DetectResult } from '../../detect/index.js';
import { detect, nothingFoundReason, writeDetectionFiles } from '../../detect/index.js';
import { openCase, saveResults } from '../../pipeline/index.js';
import { resolveSignalOptions } from '../../signals/index.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';

/** Raw flags of the detect command. */
export interface DetectFlags {
  readonly case: string;
  readonly out: string;
  readonly window?: string;
  readonly signals?: string;
  readonly seed?: string;
  readonly fdr?: string;
  readonly minWeight?: string;
  readonly minClusterSize?: string;
  readonly resolution?: string;
  readonly flagAutomated?: boolean;
  readonly flagLikelyOrganic?: boolean;
  readonly recompute?: boolean;
  readonly json?: boolean;
}

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new ConfigError(`--${name}: not a number: '${value}'`);
  return n;
}

/** Parses the detect flags into options (undefined where the default applies). */
export function detectOptionsFromFlags(
  flags: Omit<DetectFlags, 'case' | 'out'>,
): Partial<DetectOptions> {
  const options: Record<string, unknown> = {
    window: num(flags.window, 'window'),
    seed: num(flags.seed, 'seed'),
    fdr: num(flags.fdr, 'fdr'),
    minWeight: num(flags.minWeight, 'min-weight'),
    minClusterSize: num(flags.minClusterSize, 'min-cluster-size'),
    resolution: num(flags.resolution, 'resolution'),
    flagAutomated: flags.flagAutomated,
    flagLikelyOrganic: flags.flagLikelyOrganic,
    recompute: flags.recompute,
    signals:
      flags.signals === undefined
        ? undefined
        : flags.signals
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/** Runs detection on a case and writes accounts.csv, clusters.json, edges.csv, pairs.csv. */
export async function detectCommand(flags: DetectFlags, io: CliIo): Promise<number> {
  const options = detectOptionsFromFlags(flags);
  const t0 = io.now();
  // A ClickHouse case is pulled into a local working case, its co-share signals computed in the
  // cluster with detect's window and minimum weight (so that detect reuses them).
  const store = await openCase(flags.case, {
    mustExist: true,
    signals: resolveSignalOptions({
      ...(options.window === undefined ? {} : { window: options.window }),
      ...(options.minWeight === undefined ? {} : { minWeight: options.minWeight }),
    }),
    progress: io.progress,
    fresh: true,
  });
  try {
    const result = await detect(store, options, io.progress);
    const files = await writeDetectionFiles(store, result, flags.out);
    // A ClickHouse case keeps the results for the commands after detect (report, export, serve).
    await saveResults(flags.case, store);
    const seconds = (io.now() - t0) / 1000;
    if (flags.json) {
      const { clusters, ...rest } = result;
      io.stdout.write(
        `${JSON.stringify({ ...rest, clusters: clusters.length, files, seconds }, null, 2)}\n`,
      );
      return 0;
    }
    writeDetectionSummary(io, result, seconds);
    io.stdout.write(`→ ${files.accounts}, ${files.clusters}, ${files.edges}, ${files.pairs}\n`);
    return 0;
  } finally {
    store.close();
  }
}

/** The largest clusters (20 at most, small ones left out) as a table, with why each is flagged or not. */
function clusterTable(result: DetectResult): string {
  const shown = result.clusters.filter((c) => c.category !== 'small').slice(0, 20);
  if (shown.length === 0) return '';
  return formatTable(
    ['cluster', 'accounts', 'flagged', 'score', 'p-value', 'platforms', 'signals'],
    shown.map((c) => [
      c.id,
      c.size,
      c.flagged ? 'yes' : `no (${c.category})`,
      c.score.toFixed(3),
      c.pValue.toExponential(1),
      Object.entries(c.platforms)
        .map(([p, n]) => `${p} ${n}`)
        .join(', '),
      Object.entries(c.signals)
        .sort(([, a], [, b]) => b - a)
        .slice(0, 3)
        .map(([s]) => s)
        .join(', '),
    ]),
  );
}

/** Writes the cluster table and what detection found, reused, raised or could not test. */
function writeDetectionSummary(io: CliIo, result: DetectResult, seconds: number): void {
  const table = clusterTable(result);
  if (table !== '') io.stdout.write(table);
  const flaggedClusters = result.clusters.filter((c) => c.flagged).length;
  io.stdout.write(
    `${result.flaggedAccounts.toLocaleString('en')} accounts flagged in ${flaggedClusters} clusters; ${result.significantPairs.toLocaleString('en')} of ${result.testedPairs.toLocaleString('en')} linked pairs significant at FDR ${result.options.fdr} (over ${result.accounts.toLocaleString('en')} accounts) in ${seconds.toFixed(1)} s\n`,
  );
  if (result.flaggedAccounts === 0) io.stdout.write(`why: ${nothingFoundReason(result)}\n`);
  const organic = result.clusters.filter((c) => c.category === 'likely-organic');
  if (organic.length > 0)
    io.stdout.write(
      `${organic.length} clusters (${organic.reduce((n, c) => n + c.size, 0).toLocaleString('en')} accounts) coordinated, likely organic: an audience, friends, copies of one public source or a publisher's own accounts, with no evidence of inauthenticity; ${result.options.flagLikelyOrganic ? 'flagged (--flag-likely-organic)' : 'not flagged (reasons in clusters.json; --flag-likely-organic to flag)'}\n`,
    );
  if (result.peripheryAccounts > 0)
    io.stdout.write(
      `${result.peripheryAccounts.toLocaleString('en')} accounts joined a network by the membership test (their links to it as a whole)\n`,
    );
  const missing = Object.entries(result.families).filter(([, n]) => n === 0);
  if (missing.length > 0)
    io.stdout.write(
      `no data for: ${missing.map(([f]) => f).join(', ')} (those families entered no pair's fusion)\n`,
    );
  if (result.signalsReused.length > 0)
    io.stdout.write(`reused signal runs: ${result.signalsReused.join(', ')}\n`);
  const raised = Object.entries(result.minWeightUsed);
  if (raised.length > 0)
    io.stdout.write(
      `minimum weight raised past the pair budget: ${raised.map(([s, w]) => `${s} ${w}`).join(', ')} (requested ${result.options.minWeight})\n`,
    );
}
