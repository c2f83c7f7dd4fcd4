// Daylight-saving rules of the countries operator clocks are tested against, and their holidays.
import { WEEKDAY_PUBLIC_HOLIDAYS } from '../model/index.js';

/** A candidate operator country: its standard UTC offset, daylight-saving rule and holidays. */
export interface CountryClock {
  readonly code: string;
  readonly name: string;
  readonly utcOffsetMinutes: number;
  readonly dst: 'none' | 'us' | 'eu';
  readonly holidays: ReadonlySet<string>;
}

/** The countries a group's holidays are tested against. */
export const COUNTRY_CLOCKS: readonly CountryClock[] = [
  {
    code: 'CN',
    name: 'China',
    utcOffsetMinutes: 480,
    dst: 'none',
    holidays: new Set(WEEKDAY_PUBLIC_HOLIDAYS.CN),
  },
  {
    code: 'RU',
    name: 'Russia (Moscow)',
    utcOffsetMinutes: 180,
    dst: 'none',
    holidays: new Set(WEEKDAY_PUBLIC_HOLIDAYS.RU),
  },
  {
    code: 'US',
    name: 'United States (Eastern)',
    utcOffsetMinutes: -300,
    dst: 'us',
    holidays: new Set(WEEKDAY_PUBLIC_HOLIDAYS.US),
  },
];

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

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
