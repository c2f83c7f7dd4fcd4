// Does a group rest on a country's public holidays? Activity on the country's working-day holidays
// (its local dates) against the ordinary working days around each, compared with the same ratio
// on randomly drawn ordinary days (a placebo permutation test), each country at its own level: the
// clock weighs a rest by its p-value, so a false positive among 15 countries only nudges.
import type { Rng } from '../core/index.js';
import type { HolidayCountry } from '../model/index.js';
import type { CountryCalendar } from './calendars.js';
import { holidaysBetween, zoneOffset } from './calendars.js';

const DAY = 86_400_000;

/** The holiday evidence for one country. */
export interface HolidayEvidence {
  readonly country: HolidayCountry;
  /** Working-day holidays with activity around them that the test used. */
  readonly days: number;
  /**
   * Activity on them relative to the ordinary working days within a week of each, scaled by the
   * group's own activity per weekday.
   */
  readonly ratio: number;
  /** Share of placebo draws of as many ordinary days with a ratio at most as low. */
  readonly pValue: number;
  /**
   * The same ratio on the ordinary working days next to the holidays (within two days): a dip the
   * neighbours share (a long break, a quiet season, another country's festival) is not the holidays'.
   */
  readonly neighbourRatio: number | null;
  /**
   * How much likelier the activity on the holidays is if the group keeps this country's holidays
   * than if it does not ({@link keepsHolidaysRatio}); 1 where the days cannot tell.
   */
  readonly likelihoodRatio: number;
  /** Runs of holidays (days at most three apart) on which the group dipped, and those it worked. */
  readonly runsKept: number;
  readonly runsWorked: number;
  /**
   * Whether the group rests on them: a dip to at most {@link HOLIDAY_DIP}, p ≤ {@link HOLIDAY_ALPHA},
   * and neighbours at least twice as busy (and at 60% of their surroundings).
   */
  readonly rests: boolean;
}

/** A dip to at most this share of the surrounding working days marks the country's holidays. */
export const HOLIDAY_DIP = 0.5;
/** Significance level of each country's test. */
export const HOLIDAY_ALPHA = 0.01;
const PLACEBOS = 1999;
/** Chance that a run of holidays of a group that keeps them dips to {@link HOLIDAY_DIP} or below. */
export const KEEPER_DIP = 0.85;
/** Share of groups that keep their country's public holidays (the alternative is a mixture). */
export const KEEPER_SHARE = 0.5;

/** Tests each country's holidays against the instants (epoch ms) of a group's activity. */
export function holidayEvidence(
  times: ArrayLike<number>,
  countries: readonly CountryCalendar[],
  rng: Rng,
): HolidayEvidence[] {
  if (times.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    min = Math.min(min, times[i] as number);
    max = Math.max(max, times[i] as number);
  }
  const out: Array<Omit<HolidayEvidence, 'rests'>> = [];
  for (const country of countries) {
    const e = testCountry(times, min, max, country, rng);
    if (e) out.push(e);
  }
  return out.map((e) => ({
    ...e,
    rests: dipsOnHolidays(e) && e.pValue <= HOLIDAY_ALPHA && (e.neighbourRatio as number) >= 0.6,
  }));
}

/**
 * Whether the holidays' activity as a whole dips: to at most {@link HOLIDAY_DIP} of the days around
 * them, with the working days next to them at least twice as busy (a dip the neighbours share is
 * a longer closure, not the holidays').
 */
export function dipsOnHolidays(e: Pick<HolidayEvidence, 'ratio' | 'neighbourRatio'>): boolean {
  return e.ratio <= HOLIDAY_DIP && e.neighbourRatio !== null && e.neighbourRatio >= 2 * e.ratio;
}

function testCountry(
  times: ArrayLike<number>,
  min: number,
  max: number,
  country: CountryCalendar,
  rng: Rng,
): Omit<HolidayEvidence, 'rests'> | null {
  const zone = country.zones[0];
  if (!zone) return null;
  const first = Math.floor(min / DAY) - 1;
  const n = Math.floor(max / DAY) - first + 3;
  const counts = localDayCounts(times, first, n, zone);
  const flags = dayFlags(first, n, country);
  const { hol, holDays, placebo, usable } = testDays(counts, flags);
  if (hol.length < 2 || placebo.length < 2 * hol.length) return null;
  const observed = ratio(hol);
  let below = 0;
  for (let r = 0; r < PLACEBOS; r++)
    if (ratio(rng.sample(placebo, hol.length)) <= observed) below++;
  // The ordinary working days within two days of a holiday.
  const near = new Set<number>();
  for (const d of holDays) for (const k of [-2, -1, 1, 2]) if (usable.has(d + k)) near.add(d + k);
  const neighbours = [...near].map((d) => usable.get(d) as [number, number]);
  return {
    country: country.code,
    days: hol.length,
    ...keepsHolidaysRatio(new Map(holDays.map((d, i) => [d, hol[i] as [number, number]])), usable),
    ratio: Math.round(observed * 1000) / 1000,
    // No smaller than one over the distinct placebo sets: with few ordinary days, many draws repeat.
    pValue:
      Math.round(
        Math.max((below + 1) / (PLACEBOS + 1), 1 / (1 + choose(placebo.length, hol.length))) * 1e5,
      ) / 1e5,
    neighbourRatio: neighbours.length ? Math.round(ratio(neighbours) * 1000) / 1000 : null,
  };
}

/**
 * Likelihood ratio of the activity on a country's holidays, "keeps them" against "ignores them",
 * counting each run of holidays (days at most three apart: a weekend between) once. A group that
 * keeps them dips on a run with probability {@link KEEPER_DIP}; one that does not dips as often
 * as on its ordinary working days (their share at or below {@link HOLIDAY_DIP}, Jeffreys-smoothed).
 * "Keeps them" is itself a mixture: {@link KEEPER_SHARE} of a country's groups keep its holidays.
 * A run whose neighbouring working days (two either side) dip as well is a longer closure, not the
 * holidays': it counts for neither.
 *
 * The ratio is then divided by the one the same number of runs typically gets when placed at random
 * on the group's ordinary working days: a group that works through every holiday would otherwise weigh
 * against each country tested (half of them keep their holidays) and so for the offsets of the
 * countries not tested, whose holidays it works through as well. What is left is how much the
 * country's own dates stand out from any dates.
 */
export function keepsHolidaysRatio(
  holidays: ReadonlyMap<number, readonly [number, number]>,
  usable: ReadonlyMap<number, readonly [number, number]>,
): { likelihoodRatio: number; runsKept: number; runsWorked: number } {
  let dips = 0;
  for (const [x, b] of usable.values()) if (x <= HOLIDAY_DIP * b) dips++;
  const q = (dips + 0.5) / (usable.size + 1);
  const dipRatio = Math.log(KEEPER_DIP / q);
  const workRatio = Math.log((1 - KEEPER_DIP) / (1 - q));
  let log = 0;
  let runsKept = 0;
  let runsWorked = 0;
  for (const run of holidayRuns([...holidays.keys()].sort((a, b) => a - b))) {
    const days = run.map((d) => holidays.get(d) as [number, number]);
    const dipped = ratio(days) <= HOLIDAY_DIP;
    const near: Array<[number, number]> = [];
    for (const k of [-2, -1]) pushDay(near, usable, (run[0] as number) + k);
    for (const k of [1, 2]) pushDay(near, usable, (run[run.length - 1] as number) + k);
    if (dipped && near.length > 0 && ratio(near) <= HOLIDAY_DIP) continue;
    log += dipped ? dipRatio : workRatio;
    if (dipped) runsKept++;
    else runsWorked++;
  }
  // The typical (geometric mean) ratio of a run placed on an ordinary day: the mean would be 1,
  // carried by the rare placements on a dip.
  const observedDips = usable.size ? dips / usable.size : 0;
  const placedLog = observedDips * dipRatio + (1 - observedDips) * workRatio;
  const mixture = (log: number) => 1 - KEEPER_SHARE + KEEPER_SHARE * Math.exp(log);
  return {
    likelihoodRatio:
      Math.round((mixture(log) / mixture(placedLog * (runsKept + runsWorked))) * 1000) / 1000,
    runsKept,
    runsWorked,
  };
}

const pushDay = (
  out: Array<[number, number]>,
  days: ReadonlyMap<number, readonly [number, number]>,
  d: number,
) => {
  const v = days.get(d);
  if (v) out.push([v[0], v[1]]);
};

/** Sorted holiday days grouped into runs whose days lie at most three days apart. */
function holidayRuns(days: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && d - (last[last.length - 1] as number) <= 3) last.push(d);
    else runs.push([d]);
  }
  return runs;
}

/** Activity over baseline, summed over a set of (activity, baseline) days. */
function ratio(set: ReadonlyArray<[number, number]>): number {
  let a = 0;
  let b = 0;
  for (const [x, y] of set) {
    a += x;
    b += y;
  }
  return a / b;
}

/**
 * Activity per local day in a zone, for `n` days from epoch day `first` (offsets looked up once
 * per UTC day).
 */
function localDayCounts(times: ArrayLike<number>, first: number, n: number, zone: string) {
  const offsets = new Float64Array(n).fill(NaN);
  const counts = new Float64Array(n);
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    const ud = Math.floor(t / DAY);
    let off = offsets[ud - first] as number;
    if (Number.isNaN(off)) {
      off = zoneOffset(zone, ud * DAY + DAY / 2) * 60_000;
      offsets[ud - first] = off;
    }
    counts[Math.floor((t + off) / DAY) - first]++;
  }
  return counts;
}

/**
 * The days a country's test weighs, each as (activity, baseline): its working-day holidays, the
 * ordinary working days (`usable`) and among them the placebos (no holiday on either side). Only
 * weekdays the group works (half its mean or more) count: a holiday on its own weekend is quiet
 * either way. A day's baseline is the ordinary working days within a week of it that the group
 * works, scaled by its activity per weekday.
 */
function testDays(counts: Float64Array, flags: ReturnType<typeof dayFlags>) {
  const { holiday, offDay } = flags;
  const n = counts.length;
  const factor = weekdayFactors(counts, flags);
  const working = (d: number) => offDay[d] === 0 && holiday[d] === 0;
  const groupWorks = (d: number) => factor(d) >= 0.5;
  const baseline = (d: number): number => {
    let sum = 0;
    let weight = 0;
    let k = 0;
    for (let x = Math.max(1, d - 7); x <= Math.min(n - 2, d + 7); x++) {
      if (x === d || !working(x) || !groupWorks(x)) continue;
      sum += counts[x] as number;
      weight += factor(x);
      k++;
    }
    return k >= 4 && weight > 0 ? (sum / weight) * factor(d) : 0;
  };
  const hol: Array<[number, number]> = [];
  const holDays: number[] = [];
  const placebo: Array<[number, number]> = [];
  const usable = new Map<number, [number, number]>();
  for (let d = 8; d < n - 8; d++) {
    const b = baseline(d);
    if (b <= 0) continue;
    if (offDay[d] === 1 || !groupWorks(d)) continue;
    if (holiday[d] === 1) {
      hol.push([counts[d] as number, b]);
      holDays.push(d);
    } else {
      usable.set(d, [counts[d] as number, b]);
      if (holiday[d - 1] !== 1 && holiday[d + 1] !== 1) placebo.push([counts[d] as number, b]);
    }
  }
  return { hol, holDays, placebo, usable };
}

/**
 * The group's own weekly rhythm on the country's local dates: each day's weekday's mean activity
 * relative to the week's mean (a group closed on Thursday and Friday has low factors there).
 */
function weekdayFactors(counts: Float64Array, flags: ReturnType<typeof dayFlags>) {
  const { weekdayOf, holiday } = flags;
  const perWeekday = new Float64Array(7);
  const daysPerWeekday = new Float64Array(7);
  for (let d = 1; d < counts.length - 1; d++) {
    if (holiday[d] === 1) continue;
    const wd = weekdayOf[d] as number;
    perWeekday[wd] = (perWeekday[wd] as number) + (counts[d] as number);
    daysPerWeekday[wd] = (daysPerWeekday[wd] as number) + 1;
  }
  const level = Array.from(perWeekday, (v, wd) => v / Math.max(1, daysPerWeekday[wd] as number));
  const meanLevel = level.reduce((a, b) => a + b, 0) / 7 || 1;
  return (d: number) => (level[weekdayOf[d] as number] as number) / meanLevel;
}

/**
 * For each of `n` days from epoch day `first`: its weekday (Monday = 0), whether it is one of the
 * country's public holidays, and whether it is one of its weekly days off.
 */
function dayFlags(first: number, n: number, country: CountryCalendar) {
  const weekdayOf = new Uint8Array(n);
  const holiday = new Uint8Array(n);
  const offDay = new Uint8Array(n);
  const yearOf = (d: number) => new Date((first + d) * DAY).getUTCFullYear();
  const fromYear = yearOf(0);
  const toYear = yearOf(n - 1);
  for (const date of holidaysBetween(country.code, fromYear, toYear).keys()) {
    const d = Date.parse(`${date}T00:00:00Z`) / DAY - first;
    if (d >= 0 && d < n) holiday[d] = 1;
  }
  const weekends = new Map<number, readonly number[]>();
  for (let y = fromYear; y <= toYear; y++) weekends.set(y, country.weekend(y));
  for (let d = 0; d < n; d++) {
    const wd = (((first + d + 3) % 7) + 7) % 7;
    weekdayOf[d] = wd;
    if ((weekends.get(yearOf(d)) as readonly number[]).includes(wd)) offDay[d] = 1;
  }
  return { weekdayOf, holiday, offDay };
}

/** The binomial coefficient n over k (as a float, enough for a lower bound on a p-value). */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < Math.min(k, n - k); i++) c = (c * (n - i)) / (i + 1);
  return c;
}
