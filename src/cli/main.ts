// The command line: parses flags, runs a command, maps errors to exit codes. The only place that exits.
import { Command, CommanderError } from 'commander';

import { silentProgress } from '../core/index.js';
import { EXIT, exitFor } from './cli-error.js';
import type { CliIo } from './io.js';
import { terminalProgress } from './progress.js';

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  // Each command's module loads when it runs: loading them all took 0.58 s of every start. Help
  // lists the signals and formats from their registries, so it loads those (1–2 s) only for help.
  const lists = await registryLists(argv);
  const program = new Command('unmask')
    .description(
      'Find coordinated inauthentic behaviour in social-media exports and explain it with evidence.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const done = (exit: number) => {
    code = exit;
  };
  addCaseCommands(program, io, done, lists);
  addDetectionCommands(program, io, done);
  addOutputCommands(program, io, done);
  addToolCommands(program, io, done);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const known = exitFor(error);
    if (!known) throw error;
    io.stderr.write(`unmask: ${known.message}\n`);
    return known.code;
  }
  return code;
}

/** The real process effects. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    progress: terminalProgress(process.stderr),
    silentProgress,
    now: Date.now,
  };
}

/**
 * The signal names and ingest formats for the help text, read from their registries when help is
 * asked for (no arguments, `help`, `-h`, `--help`); a short pointer otherwise.
 */
async function registryLists(argv: readonly string[]): Promise<HelpLists> {
  if (argv.length > 0 && !argv.some((a) => a === '--help' || a === '-h' || a === 'help'))
    return { signals: 'a signal name (see --help)', formats: 'a format name (see --help)' };
  const [{ SIGNALS }, { ADAPTERS }] = await Promise.all([
    import('../signals/index.js'),
    import('../ingest/index.js'),
  ]);
  return {
    signals: SIGNALS.map((s) => s.name).join(', '),
    formats: ADAPTERS.map((a) => a.format).join(' | '),
  };
}

/** The signal names and format names shown in the help. */
interface HelpLists {
  readonly signals: string;
  readonly formats: string;
}

/** Commands that fill a case: ingest, signals, pull (from ClickHouse). */
function addCaseCommands(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
  lists: HelpLists,
): void {
  program
    .command('ingest')
    .description('load exports (files or directories) into a DuckDB case file')
    .argument('<paths...>', 'export files (also .gz, .zst, .zip) or directories')
    .requiredOption('--case <case.duckdb>', 'case file to create or add to')
    .option('--format <format>', `auto | ${lists.formats}`, 'auto')
    .option('--platform <name>', "platform for formats that don't name one (default: unknown)")
    .option(
      '--timezone <iana>',
      'zone of timestamps that carry no UTC offset (otherwise they are rejected)',
    )
    .option('--rejects <file>', 'rejects CSV (default: <case>.rejects.csv)')
    .option(
      '--media-dir <dir>',
      'folder of image files named by media id or post id, perceptually hashed (repeatable)',
      (dir: string, dirs: string[] = []) => [...dirs, dir],
    )
    .option('--json', 'print a machine-readable summary')
    .action(async (paths: string[], flags) => {
      done(await (await import('./commands/ingest.js')).ingestCommand(paths, flags, io));
    });

  program
    .command('signals')
    .description("compute one signal's raw account-pair edges (before significance) with evidence")
    .requiredOption('--case <case.duckdb>', 'case file')
    .requiredOption('--signal <name>', lists.signals)
    .requiredOption('--out <edges.csv>', 'CSV of edges')
    .option('--window <seconds>', 'largest |Δt| for co-share and co-reply (inclusive)', '60')
    .option('--min-weight <n>', 'smallest edge weight kept', '1')
    .option('--json', 'print a machine-readable summary')
    .action(async (flags) => {
      done(await (await import('./commands/signals.js')).signalsCommand(flags, io));
    });

  program
    .command('pull')
    .description(
      'copy a ClickHouse case into a local DuckDB case (co-share computed in the cluster)',
    )
    .requiredOption(
      '--case <url>',
      'clickhouse://HOST:HTTP_PORT/DATABASE[?cluster=NAME] or chdb:PATH',
    )
    .requiredOption('--out <local.duckdb>', 'new case file')
    .option('--window <seconds>', 'largest |Δt| for co-share and co-reply (inclusive)', '60')
    .option('--min-weight <n>', 'smallest edge weight kept', '1')
    .option(
      '--clusters <flagged|ids>',
      'only these networks of the last detect (flagged, or ids like 3,7): their accounts, posts and links, for a laptop',
    )
    .option('--json', 'print a machine-readable summary')
    .action(async (flags) => {
      done(await (await import('./commands/pull.js')).pullCommand(flags, io));
    });
}

/** Commands that find and profile the networks: detect, characterize. */
function addDetectionCommands(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('detect')
    .description(
      'test every linked pair against its null model, keep what chance cannot explain (FDR), cluster',
    )
    .requiredOption('--case <case.duckdb>', 'case file')
    .requiredOption('--out <dir>', 'folder for accounts.csv, clusters.json, edges.csv, pairs.csv')
    .option('--window <seconds>', 'largest |Δt| for co-share and co-reply (inclusive)', '60')
    .option('--signals <list>', 'comma-separated signals (default: every tested signal)')
    .option('--seed <n>', 'seed of the clustering', '1')
    .option('--fdr <q>', 'false discovery rate over all account pairs', '0.01')
    .option('--min-weight <n>', 'smallest raw edge weight tested', '1')
    .option('--min-cluster-size <n>', 'smaller clusters are reported, not flagged (default 2)')
    .option('--resolution <gamma>', 'Leiden modularity resolution', '1')
    .option('--flag-automated', 'also flag clusters of accounts on timers (news feeds, schedulers)')
    .option(
      '--flag-likely-organic',
      'also flag coordinated clusters with an organic explanation and no evidence of inauthenticity',
    )
    .option('--recompute', 'recompute signals even when the case has current runs')
    .option('--json', 'print a machine-readable summary')
    .action(async (flags) => {
      done(await (await import('./commands/detect.js')).detectCommand(flags, io));
    });

  program
    .command('characterize')
    .description(
      'profile each detected cluster (or given group): assets, operator clock, languages, narratives, reach, DISARM',
    )
    .requiredOption('--case <case.duckdb>', 'case file')
    .requiredOption('--out <profiles.json>', 'profiles file')
    .option(
      '--groups <groups.csv>',
      'platform,account_id,group: profile these groups instead of clusters',
    )
    .option('--seed <n>', 'seed of the clock confidence bootstrap', '1')
    .option(
      '--known <file...>',
      'earlier takedown CSV or Meta indicator files: matching members are returning assets',
    )
    .option('--json', 'print the profiles as JSON')
    .action(async (flags) => {
      done(await (await import('./commands/characterize.js')).characterizeCommand(flags, io));
    });
}

/** Commands that write what was found, or run everything: report, export, analyze, demo. */
function addOutputCommands(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('report')
    .description('write the network write-up: HTML (one offline file), Markdown or PDF')
    .requiredOption('--case <case.duckdb>', 'case file with detection results')
    .requiredOption('--out <file>', 'report.html, report.md or report.pdf')
    .option('--tlp <level>', 'marking on every page: white | green | amber | red', 'green')
    .option(
      '--known <file...>',
      'earlier takedown CSV or Meta indicator files: matching members are returning assets',
    )
    .action(async (flags) => {
      done(await (await import('./commands/outputs.js')).reportCommand(flags, io));
    });

  program
    .command('export')
    .description(
      'export for sharing: STIX 2.1 bundle, MISP events, GEXF or GraphML graph, takedown CSV',
    )
    .requiredOption('--case <case.duckdb>', 'case file with detection results')
    .requiredOption('--format <format>', 'stix | misp | gexf | graphml | takedown')
    .requiredOption('--out <file>', 'output file')
    .option('--edges <which>', 'graphs: significant links or all raw signal edges', 'significant')
    .option('--tlp <level>', 'STIX and MISP marking: white | green | amber | red', 'green')
    .option(
      '--disarm <DISARM.json>',
      "STIX: DISARM's own bundle, whose attack-patterns the bundle then carries (default: $UNMASK_DISARM; without it, unmask's own naming the DISARM ids)",
    )
    .action(async (flags) => {
      done(await (await import('./commands/outputs.js')).exportCommand(flags, io));
    });

  program
    .command('analyze')
    .description('ingest, detect, characterize, report and export in one run')
    .argument('<paths...>', 'export files or directories')
    .requiredOption('--out <dir>', 'folder for the case and every output')
    .option('--format <format>', 'input format (as ingest)', 'auto')
    .option('--platform <name>', "platform for formats that don't name one")
    .option('--timezone <iana>', 'zone of timestamps that carry no UTC offset')
    .option('--window <seconds>', 'largest |Δt| for co-share and co-reply', '60')
    .option('--min-weight <n>', 'smallest raw edge weight tested', '1')
    .option('--signals <list>', 'comma-separated signals (default: every tested signal)')
    .option('--seed <n>', 'seed', '1')
    .option('--fdr <q>', 'false discovery rate over all account pairs', '0.01')
    .option('--pdf', 'also write report.pdf (needs Chromium)')
    .option(
      '--known <file...>',
      'earlier takedown CSV or Meta indicator files: matching members are returning assets',
    )
    .option(
      '--case <url>',
      'a ClickHouse case to ingest into and analyze (clickhouse://… or chdb:…; default <out>/case.duckdb)',
    )
    .action(async (paths: string[], flags) => {
      done(await (await import('./commands/outputs.js')).analyzeCommand(paths, flags, io));
    });

  program
    .command('demo')
    .description(
      'simulate a Spamouflage-like operation in a crowd, analyze it, and say where the report is',
    )
    .option(
      '--out <dir>',
      'folder for the demo: new, empty, or one an earlier demo made (it is replaced)',
      'unmask-demo',
    )
    .option('--seed <n>', 'seed of the scenario', '1')
    .option('--accounts <n>', 'organic accounts in the crowd', '1000')
    .action(async (flags) => {
      done(await (await import('./commands/outputs.js')).demoCommand(flags, io));
    });
}

/** The workspace server and the tools around detection: serve, evaluate, simulate. */
function addToolCommands(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('serve')
    .description(
      'serve the investigation API and web UI over a case; every API request needs an access token (one per analyst from --users, or UNMASK_TOKEN, --token-file, or a new one printed at start)',
    )
    .requiredOption('--case <case.duckdb>', 'case file')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port', '8787')
    .option('--token-file <file>', 'file whose first line is the access token')
    .option(
      '--users <file>',
      "analysts, one 'name:token' a line: each token is accepted and decisions are recorded under its name",
    )
    .option(
      '--reviewer <name>',
      'the name decisions made with the single token are recorded under (default: the OS user)',
    )
    .option(
      '--allowed-host <name>',
      'a further host name clients may use (repeatable; the listen address and loopback names are allowed)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--token <token>', 'deprecated: visible in ps; use UNMASK_TOKEN or --token-file')
    .action(async (flags) => {
      done(await (await import('./commands/serve.js')).serveCommand(flags, io));
    });

  program
    .command('evaluate')
    .description('score detection results against ground truth (precision, recall, F1, ARI, NMI)')
    .requiredOption('--truth <truth.csv>', 'platform,account_id,label (operation or organic)')
    .requiredOption('--results <dir>', 'folder with accounts.csv from detect')
    .option('--out <file>', 'evaluation JSON (default: <results>/evaluation.json)')
    .option('--json', 'print the evaluation as JSON')
    .action(async (flags) => {
      done((await import('./commands/evaluate.js')).evaluateCommand(flags, io));
    });

  program
    .command('simulate')
    .description('write a seeded scenario: operations hidden in an organic crowd, with truth.csv')
    .requiredOption(
      '--scenario <name>',
      'spamouflage | ira | ring | organic-only | hard | hard-crowd | careful (and their parts, docs/scenarios.md), combined with + (e.g. spamouflage+ira)',
    )
    .option('--seed <n>', 'random seed; the same seed writes the same bytes', '1')
    .option(
      '--accounts <n>',
      'organic accounts in the crowd (operations are sized from it)',
      '2000',
    )
    .option('--days <n>', 'days simulated from 2024-02-05', '42')
    .option(
      '--stealth <0..1>',
      'timing jitter, smaller amplification sets, paraphrase edits',
      '0.2',
    )
    .option(
      '--hard-negatives <x>',
      'scale of benign coordination (news bursts, viral cascades, trends, news bots; the hard crowd’s look-alikes)',
      '1',
    )
    .option('--format <format>', 'native | x-archive', 'native')
    .option(
      '--images',
      'also draw pictures: operations post edited copies of a few bases, organic accounts their own (image-posts.csv, media/, image-truth.csv)',
    )
    .requiredOption('--out <dir>', 'output folder')
    .option('--json', 'print a machine-readable summary')
    .action(async (flags) => {
      done(await (await import('./commands/simulate.js')).simulateCommand(flags, io));
    });
}
