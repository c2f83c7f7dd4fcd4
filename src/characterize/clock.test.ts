// The operator clock on small hand-built timestamp sets: a flat profile, a two-shift office, and
// one office with and without US daylight saving across a transition.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import {
  accountClock,
  bayesFactorBound,
  clockCalendar,
  describeShifts,
  operatorClock,
} from './clock.js';

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

  it('puts a plain office day within an hour of its offset, without claiming more than the day shape holds', () => {
    const c = clock(office(new Rng('day'), 90, 40, [[9, 18]], fixed(3)));
    expect(c.kind).toBe('office');
    expect(c.timezone.utcOffsetMinutes).not.toBeNull();
    expect(Math.abs((c.timezone.utcOffsetMinutes ?? 0) - 180)).toBeLessThanOrEqual(60);
    // 09–18 at UTC+3 is also 08–17 at UTC+2 and 10–19 at UTC+4: one block of work says the offset
    // to about two hours, so the confidence stays well below certainty.
    expect(c.timezone.confidence).toBeGreaterThan(0.5);
    expect(c.timezone.confidence).toBeLessThan(0.9);
    expect(c.timezone.interval?.to ?? 0).toBeGreaterThan(c.timezone.interval?.from ?? 0);
  });

  it('is surer of an office with a lunch hour than of the same office without', () => {
    const plain = clock(office(new Rng('day'), 90, 40, [[9, 18]], fixed(3)));
    const lunch = clock(
      office(
        new Rng('day'),
        90,
        40,
        [
          [9, 13],
          [14, 18],
        ],
        fixed(3),
      ),
    );
    expect(Math.abs((lunch.timezone.utcOffsetMinutes ?? 0) - 180)).toBeLessThanOrEqual(60);
    expect(lunch.timezone.confidence).toBeGreaterThan(plain.timezone.confidence);
  });

  it('gives a lower confidence at a lower evidence weight', () => {
    const times = office(new Rng('day'), 90, 40, [[9, 18]], fixed(3));
    const low = operatorClock(times, { automatedShare: 0, resamples: 10, seed: 1, evidence: 20 });
    const high = operatorClock(times, { automatedShare: 0, resamples: 10, seed: 1, evidence: 300 });
    expect(low.timezone.confidence).toBeLessThan(high.timezone.confidence);
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

  it('weighs a measured absence of daylight saving against the offsets whose zones keep it', () => {
    // A year of a late office (11:00–20:00) on a fixed UTC+3: neither the US nor the EU rule moves
    // it, so UTC+1 (mostly European zones, EU rule) and UTC−5 (mostly US rule) lose prior weight
    // against UTC+3 (no zone there changes clocks).
    const times = office(new Rng('late'), 365, 40, [[11, 20]], fixed(3));
    const cal = clockCalendar(times, new Rng('calendar'));
    // The verdict may stay 'unknown' (a chance z ≥ 1), the weighing uses each rule's z and power.
    expect(['none', 'unknown']).toContain(cal.dst.dst);
    const prior = (m: number) => cal.prior[cal.candidates.indexOf(m)] as number;
    expect(prior(60)).toBeLessThan(0.5 * prior(180));
    expect(prior(-300)).toBeLessThan(0.6 * prior(180));
    expect(prior(480)).toBe(prior(180));
  });

  it('lets a language of a few zones favour them, and a lingua franca favour none', () => {
    // A crew at UTC+3 working 10:00–21:00 over a night floor (as ira-dev's Russian-language
    // group): the day's shape fits UTC+0 to UTC+4 about equally well.
    const times = office(
      new Rng('crew'),
      120,
      60,
      [
        [10, 21],
        [10, 21],
        [0, 24],
      ],
      fixed(3),
    );
    const run = (languages?: Record<string, number>) =>
      operatorClock(times, { automatedShare: 0, resamples: 30, seed: 1, languages });
    const plain = run();
    const russian = run({ ru: 0.8, uk: 0.1, und: 0.1 });
    expect(plain.timezone.language).toBeNull();
    expect(russian.timezone.language).toBe('ru');
    expect(russian.timezone.likeliestMinutes).toBe(180);
    expect(russian.timezone.confidence).toBeGreaterThan(plain.timezone.confidence);
    expect(russian.timezone.basis).toMatch(/writes ru \(80% of posts\)/);
    // English is spoken in too many zones to weigh; a language below 60% of posts does not either.
    for (const languages of [{ en: 0.95 }, { ru: 0.5, en: 0.5 }] as Record<string, number>[]) {
      const c = run(languages);
      expect(c.timezone.language).toBeNull();
      expect(c.timezone.confidence).toBe(plain.timezone.confidence);
      expect(c.timezone.likeliestMinutes).toBe(plain.timezone.likeliestMinutes);
    }
  });

  it('measures no daylight saving in the same office on a fixed UTC−5', () => {
    const c = clock(office(new Rng('ny'), 180, 40, [[9, 17]], fixed(-5)));
    expect(c.timezone.dst).toBe('none');
    expect(c.timezone.dstEvidence.every((e) => !e.followed)).toBe(true);
  });
});

describe('accountClock(times)', () => {
  it('gives an account with too few posts no clock', () => {
    expect(accountClock([START, START + HOUR])).toEqual({
      utcOffsetMinutes: null,
      likeliestMinutes: null,
      confidence: 0,
    });
  });

  it('gives an account with 100+ posts on fewer than 14 days no clock', () => {
    const a = accountClock(office(new Rng('acct'), 12, 15, [[9, 18]], fixed(8)));
    expect(a.likeliestMinutes).toBeNull();
    expect(a.confidence).toBe(0);
  });

  it('puts a busy account on its office offset', () => {
    const a = accountClock(office(new Rng('acct'), 60, 6, [[9, 18]], fixed(8)));
    expect(Math.abs((a.utcOffsetMinutes ?? 0) - 480)).toBeLessThanOrEqual(60);
  });
});

describe('bayesFactorBound(p)', () => {
  it('carries no evidence from p ≥ 1/e and about 8 from p = 0.01', () => {
    expect(bayesFactorBound(0.5)).toBe(1);
    expect(bayesFactorBound(1 / Math.E)).toBe(1);
    expect(bayesFactorBound(0.01)).toBeCloseTo(7.99, 2);
    expect(bayesFactorBound(0.001)).toBeCloseTo(53.3, 1);
  });
});

describe('describeShifts(segments, zone, local)', () => {
  it('names a day shift and a weaker evening shift in local time, and a floor around the clock', () => {
    const segments = [
      { start: '02:00', end: '10:00', level: 0.3 },
      { start: '10:00', end: '19:00', level: 1 },
      { start: '19:00', end: '02:00', level: 0.5 },
    ];
    expect(describeShifts(segments, 'UTC+3', true)).toBe(
      '2 shifts (UTC+3): day shift 10:00–19:00, evening shift 19:00–02:00 at 50%; around the clock, never below 30% of the busiest',
    );
    expect(describeShifts(segments, 'UTC', false)).toMatch(
      /^2 shifts \(UTC\): shift 10:00–19:00, shift/,
    );
  });

  it('keeps a short burst inside its shift and joins neighbours of about the same level', () => {
    const segments = [
      { start: '00:00', end: '09:00', level: 0 },
      { start: '09:00', end: '13:00', level: 0.8 },
      { start: '13:00', end: '14:00', level: 0.5 },
      { start: '14:00', end: '18:00', level: 1 },
      { start: '18:00', end: '00:00', level: 0 },
    ];
    expect(describeShifts(segments, 'UTC+8', true)).toBe('1 shift (UTC+8): day shift 09:00–18:00');
  });

  it('reads lunch and supper breaks as breaks inside one day shift, not as three shifts', () => {
    const segments = [
      { start: '21:00', end: '09:00', level: 0.02 },
      { start: '09:00', end: '12:00', level: 0.9 },
      { start: '12:00', end: '13:30', level: 0.3 },
      { start: '13:30', end: '17:30', level: 1 },
      { start: '17:30', end: '19:00', level: 0.35 },
      { start: '19:00', end: '21:00', level: 0.8 },
    ];
    expect(describeShifts(segments, 'UTC+8', true)).toBe('1 shift (UTC+8): day shift 09:00–21:00');
  });
});
