// The countries operator clocks are tested against (zones, weekends, public holidays from the
// date-holidays library) and the US and EU daylight-saving transitions.
import { DateTime } from 'luxon';

import type { HolidayCountry } from '../model/index.js';
import { countryZones, HOLIDAY_COUNTRIES, publicHolidays } from '../model/index.js';

/** A candidate operator country. */
export interface CountryCalendar {
  readonly code: HolidayCountry;
  /** Its zones, the capital's first, e.g. `['Europe/Moscow', …]`. */
  readonly zones: readonly string[];
  /** Weekdays off (Monday = 0) in a year, e.g. `[5, 6]`. */
  readonly weekend: (year: number) => readonly number[];
}

// Weekly days off where they are not Saturday and Sunday: Iran's offices close on Thursday and
// Friday, Saudi Arabia, Egypt and Israel on Friday and Saturday, the UAE until the end of 2021.
const FRI_SAT = [4, 5];
const WEEKENDS: Partial<Record<HolidayCountry, (year: number) => readonly number[]>> = {
  IR: () => [3, 4],
  SA: () => FRI_SAT,
  EG: () => FRI_SAT,
  IL: () => FRI_SAT,
  AE: (y) => (y <= 2021 ? FRI_SAT : [5, 6]),
};

/** The candidate countries, in {@link HOLIDAY_COUNTRIES} order. */
export const COUNTRY_CALENDARS: readonly CountryCalendar[] = HOLIDAY_COUNTRIES.map((code) => ({
  code,
  get zones() {
    return countryZones(code);
  },
  weekend: WEEKENDS[code] ?? (() => [5, 6]),
}));

/** The public holidays (local dates) of a country between two years, inclusive. */
export function holidaysBetween(
  country: HolidayCountry,
  fromYear: number,
  toYear: number,
): Map<string, string> {
  const out = new Map<string, string>();
  for (let y = fromYear; y <= toYear; y++)
    for (const h of publicHolidays(country, y)) out.set(h.date, h.name);
  return out;
}

// Offsets already looked up: the daylight-saving and holiday tests ask every zone at the same
// transitions and days for each group, and Luxon's look-up is slow (an Intl format per call).
const offsets = new Map<string, number>();

/** UTC offset in minutes of an IANA zone at an instant. */
export function zoneOffset(zone: string, at: number): number {
  const key = `${zone}@${at}`;
  let out = offsets.get(key);
  if (out === undefined) {
    if (offsets.size >= 200_000) offsets.clear();
    out = DateTime.fromMillis(at, { zone }).offset;
    offsets.set(key, out);
  }
  return out;
}

/** Standard (winter) UTC offset in minutes of a zone in a year: the smaller of January's and July's. */
export function standardOffset(zone: string, year: number): number {
  return Math.min(
    zoneOffset(zone, Date.UTC(year, 0, 15, 12)),
    zoneOffset(zone, Date.UTC(year, 6, 15, 12)),
  );
}

/**
 * The standard offsets (minutes, to the half hour) of a country's zones in a year, each with its
 * share of the country: the capital's (the first zone's) 1, its other offsets sharing 30% (a
 * country's institutions, and most of its people, sit at its capital's time; Moscow and St
 * Petersburg, Beijing, Tehran).
 */
export function zoneShares(zones: readonly string[], year: number): Map<number, number> {
  const offsets = zones.map((z) => Math.round(standardOffset(z, year) / 30) * 30);
  const others = new Set(offsets.filter((m) => m !== offsets[0]));
  const shares = new Map<number, number>([...others].map((m) => [m, 0.3 / others.size]));
  if (offsets[0] !== undefined) shares.set(offsets[0], 1);
  return shares;
}

/** A daylight-saving transition: when (UTC ms), which rule, and the UTC shift of a local clock. */
export interface DstTransition {
  readonly rule: 'us' | 'eu';
  readonly at: number;
  /** Quarter hours a local-time schedule moves in UTC: −4 in spring (an hour earlier), +4 in autumn. */
  readonly shiftQuarters: number;
  readonly label: string;
}

function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** The US (Eastern) and EU transitions of the years from `start` to `end` (UTC ms). */
export function dstTransitions(start: number, end: number): DstTransition[] {
  const out: DstTransition[] = [];
  for (let y = new Date(start).getUTCFullYear(); y <= new Date(end).getUTCFullYear(); y++) {
    const usSpring = Date.UTC(y, 2, nthSunday(y, 2, 2), 7);
    const usFall = Date.UTC(y, 10, nthSunday(y, 10, 1), 6);
    const euSpring = Date.UTC(y, 2, lastSunday(y, 2), 1);
    const euFall = Date.UTC(y, 9, lastSunday(y, 9), 1);
    out.push(
      { rule: 'us', at: usSpring, shiftQuarters: -4, label: `US ${iso(usSpring)}` },
      { rule: 'us', at: usFall, shiftQuarters: 4, label: `US ${iso(usFall)}` },
      { rule: 'eu', at: euSpring, shiftQuarters: -4, label: `EU ${iso(euSpring)}` },
      { rule: 'eu', at: euFall, shiftQuarters: 4, label: `EU ${iso(euFall)}` },
    );
  }
  return out.filter((t) => t.at > start && t.at < end).sort((a, b) => a.at - b.at);
}

/** Whether an instant falls in a rule's summer time. */
export function inSummerTime(rule: 'us' | 'eu', at: number): boolean {
  const y = new Date(at).getUTCFullYear();
  const [spring, fall] =
    rule === 'us'
      ? [Date.UTC(y, 2, nthSunday(y, 2, 2), 7), Date.UTC(y, 10, nthSunday(y, 10, 1), 6)]
      : [Date.UTC(y, 2, lastSunday(y, 2), 1), Date.UTC(y, 9, lastSunday(y, 9), 1)];
  return at >= spring && at < fall;
}

let zoneNames: readonly string[] | null = null;
const followers = new Map<string, number[]>();

/**
 * Standard UTC offsets (minutes, rounded to the half hour) of the IANA zones whose clocks change
 * within two days of each of the given transitions, the way they move: e.g. the EU's autumn change
 * is also Mexico's, and the US rule is also Canada's (UTC−3:30 to −8).
 */
export function zonesFollowing(transitions: readonly DstTransition[]): number[] {
  const key = transitions.map((t) => t.label).join(',');
  let out = followers.get(key);
  if (!out) {
    zoneNames ??= Intl.supportedValuesOf('timeZone');
    const found = new Set<number>();
    for (const zone of zoneNames) {
      let standard = Infinity;
      const follows = transitions.every((t) => {
        const before = zoneOffset(zone, t.at - 2 * DAY);
        const after = zoneOffset(zone, t.at + 2 * DAY);
        standard = Math.min(standard, before, after);
        // A local clock an hour ahead moves the schedule an hour earlier in UTC (−4 quarters).
        return after - before === -15 * t.shiftQuarters;
      });
      if (follows && transitions.length > 0) found.add(Math.round(standard / 30) * 30);
    }
    out = [...found].sort((a, b) => a - b);
    followers.set(key, out);
  }
  return out;
}

const shares = new Map<string, Map<number, number>>();

/**
 * Per standard UTC offset (minutes, rounded to the half hour), the share of the IANA zones there
 * whose clocks change at every one of the given transitions: e.g. at UTC+1 in 2016 the European
 * zones follow the EU rule, the West and Central African ones do not. Zones are counted, not people.
 */
export function followingShare(transitions: readonly DstTransition[]): Map<number, number> {
  const key = transitions.map((t) => t.label).join(',');
  let out = shares.get(key);
  if (!out) {
    zoneNames ??= Intl.supportedValuesOf('timeZone');
    const counts = new Map<number, { follow: number; all: number }>();
    for (const zone of zoneNames) {
      let standard = Infinity;
      let follows = transitions.length > 0;
      for (const t of transitions) {
        const before = zoneOffset(zone, t.at - 2 * DAY);
        const after = zoneOffset(zone, t.at + 2 * DAY);
        standard = Math.min(standard, before, after);
        if (after - before !== -15 * t.shiftQuarters) follows = false;
      }
      if (!Number.isFinite(standard)) continue;
      const m = Math.round(standard / 30) * 30;
      const c = counts.get(m) ?? { follow: 0, all: 0 };
      c.all++;
      if (follows) c.follow++;
      counts.set(m, c);
    }
    out = new Map([...counts].map(([m, c]) => [m, c.follow / c.all]));
    shares.set(key, out);
  }
  return out;
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
