// Which UTC offsets explain a group's week of activity as people working or living on one clock:
// a tempered likelihood of the hour-of-week profile under local-time week templates (office days
// of several starts and lengths, a person's waking day, each blended with an even floor for crews
// that never fully stop), averaged over a bootstrap of days (Efron & Tibshirani 1993, ch. 6).
import type { Rng } from '../core/index.js';
import type { WeekTemplate } from './week-templates.js';
import { SLOTS, TEMPLATES, WEEK } from './week-templates.js';

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

/** Options of {@link offsetFit}. */
export interface OffsetFitOptions {
  /** Candidate offsets in minutes (multiples of 30). */
  readonly candidates: readonly number[];
  /** Bootstrap resamples of days; 0 fits the full data only. */
  readonly resamples: number;
  readonly rng: Rng;
  /**
   * Fit the contrast above the profile's floor ({@link aboveFloor}) rather than the profile: a crew
   * that never stops keeps its office day on top of an even level, and that level, fitted as part
   * of the shape, dilutes the day's evidence into every offset alike.
   */
  readonly contrast?: boolean;
}

/**
 * How well each candidate offset and template explain the data and each bootstrap resample of its
 * days: the mean log-likelihood per event, from which a posterior at any evidence weight follows.
 */
export interface OffsetFit {
  readonly candidates: readonly number[];
  /** One run per resample (the full data alone when there are none). */
  readonly runs: ReadonlyArray<{
    /** Events in the run. */
    readonly events: number;
    /** Mean log-likelihood per event, candidate-major: `[c * TEMPLATES.length + t]`. */
    readonly mean: Float64Array;
  }>;
  /** Per candidate, the best template's mean log-likelihood per event on the full data. */
  readonly shapeFit: Float64Array;
  /** Best template and offset on the full data. */
  readonly best: {
    readonly offsetMinutes: number;
    readonly template: string;
    readonly kind: WeekTemplate['kind'];
  };
}

/** Options of {@link offsetPosterior}. */
export interface PosteriorOptions {
  /** Prior weight of each candidate (same length as the fit's); default even. */
  readonly prior?: readonly number[];
  /** Evidence weight: how many independent events a profile is worth, at most (tempering). */
  readonly evidence: number;
}

/** Probabilities of the candidate offsets and of no daily rhythm, with the best template. */
export interface OffsetPosterior {
  readonly candidates: readonly number[];
  /** Probability of each candidate (sums with `diffuse` to 1). */
  readonly probability: Float64Array;
  /** Probability that no template explains the activity better than an even spread. */
  readonly diffuse: number;
  /** Best template and offset on the full data. */
  readonly best: OffsetFit['best'];
}

// Prior weight of "no rhythm at all" against the templates as a whole.
const DIFFUSE_PRIOR = 0.2;
const UNIFORM = -Math.log(WEEK);

/**
 * Each template as runs of equal log-probability over the week (starts, ends, values): a template
 * is piecewise constant at hour steps, so the log-likelihood of a week vector read at any offset
 * is a few dozen range sums of its prefix sums instead of one product per cell.
 */
const RUNS = TEMPLATES.map((t) => {
  const starts: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < WEEK; c++)
    if (c === 0 || t.logp[c] !== t.logp[c - 1]) {
      starts.push(c);
      values.push(t.logp[c] as number);
    }
  return {
    starts: Int32Array.from(starts),
    ends: Int32Array.from([...starts.slice(1), WEEK]),
    values: Float64Array.from(values),
  };
});
const WEIGHTS = Float64Array.from(TEMPLATES, (t) => t.weight);

/**
 * Templates with the same run boundaries (a day shape and its days off, at each even floor): their
 * range sums at an offset are taken once for all of them. Each family's members' run values lie in
 * one flat array, member after member, for the hot loop of {@link offsetFit}.
 */
const FAMILIES = (() => {
  const byKey = new Map<string, { run: (typeof RUNS)[number]; members: number[] }>();
  RUNS.forEach((run, ti) => {
    const key = run.starts.join(',');
    const f = byKey.get(key) ?? { run, members: [] };
    f.members.push(ti);
    byKey.set(key, f);
  });
  return [...byKey.values()].map(({ run, members }) => {
    const values = new Float64Array(members.length * run.starts.length);
    members.forEach((ti, k) =>
      values.set((RUNS[ti] as (typeof RUNS)[number]).values, k * run.starts.length),
    );
    return { run, members: Int32Array.from(members), values };
  });
})();

/** The sums of a week vector over each run of a family read `o` cells on (see {@link meanAt}). */
function runSums(prefix: Float64Array, run: (typeof RUNS)[number], o: number, out: Float64Array) {
  const { starts, ends } = run;
  const total = prefix[WEEK] as number;
  for (let r = 0; r < starts.length; r++) {
    let a = (starts[r] as number) - o;
    if (a < 0) a += WEEK;
    const b = a + (ends[r] as number) - (starts[r] as number);
    out[r] =
      b <= WEEK
        ? (prefix[b] as number) - (prefix[a] as number)
        : total - (prefix[a] as number) + (prefix[b - WEEK] as number);
  }
}

/** Share of a week's cells at or below the level taken as its floor in {@link aboveFloor}. */
export const FLOOR_QUANTILE = 0.25;

/**
 * The activity above a week's floor: every cell less the level of its quietest cells (the
 * {@link FLOOR_QUANTILE} quantile), none below zero. A crew on shifts around the clock posts at
 * night at some level; what stands above that level is the shape of its busiest shift (an office's
 * quietest cells are its nights and weekends, near zero, and leave it as it was).
 */
export function aboveFloor(week: Float64Array): Float64Array {
  const sorted = Float64Array.from(week).sort();
  const floor = sorted[Math.floor((sorted.length - 1) * FLOOR_QUANTILE)] as number;
  return week.map((v) => Math.max(0, v - floor));
}

/** A week vector's prefix sums (`WEEK + 1` of them; the last is its total). */
function prefixSums(week: Float64Array): Float64Array {
  const p = new Float64Array(WEEK + 1);
  for (let c = 0; c < WEEK; c++) p[c + 1] = (p[c] as number) + (week[c] as number);
  return p;
}

/**
 * Mean log-likelihood per event of template `ti` read `o` cells on: cell c of the UTC week is the
 * template's cell c + o, so the template's run [s, e) covers UTC cells [s − o, e − o), circularly.
 */
function meanAt(prefix: Float64Array, ti: number, o: number): number {
  const { starts, ends, values } = RUNS[ti] as (typeof RUNS)[number];
  const total = prefix[WEEK] as number;
  if (total <= 0) return 0;
  let ll = 0;
  for (let r = 0; r < starts.length; r++) {
    let a = (starts[r] as number) - o;
    if (a < 0) a += WEEK;
    const b = a + (ends[r] as number) - (starts[r] as number);
    const sum =
      b <= WEEK
        ? (prefix[b] as number) - (prefix[a] as number)
        : total - (prefix[a] as number) + (prefix[b - WEEK] as number);
    ll += sum * (values[r] as number);
  }
  return ll / total;
}

// Templates refitted on each bootstrap resample, per candidate: the best on the full data. The
// others, far behind at every evidence weight used, keep their full-data fit.
const REFIT = 48;

/**
 * Fits the templates at every candidate offset to the full data and to each bootstrap resample of
 * its days (days drawn with replacement, as many as there are).
 */
export function offsetFit(dc: DayCounts, options: OffsetFitOptions): OffsetFit {
  const { candidates } = options;
  const T = TEMPLATES.length;
  const C = candidates.length;
  // A cell of UTC week c is local cell c + offset: the template is read that many cells on.
  const shifts = Int32Array.from(candidates, (m) => ((Math.round(m / 30) % WEEK) + WEEK) % WEEK);
  const shape = (w: Float64Array) => (options.contrast ? aboveFloor(w) : w);
  const all = prefixSums(shape(weekVector(dc)));
  const full = new Float64Array(C * T);
  const total = all[WEEK] as number;
  const sums = new Float64Array(WEEK);
  for (let ci = 0; ci < C; ci++)
    for (const { run, members, values } of FAMILIES) {
      runSums(all, run, shifts[ci] as number, sums);
      const R = run.starts.length;
      for (let k = 0; k < members.length; k++) {
        let ll = 0;
        for (let r = 0, v = k * R; r < R; r++, v++)
          ll += (sums[r] as number) * (values[v] as number);
        full[ci * T + (members[k] as number)] = total > 0 ? ll / total : 0;
      }
    }
  let bestT = 0;
  let bestC = 0;
  for (let ci = 0; ci < C; ci++)
    for (let ti = 0; ti < T; ti++)
      if ((full[ci * T + ti] as number) > (full[bestC * T + bestT] as number)) {
        bestT = ti;
        bestC = ci;
      }
  const runs: Array<{ events: number; mean: Float64Array }> = [];
  if (options.resamples <= 0) runs.push({ events: all[WEEK] as number, mean: full });
  else {
    const refit = Array.from({ length: C }, (_, ci) =>
      Array.from({ length: T }, (_, ti) => ti)
        .sort((a, b) => (full[ci * T + b] as number) - (full[ci * T + a] as number))
        .slice(0, REFIT),
    );
    for (let r = 0; r < options.resamples; r++) {
      const weights = new Float64Array(dc.days);
      for (let i = 0; i < dc.days; i++) weights[options.rng.int(0, dc.days - 1)]++;
      const w = prefixSums(shape(weekVector(dc, weights)));
      const mean = full.slice();
      refit.forEach((ts, ci) => {
        for (const ti of ts) mean[ci * T + ti] = meanAt(w, ti, shifts[ci] as number);
      });
      runs.push({ events: w[WEEK] as number, mean });
    }
  }
  const shapeFit = new Float64Array(C).fill(-Infinity);
  for (let ci = 0; ci < C; ci++)
    for (let ti = 0; ti < T; ti++)
      shapeFit[ci] = Math.max(shapeFit[ci] as number, full[ci * T + ti] as number);
  const t = TEMPLATES[bestT] as WeekTemplate;
  return {
    candidates,
    runs,
    shapeFit,
    best: { offsetMinutes: candidates[bestC] as number, template: t.name, kind: t.kind },
  };
}

/**
 * The posterior over candidate offsets: for each run of the fit, the template likelihoods tempered
 * to at most `evidence` events (activity comes in bursts and real days differ from the templates),
 * the candidates' prior and an even-spread alternative; averaged over runs.
 */
export function offsetPosterior(fit: OffsetFit, options: PosteriorOptions): OffsetPosterior {
  const { candidates } = fit;
  const prior = options.prior ?? candidates.map(() => 1);
  const priorSum = prior.reduce((a, b) => a + b, 0);
  const logPrior = prior.map((p) => Math.log(p / priorSum) + Math.log(1 - DIFFUSE_PRIOR));
  const T = TEMPLATES.length;
  const probability = new Float64Array(candidates.length);
  const logs = new Float64Array(candidates.length);
  let diffuse = 0;
  for (const run of fit.runs) {
    const m = Math.min(options.evidence, run.events);
    const ld = m * UNIFORM + Math.log(DIFFUSE_PRIOR);
    let max = ld;
    for (let ci = 0; ci < candidates.length; ci++) {
      // log of the mean over templates of exp(m · mean log-likelihood), by log-sum-exp.
      const mean = run.mean;
      const base = ci * T;
      let top = -Infinity;
      for (let ti = 0; ti < T; ti++)
        if ((mean[base + ti] as number) > top) top = mean[base + ti] as number;
      // Templates more than 40 units behind the best add less than e^−40 of its weight: skipped.
      const cut = top - 40 / Math.max(m, 1e-9);
      let sum = 0;
      for (let ti = 0; ti < T; ti++) {
        const v = mean[base + ti] as number;
        if (v > cut) sum += (WEIGHTS[ti] as number) * Math.exp(m * (v - top));
      }
      logs[ci] = (logPrior[ci] as number) + m * top + Math.log(sum);
      max = Math.max(max, logs[ci] as number);
    }
    let z = Math.exp(ld - max);
    for (const l of logs) z += Math.exp(l - max);
    for (let ci = 0; ci < candidates.length; ci++)
      probability[ci] = (probability[ci] as number) + Math.exp((logs[ci] as number) - max) / z;
    diffuse += Math.exp(ld - max) / z;
  }
  const runs = fit.runs.length;
  for (let i = 0; i < probability.length; i++) probability[i] = (probability[i] as number) / runs;
  return { candidates, probability, diffuse: diffuse / runs, best: fit.best };
}

/** Circular distance between two offsets in minutes (a day wraps). */
export function offsetDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return Math.min(d, 1440 - d);
}

/**
 * The likeliest offset and the probability held within ±`tolerance` minutes of it: the chance that
 * it is right within the tolerance.
 */
export function mostProbable(
  posterior: OffsetPosterior,
  tolerance = 60,
): { offsetMinutes: number; confidence: number } {
  const { candidates, probability } = posterior;
  let mode = 0;
  for (let i = 1; i < candidates.length; i++)
    if ((probability[i] as number) > (probability[mode] as number)) mode = i;
  const offsetMinutes = candidates[mode] as number;
  let confidence = 0;
  candidates.forEach((o, j) => {
    if (offsetDistance(offsetMinutes, o) <= tolerance) confidence += probability[j] as number;
  });
  return { offsetMinutes, confidence };
}
