// The holiday test on hand-built offices: a planted rest on a country's holidays is found, and a
// group's own weekend that happens to hold another country's holidays is not taken for them.
import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import { publicHolidays } from '../model/index.js';
import { COUNTRY_CALENDARS, dstTransitions, zonesFollowing } from './calendars.js';
import { holidayEvidence } from './holiday-test.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** An office 09–17 local at a fixed offset, closed on `weekend` (Monday = 0) and on `closed` dates. */
function office(
  from: string,
  days: number,
  offsetHours: number,
  weekend: readonly number[],
  closed: ReadonlySet<string>,
): number[] {
  const rng = new Rng(`office:${from}`);
  const first = Date.parse(`${from}T00:00:00Z`);
  const out: number[] = [];
  for (let d = 0; d < days; d++) {
    const midnight = first + d * DAY;
    const date = new Date(midnight).toISOString().slice(0, 10);
    if (weekend.includes((new Date(midnight).getUTCDay() + 6) % 7) || closed.has(date)) continue;
    for (let k = 0; k < 30; k++) out.push(midnight + (9 + rng.next() * 8 - offsetHours) * HOUR);
  }
  return out.sort((a, b) => a - b);
}

const only = (code: string) => COUNTRY_CALENDARS.filter((c) => c.code === code);

describe('holidayEvidence(times, countries, rng)', () => {
  it('finds an office in Moscow that rests on Russia’s public holidays', () => {
    const closed = new Set([2016, 2017].flatMap((y) => publicHolidays('RU', y).map((h) => h.date)));
    const times = office('2016-01-04', 500, 3, [5, 6], closed);
    const [ru] = holidayEvidence(times, only('RU'), new Rng(1));
    expect(ru?.rests).toBe(true);
    expect(ru?.ratio).toBeLessThan(0.2);
    // Some 14 runs of holidays over two years, every one kept: far beyond any p-value's bound.
    expect(ru?.likelihoodRatio).toBeGreaterThan(1e6);
  });

  it('weighs a group that works through every holiday against no country', () => {
    const times = office('2016-01-04', 500, 3, [5, 6], new Set());
    const evidence = holidayEvidence(times, COUNTRY_CALENDARS, new Rng(1));
    expect(evidence.length).toBeGreaterThan(10);
    for (const e of evidence) expect(e.likelihoodRatio).toBeCloseTo(1, 2);
  });

  it('weighs two kept holidays against a few ordinary days the group also skips', () => {
    // Six weeks round Russia's 23 February and 8 March 2024, both kept; also closed on three
    // ordinary weekdays (7, 14 and 28 February).
    const kept = new Set(['2024-02-23', '2024-03-08']);
    const skips = new Set(['2024-02-07', '2024-02-14', '2024-02-28']);
    const [alone] = holidayEvidence(
      office('2024-02-05', 42, 3, [5, 6], kept),
      only('RU'),
      new Rng(1),
    );
    const [skipping] = holidayEvidence(
      office('2024-02-05', 42, 3, [5, 6], new Set([...kept, ...skips])),
      only('RU'),
      new Rng(1),
    );
    expect(alone?.likelihoodRatio).toBeGreaterThan(100);
    expect(skipping?.likelihoodRatio).toBeGreaterThan(5);
    expect(skipping?.likelihoodRatio).toBeLessThan((alone?.likelihoodRatio as number) / 5);
  });

  it('does not take an office closed on Thursday and Friday for one resting on Venezuela’s Christmas and New Year', () => {
    // Christmas Eve, Christmas, New Year's Eve and New Year's Day 2015 fell on Thursday and Friday.
    const times = office('2015-12-01', 42, 4.5, [3, 4], new Set());
    const evidence = holidayEvidence(times, only('VE'), new Rng(1));
    expect(evidence.some((e) => e.rests)).toBe(false);
  });
});

describe('zonesFollowing(transitions)', () => {
  const year = dstTransitions(Date.UTC(2016, 0, 1), Date.UTC(2016, 11, 31));

  it('finds Canada’s UTC−3:30 and the US zones at the US spring change', () => {
    const zones = zonesFollowing(year.filter((t) => t.label === 'US 2016-03-13'));
    expect(zones).toContain(-210);
    expect(zones).toContain(-300);
    expect(zones).not.toContain(60);
  });

  it('finds Mexico City at the EU autumn change, and only Europe’s offsets at both EU changes', () => {
    expect(zonesFollowing(year.filter((t) => t.label === 'EU 2016-10-30'))).toContain(-360);
    expect(zonesFollowing(year.filter((t) => t.rule === 'eu'))).toEqual([-180, -60, 0, 60, 120]);
  });
});
