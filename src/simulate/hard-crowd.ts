// The hard crowd: the organic look-alikes of coordination the field knows (fandom streaming
// parties, copypasta activism, friend cliques, news-outlet automation), sized from the run.
import type { Rng } from '../core/index.js';
import { friendClique } from './cliques.js';
import type { SimConfig, SimContext } from './context.js';
import { copypastaMovement } from './copypasta.js';
import { fandom } from './fandom.js';
import { FANDOMS, MOVEMENTS, OUTLETS } from './lookalike-bank.js';
import type { Person } from './organic.js';
import { organicObservations } from './organic.js';
import { newsOutlet } from './outlets.js';

/** The look-alikes, each a scenario part; 'hard-crowd' is all of them. */
export const LOOKALIKES = ['fandom', 'copypasta', 'cliques', 'outlets'] as const;

/** One of {@link LOOKALIKES}. */
export type Lookalike = (typeof LOOKALIKES)[number];

/** How many of each look-alike a run has (written to scenario.json). */
export interface LookalikePlan {
  /** Fans per fandom (each fandom also has its idol). */
  readonly fandoms: readonly number[];
  /** Activists per movement (each movement also has its organizer). */
  readonly movements: readonly number[];
  /** Copypasta campaigns over the run, all movements together. */
  readonly campaigns: number;
  /** Friends per clique. */
  readonly cliques: readonly number[];
  /** Accounts per news outlet (main account and regional editions). */
  readonly outlets: readonly number[];
}

/**
 * Returns the look-alikes' sizes for `config` (organic accounts and the hard-negatives scale):
 * fans 7% of the crowd in fandoms of at least 150, activists 8% in up to three movements, three
 * campaigns a week, friends 6% in cliques of 5–12, three outlets of 4–6 accounts; all scaled.
 */
export function planLookalikes(config: SimConfig, which: ReadonlySet<Lookalike>): LookalikePlan {
  const n = config.accounts;
  const s = config.hardNegatives;
  const on = (p: Lookalike) => s > 0 && which.has(p);
  const fans = Math.round(n * 0.07 * s);
  const fandomCount = on('fandom') ? Math.max(1, Math.round(fans / 180)) : 0;
  const weights = Array.from({ length: fandomCount }, (_, i) => fandomCount + 1 - i);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const activists = Math.round(n * 0.08 * s);
  const movementCount = on('copypasta')
    ? Math.min(MOVEMENTS.length, Math.max(1, Math.round(activists / 80)))
    : 0;
  const cliques: number[] = [];
  if (on('cliques'))
    for (let total = 0, i = 0; total < Math.round(n * 0.06 * s); i++) {
      const size = 5 + ((i * 3) % 8);
      cliques.push(size);
      total += size;
    }
  const outletCount = on('outlets') ? Math.max(1, Math.round(3 * s)) : 0;
  return {
    fandoms: weights.map((w) => Math.max(150, Math.round((fans * w) / weightSum))),
    movements: Array.from({ length: movementCount }, () =>
      Math.max(30, Math.round(activists / movementCount)),
    ),
    campaigns: movementCount ? Math.round((config.days / 7) * 3 * s) : 0,
    cliques,
    outlets: Array.from(
      { length: outletCount },
      (_, i) => 1 + (OUTLETS[i % OUTLETS.length]?.editions.length ?? 0),
    ),
  };
}

/** Returns the accounts a plan adds: fans and idols, activists and organizers, friends, outlets. */
export function plannedAccounts(plan: LookalikePlan): number {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return (
    sum(plan.fandoms) +
    plan.fandoms.length +
    sum(plan.movements) +
    plan.movements.length +
    sum(plan.cliques) +
    sum(plan.outlets)
  );
}

/** Creates the look-alikes of `plan` and streams their activity (everyday posts included). */
export function generateLookalikes(ctx: SimContext, rng: Rng, plan: LookalikePlan): void {
  const observations = rng.fork('observations');
  const people: Person[] = [];
  plan.fandoms.forEach((fans, i) => {
    const spec = FANDOMS[i % FANDOMS.length];
    if (spec) people.push(...fandom(ctx, rng.fork(`fandom-${i}`), spec, { fans }));
  });
  plan.movements.forEach((activists, i) => {
    const spec = MOVEMENTS[i % MOVEMENTS.length];
    // Campaigns go round the movements.
    const campaigns =
      Math.floor(plan.campaigns / plan.movements.length) +
      (i < plan.campaigns % plan.movements.length ? 1 : 0);
    if (spec)
      people.push(
        ...copypastaMovement(ctx, rng.fork(`movement-${i}`), spec, { activists, campaigns }),
      );
  });
  plan.cliques.forEach((size, i) => {
    people.push(...friendClique(ctx, rng.fork(`clique-${i}`), { size }));
  });
  plan.outlets.forEach((accounts, i) => {
    const spec = OUTLETS[i % OUTLETS.length];
    if (spec)
      newsOutlet(ctx, rng.fork(`outlet-${i}`), spec, {
        accounts,
        copy: Math.floor(i / OUTLETS.length),
      });
  });
  organicObservations(ctx, observations, people);
}
