// `analyze`: ingest, detect, characterize, report and the exports in one run, into one folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { Effects } from '../core/index.js';
import type { DetectOptions } from '../detect/index.js';
import { resolveSignalOptions } from '../signals/index.js';
import type { Store } from '../store/index.js';
import { isClickHouseCase, openClickHouseCase, openStore } from '../store/index.js';
import { ingestIntoClickHouse, openCase, saveResults } from './clickhouse-case.js';
import type { IngestOptions, IngestSummary } from './ingest.js';
import { ingestFiles } from './ingest.js';
import { writeExport, writeReport } from './outputs.js';

/** Options of analyze (ingest options plus detect flags as given on the command line). */
export interface AnalyzeFlags {
  readonly out: string;
  readonly format?: string;
  readonly platform?: string;
  readonly timezone?: string;
  readonly detect?: Partial<DetectOptions>;
  readonly pdf?: boolean;
  /** The command line the report names; 'unmask analyze <input names> --out <folder name>' by default. */
  readonly command?: string;
  /** Earlier takedown CSVs or Meta indicator files (`--known`): members matching them are returning assets. */
  readonly known?: readonly string[];
  /**
   * A ClickHouse case (`clickhouse://…`, `chdb:…`) to ingest into and analyze through a working
   * DuckDB copy, its results sent back to it; default a DuckDB case `<out>/case.duckdb`.
   */
  readonly case?: string;
}

/** What analyze wrote. */
export interface AnalyzeSummary {
  readonly dir: string;
  readonly case: string;
  readonly rejected: number;
  readonly flagged: number;
  readonly operations: ReadonlyArray<{ id: string; accounts: number; groups: readonly string[] }>;
  readonly files: Record<string, string>;
}

/** Ingest + detect + characterize + report + exports into `flags.out`. */
export async function analyze(
  paths: readonly string[],
  flags: AnalyzeFlags,
  io: Effects,
): Promise<AnalyzeSummary> {
  // The later stages load when analyze runs, not with the pipeline's index (which `unmask ingest`
  // loads too: a command's start-up was 0.58 s with every stage, 0.3 s without).
  const [{ characterize }, { detect, writeDetectionFiles }] = await Promise.all([
    import('../characterize/index.js'),
    import('../detect/index.js'),
  ]);
  const { readKnownFile } = await import('../characterize/index.js');
  const known = (flags.known ?? []).flatMap((f) => readKnownFile(f));
  mkdirSync(flags.out, { recursive: true });
  const ingestOptions: IngestOptions = {
    format: (flags.format ?? 'auto') as never,
    platform: flags.platform?.toLowerCase() ?? null,
    timezone: flags.timezone ?? null,
    rejectsPath: join(flags.out, 'rejects.csv'),
  };
  const effects = { progress: io.progress, now: io.now };
  const onClickHouse = flags.case !== undefined && isClickHouseCase(flags.case);
  const casePath = onClickHouse ? flags.case! : join(flags.out, 'case.duckdb');
  const { store, ingest } = onClickHouse
    ? await ingestIntoClickHouseCase(casePath, paths, ingestOptions, effects, flags.detect ?? {})
    : await ingestIntoFile(casePath, paths, ingestOptions, effects);
  try {
    const result = await detect(store, flags.detect ?? {}, io.progress);
    const files: Record<string, string> = {
      ...(await writeDetectionFiles(store, result, flags.out)),
    };
    const profiles = await characterize(
      store,
      { groups: null, seed: result.options.seed, known },
      io.progress,
    );
    files.profiles = join(flags.out, 'profiles.json');
    writeFileSync(files.profiles, `${JSON.stringify(profiles, null, 2)}\n`);
    // Names, not paths: the report reads the same wherever the folders are.
    const command =
      flags.command ??
      `unmask analyze ${paths.map((p) => basename(p)).join(' ')} --out ${basename(flags.out)}`;
    files.report = join(flags.out, 'report.html');
    await writeReport(store, casePath, files.report, io.progress, undefined, { command });
    if (flags.pdf) {
      files.pdf = join(flags.out, 'report.pdf');
      await writeReport(store, casePath, files.pdf, io.progress, undefined, { command });
    }
    files.stix = join(flags.out, 'bundle.stix.json');
    await writeExport(store, casePath, 'stix', files.stix, io.progress);
    files.takedown = join(flags.out, 'takedown.csv');
    await writeExport(store, casePath, 'takedown', files.takedown, io.progress);
    files.gexf = join(flags.out, 'network.gexf');
    await writeExport(store, casePath, 'gexf', files.gexf, io.progress);
    await saveResults(casePath, store);
    const flaggedClusters = new Set(
      result.clusters.filter((c) => c.flagged).map((c) => `cluster-${c.id}`),
    );
    return {
      dir: flags.out,
      case: casePath,
      rejected: ingest.rejected,
      flagged: result.flaggedAccounts,
      operations: profiles.operations
        .filter((o) => o.groups.some((g) => flaggedClusters.has(g)))
        .map((o) => ({ id: o.id, accounts: o.accounts, groups: o.groups })),
      files,
    };
  } finally {
    store.close();
  }
}

/** Ingests into a DuckDB case file and returns it open. */
async function ingestIntoFile(
  casePath: string,
  paths: readonly string[],
  options: IngestOptions,
  effects: Effects,
): Promise<{ store: Store; ingest: IngestSummary }> {
  const store = await openStore(casePath);
  try {
    return { store, ingest: await ingestFiles(store, [...paths], options, effects) };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Ingests into a ClickHouse case and returns its working DuckDB copy, the co-share signals
 * computed in ClickHouse with detect's window and minimum weight.
 */
async function ingestIntoClickHouseCase(
  casePath: string,
  paths: readonly string[],
  options: IngestOptions,
  effects: Effects,
  detect: Partial<DetectOptions>,
): Promise<{ store: Store; ingest: IngestSummary }> {
  const ch = await openClickHouseCase(casePath);
  let ingest: IngestSummary;
  try {
    ingest = await ingestIntoClickHouse(ch, [...paths], options, effects);
  } finally {
    await ch.close();
  }
  const store = await openCase(casePath, {
    fresh: true,
    progress: effects.progress,
    signals: resolveSignalOptions({
      ...(detect.window === undefined ? {} : { window: detect.window }),
      ...(detect.minWeight === undefined ? {} : { minWeight: detect.minWeight }),
    }),
  });
  return { store, ingest };
}
