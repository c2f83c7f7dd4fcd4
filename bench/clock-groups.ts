// Synthetic operator groups for the clock's calibration: post instants drawn straight from local
// working days (offices, two shifts, night shifts, round-the-clock crews, people at home, crowds
// spread over many zones) with per-day jitter, skipped days, holidays, bursts and daylight saving.
import { DateTime } from 'luxon';

import { Rng } from '../src/core/index.js';
import type { HolidayCountry } from '../src/model/index.js';
import { countryZones, HOLIDAY_COUNTRIES, publicHolidays } from '../src/model/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A synthetic group and what was planted. */
export interface SyntheticGroup {
  readonly id: string;
  /** IANA zone of the operators (`mixed` for a crowd spread over zones). */
  readonly zone: string;
  /** The zone's standard UTC offset in minutes; null for a crowd (no single offset is right). */
  readonly truthMinutes: number | null;
  readonly pattern: Pattern;
  /** Minutes by which shift starts and ends move from day to day, at most. */
  readonly jitterMinutes: number;
  /** Whether the operators rest on their country's public holidays. */
  readonly holidays: boolean;
  readonly accounts: number;
  readonly days: number;
  /** Sorted instants (epoch ms) of all posts. */
  readonly times: Float64Array;
  /** Each member's sorted instants and its own zone's standard offset. */
  readonly members: ReadonlyArray<{ readonly times: Float64Array; readonly truthMinutes: number }>;
}

/** The kinds of working day planted. */
export type Pattern = 'office' | 'two-shifts' | 'night' | 'round-the-clock' | 'home' | 'crowd';

// Zones and their weights: the offsets behind known operations (UTC+3, +8, −5, +1) most often,
// half-hour and 45-minute zones, and zones with US, EU and southern daylight saving.
const ZONES: ReadonlyArray<readonly [string, number]> = [
  ['Europe/Moscow', 4],
  ['Asia/Shanghai', 4],
  ['America/Bogota', 2],
  ['America/New_York', 2],
  ['Africa/Lagos', 2],
  ['Europe/Berlin', 2],
  ['Asia/Kolkata', 2],
  ['Asia/Tehran', 2],
  ['Australia/Adelaide', 1],
  ['America/St_Johns', 1],
  ['Asia/Kathmandu', 1],
  ['Asia/Yangon', 1],
  ['Asia/Kabul', 1],
  ['Europe/Istanbul', 1],
  ['Asia/Riyadh', 1],
  ['Africa/Cairo', 1],
  ['Asia/Dubai', 1],
  ['Asia/Karachi', 1],
  ['Asia/Dhaka', 1],
  ['Asia/Bangkok', 1],
  ['Asia/Pyongyang', 1],
  ['Asia/Tokyo', 1],
  ['America/Caracas', 1],
  ['America/Havana', 1],
  ['America/Sao_Paulo', 1],
  ['America/Mexico_City', 1],
  ['America/Los_Angeles', 1],
  ['Europe/London', 1],
  ['Asia/Jerusalem', 1],
  ['Asia/Manila', 1],
];

const PATTERNS: ReadonlyArray<readonly [Pattern, number]> = [
  ['office', 40],
  ['two-shifts', 15],
  ['night', 10],
  ['round-the-clock', 10],
  ['home', 15],
  ['crowd', 10],
];

// Countries whose offices close on Friday and Saturday (Iran on Thursday and Friday).
const WEEKENDS: Record<string, readonly number[]> = {
  'Asia/Riyadh': [4, 5],
  'Africa/Cairo': [4, 5],
  'Asia/Jerusalem': [4, 5],
  'Asia/Tehran': [3, 4],
  'Asia/Kabul': [3, 4],
};

let zoneCountry: Map<string, HolidayCountry> | null = null;
/** The holiday country (of the 15 the clock tests) whose zones include `zone`. */
function countryOf(zone: string): HolidayCountry | null {
  zoneCountry ??= new Map(HOLIDAY_COUNTRIES.flatMap((c) => countryZones(c).map((z) => [z, c])));
  return zoneCountry.get(zone) ?? null;
}

// UTC offsets (minutes) of a zone at noon of each epoch day, looked up once.
const offsets = new Map<string, number>();
const offsetOn = (zone: string, day: number) => {
  const key = `${zone}:${day}`;
  let o = offsets.get(key);
  if (o === undefined) {
    o = DateTime.fromMillis(day * DAY + DAY / 2, { zone }).offset;
    offsets.set(key, o);
  }
  return o;
};

/** A working stretch of a local day, in hours (the end may pass midnight), with its staffing. */
interface Shift {
  readonly start: number;
  readonly end: number;
  readonly weight: number;
}

/** A group's working day: shifts, breaks (hours, activity kept at 10%), weekend days and level. */
interface Day {
  readonly shifts: readonly Shift[];
  readonly breaks: ReadonlyArray<readonly [number, number]>;
  readonly weekend: readonly number[];
  /** Activity on weekend days relative to working days. */
  readonly weekendLevel: number;
}

/** Draws the working day of a pattern (local hours). */
function drawDay(rng: Rng, pattern: Pattern, zone: string): Day {
  const weekend = WEEKENDS[zone] ?? [5, 6];
  // Most offices close on their weekend (to at most 30% of a working day); some work all week.
  const weekendLevel = rng.chance(0.85) ? rng.next() * 0.3 : 0.7 + rng.next() * 0.3;
  // Starts and lengths from 7 to 11 hours, most often near 9 (a triangular spread).
  const around9 = () => 9 + 2 * (rng.next() + rng.next() - 1);
  const officeDay = (): { shift: Shift; breaks: Array<readonly [number, number]> } => {
    const start = around9();
    const end = start + around9();
    const breaks: Array<readonly [number, number]> = [];
    if (rng.chance(0.6)) {
      const lunch = 11.75 + rng.next() * 3.5;
      if (lunch > start + 1 && lunch < end - 2) breaks.push([lunch, lunch + 0.5 + rng.next()]);
    }
    if (rng.chance(0.25) && end - start > 9) {
      const supper = end - 3 + rng.next();
      breaks.push([supper, supper + 0.5 + rng.next() * 0.75]);
    }
    return { shift: { start, end, weight: 1 }, breaks };
  };
  switch (pattern) {
    case 'office': {
      const { shift, breaks } = officeDay();
      return { shifts: [shift], breaks, weekend, weekendLevel };
    }
    case 'two-shifts': {
      const { shift, breaks } = officeDay();
      const start = rng.chance(0.5) ? shift.end - 1 + rng.next() * 2 : 20 + rng.next() * 3;
      const night = { start, end: start + 7 + rng.next() * 2, weight: 0.3 + rng.next() * 0.7 };
      return { shifts: [shift, night], breaks, weekend, weekendLevel };
    }
    case 'night': {
      const start = 15 + rng.next() * 7;
      return {
        shifts: [{ start, end: start + 8 + rng.next() * 2, weight: 1 }],
        breaks: [],
        weekend,
        weekendLevel,
      };
    }
    case 'round-the-clock': {
      const s = 6 + rng.next() * 4;
      return {
        shifts: [
          { start: s, end: s + 8, weight: 1 },
          { start: s + 8, end: s + 16, weight: 0.4 + rng.next() * 0.6 },
          { start: s + 16, end: s + 24, weight: 0.15 + rng.next() * 0.45 },
        ],
        breaks: [],
        weekend,
        weekendLevel: 0.5 + rng.next() * 0.5,
      };
    }
    case 'home':
    case 'crowd': {
      // A waking day: a light morning, a busier evening.
      const wake = 6 + rng.next() * 3;
      const sleep = 22.5 + rng.next() * 2.5;
      const peak = 18 + rng.next() * 3;
      return {
        shifts: [
          { start: wake, end: peak, weight: 0.5 },
          { start: peak, end: sleep, weight: 1 },
        ],
        breaks: [],
        weekend,
        weekendLevel: 0.8 + rng.next() * 0.5,
      };
    }
  }
}

/** Draws a local hour of activity on a day, from the shifts moved by the day's jitter (null if none). */
function drawHour(rng: Rng, day: Day, jitter: readonly number[]): number | null {
  const spans = day.shifts.map((s, i) => {
    const start = s.start + (jitter[2 * i] as number);
    const end = Math.max(start + 0.5, s.end + (jitter[2 * i + 1] as number));
    return { start, end, w: s.weight * (end - start) };
  });
  for (let tries = 0; tries < 20; tries++) {
    const s = spans[rng.weighted(spans.map((x) => x.w))] as (typeof spans)[number];
    const h = s.start + rng.next() * (s.end - s.start);
    const local = ((h % 24) + 24) % 24;
    if (day.breaks.some(([a, b]) => local >= a && local < b) && !rng.chance(0.1)) continue;
    return h;
  }
  return null;
}

/** Options of {@link syntheticGroups}. */
export interface SyntheticGroupOptions {
  /** Seed of the set: the same seed gives the same groups. */
  readonly seed: string;
  /** Number of groups. */
  readonly count: number;
}

/** Synthesizes `count` groups from a seed (deterministic). */
export function syntheticGroups(options: SyntheticGroupOptions): SyntheticGroup[] {
  const out: SyntheticGroup[] = [];
  for (let g = 0; g < options.count; g++) out.push(syntheticGroup(`${options.seed}:${g}`));
  return out;
}

/** One synthetic group from its seed. */
export function syntheticGroup(seed: string): SyntheticGroup {
  const rng = new Rng(`clock-group:${seed}`);
  const pattern = (
    PATTERNS[rng.weighted(PATTERNS.map((p) => p[1]))] as (typeof PATTERNS)[number]
  )[0];
  const pickZone = () => (ZONES[rng.weighted(ZONES.map((z) => z[1]))] as (typeof ZONES)[number])[0];
  const zone = pickZone();
  const accounts = Math.round(Math.exp(Math.log(5) + rng.next() * Math.log(40)));
  const days = 7 * rng.int(2, 8);
  const firstDay = Math.floor(Date.UTC(2015, 0, 1) / DAY) + rng.int(0, 3500);
  const year = new Date((firstDay + days / 2) * DAY).getUTCFullYear();
  // The truth: the zone's standard clock over the data (its smallest offset on any of the days).
  const standard = (z: string) => {
    let min = Infinity;
    for (let d = 0; d < days; d++) min = Math.min(min, offsetOn(z, firstDay + d));
    return min;
  };
  const jitterMinutes = rng.next() * 90;
  const skip = 0.05 + rng.next() * 0.35;
  const perDay = Math.exp(Math.log(1) + rng.next() * Math.log(30));
  const country = countryOf(zone);
  const holidays = pattern !== 'crowd' && country !== null && rng.chance(0.5);
  const holidayDates = new Set<string>();
  if (holidays && country)
    for (let y = year - 1; y <= year + 1; y++)
      for (const h of publicHolidays(country, y)) holidayDates.add(h.date);
  const groupDay = drawDay(rng, pattern, zone);
  const members: Array<{ times: Float64Array; truthMinutes: number }> = [];
  const all: number[] = [];
  for (let a = 0; a < accounts; a++) {
    const arng = rng.fork(`account ${a}`);
    const memberZone = pattern === 'crowd' ? pickZone() : zone;
    const day = pattern === 'crowd' ? drawDay(arng, pattern, memberZone) : groupDay;
    // Each account keeps its own habits: a start a little early or late, a busier or quieter rate.
    const habit = (arng.next() - 0.5) * 1;
    const rate = perDay * arng.lognormal(1, 0.7);
    const times: number[] = [];
    for (let d = 0; d < days; d++) {
      const localMidnight = (firstDay + d) * DAY;
      const wd = (new Date(localMidnight).getUTCDay() + 6) % 7;
      const date = new Date(localMidnight).toISOString().slice(0, 10);
      if (arng.chance(skip)) continue;
      if (holidayDates.has(date) && !arng.chance(0.05)) continue;
      const level = day.weekend.includes(wd) ? day.weekendLevel : 1;
      const jitter = day.shifts.flatMap(() => [
        habit + ((arng.next() * 2 - 1) * jitterMinutes) / 60,
        habit + ((arng.next() * 2 - 1) * jitterMinutes) / 60,
      ]);
      // Posts come in sessions: a few posts within minutes of each other.
      let left = arng.poisson(rate * level);
      while (left > 0) {
        const h = drawHour(arng, day, jitter);
        if (h === null) break;
        const burst = Math.min(left, 1 + Math.floor(-Math.log(1 - arng.next()) * 2));
        const local = localMidnight + h * HOUR;
        const utc = local - offsetOn(memberZone, Math.floor(local / DAY)) * 60_000;
        for (let k = 0; k < burst; k++) times.push(utc + arng.next() * 10 * 60_000);
        left -= burst;
      }
    }
    times.sort((x, y) => x - y);
    for (const t of times) all.push(t);
    members.push({ times: Float64Array.from(times), truthMinutes: standard(memberZone) });
  }
  all.sort((x, y) => x - y);
  return {
    id: seed,
    zone: pattern === 'crowd' ? 'mixed' : zone,
    truthMinutes: pattern === 'crowd' ? null : standard(zone),
    pattern,
    jitterMinutes: Math.round(jitterMinutes),
    holidays,
    accounts,
    days,
    times: Float64Array.from(all),
    members,
  };
}
