// Calibration of the operator clock: stated confidence against observed accuracy (the likeliest
// offset within an hour of the truth) over synthetic groups (bench/clock-groups.ts) and, when the
// archive is there, the real IRA groups of ira-dev. `--fit` scans the evidence weights on one seed
// set ("fit") and checks each on another ("check"); without it the clock runs as shipped.
//
// `--contrast` fits the synthetic groups on the contrast above their floor (offset-fit.ts).
//
//   npx tsx bench/clock-calibration.ts [--fit] [--groups N] [--no-real] [--contrast]
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { Characterization } from '../src/characterize/index.js';
import {
  ACCOUNT_CLOCK_MIN,
  accountClocks,
  characterize,
  CLOCK_EVIDENCE,
  clockCalendar,
  GROUP_CONTRAST,
  MEMBER_CLOCK_EVIDENCE,
  mostProbable,
  offsetDistance,
  offsetFit,
  offsetPosterior,
  operatorClock,
  readGroupsFile,
} from '../src/characterize/index.js';
import { silentProgress } from '../src/core/index.js';
import { Rng } from '../src/core/index.js';
import type { SyntheticGroup } from './clock-groups.js';
import { syntheticGroups } from './clock-groups.js';
import { ingestArchive } from './ingest-archive.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COUNT = value('--groups', 80);
const SEED = 1;
const RESAMPLES = 50;
const IRA = join(import.meta.dirname, '..', '..', 'shared', 'realdata', 'ira-dev');
const log = (s: string) => process.stderr.write(`${s}\n`);

/** One stated confidence and whether the likeliest offset was right within an hour. */
interface Outcome {
  readonly confidence: number;
  readonly correct: boolean;
}

const BINS: ReadonlyArray<readonly [number, number, string]> = [
  [0, 0.5, '0–0.5 (unknown)'],
  [0.5, 0.7, '0.5–0.7'],
  [0.7, 0.9, '0.7–0.9'],
  [0.9, 1.0001, '0.9–1'],
];

const right = (likeliest: number | null, truth: number | null) =>
  likeliest !== null && truth !== null && offsetDistance(likeliest, truth) <= 60;

/** The calibration table's rows: per bin, how many, mean stated confidence, observed accuracy. */
function table(outcomes: readonly Outcome[], noun = 'groups'): string[] {
  const rows = BINS.map(([lo, hi, label]) => {
    const inBin = outcomes.filter((o) => o.confidence >= lo && o.confidence < hi);
    const mean = (f: (o: Outcome) => number) =>
      inBin.length ? inBin.reduce((s, o) => s + f(o), 0) / inBin.length : NaN;
    const pct = (x: number) => (Number.isNaN(x) ? '–' : `${Math.round(x * 100)}%`);
    return `| ${label} | ${inBin.length} | ${pct(mean((o) => o.confidence))} | ${pct(mean((o) => (o.correct ? 1 : 0)))} |`;
  });
  return [
    `| stated confidence | ${noun} | mean stated | observed accuracy |`,
    '|---|---|---|---|',
    ...rows,
  ];
}

/** Brier score of stated confidence against rightness (lower is better). */
const brier = (outcomes: readonly Outcome[]) =>
  outcomes.reduce((s, o) => s + (o.confidence - (o.correct ? 1 : 0)) ** 2, 0) / outcomes.length;
/** Groups said to be right with at least 0.7 that were wrong. */
const confidentlyWrong = (outcomes: readonly Outcome[]) =>
  outcomes.filter((o) => o.confidence >= 0.7 && !o.correct).length;

/** A group's outcome at each evidence weight: the clock's own steps, fitted once. */
function groupOutcomes(g: SyntheticGroup, evidences: readonly number[]): Outcome[] {
  if (g.times.length < 200) return evidences.map(() => ({ confidence: 0, correct: false }));
  // The same draws in the same order as operatorClock.
  const rng = new Rng(`clock:${SEED}`);
  const cal = clockCalendar(g.times, rng);
  const fit = offsetFit(cal.dc, {
    candidates: cal.candidates,
    resamples: RESAMPLES,
    rng,
    contrast: flag('--contrast') || GROUP_CONTRAST,
  });
  return evidences.map((evidence) => {
    const { offsetMinutes, confidence } = mostProbable(
      offsetPosterior(fit, { prior: cal.prior, evidence }),
    );
    return { confidence, correct: right(offsetMinutes, g.truthMinutes) };
  });
}

/** Each member's outcome (members with enough posts) at each member evidence weight. */
function memberOutcomes(g: SyntheticGroup, evidences: readonly number[]): Outcome[][] {
  return g.members
    .filter((m) => m.times.length >= ACCOUNT_CLOCK_MIN)
    .map((m) =>
      accountClocks(m.times, evidences).map((c) => ({
        confidence: c.confidence,
        correct: right(c.likeliestMinutes, m.truthMinutes),
      })),
    );
}

const column = <T>(rows: readonly T[][], i: number) => rows.map((r) => r[i] as T);

/** Prints the scan of evidence weights and the calibration tables at the best one on the fit set. */
function scan(
  label: string,
  evidences: readonly number[],
  fit: Outcome[][],
  check: Outcome[][],
): void {
  console.log(`\n### ${label}: evidence weights (fit set / check set)\n`);
  console.log('| evidence | Brier fit | Brier check | confidently wrong (≥ 0.7) fit | check |');
  console.log('|---|---|---|---|---|');
  // The smallest weight whose Brier score on the fit set is within 0.01 of the least: the scores
  // are flat near their minimum, and within the noise the less confident clock is preferred.
  const least = Math.min(...evidences.map((_, i) => brier(column(fit, i))));
  const best = evidences.findIndex((_, i) => brier(column(fit, i)) <= least + 0.01);
  evidences.forEach((e, i) => {
    const f = column(fit, i);
    const c = column(check, i);
    console.log(
      `| ${e} | ${brier(f).toFixed(3)} | ${brier(c).toFixed(3)} | ${confidentlyWrong(f)}/${f.length} | ${confidentlyWrong(c)}/${c.length} |`,
    );
  });
  for (const [set, rows] of [
    ['fit', fit],
    ['check', check],
  ] as const) {
    console.log(
      `\n${label}, evidence ${evidences[best]} (the smallest within 0.01 of the least Brier on the fit set), ${set} set:\n`,
    );
    console.log(table(column(rows, best)).join('\n'));
  }
}

log(`clock-calibration: synthesizing ${COUNT} + ${COUNT} groups`);
const fitSet = syntheticGroups({ seed: 'fit', count: COUNT });
const checkSet = syntheticGroups({ seed: 'check', count: COUNT });

if (flag('--fit')) {
  const evidences = [20, 50, 70, 100, 150, 200, 300, 500];
  log('clock-calibration: scanning group evidence weights');
  const f = fitSet.map((g, i) => (log(`  fit ${i}`), groupOutcomes(g, evidences)));
  const c = checkSet.map((g, i) => (log(`  check ${i}`), groupOutcomes(g, evidences)));
  scan('Groups', evidences, f, c);
  const memberEvidences = [10, 20, 30, 50, 70, 100, 150];
  log('clock-calibration: scanning member evidence weights');
  const mf = fitSet.flatMap((g) => memberOutcomes(g, memberEvidences));
  const mc = checkSet.flatMap((g) => memberOutcomes(g, memberEvidences));
  scan('Members', memberEvidences, mf, mc);
}

// The clock as shipped, on the check set.
log(`clock-calibration: the clock as shipped (evidence ${CLOCK_EVIDENCE}) on the check set`);
const shipped: Outcome[] = [];
const byPattern = new Map<string, { n: number; right: number; sure: number }>();
for (const g of checkSet) {
  const c = operatorClock(g.times, { automatedShare: 0, resamples: RESAMPLES, seed: SEED });
  const o = {
    confidence: c.timezone.confidence,
    correct: right(c.timezone.likeliestMinutes, g.truthMinutes),
  };
  shipped.push(o);
  const p = byPattern.get(g.pattern) ?? { n: 0, right: 0, sure: 0 };
  p.n++;
  if (o.correct) p.right++;
  if (o.confidence >= 0.5) p.sure++;
  byPattern.set(g.pattern, p);
}
console.log(
  `\n### Synthetic groups (check set, ${checkSet.length} groups, evidence ${CLOCK_EVIDENCE})\n`,
);
console.log(table(shipped).join('\n'));
console.log(
  `\nBrier ${brier(shipped).toFixed(3)}; confidently wrong (≥ 0.7): ${confidentlyWrong(shipped)}`,
);
console.log(
  '\n| pattern | groups | likeliest right | offset reported (≥ 0.5) |\n|---|---|---|---|',
);
for (const [p, s] of [...byPattern].sort())
  console.log(`| ${p} | ${s.n} | ${s.right} | ${s.sure} |`);

const members = checkSet.flatMap((g) =>
  memberOutcomes(g, [MEMBER_CLOCK_EVIDENCE]).map((r) => r[0] as Outcome),
);
console.log(
  `\n### Member clocks (check set, ${members.length} members with ${ACCOUNT_CLOCK_MIN}+ posts, evidence ${MEMBER_CLOCK_EVIDENCE})\n`,
);
console.log(table(members, 'members').join('\n'));
console.log(
  `\nBrier ${brier(members).toFixed(3)}; confidently wrong (≥ 0.7): ${confidentlyWrong(members)}`,
);

if (!flag('--no-real') && existsSync(join(IRA, 'tweets.csv.gz'))) {
  log('clock-calibration: ira-dev (ingest and characterize)');
  const store = await ingestArchive(join(IRA, 'tweets.csv.gz'));
  let result: Characterization;
  try {
    result = await characterize(
      store,
      { groups: readGroupsFile(join(IRA, 'groups.csv')), seed: SEED },
      silentProgress,
    );
  } finally {
    store.close();
  }
  const MSK = 180;
  console.log('\n### ira-dev (truth: UTC+3, St Petersburg)\n');
  console.log(
    '| group | posts | clock | offset | confidence | likeliest | 90% interval | members ≥ 0.5 right / wrong |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const real: Outcome[] = [];
  for (const g of result.groups) {
    const tz = g.timezone;
    if (tz.likeliestMinutes === null) continue;
    real.push({ confidence: tz.confidence, correct: right(tz.likeliestMinutes, MSK) });
    const sure = g.memberClocks.filter((m) => m.utcOffsetMinutes !== null);
    const ok = sure.filter((m) => right(m.utcOffsetMinutes, MSK)).length;
    const h = (m: number | null) => (m === null ? '–' : `${m / 60}`);
    console.log(
      `| ${g.id} | ${g.posts} | ${g.clock} | ${h(tz.utcOffsetMinutes)} | ${tz.confidence} | ${h(tz.likeliestMinutes)} | ${tz.interval ? `${h(tz.interval.from)} to ${h(tz.interval.to)}` : '–'} | ${ok} / ${sure.length - ok} |`,
    );
  }
  console.log('\nReal groups by bin:\n');
  console.log(table(real).join('\n'));
}
