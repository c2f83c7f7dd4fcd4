// Local clocks: UTC offsets of time zones per simulated day, and schedules as hour weights.
import { DateTime } from 'luxon';

/** Milliseconds in an hour and a day. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Returns the UTC offset in minutes of `zone` at noon UTC of each day from `start`. */
export function dailyOffsets(zone: string, start: number, days: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < days; d++)
    out.push(DateTime.fromMillis(start + d * DAY + 12 * HOUR, { zone }).offset);
  return out;
}

/** Returns the day of week (0 = Monday … 6 = Sunday) of a local date given as epoch ms of its midnight. */
export function weekday(localMidnight: number): number {
  return (new Date(localMidnight).getUTCDay() + 6) % 7;
}

/**
 * Returns 96 quarter-hour weights of an office shift: work blocks at full weight, everything else
 * near zero. Blocks are [start, end) in local hours, e.g. [[9, 12], [13.5, 17.5], [19, 21]].
 */
export function shiftProfile(
  blocks: ReadonlyArray<readonly [number, number]>,
  offShift = 0.004,
): number[] {
  const q: number[] = [];
  for (let i = 0; i < 96; i++) {
    const h = i / 4;
    q.push(blocks.some(([s, e]) => h >= s && h < e) ? 1 : offShift);
  }
  return q;
}

/**
 * Returns 96 quarter-hour weights of a person's day: asleep from `sleep` to `wake` (local hours),
 * a morning bump, a lunch bump and an evening peak at `peak`.
 */
export function diurnalProfile(wake: number, sleep: number, peak: number): number[] {
  const q: number[] = [];
  for (let i = 0; i < 96; i++) {
    const h = i / 4;
    const awake = sleep > wake ? h >= wake && h < sleep : h >= wake || h < sleep;
    if (!awake) {
      q.push(0.01);
      continue;
    }
    const bump = (c: number, w: number, a: number) =>
      a * Math.exp(-((((h - c + 36) % 24) - 12) ** 2) / (2 * w * w));
    q.push(0.25 + bump(wake + 1, 1, 0.5) + bump(12.5, 1, 0.45) + bump(peak, 1.6, 1.1));
  }
  return q;
}
