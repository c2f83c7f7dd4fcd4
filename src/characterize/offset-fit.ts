// Which UTC offsets explain a group's week of activity as people working or living on one clock:
// a tempered likelihood of the hour-of-week profile under local-time week templates (office days
// of several starts and lengths, a person's waking day, each blended with an even floor for crews
// that never fully stop), averaged over a bootstrap of days (Efron & Tibshirani 1993, ch. 6).
import type { Rng } from '../core/index.js';

/** Half hours per day: the resolution of the fit. */
export const SLOTS = 48;
/** Half-hour cells of a week (Monday 00:00 first). */
export const WEEK = 7 * SLOTS;
const DAY = 86_400_000;
const SLOT = DAY / SLOTS;

/** Counts of activity per UTC day and half hour. */
export interface DayCounts {
  /** Day number (epoch days) of the first row. */
  readonly firstDay: number;
  readonly days: number;
  /** `days × SLOTS` counts, row-major. */
  readonly counts: Float64Array;
  readonly total: number;
}

/** Counts instants (epoch ms) per UTC day and half hour. */
export function dayCounts(times: ArrayLike<number>): DayCounts {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (times.length === 0) return { firstDay: 0, days: 0, counts: new Float64Array(0), total: 0 };
  const firstDay = Math.floor(min / DAY);
  const days = Math.floor(max / DAY) - firstDay + 1;
  const counts = new Float64Array(days * SLOTS);
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    counts[(Math.floor(t / DAY) - firstDay) * SLOTS + Math.floor((t % DAY) / SLOT)]++;
  }
  return { firstDay, days, counts, total: times.length };
}

/** UTC weekday (Monday = 0) of an epoch day. */
export const weekdayOfDay = (day: number) => (((day + 3) % 7) + 7) % 7;

/** The hour-of-week vector (UTC, Monday first) of day counts, each day weighted. */
export function weekVector(dc: DayCounts, weights?: Float64Array): Float64Array {
  const w = new Float64Array(WEEK);
  for (let d = 0; d < dc.days; d++) {
    const k = weights ? (weights[d] as number) : 1;
    if (k === 0) continue;
    const base = weekdayOfDay(dc.firstDay + d) * SLOTS;
    for (let s = 0; s < SLOTS; s++)
      w[base + s] = (w[base + s] as number) + k * (dc.counts[d * SLOTS + s] as number);
  }
  return w;
}

/** A local-time week template: log-probabilities of the 336 half-hour cells. */
interface Template {
  readonly name: string;
  readonly kind: 'office' | 'person';
  readonly logp: Float64Array;
}

/** Builds a normalised week template from a weekday shape, weekend days and their factor, and an even floor. */
function template(
  name: string,
  kind: Template['kind'],
  shape: (h: number) => number,
  weekend: readonly number[],
  weekendFactor: number,
  floor: number,
): Template {
  const p = new Float64Array(WEEK);
  let sum = 0;
  for (let wd = 0; wd < 7; wd++)
    for (let s = 0; s < SLOTS; s++) {
      const v = shape((s + 0.5) / 2) * (weekend.includes(wd) ? weekendFactor : 1);
      p[wd * SLOTS + s] = v;
      sum += v;
    }
  const logp = new Float64Array(WEEK);
  for (let c = 0; c < WEEK; c++)
    logp[c] = Math.log((1 - floor) * ((p[c] as number) / sum) + floor / WEEK);
  return { name, kind, logp };
}

const SAT_SUN = [5, 6];
const FRI_SAT = [4, 5];

/**
 * An office day: in from `start` to `end` (local hours), an hour's arrival before, a tapering
 * evening, and optionally a lunch hour at a third of the level.
 */
const office = (start: number, end: number, lunch: number | null) => (h: number) => {
  if (lunch !== null && h >= lunch && h < lunch + 1) return 0.35;
  if (h >= start && h < end) return 1;
  if (h >= start - 1 && h < start) return 0.3;
  if (h >= end && h < end + 2) return 0.3;
  if (h >= end + 2 && h < end + 3) return 0.1;
  return 0.01;
};

/** A person's waking day: asleep from one to `wake`, busier towards an evening peak. */
const person = (wake: number) => (h: number) => {
  const x = (h - wake + 24) % 24; // hours since waking
  if (x >= 18) return 0.03; // asleep
  if (x < 2) return 0.3;
  if (x < 10) return 0.5;
  if (x < 12) return 0.8;
  if (x < 16) return 1;
  return 0.6;
};

// Offices open at 8 to 11 and close at 17 to 21 local time, with or without a lunch hour at 12 or
// 13 (Saturday and Sunday off; without lunch also Friday and Saturday off); people wake at 6 to 8.
// Each reading the family allows spreads the offsets a profile fits; wider families (opening at 7,
// closing at 23, lunch at 14) let breaks match at the wrong hour (Spamouflage's lunch and supper
// fit UTC+10 as well as UTC+8) and were dropped.
const OFFICE_HOURS = [8, 9, 10, 11].flatMap((start) =>
  [17, 18, 19, 20, 21].map((end) => [start, end] as const),
);
const LUNCHES = [null, 12, 13];

/** The template family; each blended with an even floor of 10% or 50% (crews that never stop). */
export const TEMPLATES: readonly Template[] = [0.1, 0.5].flatMap((floor) => [
  ...OFFICE_HOURS.flatMap(([start, end]) => [
    ...LUNCHES.map((lunch) =>
      template(
        `office ${start}-${end}${lunch === null ? '' : ` lunch ${lunch}`}`,
        'office',
        office(start, end, lunch),
        SAT_SUN,
        0.2,
        floor,
      ),
    ),
    template(
      `office ${start}-${end} fri-sat`,
      'office',
      office(start, end, null),
      FRI_SAT,
      0.2,
      floor,
    ),
  ]),
  ...[6, 7, 8].map((wake) =>
    template(`person ${wake}`, 'person', person(wake), SAT_SUN, 1.1, floor),
  ),
]);

/** Options of {@link offsetPosterior}. */
export interface OffsetFitOptions {
  /** Candidate offsets in minutes (multiples of 30). */
  readonly candidates: readonly number[];
  /** Prior weight of each candidate (same length); default even. */
  readonly prior?: readonly number[];
  /** Bootstrap resamples of days. */
  readonly resamples: number;
  /** Evidence weight: how many independent events a profile is worth, at most (tempering). */
  readonly evidence: number;
  readonly rng: Rng;
}

/** Probabilities of the candidate offsets and of no daily rhythm, with the best template. */
export interface OffsetPosterior {
  readonly candidates: readonly number[];
  /** Probability of each candidate (sums with `diffuse` to 1). */
  readonly probability: Float64Array;
  /** Probability that no template explains the activity better than an even spread. */
  readonly diffuse: number;
  /** Best template and offset on the full data. */
  readonly best: {
    readonly offsetMinutes: number;
    readonly template: string;
    readonly kind: Template['kind'];
  };
}

// Prior weight of "no rhythm at all" against the templates as a whole.
const DIFFUSE_PRIOR = 0.2;
const UNIFORM = -Math.log(WEEK);

// Each template's log-probabilities twice over, so a shifted index never wraps.
const DOUBLED = TEMPLATES.map((t) => {
  const d = new Float64Array(2 * WEEK);
  d.set(t.logp);
  d.set(t.logp, WEEK);
  return d;
});

/** Tempered log-likelihood per candidate (log-sum over templates) and of the even spread. */
function scores(
  week: Float64Array,
  candidates: readonly number[],
  evidence: number,
): { perCandidate: Float64Array; diffuse: number; bestT: number; bestC: number } {
  const cells: number[] = [];
  const values: number[] = [];
  let n = 0;
  week.forEach((v, c) => {
    if (v === 0) return;
    cells.push(c);
    values.push(v);
    n += v;
  });
  const perCandidate = new Float64Array(candidates.length);
  const k = n > 0 ? Math.min(evidence, n) / n : 0;
  let bestLl = -Infinity;
  let bestT = 0;
  let bestC = 0;
  const logT = Math.log(1 / TEMPLATES.length);
  const lls = new Float64Array(TEMPLATES.length);
  candidates.forEach((minutes, ci) => {
    const o = ((Math.round(minutes / 30) % WEEK) + WEEK) % WEEK;
    let max = -Infinity;
    for (let ti = 0; ti < DOUBLED.length; ti++) {
      const logp = DOUBLED[ti] as Float64Array;
      let ll = 0;
      for (let i = 0; i < cells.length; i++)
        ll += (values[i] as number) * (logp[(cells[i] as number) + o] as number);
      lls[ti] = ll;
      if (ll > max) max = ll;
      if (ll > bestLl) {
        bestLl = ll;
        bestT = ti;
        bestC = ci;
      }
    }
    let sum = 0;
    for (const ll of lls) sum += Math.exp(k * (ll - max));
    perCandidate[ci] = logT + k * max + Math.log(sum);
  });
  return { perCandidate, diffuse: k * n * UNIFORM, bestT, bestC };
}

/**
 * The posterior over candidate offsets: for the full data and each bootstrap resample of days,
 * tempered template likelihoods (each resample treated as worth at most `evidence` events), the
 * candidates' prior and an even-spread alternative; averaged over resamples.
 */
export function offsetPosterior(dc: DayCounts, options: OffsetFitOptions): OffsetPosterior {
  const { candidates } = options;
  const prior = options.prior ?? candidates.map(() => 1);
  const priorSum = prior.reduce((a, b) => a + b, 0);
  const logPrior = prior.map((p) => Math.log(p / priorSum));
  const probability = new Float64Array(candidates.length);
  let diffuse = 0;
  const full = scores(weekVector(dc), candidates, options.evidence);
  const accumulate = (s: ReturnType<typeof scores>) => {
    const logs = Array.from(
      s.perCandidate,
      (v, i) => v + (logPrior[i] as number) + Math.log(1 - DIFFUSE_PRIOR),
    );
    const ld = s.diffuse + Math.log(DIFFUSE_PRIOR);
    const max = Math.max(ld, ...logs);
    let z = Math.exp(ld - max);
    for (const l of logs) z += Math.exp(l - max);
    logs.forEach((l, i) => (probability[i] = (probability[i] as number) + Math.exp(l - max) / z));
    diffuse += Math.exp(ld - max) / z;
  };
  const runs = Math.max(1, options.resamples);
  if (options.resamples <= 0) accumulate(full);
  else
    for (let r = 0; r < runs; r++) {
      const w = new Float64Array(dc.days);
      for (let i = 0; i < dc.days; i++) w[options.rng.int(0, dc.days - 1)]++;
      accumulate(scores(weekVector(dc, w), candidates, options.evidence));
    }
  for (let i = 0; i < probability.length; i++) probability[i] = (probability[i] as number) / runs;
  const t = TEMPLATES[full.bestT] as Template;
  return {
    candidates,
    probability,
    diffuse: diffuse / runs,
    best: { offsetMinutes: candidates[full.bestC] as number, template: t.name, kind: t.kind },
  };
}

/** Circular distance between two offsets in minutes (a day wraps). */
export function offsetDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return Math.min(d, 1440 - d);
}

/**
 * The offset whose ±`tolerance` minutes hold the most probability, and that probability: the
 * chance that the offset is right within the tolerance.
 */
export function mostProbable(
  posterior: OffsetPosterior,
  tolerance = 60,
): { offsetMinutes: number; confidence: number } {
  let best = { offsetMinutes: 0, confidence: -1 };
  const { candidates, probability } = posterior;
  candidates.forEach((m, i) => {
    let mass = 0;
    candidates.forEach((o, j) => {
      if (offsetDistance(m, o) <= tolerance) mass += probability[j] as number;
    });
    // Ties go to the more probable centre.
    if (
      mass > best.confidence + 1e-12 ||
      (Math.abs(mass - best.confidence) <= 1e-12 &&
        (probability[i] as number) >
          (probability[candidates.indexOf(best.offsetMinutes)] as number))
    )
      best = { offsetMinutes: m, confidence: mass };
  });
  return best;
}
