// Careful operators' shifts: days that start and end at other times, skipped days, holidays kept.
import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import { DAY, HOUR } from './clock.js';
import { SimContext } from './context.js';
import { NIGHT_SHIFT } from './night-shift.js';
import type { ShiftSpec } from './shifts.js';
import { Shifts } from './shifts.js';

const START = Date.UTC(2024, 1, 5); // a Monday
const ctx = new SimContext(
  { seed: 1, accounts: 100, days: 42, start: START, postsPerDay: 3, stealth: 0, hardNegatives: 1 },
  { account() {}, post() {}, observation() {}, follow() {} },
);
const OFFICE: ShiftSpec = {
  utcOffsetMinutes: 480,
  start: 9,
  end: 18,
  jitter: [30, 60],
  jitterMode: 'both',
  skipDay: 0,
  weekendWork: 0,
  holidays: [],
};

/** Minutes between a day's first worked instant and the nominal start, for every day worked. */
function startOffsets(shifts: Shifts, w: number, nominal: number, offset: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < 42; d++) {
    const first = shifts.worked(w, d)[0];
    if (first) out.push((first[0] - (START + d * DAY + nominal * HOUR - offset * 60_000)) / 60_000);
  }
  return out;
}

describe('Shifts(ctx, rng, spec, operators)', () => {
  it("moves each operator's start by up to its 30–60 minute jitter, earlier and later", () => {
    const shifts = new Shifts(ctx, new Rng('t'), OFFICE, 6);
    for (let w = 0; w < 6; w++) {
      const offsets = startOffsets(shifts, w, 9, 480);
      expect(offsets.length).toBe(30); // every weekday of six weeks
      expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-60);
      expect(Math.max(...offsets)).toBeLessThanOrEqual(60);
      expect(Math.min(...offsets)).toBeLessThan(-10);
      expect(Math.max(...offsets)).toBeGreaterThan(10);
    }
  });

  it('skips some working days, rests at weekends and on holidays', () => {
    const shifts = new Shifts(
      ctx,
      new Rng('t'),
      { ...OFFICE, skipDay: 0.2, holidays: ['2024-02-12'] },
      8,
    );
    let weekdays = 0;
    let skipped = 0;
    for (let w = 0; w < 8; w++)
      for (let d = 0; d < 42; d++) {
        const rest = d % 7 >= 5 || d === 7; // 12 February is run day 7
        if (rest) expect(shifts.worked(w, d)).toEqual([]);
        else {
          weekdays++;
          if (shifts.worked(w, d).length === 0) skipped++;
        }
      }
    expect(skipped / weekdays).toBeGreaterThan(0.1);
    expect(skipped / weekdays).toBeLessThan(0.3);
  });

  it('keeps an inward-jittered night shift inside 21:00–06:00, with a break', () => {
    const shifts = new Shifts(ctx, new Rng('n'), { ...NIGHT_SHIFT, skipDay: 0 }, 4);
    const starts = new Set<number>();
    for (let w = 0; w < 4; w++)
      for (let d = 0; d < 42; d++) {
        const worked = shifts.worked(w, d);
        if (worked.length === 0) continue;
        expect(worked.length).toBe(2);
        const frameStart = START + d * DAY + 21 * HOUR - 3 * HOUR;
        const [first] = worked[0] as readonly [number, number];
        const [, last] = worked[1] as readonly [number, number];
        expect(first).toBeGreaterThanOrEqual(frameStart);
        expect(last).toBeLessThanOrEqual(frameStart + 9 * HOUR);
        starts.add(Math.round((first - frameStart) / 60_000));
      }
    expect(starts.size).toBeGreaterThan(20);
  });

  it('draws instants inside the shift, and 3–120 minutes later only while the operator works', () => {
    const shifts = new Shifts(ctx, new Rng('t'), OFFICE, 2);
    const rng = new Rng('draws');
    let found = 0;
    for (let i = 0; i < 500; i++) {
      const t0 = shifts.instant(rng, 0, i % 42);
      if (t0 === null) continue;
      expect(shifts.atWork(0, t0)).toBe(true);
      const t = shifts.after(rng, 1, t0, 3, 120);
      if (t === null) continue;
      found++;
      expect(t - t0).toBeGreaterThanOrEqual(3 * 60_000);
      expect(t - t0).toBeLessThanOrEqual(120 * 60_000);
      expect(shifts.atWork(1, t)).toBe(true);
    }
    expect(found).toBeGreaterThan(200);
  });
});
