// Public holidays of the countries behind known operations, from the `date-holidays` library
// (country calendars kept by its maintainers from official sources, lunar and Islamic calendars
// computed). North Korea, which the library lacks, is defined in the library's own rule grammar.
import { createRequire } from 'node:module';

import type Holidays from 'date-holidays';
import type { HolidaysTypes } from 'date-holidays';

/** ISO codes of the countries whose calendars operator clocks are tested against. */
export const HOLIDAY_COUNTRIES = [
  'CN',
  'RU',
  'IR',
  'KP',
  'SA',
  'AE',
  'EG',
  'TR',
  'VE',
  'CU',
  'IN',
  'PK',
  'IL',
  'US',
  'GB',
] as const;

/** A country of {@link HOLIDAY_COUNTRIES}. */
export type HolidayCountry = (typeof HOLIDAY_COUNTRIES)[number];

// North Korea's public holidays (Wikipedia, "Public holidays in North Korea"; the Korean lunar
// dates computed by the library, as for South Korea). Not in date-holidays 3.37.
const KP_DATA = {
  holidays: {
    KP: {
      names: { en: 'North Korea', ko: '조선민주주의인민공화국' },
      langs: ['ko'],
      zones: ['Asia/Pyongyang'],
      dayoff: 'sunday',
      days: {
        '01-01': { name: { en: "New Year's Day" } },
        'korean 01-0-01': { name: { en: 'Korean New Year' } },
        '02-16': { name: { en: 'Day of the Shining Star' } },
        '03-08': { name: { en: "International Women's Day" } },
        '04-15': { name: { en: 'Day of the Sun' } },
        '04-25': { name: { en: 'Army Foundation Day' } },
        '05-01': { name: { en: 'May Day' } },
        '07-27': { name: { en: 'Victory Day' } },
        '08-15': { name: { en: 'Liberation Day' } },
        'korean 08-0-15': { name: { en: 'Chuseok' } },
        '09-09': { name: { en: 'Foundation Day' } },
        '10-10': { name: { en: 'Party Foundation Day' } },
        '12-27': { name: { en: 'Constitution Day' } },
      },
    },
  },
};

const DAY = 86_400_000;
const calendars = new Map<string, Holidays>();
const byYear = new Map<string, ReadonlyArray<{ date: string; name: string }>>();

// Loaded on first use: the library and its data take most of a second to load, and most commands
// never need them.
let library: typeof Holidays | null = null;

function calendar(country: HolidayCountry): Holidays {
  let hd = calendars.get(country);
  if (!hd) {
    library ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
    const Lib = library;
    hd =
      country === 'KP'
        ? new Lib('KP', { data: KP_DATA, languages: ['en'] } as HolidaysTypes.Options)
        : new Lib(country, { languages: ['en'], types: ['public', 'bank'] });
    calendars.set(country, hd);
  }
  return hd;
}

/** The public (and bank) holidays of a country in a year, as local dates, e.g. `2016-02-23`. */
export function publicHolidays(
  country: HolidayCountry,
  year: number,
): ReadonlyArray<{ date: string; name: string }> {
  const key = `${country}:${year}`;
  let list = byYear.get(key);
  if (!list) {
    const seen = new Set<string>();
    list = calendar(country)
      .getHolidays(year)
      .filter((h) => h.type === 'public' || h.type === 'bank')
      // A holiday may span days (Russia's New Year holidays are `01-02 P5D`): one entry per day.
      .flatMap((h) => {
        const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
        const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY));
        return Array.from({ length: days }, (_, i) => ({
          date: new Date(first + i * DAY).toISOString().slice(0, 10),
          name: h.name,
        }));
      })
      .filter((h) => !seen.has(h.date) && seen.add(h.date) !== undefined);
    byYear.set(key, list);
  }
  return list;
}

/** The IANA zones of a country, the capital's (or most populous) first, e.g. `['Europe/Moscow', …]`. */
export function countryZones(country: HolidayCountry): readonly string[] {
  return calendar(country).getTimezones();
}

/**
 * The IANA zones of any territory the library knows (ISO 3166 code), the capital's (or most
 * populous) first; empty for a territory it lacks.
 */
export function territoryZones(territory: string): readonly string[] {
  if ((HOLIDAY_COUNTRIES as readonly string[]).includes(territory))
    return countryZones(territory as HolidayCountry);
  library ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  const hd = new library(territory);
  return hd.getTimezones() ?? [];
}

/**
 * The simulator's planted rest days: Russia's weekday non-working days of 2023–2025 by its
 * production calendar (holidays plus the bridge days the government moves, which calendar
 * libraries do not carry). Characterization never reads this; it uses {@link publicHolidays}.
 */
export const WEEKDAY_PUBLIC_HOLIDAYS: Readonly<Record<'RU', readonly string[]>> = {
  RU: [
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
  ],
};
