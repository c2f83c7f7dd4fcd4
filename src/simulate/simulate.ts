// `unmask simulate`: influence operations hidden in a realistic organic crowd, with ground truth.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, Rng } from '../core/index.js';
import { carefulOffice } from './careful-office.js';
import type { SimConfig } from './context.js';
import { SimContext } from './context.js';
import type { Lookalike, LookalikePlan } from './hard-crowd.js';
import { generateLookalikes, LOOKALIKES, planLookalikes, plannedAccounts } from './hard-crowd.js';
import { nightShift } from './night-shift.js';
import type { PlantedOperation } from './operations.js';
import { ira, ring, spamouflage } from './operations.js';
import { generateOrganic, newsBotCount } from './organic.js';
import { sparseNetwork } from './sparse-network.js';
import type { SimAccount, SimSink } from './types.js';
import type { SimWriter } from './writers.js';
import { nativeWriter, xArchiveWriter } from './writers.js';

/** The careful operations, each a scenario part; 'careful' is all of them. */
export const CAREFUL = ['careful-office', 'night-shift', 'sparse-network'] as const;

/**
 * The named scenarios; combine them with '+', e.g. 'spamouflage+ira' or 'hard-crowd+ring'.
 * 'hard' is 'hard-crowd+careful'; 'hard-crowd' is the four organic look-alikes.
 */
export const SCENARIOS = [
  'spamouflage',
  'ira',
  'ring',
  'organic-only',
  'hard',
  'hard-crowd',
  ...LOOKALIKES,
  'careful',
  ...CAREFUL,
] as const;

// Names that stand for several parts.
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  hard: ['hard-crowd', 'careful'],
  'hard-crowd': LOOKALIKES,
  careful: CAREFUL,
};
// The scenarios whose truth.csv has three columns (their bytes are fixed per seed).
const CLASSIC = new Set(['spamouflage', 'ira', 'ring', 'organic-only']);

/** Smallest --accounts a run with look-alikes takes. */
export const MIN_HARD_ACCOUNTS = 1000;

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
  /** Accounts per kind (truth.csv's fourth column), when the scenario writes kinds. */
  readonly kinds?: Readonly<Record<string, number>>;
  /** Sizes of the organic look-alikes, when the scenario has any. */
  readonly lookalikes?: LookalikePlan;
}

/** Returns the parts a scenario name stands for, groups expanded; throws ConfigError for unknown names. */
export function scenarioParts(scenario: string): Set<string> {
  const parts = new Set<string>();
  const add = (p: string): void => {
    if (!(SCENARIOS as readonly string[]).includes(p))
      throw new ConfigError(
        `--scenario: unknown scenario '${p}' (expected ${SCENARIOS.join(', ')}, combined with '+')`,
      );
    const group = GROUPS[p];
    if (group) group.forEach(add);
    else parts.add(p);
  };
  for (const p of scenario.split('+').map((x) => x.trim())) add(p);
  return parts;
}

/** Writes a scenario's activity, truth.csv and scenario.json to `dir`; returns the summary. */
export function simulate(options: SimulateOptions, dir: string): SimulationSummary {
  const parts = scenarioParts(options.scenario);
  const config = simConfig(options);
  const format = options.format ?? DEFAULTS.format;
  const kinds = [...parts].some((p) => !CLASSIC.has(p));
  const lookalikes = LOOKALIKES.filter((p) => parts.has(p));
  const plan = lookalikes.length ? planLookalikes(config, new Set<Lookalike>(lookalikes)) : null;
  const people = everydayPeople(config, plan);
  mkdirSync(dir, { recursive: true });
  const writer =
    format === 'native'
      ? nativeWriter(dir, config.start + config.days * 86_400_000, { kinds })
      : xArchiveWriter(dir, { kinds });
  const kindCounts = new Map<string, number>();
  const ctx = new SimContext(config, kinds ? countingKinds(writer, kindCounts) : writer);
  let operations: PlantedOperation[];
  try {
    operations = plantScenario(ctx, parts, plan, people);
  } finally {
    writer.close();
  }
  const summary: SimulationSummary = {
    scenario: options.scenario,
    seed: config.seed,
    format,
    accounts: writer.accounts(),
    posts: writer.posts(),
    operations,
    files: FILES[format],
    ...(kinds
      ? { kinds: Object.fromEntries([...kindCounts].sort(([a], [b]) => (a < b ? -1 : 1))) }
      : {}),
    ...(plan ? { lookalikes: plan } : {}),
  };
  writeFileSync(
    join(dir, 'scenario.json'),
    `${JSON.stringify({ ...summary, config: { ...config, start: new Date(config.start).toISOString() } }, null, 2)}\n`,
  );
  return summary;
}

// The files each format writes.
const FILES: Readonly<Record<'native' | 'x-archive', readonly string[]>> = {
  native: [
    'posts.csv',
    'accounts.csv',
    'renames.csv',
    'observations.csv',
    'follows.csv',
    'truth.csv',
    'scenario.json',
  ],
  'x-archive': ['tweets.csv', 'users.csv', 'truth.csv', 'scenario.json'],
};

// The options with defaults filled in and checked; throws ConfigError naming the flag.
function simConfig(options: SimulateOptions): SimConfig {
  return {
    seed: options.seed ?? DEFAULTS.seed,
    accounts: positive(options.accounts ?? DEFAULTS.accounts, 'accounts', 20),
    days: positive(options.days ?? DEFAULTS.days, 'days', 7),
    start: options.start ?? DEFAULTS.start,
    postsPerDay: options.postsPerDay ?? DEFAULTS.postsPerDay,
    stealth: Math.min(1, Math.max(0, options.stealth ?? DEFAULTS.stealth)),
    hardNegatives: Math.max(0, options.hardNegatives ?? DEFAULTS.hardNegatives),
  };
}

// How many organic accounts are everyday people. With look-alikes the organic accounts still number
// --accounts: they come out of the crowd. Throws ConfigError when too few are left.
function everydayPeople(config: SimConfig, plan: LookalikePlan | null): number {
  const people = plan
    ? config.accounts - plannedAccounts(plan) - newsBotCount(config.hardNegatives)
    : config.accounts;
  if (plan && config.accounts < MIN_HARD_ACCOUNTS)
    throw new ConfigError(
      `--accounts: the hard crowd needs at least ${MIN_HARD_ACCOUNTS} accounts, got ${config.accounts}`,
    );
  if (people < config.accounts * 0.3)
    throw new ConfigError(
      `--hard-negatives: ${config.hardNegatives} leaves ${people} of ${config.accounts} accounts for the everyday crowd (at least 30% must be)`,
    );
  return people;
}

// The writer, counting the accounts of each kind it is given into `counts`.
function countingKinds(writer: SimWriter, counts: Map<string, number>): SimSink {
  return {
    ...writer,
    account(a: SimAccount) {
      counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      writer.account(a);
    },
  };
}

// Streams the organic crowd, the look-alikes and each planted operation of the scenario's parts, in
// that order, each from its own seeded stream; returns the operations.
function plantScenario(
  ctx: SimContext,
  parts: ReadonlySet<string>,
  plan: LookalikePlan | null,
  people: number,
): PlantedOperation[] {
  const { seed } = ctx.config;
  const rng = new Rng(seed);
  const operations: PlantedOperation[] = [];
  const crowd = generateOrganic(ctx, rng.fork('organic'), plan ? { people } : {});
  if (plan) generateLookalikes(ctx, new Rng(`${seed}:lookalikes`), plan);
  if (parts.has('spamouflage')) operations.push(spamouflage(ctx, rng.fork('spamouflage')));
  if (parts.has('ira')) operations.push(ira(ctx, rng.fork('ira'), crowd));
  if (parts.has('ring')) operations.push(ring(ctx, rng.fork('ring')));
  if (parts.has('careful-office'))
    operations.push(carefulOffice(ctx, new Rng(`${seed}:careful-office`)));
  if (parts.has('night-shift')) operations.push(nightShift(ctx, new Rng(`${seed}:night-shift`)));
  if (parts.has('sparse-network'))
    operations.push(sparseNetwork(ctx, new Rng(`${seed}:sparse-network`)));
  return operations;
}

function positive(n: number, name: string, min: number): number {
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(`--${name}: expected a whole number ≥ ${min}, got ${n}`);
  return n;
}
