// Public holidays and daylight-saving rules of the countries operator clocks are tested against.
//
// Holidays are the nationwide days off that fall on weekdays, 2023–2025, transcribed from the
// governments' announcements (China's State Council holiday notices, Russia's production
// calendars, US federal holidays); check a date against the official source before citing it.
// A clock is only tested on the dates its data covers.

/** A candidate operator country: its standard UTC offset, daylight-saving rule and holidays. */
export interface CountryClock {
  readonly code: string;
  readonly name: string;
  readonly utcOffsetMinutes: number;
  readonly dst: 'none' | 'us' | 'eu';
  readonly holidays: ReadonlySet<string>;
}

const days = (...list: string[]) => new Set(list);

/** The countries a group's holidays are tested against. */
export const COUNTRY_CLOCKS: readonly CountryClock[] = [
  {
    code: 'CN',
    name: 'China',
    utcOffsetMinutes: 480,
    dst: 'none',
    holidays: days(
      '2023-01-02',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
      '2023-01-27',
      '2023-04-05',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
      '2023-06-22',
      '2023-06-23',
      '2023-09-29',
      '2023-10-02',
      '2023-10-03',
      '2023-10-04',
      '2023-10-05',
      '2023-10-06',
      '2024-01-01',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
      '2024-02-16',
      '2024-04-04',
      '2024-04-05',
      '2024-05-01',
      '2024-05-02',
      '2024-05-03',
      '2024-06-10',
      '2024-09-16',
      '2024-09-17',
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
      '2024-10-04',
      '2024-10-07',
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-03',
      '2025-02-04',
      '2025-04-04',
      '2025-05-01',
      '2025-05-02',
      '2025-05-05',
      '2025-06-02',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ),
  },
  {
    code: 'RU',
    name: 'Russia (Moscow)',
    utcOffsetMinutes: 180,
    dst: 'none',
    holidays: days(
      '2023-01-02',
      '2023-01-03',
      '2023-01-04',
      '2023-01-05',
      '2023-01-06',
      '2023-02-23',
      '2023-02-24',
      '2023-03-08',
      '2023-05-01',
      '2023-05-08',
      '2023-05-09',
      '2023-06-12',
      '2023-11-06',
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-08',
      '2024-02-23',
      '2024-03-08',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-09',
      '2024-05-10',
      '2024-06-12',
      '2024-11-04',
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-05-01',
      '2025-05-02',
      '2025-05-08',
      '2025-05-09',
      '2025-06-12',
      '2025-06-13',
      '2025-11-03',
      '2025-11-04',
      '2025-12-31',
    ),
  },
  {
    code: 'US',
    name: 'United States (Eastern)',
    utcOffsetMinutes: -300,
    dst: 'us',
    holidays: days(
      '2023-01-02',
      '2023-01-16',
      '2023-02-20',
      '2023-05-29',
      '2023-06-19',
      '2023-07-04',
      '2023-09-04',
      '2023-10-09',
      '2023-11-10',
      '2023-11-23',
      '2023-12-25',
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-10-14',
      '2024-11-11',
      '2024-11-28',
      '2024-12-25',
      '2025-01-01',
      '2025-01-20',
      '2025-02-17',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-10-13',
      '2025-11-11',
      '2025-11-27',
      '2025-12-25',
    ),
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
