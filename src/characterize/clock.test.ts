// The operator clock on small hand-built timestamp sets: a flat profile, a two-shift office, and
// one office with and without US daylight saving across a transition.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import { accountClock, operatorClock } from './clock.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2016, 0, 4); // a Monday

/** Weekday activity between local hours [from, to) (to may pass midnight), `perDay` events a day. */
function office(
  rng: Rng,
  days: number,
  perDay: number,
  shifts: ReadonlyArray<readonly [number, number]>,
  toUtc: (localMs: number) => number,
): number[] {
  const out: number[] = [];
  for (let d = 0; d < days; d++) {
    const weekday = (new Date(START + d * DAY).getUTCDay() + 6) % 7;
    if (weekday >= 5) continue;
    for (let k = 0; k < perDay; k++) {
      const [from, to] = rng.pick(shifts);
      const h = from + rng.next() * (to - from);
      out.push(toUtc(START + d * DAY + h * HOUR));
    }
  }
  return out.sort((a, b) => a - b);
}

const fixed = (offsetHours: number) => (local: number) => local - offsetHours * HOUR;
const newYork = (local: number) => {
  const l = new Date(local);
  return DateTime.fromObject(
    {
      year: l.getUTCFullYear(),
      month: l.getUTCMonth() + 1,
      day: l.getUTCDate(),
      hour: l.getUTCHours(),
      minute: l.getUTCMinutes(),
      second: l.getUTCSeconds(),
    },
    { zone: 'America/New_York' },
  ).toMillis();
};
const clock = (times: number[]) =>
  operatorClock(times, { automatedShare: 0, resamples: 30, seed: 1 });

describe('operatorClock(times)', () => {
  it('says it does not know the offset of a flat profile', () => {
    const rng = new Rng('flat');
    const start = START;
    const times = Array.from({ length: 4000 }, () => start + rng.next() * 120 * DAY).sort(
      (a, b) => a - b,
    );
    const c = clock(times);
    expect(c.kind).toBe('diffuse');
    expect(c.timezone.utcOffsetMinutes).toBeNull();
    expect(c.timezone.confidence).toBeLessThan(0.5);
    expect(c.schedule).toBeNull();
  });

  it('puts an office day at its offset with a high confidence', () => {
    const c = clock(office(new Rng('day'), 90, 40, [[9, 18]], fixed(3)));
    expect(c.kind).toBe('office');
    expect(c.timezone.utcOffsetMinutes).not.toBeNull();
    expect(Math.abs((c.timezone.utcOffsetMinutes ?? 0) - 180)).toBeLessThanOrEqual(60);
    expect(c.timezone.confidence).toBeGreaterThan(0.8);
  });

  it('describes a day and a night shift in one office zone as two shifts', () => {
    const times = office(
      new Rng('two-shift'),
      90,
      60,
      [
        [9, 17],
        [21, 29],
      ],
      fixed(3),
    );
    const c = clock(times);
    expect(c.kind).toBe('shifts');
    expect(c.shifts?.description).toMatch(/^2 shifts/);
  });

  it('finds US daylight saving in an office that follows it across the March change', () => {
    const c = clock(office(new Rng('ny'), 180, 40, [[9, 17]], newYork));
    expect(c.timezone.dst).toBe('us');
    const spring = c.timezone.dstEvidence.find((e) => e.transition === 'US 2016-03-13');
    expect(spring?.followed).toBe(true);
    expect(spring?.shiftMinutes).toBe(-60);
    // Read on its standard clock: UTC−5.
    expect(Math.abs((c.timezone.utcOffsetMinutes ?? 0) + 300)).toBeLessThanOrEqual(60);
  });

  it('measures no daylight saving in the same office on a fixed UTC−5', () => {
    const c = clock(office(new Rng('ny'), 180, 40, [[9, 17]], fixed(-5)));
    expect(c.timezone.dst).toBe('none');
    expect(c.timezone.dstEvidence.every((e) => !e.followed)).toBe(true);
  });
});

describe('accountClock(times)', () => {
  it('gives an account with too few posts no clock', () => {
    expect(accountClock([START, START + HOUR])).toEqual({ utcOffsetMinutes: null, confidence: 0 });
  });

  it('puts a busy account on its office offset', () => {
    const a = accountClock(office(new Rng('acct'), 60, 6, [[9, 18]], fixed(8)));
    expect(Math.abs((a.utcOffsetMinutes ?? 0) - 480)).toBeLessThanOrEqual(60);
  });
});
