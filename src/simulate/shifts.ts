// Careful operators' working hours: each operator's start and end move from day to day, days are
// skipped, weekends and public holidays mostly kept; actions are drawn inside the hours worked.
import type { Rng } from '../core/index.js';
import { DAY, HOUR, weekday } from './clock.js';
import type { SimContext } from './context.js';

/** An operator group's nominal shift and how the operators deviate from it. */
export interface ShiftSpec {
  /** UTC offset of the operators' clock in minutes (no daylight saving), e.g. 180 for Moscow. */
  readonly utcOffsetMinutes: number;
  /** Nominal start, local hours, e.g. 9 or 21. */
  readonly start: number;
  /** Nominal end, local hours after the start day's midnight; past 24 ends next morning, e.g. 30 = 06:00. */
  readonly end: number;
  /** A break: nominal local hour it starts and its length in minutes (both jittered); none when absent. */
  readonly pause?: { readonly at: number; readonly minutes: number };
  /** Each operator's jitter amplitude is drawn in this range (minutes); each day's start and end then move by up to ± it. */
  readonly jitter: readonly [number, number];
  /** 'both': start and end move either way; 'inward': only later starts and earlier ends, so every action stays inside the nominal frame. */
  readonly jitterMode: 'both' | 'inward';
  /** Probability that an operator skips a working day (days off, sick days). */
  readonly skipDay: number;
  /** Probability that an operator works a weekend day. */
  readonly weekendWork: number;
  /** Weekend days, 0 = Monday … 6 = Sunday. Default [5, 6]. */
  readonly weekend?: readonly number[];
  /** Local dates ('YYYY-MM-DD') of public holidays: off unless the operator works a weekend-like extra day. */
  readonly holidays: readonly string[];
}

/** A [from, to) interval of UTC epoch ms. */
export type Interval = readonly [number, number];

/** The shifts of one operator group over the run: per operator and local day, the hours worked. */
export class Shifts {
  private readonly windows: Interval[][][];

  constructor(
    private readonly ctx: SimContext,
    rng: Rng,
    readonly spec: ShiftSpec,
    readonly operators: number,
  ) {
    const holidays = new Set(spec.holidays);
    const weekend = new Set(spec.weekend ?? [5, 6]);
    const offset = spec.utcOffsetMinutes * 60_000;
    this.windows = [];
    for (let w = 0; w < operators; w++) {
      const amplitude = (spec.jitter[0] + rng.next() * (spec.jitter[1] - spec.jitter[0])) * 60_000;
      const move = () =>
        spec.jitterMode === 'both' ? (rng.next() * 2 - 1) * amplitude : rng.next() * amplitude;
      const days: Interval[][] = [];
      // One day before the run: a night shift that started then reaches into the first morning.
      for (let d = -1; d <= ctx.config.days; d++) {
        const localMidnight = ctx.config.start + d * DAY;
        const localDate = new Date(localMidnight).toISOString().slice(0, 10);
        const restDay = weekend.has(weekday(localMidnight)) || holidays.has(localDate);
        const from = localMidnight - offset + spec.start * HOUR + Math.round(move());
        const to = localMidnight - offset + spec.end * HOUR - Math.round(move());
        const works = restDay ? rng.chance(spec.weekendWork) : !rng.chance(spec.skipDay);
        if (!works) {
          days.push([]);
          continue;
        }
        if (!spec.pause) {
          days.push([[from, to]]);
          continue;
        }
        const at =
          localMidnight -
          offset +
          spec.pause.at * HOUR +
          Math.round((rng.next() * 2 - 1) * 1_800_000);
        const back = at + Math.round(spec.pause.minutes * (0.75 + rng.next() * 0.5) * 60_000);
        days.push([
          [from, at],
          [back, to],
        ]);
      }
      this.windows.push(days);
    }
  }

  /** Returns the intervals operator `w` works in the shift that starts on local day `d` ([] when off). */
  worked(w: number, d: number): readonly Interval[] {
    return this.windows[w]?.[d + 1] ?? [];
  }

  /** Returns whether operator `w` is at work at instant `t`. */
  atWork(w: number, t: number): boolean {
    const local = t + this.spec.utcOffsetMinutes * 60_000 - this.ctx.config.start;
    const d = Math.floor(local / DAY);
    for (const day of [d - 1, d])
      for (const [from, to] of this.worked(w, day)) if (t >= from && t < to) return true;
    return false;
  }

  /** Returns a uniform instant within operator `w`'s shift of local day `d`, or null when off or past the run. */
  instant(rng: Rng, w: number, d: number): number | null {
    const intervals = this.worked(w, d);
    let total = 0;
    for (const [from, to] of intervals) total += Math.max(0, to - from);
    if (total === 0) return null;
    let r = rng.next() * total;
    for (const [from, to] of intervals) {
      const length = Math.max(0, to - from);
      if (r < length) {
        const t = from + Math.floor(r);
        return t >= this.ctx.config.start && t < this.ctx.end ? t : null;
      }
      r -= length;
    }
    return null;
  }

  /**
   * Returns an instant between `minMinutes` and `maxMinutes` after `t0` (log-uniform: most soon,
   * some late) at which operator `w` is at work, or null after a few draws that all missed.
   */
  after(rng: Rng, w: number, t0: number, minMinutes: number, maxMinutes: number): number | null {
    const lo = Math.log(minMinutes * 60_000);
    const hi = Math.log(maxMinutes * 60_000);
    for (let i = 0; i < 6; i++) {
      const t =
        t0 + Math.max(minMinutes * 60_000, Math.floor(Math.exp(lo + rng.next() * (hi - lo))));
      if (t < this.ctx.end && this.atWork(w, t)) return t;
    }
    return null;
  }
}
