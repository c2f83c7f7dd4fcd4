// Where a language's writers sit: its speakers by UTC offset, from the Unicode CLDR's territory
// data (npm `cldr-core`: each territory's population and the share of it speaking each language)
// and each territory's zones (the `date-holidays` library, the capital's first). A group writing
// mostly a language whose speakers live within a few neighbouring zones (Russian, Chinese,
// Persian, Korean) is likelier to sit there; a lingua franca (English, Spanish, Arabic, French,
// Portuguese) is spoken across too many zones to say where its writer sits.
import { createRequire } from 'node:module';

import { territoryZones } from '../model/index.js';
import { zoneShares } from './calendars.js';

/** The share of a group's posts its main language must hold to anchor its clock. */
export const LANGUAGE_MIN_SHARE = 0.6;
/** The share of a language's speakers within an hour of its busiest offset for it to anchor. */
export const LANGUAGE_CONCENTRATION = 0.6;
/**
 * How much likelier a group writing a concentrated language is to sit at that language's busiest
 * offset than at an offset where nobody speaks it: a stated prior, not a measurement. Operations
 * often write for their own country (domestic campaigns) and seldom in a language of a few zones
 * that is not theirs; taking "writes it" at about 1 in 2 at home and 1 in 40 elsewhere gives 20.
 * Checked only on ira-dev's Russian-language group (docs/characterization.md).
 */
export const LANGUAGE_RATIO = 20;

/** What a group's language says about its offset. */
export interface LanguageAnchor {
  /** ISO 639 code of the group's main language, e.g. `ru`. */
  readonly language: string;
  /** Its share of the group's posts. */
  readonly share: number;
  /** The offset (minutes) where most of its speakers live. */
  readonly offsetMinutes: number;
  /** Share of its speakers within an hour of that offset. */
  readonly concentration: number;
  /** Each offset's speakers relative to the busiest offset's (1 there). */
  readonly offsets: ReadonlyMap<number, number>;
}

interface TerritoryInfo {
  readonly _population: string;
  readonly languagePopulation?: Record<string, { readonly _populationPercent: string }>;
}

let territories: Record<string, TerritoryInfo> | null = null;

// Loaded on first use (a few hundred kilobytes of JSON).
function territoryInfo(): Record<string, TerritoryInfo> {
  territories ??= (
    createRequire(import.meta.url)('cldr-core/supplemental/territoryInfo.json') as {
      supplemental: { territoryInfo: Record<string, TerritoryInfo> };
    }
  ).supplemental.territoryInfo;
  return territories;
}

const cache = new Map<string, ReadonlyMap<number, number>>();

/**
 * A language's speakers by standard UTC offset in a year (shares summing to 1; empty when CLDR
 * knows no speakers of it): each territory's speakers spread over its offsets by
 * {@link zoneShares} (as a country's holidays weigh in clock.ts).
 */
export function speakersByOffset(language: string, year: number): ReadonlyMap<number, number> {
  const key = `${language}:${year}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Map<number, number>();
  let total = 0;
  for (const [code, info] of Object.entries(territoryInfo())) {
    let percent = 0;
    for (const [lang, p] of Object.entries(info.languagePopulation ?? {}))
      if (lang.split('_')[0] === language) percent += Number(p._populationPercent);
    const speakers = (Number(info._population) * Math.min(percent, 100)) / 100;
    const zones = speakers > 0 && /^[A-Z]{2}$/.test(code) ? territoryZones(code) : [];
    if (zones.length === 0) continue;
    const shares = zoneShares(zones, year);
    let sum = 0;
    for (const share of shares.values()) sum += share;
    for (const [m, share] of shares) out.set(m, (out.get(m) ?? 0) + (speakers * share) / sum);
    total += speakers;
  }
  for (const [m, v] of out) out.set(m, v / total);
  cache.set(key, out);
  return out;
}

/**
 * The anchor a group's languages give its clock: its main language when it holds at least
 * {@link LANGUAGE_MIN_SHARE} of the posts and its speakers sit within an hour of one offset
 * ({@link LANGUAGE_CONCENTRATION}); null otherwise.
 */
export function languageAnchor(
  languages: Readonly<Record<string, number>>,
  year: number,
): LanguageAnchor | null {
  const [language, share] = Object.entries(languages)
    .filter(([l]) => l !== 'und')
    .sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (share < LANGUAGE_MIN_SHARE) return null;
  const speakers = speakersByOffset(language, year);
  let top = 0;
  let busiest = 0;
  for (const [m, v] of speakers)
    if (v > busiest || (v === busiest && m < top)) {
      top = m;
      busiest = v;
    }
  if (busiest === 0) return null;
  let near = 0;
  for (const [m, v] of speakers) if (Math.abs(m - top) <= 60) near += v;
  if (near < LANGUAGE_CONCENTRATION) return null;
  const offsets = new Map([...speakers].map(([m, v]) => [m, v / busiest]));
  return { language, share, offsetMinutes: top, concentration: near, offsets };
}
