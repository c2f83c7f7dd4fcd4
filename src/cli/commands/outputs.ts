// `unmask report`, `unmask export`, `unmask analyze` and `unmask demo`.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { characterize } from '../../characterize/index.js';
import { detect, writeDetectionFiles } from '../../detect/index.js';
import { ConfigError } from '../../errors.js';
import type { GraphEdges } from '../../export/index.js';
import { ingestFiles } from '../../pipeline/index.js';
import { writeExport, writeReport } from '../../report/index.js';
import { simulate } from '../../simulate/index.js';
import { openStore, writeProfiles } from '../../store/index.js';
import { EXIT } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';
import { detectOptionsFromFlags } from './detect.js';

/** `unmask report --case C --out report.html|report.md|report.pdf`. */
export async function reportCommand(
  flags: { case: string; out: string },
  io: CliIo,
): Promise<number> {
  const store = await openStore(flags.case);
  try {
    await writeReport(store, flags.case, flags.out, io.progress);
  } finally {
    store.close();
  }
  io.stdout.write(`report → ${flags.out}\n`);
  return EXIT.ok;
}

/** `unmask export --case C --format stix|gexf|graphml|takedown --out FILE [--edges significant|all]`. */
export async function exportCommand(
  flags: { case: string; format: string; out: string; edges?: string },
  io: CliIo,
): Promise<number> {
  const edges = (flags.edges ?? 'significant') as GraphEdges;
  if (edges !== 'significant' && edges !== 'all')
    throw new ConfigError(`--edges: expected significant or all, got '${flags.edges}'`);
  const store = await openStore(flags.case);
  let what: string;
  try {
    what = await writeExport(store, flags.case, flags.format, flags.out, io.progress, edges);
  } finally {
    store.close();
  }
  io.stdout.write(`${flags.format}: ${what} → ${flags.out}\n`);
  return EXIT.ok;
}

/** Flags of analyze (ingest flags plus detect flags). */
export interface AnalyzeFlags {
  readonly out: string;
  readonly format?: string;
  readonly platform?: string;
  readonly timezone?: string;
  readonly window?: string;
  readonly signals?: string;
  readonly seed?: string;
  readonly fdr?: string;
  readonly pdf?: boolean;
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
  io: CliIo,
): Promise<AnalyzeSummary> {
  mkdirSync(flags.out, { recursive: true });
  const casePath = join(flags.out, 'case.duckdb');
  const store = await openStore(casePath);
  try {
    const ingest = await ingestFiles(
      store,
      [...paths],
      {
        format: (flags.format ?? 'auto') as never,
        platform: flags.platform?.toLowerCase() ?? null,
        timezone: flags.timezone ?? null,
        rejectsPath: join(flags.out, 'rejects.csv'),
      },
      { progress: io.progress, now: io.now },
    );
    const result = await detect(store, detectOptionsFromFlags(flags), io.progress);
    const files: Record<string, string> = {
      ...(await writeDetectionFiles(store, result, flags.out)),
    };
    const profiles = await characterize(
      store,
      { groups: null, seed: result.options.seed },
      io.progress,
    );
    await writeProfiles(
      store,
      profiles.groups.map((g) => ({ id: g.id, operation: g.operation, profile: g })),
    );
    files.profiles = join(flags.out, 'profiles.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      files.profiles,
      `${JSON.stringify({ groups: profiles.groups, operations: profiles.operations, unknownMembers: [] }, null, 2)}\n`,
    );
    files.report = join(flags.out, 'report.html');
    await writeReport(store, casePath, files.report, io.progress);
    if (flags.pdf) {
      files.pdf = join(flags.out, 'report.pdf');
      await writeReport(store, casePath, files.pdf, io.progress);
    }
    files.stix = join(flags.out, 'bundle.stix.json');
    await writeExport(store, casePath, 'stix', files.stix, io.progress);
    files.takedown = join(flags.out, 'takedown.csv');
    await writeExport(store, casePath, 'takedown', files.takedown, io.progress);
    files.gexf = join(flags.out, 'network.gexf');
    await writeExport(store, casePath, 'gexf', files.gexf, io.progress);
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

function printAnalysis(s: AnalyzeSummary, io: CliIo): void {
  if (s.operations.length)
    io.stdout.write(
      formatTable(
        ['operation', 'accounts', 'clusters'],
        s.operations.map((o) => [o.id, o.accounts, o.groups.join(', ')]),
      ),
    );
  io.stdout.write(
    `${s.flagged.toLocaleString('en')} accounts flagged in ${s.operations.length} operations\n`,
  );
  for (const [k, v] of Object.entries(s.files)) io.stdout.write(`  ${k.padEnd(9)} ${v}\n`);
}

/** `unmask analyze <inputs...> --out <dir>`. */
export async function analyzeCommand(
  paths: string[],
  flags: AnalyzeFlags,
  io: CliIo,
): Promise<number> {
  const s = await analyze(paths, flags, io);
  printAnalysis(s, io);
  if (s.rejected > 0)
    io.stdout.write(
      `${s.rejected.toLocaleString('en')} rows rejected; reasons in ${join(s.dir, 'rejects.csv')}\n`,
    );
  return s.rejected > 0 ? EXIT.problems : EXIT.ok;
}

/** `unmask demo [--out DIR] [--seed N]`: a Spamouflage-like scenario, analyzed end to end. */
export async function demoCommand(
  flags: { out: string; seed: string; accounts: string },
  io: CliIo,
): Promise<number> {
  const t0 = io.now();
  rmSync(flags.out, { recursive: true, force: true });
  const data = join(flags.out, 'data');
  io.progress.start('simulate spamouflage', 1);
  const sim = simulate(
    { scenario: 'spamouflage', seed: Number(flags.seed), accounts: Number(flags.accounts) },
    data,
  );
  io.progress.update(1, `${sim.posts.toLocaleString('en')} posts`);
  io.progress.stop();
  const s = await analyze([data], { out: flags.out, seed: flags.seed }, io);
  const planted = sim.operations
    .map(
      (o) =>
        `${o.name}: ${o.accounts} accounts in ${o.clusters} clusters, operators on UTC+${o.utcOffsetMinutes / 60}`,
    )
    .join('; ');
  io.stdout.write(
    `Simulated ${sim.accounts.toLocaleString('en')} accounts and ${sim.posts.toLocaleString('en')} posts with a hidden operation (${planted}).\n`,
  );
  printAnalysis(s, io);
  io.stdout.write(
    `Ground truth: ${join(data, 'truth.csv')} (score it: unmask evaluate --truth ${join(data, 'truth.csv')} --results ${flags.out})\n`,
  );
  io.stdout.write(`Report: ${s.files.report} (${((io.now() - t0) / 1000).toFixed(1)} s)\n`);
  return EXIT.ok;
}
