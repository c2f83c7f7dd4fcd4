// `unmask simulate --scenario NAME --seed N [--accounts N] [--days N] [--stealth X] [--hard-negatives X] [--format native|x-archive] --out <dir>`.
import { ConfigError } from '../../core/index.js';
import { simulate, SIMULATE_DEFAULTS, simulateImages } from '../../simulate/index.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';

/** Raw flags of the simulate command. */
export interface SimulateFlags {
  readonly scenario: string;
  readonly seed: string;
  readonly accounts?: string;
  readonly days?: string;
  readonly stealth?: string;
  readonly hardNegatives?: string;
  readonly format: string;
  readonly out: string;
  /** `--images`: also draw pictures (image-posts.csv, media/, image-truth.csv). */
  readonly images?: boolean;
  readonly json?: boolean;
}

/** Runs the simulate command; returns the exit code. */
export async function simulateCommand(flags: SimulateFlags, io: CliIo): Promise<number> {
  if (flags.format !== 'native' && flags.format !== 'x-archive')
    throw new ConfigError(`--format: expected native or x-archive, got '${flags.format}'`);
  const num = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new ConfigError(`--${name}: not a number: '${value}'`);
    return n;
  };
  const t0 = io.now();
  io.progress.start(`simulate ${flags.scenario}`, 1);
  const summary = simulate(
    {
      scenario: flags.scenario,
      seed: num(flags.seed, 'seed'),
      accounts: num(flags.accounts, 'accounts'),
      days: num(flags.days, 'days'),
      stealth: num(flags.stealth, 'stealth'),
      hardNegatives: num(flags.hardNegatives, 'hard-negatives'),
      format: flags.format,
    },
    flags.out,
  );
  io.progress.update(1, `${summary.posts.toLocaleString('en')} posts`);
  io.progress.stop();
  const images = flags.images
    ? await simulateImages(flags.out, {
        seed: summary.seed,
        start: SIMULATE_DEFAULTS.start,
        days: num(flags.days, 'days') ?? SIMULATE_DEFAULTS.days,
      })
    : null;
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(images ? { ...summary, images } : summary, null, 2)}\n`);
    return 0;
  }
  const seconds = Math.max(0.001, (io.now() - t0) / 1000);
  io.stdout.write(
    formatTable(
      ['operation', 'accounts', 'clusters', 'operator UTC offset'],
      summary.operations.map((o) => [
        o.name,
        o.accounts,
        o.clusters,
        `${o.utcOffsetMinutes >= 0 ? '+' : '-'}${String(Math.abs(o.utcOffsetMinutes) / 60)}h`,
      ]),
    ),
  );
  if (summary.kinds)
    io.stdout.write(
      `kinds (truth.csv): ${Object.entries(summary.kinds)
        .map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`)
        .join(', ')}\n`,
    );
  io.stdout.write(
    `${summary.accounts.toLocaleString('en')} accounts, ${summary.posts.toLocaleString('en')} posts (${summary.format}) in ${flags.out}: ${summary.files.join(', ')}\n`,
  );
  if (images)
    io.stdout.write(
      `${images.pictures.toLocaleString('en')} pictures in ${flags.out}/media (${Object.entries(
        images.copies,
      )
        .map(([edit, n]) => `${n} ${edit}`)
        .join(
          ', ',
        )} operation copies; ${images.organicOriginals} organic originals; ${images.viralShares} viral shares): image-posts.csv, image-truth.csv\n`,
    );
  io.stdout.write(`${Math.round(summary.posts / seconds).toLocaleString('en')} posts/s\n`);
  return 0;
}
