// `unmask simulate`: influence operations hidden in a realistic organic crowd, with ground truth.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError } from '../errors.js';
import type { SimConfig } from './context.js';
import { SimContext } from './context.js';
import type { PlantedOperation } from './operations.js';
import { ira, ring, spamouflage } from './operations.js';
import { generateOrganic } from './organic.js';
import { Rng } from './rng.js';
import { nativeWriter, xArchiveWriter } from './writers.js';

/** The named scenarios; combine operations with '+', e.g. 'spamouflage+ira'. */
export const SCENARIOS = ['spamouflage', 'ira', 'ring', 'organic-only'] as const;

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Scenario name(s) joined by '+'; see {@link SCENARIOS}. */
  readonly scenario: string;
  /** Seed; the same seed writes the same bytes. Default 1. */
  readonly seed?: number;
  /** Organic accounts in the crowd; operations are sized from it. Default 2000. */
  readonly accounts?: number;
  /** Days simulated from `start`. Default 42 (spans Spring Festival 2024 and the US DST change). */
  readonly days?: number;
  /** First day, epoch ms of a UTC midnight. Default 2024-02-05. */
  readonly start?: number;
  /** Mean everyday posts per organic account per day (heavy-tailed). Default 3. */
  readonly postsPerDay?: number;
  /** 0..1: more timing jitter, smaller amplification sets, paraphrase edits. Default 0.2. */
  readonly stealth?: number;
  /** Scale of organic hard negatives (news bursts, viral cascades, trends, news bots). Default 1. */
  readonly hardNegatives?: number;
  /** Output format. Default 'native'. */
  readonly format?: 'native' | 'x-archive';
}

/** Defaults of {@link SimulateOptions}. */
export const DEFAULTS = {
  seed: 1,
  accounts: 2000,
  days: 42,
  start: Date.UTC(2024, 1, 5),
  postsPerDay: 3,
  stealth: 0.2,
  hardNegatives: 1,
  format: 'native',
} as const;

/** What a simulation wrote. */
export interface SimulationSummary {
  readonly scenario: string;
  readonly seed: number;
  readonly format: 'native' | 'x-archive';
  readonly accounts: number;
  readonly posts: number;
  readonly operations: readonly PlantedOperation[];
  readonly files: readonly string[];
}

/** Writes a scenario's activity, truth.csv and scenario.json to `dir`; returns the summary. */
export function simulate(options: SimulateOptions, dir: string): SimulationSummary {
  const parts = options.scenario.split('+').map((s) => s.trim());
  for (const p of parts)
    if (!(SCENARIOS as readonly string[]).includes(p))
      throw new ConfigError(
        `--scenario: unknown scenario '${p}' (expected ${SCENARIOS.join(', ')}, combined with '+')`,
      );
  const config: SimConfig = {
    seed: options.seed ?? DEFAULTS.seed,
    accounts: positive(options.accounts ?? DEFAULTS.accounts, 'accounts', 20),
    days: positive(options.days ?? DEFAULTS.days, 'days', 7),
    start: options.start ?? DEFAULTS.start,
    postsPerDay: options.postsPerDay ?? DEFAULTS.postsPerDay,
    stealth: Math.min(1, Math.max(0, options.stealth ?? DEFAULTS.stealth)),
    hardNegatives: Math.max(0, options.hardNegatives ?? DEFAULTS.hardNegatives),
  };
  const format = options.format ?? DEFAULTS.format;
  mkdirSync(dir, { recursive: true });
  const writer =
    format === 'native'
      ? nativeWriter(dir, config.start + config.days * 86_400_000)
      : xArchiveWriter(dir);
  const ctx = new SimContext(config, writer);
  const rng = new Rng(config.seed);
  const operations: PlantedOperation[] = [];
  try {
    const crowd = generateOrganic(ctx, rng.fork('organic'));
    if (parts.includes('spamouflage')) operations.push(spamouflage(ctx, rng.fork('spamouflage')));
    if (parts.includes('ira')) operations.push(ira(ctx, rng.fork('ira'), crowd));
    if (parts.includes('ring')) operations.push(ring(ctx, rng.fork('ring')));
  } finally {
    writer.close();
  }
  const files =
    format === 'native'
      ? [
          'posts.csv',
          'accounts.csv',
          'renames.csv',
          'observations.csv',
          'follows.csv',
          'truth.csv',
          'scenario.json',
        ]
      : ['tweets.csv', 'users.csv', 'truth.csv', 'scenario.json'];
  const summary: SimulationSummary = {
    scenario: options.scenario,
    seed: config.seed,
    format,
    accounts: writer.accounts(),
    posts: writer.posts(),
    operations,
    files,
  };
  writeFileSync(
    join(dir, 'scenario.json'),
    `${JSON.stringify({ ...summary, config: { ...config, start: new Date(config.start).toISOString() } }, null, 2)}\n`,
  );
  return summary;
}

function positive(n: number, name: string, min: number): number {
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(`--${name}: expected a whole number ≥ ${min}, got ${n}`);
  return n;
}
