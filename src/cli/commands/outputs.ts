// `unmask report`, `unmask export`, `unmask analyze` and `unmask demo`.
import { basename, join } from 'node:path';

import type { KnownAsset } from '../../characterize/index.js';
import { readKnownFile } from '../../characterize/index.js';
import { ConfigError, NotFoundError, parseTlp } from '../../core/index.js';
import { hasDetection } from '../../detect/index.js';
import type { GraphEdges } from '../../export/index.js';
import type { AnalyzeFlags, AnalyzeSummary } from '../../pipeline/index.js';
import { analyze, writeExport, writeReport } from '../../pipeline/index.js';
import { openCase } from '../../pipeline/index.js';
import { simulate } from '../../simulate/index.js';
import type { Store } from '../../store/index.js';
import { EXIT } from '../cli-error.js';
import { prepareDemoFolder } from '../demo-folder.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';
import { detectOptionsFromFlags } from './detect.js';

/** The detected clusters' profiles with returning assets matched against `known`, not kept. */
async function characterizeFor(
  store: Store,
  casePath: string,
  known: readonly KnownAsset[],
  io: CliIo,
) {
  if (!(await hasDetection(store)))
    throw new NotFoundError(
      `${casePath}: no detection results; run 'unmask detect --case ${casePath} --out <dir>' first`,
    );
  const { characterize } = await import('../../characterize/index.js');
  return (await characterize(store, { groups: null, seed: 1, keep: false, known }, io.progress))
    .groups;
}

/** `unmask report --case C --out report.html|report.md|report.pdf`. */
export async function reportCommand(
  flags: { case: string; out: string; tlp?: string; known?: string[] },
  io: CliIo,
): Promise<number> {
  const tlp = parseTlp(flags.tlp);
  const known = (flags.known ?? []).flatMap((f) => readKnownFile(f));
  const store = await openCase(flags.case, { mustExist: true, progress: io.progress });
  try {
    // With --known the clusters are profiled again against the known assets, in memory only.
    const profiles = known.length ? await characterizeFor(store, flags.case, known, io) : undefined;
    await writeReport(store, flags.case, flags.out, io.progress, profiles, {
      tlp,
      command: `unmask report --case ${basename(flags.case)} --out ${basename(flags.out)}${tlp.level === 'green' ? '' : ` --tlp ${tlp.level}`}${known.length ? ' --known …' : ''}`,
    });
  } finally {
    store.close();
  }
  io.stdout.write(`report → ${flags.out}\n`);
  return EXIT.ok;
}

/** `unmask export --case C --format stix|misp|gexf|graphml|takedown --out FILE [--edges …] [--tlp …] [--disarm …]`. */
export async function exportCommand(
  flags: {
    case: string;
    format: string;
    out: string;
    edges?: string;
    tlp?: string;
    disarm?: string;
  },
  io: CliIo,
): Promise<number> {
  const tlp = parseTlp(flags.tlp);
  const edges = (flags.edges ?? 'significant') as GraphEdges;
  if (edges !== 'significant' && edges !== 'all')
    throw new ConfigError(`--edges: expected significant or all, got '${flags.edges}'`);
  const store = await openCase(flags.case, { mustExist: true, progress: io.progress });
  let what: string;
  try {
    what = await writeExport(
      store,
      flags.case,
      flags.format,
      flags.out,
      io.progress,
      edges,
      undefined,
      { tlp, ...(flags.disarm ? { disarm: flags.disarm } : {}) },
    );
  } finally {
    store.close();
  }
  io.stdout.write(`${flags.format}: ${what} → ${flags.out}\n`);
  return EXIT.ok;
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

/** Raw flags of `unmask analyze`. */
export interface AnalyzeCommandFlags {
  readonly out: string;
  readonly format?: string;
  readonly platform?: string;
  readonly timezone?: string;
  readonly window?: string;
  readonly minWeight?: string;
  readonly signals?: string;
  readonly seed?: string;
  readonly fdr?: string;
  readonly pdf?: boolean;
  readonly known?: string[];
  readonly case?: string;
}

/** `unmask analyze <inputs...> --out <dir>`. */
export async function analyzeCommand(
  paths: string[],
  flags: AnalyzeCommandFlags,
  io: CliIo,
): Promise<number> {
  const options: AnalyzeFlags = { ...flags, detect: detectOptionsFromFlags(flags) };
  const s = await analyze(paths, options, io);
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
  const whole = (value: string, name: string, min: number) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min)
      throw new ConfigError(`--${name}: expected a whole number ≥ ${min}, got '${value}'`);
    return n;
  };
  // Flags first, then the folder: nothing is removed for a run that cannot start.
  const seed = whole(flags.seed, 'seed', 0);
  const accounts = whole(flags.accounts, 'accounts', 20);
  prepareDemoFolder(flags.out);
  const data = join(flags.out, 'data');
  io.progress.start('simulate spamouflage', 1);
  const sim = simulate({ scenario: 'spamouflage', seed, accounts }, data);
  io.progress.update(1, `${sim.posts.toLocaleString('en')} posts`);
  io.progress.stop();
  const s = await analyze(
    [data],
    {
      out: flags.out,
      detect: { seed },
      command: `unmask demo --seed ${seed} --accounts ${accounts}`,
    },
    io,
  );
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
