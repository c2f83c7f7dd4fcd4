// The operator clock: which UTC offset explains a group's activity as a working schedule, its work
// blocks and breaks in local time, weekend share, holiday dips and daylight-saving behaviour.
import { Rng } from '../core/index.js';
import type { CountryClock } from './calendars.js';
import { COUNTRY_CLOCKS, dstTransitions } from './calendars.js';

const Q = 15 * 60_000; // a quarter hour
const DAY = 86_400_000;
const QPD = 96;

/** What the clock found. */
export interface OperatorClock {
  /** 'office': a working schedule; 'automated': timers; 'diffuse': no schedule (e.g. many people in many zones). */
  readonly kind: 'office' | 'automated' | 'diffuse' | 'insufficient';
  readonly timezone: {
    readonly utcOffsetMinutes: number | null;
    readonly confidence: number;
    readonly runnersUp: ReadonlyArray<{ utcOffsetMinutes: number; share: number }>;
    readonly dst: 'none' | 'us' | 'eu' | 'unknown';
    readonly dstEvidence: ReadonlyArray<{
      transition: string;
      followed: boolean;
      shiftMinutes: number;
    }>;
    /** The country whose public holidays the group rested on, if any. */
    readonly holidayCountry: string | null;
    readonly basis: string;
  };
  readonly schedule: {
    readonly workBlocks: ReadonlyArray<{ start: string; end: string }>;
    readonly breaks: ReadonlyArray<{ start: string; end: string; label: string }>;
    readonly weekendShare: number;
    /** Activity on the holiday country's weekday holidays relative to ordinary weekdays. */
    readonly holidays: ReadonlyArray<{ country: string; days: number; ratio: number }>;
    /** Share of activity in the local night (01:00–06:00). */
    readonly nightShare: number;
  } | null;
  /** Activity per local weekday (Mon = 0) and hour, at the chosen offset (UTC when none). */
  readonly heatmap: number[][];
  readonly events: number;
}

/** Per-day, per-quarter UTC counts of a set of instants. */
interface DayGrid {
  readonly firstDay: number;
  readonly counts: Float64Array[]; // [day][quarter]
}

function grid(times: ArrayLike<number>): DayGrid {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const firstDay = Math.floor(min / DAY) - 1; // one spare day each side for offsets
  const n = Math.floor(max / DAY) - firstDay + 2;
  const counts = Array.from({ length: n }, () => new Float64Array(QPD));
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    const d = Math.floor(t / DAY) - firstDay;
    (counts[d] as Float64Array)[Math.floor((t % DAY) / Q)]++;
  }
  return { firstDay, counts };
}

/** Local (day index, quarter) → count, for an offset in quarters, over the given UTC days (weights). */
function localDays(g: DayGrid, offsetQ: number, weights: Float64Array): Float64Array[] {
  const out = Array.from({ length: g.counts.length + 2 }, () => new Float64Array(QPD));
  for (let d = 0; d < g.counts.length; d++) {
    const w = weights[d] as number;
    if (w === 0) continue;
    const row = g.counts[d] as Float64Array;
    for (let q = 0; q < QPD; q++) {
      const v = row[q] as number;
      if (v === 0) continue;
      const lq = q + offsetQ;
      const ld = d + Math.floor(lq / QPD) + 1;
      (out[ld] as Float64Array)[((lq % QPD) + QPD) % QPD] += v * w;
    }
  }
  return out;
}

/** Weekday (Mon = 0) of local day index `ld` of a grid (index 0 is firstDay − 1). */
const weekdayOf = (g: DayGrid, ld: number) => (((g.firstDay + ld - 1 + 3) % 7) + 7) % 7;
const dateOf = (g: DayGrid, ld: number) =>
  new Date((g.firstDay + ld - 1) * DAY).toISOString().slice(0, 10);

/** An office day: work 09:00–18:00, lighter until 22:00, little before 08:00, none at night. */
const OFFICE = Float64Array.from({ length: QPD }, (_, q) => {
  const h = q / 4;
  if (h >= 9 && h < 18) return 1;
  if (h >= 18 && h < 22) return 0.6;
  if ((h >= 7.5 && h < 9) || (h >= 22 && h < 23)) return 0.25;
  return 0;
});

interface Fit {
  readonly offsetQ: number;
  readonly office: number;
  readonly night: number;
  readonly weekendContrast: number;
  readonly holiday: { country: CountryClock; days: number; ratio: number } | null;
}

function fitOffset(g: DayGrid, offsetQ: number, weights: Float64Array): Fit {
  const days = localDays(g, offsetQ, weights);
  const profile = new Float64Array(QPD);
  let weekday = 0;
  let weekdayDays = 0;
  let weekend = 0;
  let weekendDays = 0;
  let total = 0;
  for (let ld = 1; ld < days.length - 1; ld++) {
    const row = days[ld] as Float64Array;
    let sum = 0;
    for (let q = 0; q < QPD; q++) sum += row[q] as number;
    const wd = weekdayOf(g, ld);
    if (wd >= 5) {
      weekend += sum;
      weekendDays++;
    } else {
      weekday += sum;
      weekdayDays++;
      for (let q = 0; q < QPD; q++) profile[q] = (profile[q] as number) + (row[q] as number);
    }
    total += sum;
  }
  let office = 0;
  let night = 0;
  let pt = 0;
  for (let q = 0; q < QPD; q++) pt += profile[q] as number;
  for (let q = 0; q < QPD; q++) {
    const share = pt > 0 ? (profile[q] as number) / pt : 0;
    office += share * (OFFICE[q] as number);
    if (q >= 4 && q < 24) night += share;
  }
  const wdMean = weekdayDays ? weekday / weekdayDays : 0;
  const weMean = weekendDays ? weekend / weekendDays : 0;
  return {
    offsetQ,
    office,
    night,
    weekendContrast: wdMean > 0 && total > 0 ? 1 - weMean / wdMean : 0,
    holiday: null,
  };
}

/** Activity on a country's weekday holidays relative to its ordinary weekdays, in its local time. */
function holidayDip(
  g: DayGrid,
  country: CountryClock,
  weights: Float64Array,
): { days: number; ratio: number } | null {
  const days = localDays(g, Math.round(country.utcOffsetMinutes / 15), weights);
  let hol = 0;
  let holDays = 0;
  let ord = 0;
  let ordDays = 0;
  for (let ld = 2; ld < days.length - 2; ld++) {
    if (weekdayOf(g, ld) >= 5) continue;
    let sum = 0;
    for (const v of days[ld] as Float64Array) sum += v;
    if (country.holidays.has(dateOf(g, ld))) {
      hol += sum;
      holDays++;
    } else {
      ord += sum;
      ordDays++;
    }
  }
  if (holDays === 0 || ordDays === 0 || ord === 0) return null;
  return { days: holDays, ratio: hol / holDays / (ord / ordDays) };
}

/** A dip to at most this share of an ordinary weekday on the holidays marks the country. */
export const HOLIDAY_DIP = 0.35;

function decide(g: DayGrid, weights: Float64Array, dst: OperatorClock['timezone']['dst']): Fit {
  // Holidays first: a group that rests on a country's public holidays works on its clock.
  let best: Fit | null = null;
  for (const country of COUNTRY_CLOCKS) {
    if (dst !== 'unknown' && country.dst !== dst) continue;
    const dip = holidayDip(g, country, weights);
    if (!dip || dip.ratio > HOLIDAY_DIP) continue;
    const fit = fitOffset(g, Math.round(country.utcOffsetMinutes / 15), weights);
    if (!best || (best.holiday && dip.ratio < best.holiday.ratio))
      best = { ...fit, holiday: { country, ...dip } };
  }
  if (best) return best;
  // Otherwise the offset whose local day looks most like an office day.
  const offsets =
    dst === 'us'
      ? [-300, -360, -420, -480]
      : dst === 'eu'
        ? [0, 60, 120]
        : Array.from({ length: 53 }, (_, i) => -720 + i * 30);
  for (const m of offsets) {
    const fit = fitOffset(g, m / 15, weights);
    if (!best || fit.office > best.office + 1e-12) best = fit;
  }
  return best as Fit;
}

function testDst(times: ArrayLike<number>): {
  dst: OperatorClock['timezone']['dst'];
  evidence: Array<{ transition: string; followed: boolean; shiftMinutes: number }>;
} {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    min = Math.min(min, times[i] as number);
    max = Math.max(max, times[i] as number);
  }
  const evidence: Array<{ transition: string; followed: boolean; shiftMinutes: number }> = [];
  const followed = new Set<string>();
  for (const tr of dstTransitions(min + 7 * DAY, max - 7 * DAY)) {
    const before = new Float64Array(QPD);
    const after = new Float64Array(QPD);
    let nb = 0;
    let na = 0;
    for (let i = 0; i < times.length; i++) {
      const t = times[i] as number;
      if (Math.abs(t - tr.at) > 28 * DAY) continue;
      const q = Math.floor((t % DAY) / Q);
      if (t < tr.at) {
        before[q] = (before[q] as number) + 1;
        nb++;
      } else {
        after[q] = (after[q] as number) + 1;
        na++;
      }
    }
    if (nb < 50 || na < 50) continue;
    const score = (s: number) => {
      let x = 0;
      for (let q = 0; q < QPD; q++)
        x += ((before[q] as number) / nb) * ((after[(((q + s) % QPD) + QPD) % QPD] as number) / na);
      return x;
    };
    const shifts = [-4, 0, 4];
    const scores = shifts.map(score);
    const bestShift = shifts[scores.indexOf(Math.max(...scores))] as number;
    const follows =
      bestShift === tr.shiftQuarters &&
      (scores[shifts.indexOf(bestShift)] as number) > 1.05 * (scores[1] as number);
    evidence.push({ transition: tr.label, followed: follows, shiftMinutes: bestShift * 15 });
    if (follows) followed.add(tr.rule);
  }
  const dst =
    evidence.length === 0
      ? 'unknown'
      : followed.has('us')
        ? 'us'
        : followed.has('eu')
          ? 'eu'
          : 'none';
  return { dst, evidence };
}

const hhmm = (q: number) =>
  `${String(Math.floor(q / 4) % 24).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;

/** Work blocks and breaks of a 96-bin local weekday profile. */
function blocksAndBreaks(profile: Float64Array): {
  workBlocks: Array<{ start: string; end: string }>;
  breaks: Array<{ start: string; end: string; label: string }>;
} {
  const sorted = [...profile].filter((v) => v > 0).sort((a, b) => b - a);
  const level = sorted[Math.floor(sorted.length / 4)] ?? 0;
  const active = Array.from(profile, (v) => v >= 0.3 * level);
  // Runs of active quarters; drop active runs shorter than 30 minutes.
  const runs: Array<[number, number]> = [];
  for (let q = 0; q < QPD;) {
    if (!active[q]) {
      q++;
      continue;
    }
    let e = q;
    while (e < QPD && active[e]) e++;
    if (e - q >= 2) runs.push([q, e]);
    q = e;
  }
  const breaks: Array<{ start: string; end: string; label: string }> = [];
  const merged: Array<[number, number]> = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && r[0] - last[1] < 2) last[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  for (let i = 1; i < merged.length; i++) {
    const s = (merged[i - 1] as [number, number])[1];
    const e = (merged[i] as [number, number])[0];
    if (e - s > 16) continue; // more than four hours is the end of a shift, not a break
    const h = s / 4;
    const label = h >= 11 && h < 14.5 ? 'lunch' : h >= 16.5 && h < 20 ? 'supper' : 'break';
    breaks.push({ start: hhmm(s), end: hhmm(e), label });
  }
  return {
    workBlocks: merged.map(([s, e]) => ({ start: hhmm(s), end: e >= QPD ? '24:00' : hhmm(e) })),
    breaks,
  };
}

/** The largest share of a 96-bin profile inside `width` consecutive quarters (wrapping midnight). */
function concentration(profile: Float64Array, width: number): number {
  let total = 0;
  for (const v of profile) total += v;
  if (total === 0) return 0;
  let window = 0;
  for (let q = 0; q < width; q++) window += profile[q] as number;
  let best = window;
  for (let q = 0; q < QPD; q++) {
    window += (profile[(q + width) % QPD] as number) - (profile[q] as number);
    best = Math.max(best, window);
  }
  return best / total;
}

/** Options of {@link operatorClock}. */
export interface ClockOptions {
  /** Share of the group's accounts on timers from which the group counts as automated. */
  readonly automatedShare: number;
  /** Bootstrap resamples of days for the confidence; default 100. */
  readonly resamples: number;
  readonly seed: number;
}

/**
 * Infers the operator clock of a group from the instants (epoch ms) of its human accounts' activity.
 * `automatedShare` is the share of its accounts on timers (≥ 2/3 gives kind 'automated').
 */
export function operatorClock(times: ArrayLike<number>, options: ClockOptions): OperatorClock {
  const empty = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const none = (kind: OperatorClock['kind'], basis: string): OperatorClock => ({
    kind,
    timezone: {
      utcOffsetMinutes: null,
      confidence: 0,
      runnersUp: [],
      dst: 'unknown',
      dstEvidence: [],
      holidayCountry: null,
      basis,
    },
    schedule: null,
    heatmap: empty,
    events: times.length,
  });
  if (options.automatedShare >= 2 / 3)
    return none(
      'automated',
      'most accounts post around the clock at regular intervals: timers, not an office',
    );
  if (times.length < 200)
    return none('insufficient', `only ${times.length} actions; at least 200 are needed`);
  const g = grid(times);
  const ones = new Float64Array(g.counts.length).fill(1);
  const { dst, evidence } = testDst(times);
  const fit = decide(g, ones, dst);
  // Confidence: resample days with replacement and see how often the same offset comes out.
  const rng = new Rng(`clock:${options.seed}`);
  const votes = new Map<number, number>();
  for (let r = 0; r < options.resamples; r++) {
    const w = new Float64Array(g.counts.length);
    for (let i = 0; i < g.counts.length; i++) w[rng.int(0, g.counts.length - 1)]++;
    const f = decide(g, w, dst);
    votes.set(f.offsetQ * 15, (votes.get(f.offsetQ * 15) ?? 0) + 1);
  }
  const offset = fit.offsetQ * 15;
  const confidence = (votes.get(offset) ?? 0) / Math.max(1, options.resamples);
  const runnersUp = [...votes]
    .filter(([m]) => m !== offset)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([m, n]) => ({ utcOffsetMinutes: m, share: n / options.resamples }));
  // Local weekday profile, weekend share, heatmap at the chosen offset.
  const days = localDays(g, fit.offsetQ, ones);
  const profile = new Float64Array(QPD);
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let weekend = 0;
  let total = 0;
  for (let ld = 0; ld < days.length; ld++) {
    const wd = weekdayOf(g, ld);
    const row = days[ld] as Float64Array;
    for (let q = 0; q < QPD; q++) {
      const v = row[q] as number;
      if (v === 0) continue;
      (heatmap[wd] as number[])[Math.floor(q / 4)] += v;
      total += v;
      if (wd >= 5) weekend += v;
      else profile[q] = (profile[q] as number) + v;
    }
  }
  // A working schedule: most activity inside one 12-hour stretch of the local day, and days off
  // (weekends or the holiday country's public holidays) clearly quieter than working days.
  const officeLike =
    concentration(profile, 48) >= 0.85 && (fit.weekendContrast >= 0.3 || fit.holiday !== null);
  const holidays = COUNTRY_CLOCKS.map((c) => ({ c, dip: holidayDip(g, c, ones) }))
    .filter((x) => x.dip !== null && x.dip.ratio <= HOLIDAY_DIP)
    .map((x) => ({
      country: x.c.code,
      days: x.dip?.days ?? 0,
      ratio: Math.round((x.dip?.ratio ?? 0) * 1000) / 1000,
    }));
  const basis = fit.holiday
    ? `rests on ${fit.holiday.country.name}'s public holidays (${fit.holiday.days} weekday holidays at ${Math.round(fit.holiday.ratio * 100)}% of an ordinary weekday)`
    : 'the offset whose local day best matches an office day (09:00–18:00, lighter evenings, no nights)';
  return {
    kind: officeLike ? 'office' : 'diffuse',
    timezone: {
      utcOffsetMinutes: officeLike ? offset : null,
      confidence: officeLike ? Math.round(confidence * 1000) / 1000 : 0,
      runnersUp: officeLike ? runnersUp : [],
      dst,
      dstEvidence: evidence,
      holidayCountry: fit.holiday?.country.code ?? null,
      basis: officeLike
        ? basis
        : 'activity does not follow one working day (spread over zones or around the clock)',
    },
    schedule: officeLike
      ? {
          ...blocksAndBreaks(profile),
          weekendShare: Math.round((total > 0 ? weekend / total : 0) * 1000) / 1000,
          holidays,
          nightShare: Math.round(fit.night * 1000) / 1000,
        }
      : null,
    heatmap,
    events: times.length,
  };
}
