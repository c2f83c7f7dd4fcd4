// Local-time week templates of the days operators keep, with prior weights: office days (starting
// 7–11, 7–12 hours long, with or without a lunch hour at 12 to 15), night shifts (starting
// 15–22, with or without a break), a person's waking day; weekends on Saturday–Sunday, Friday–Saturday, Thursday–Friday or
// none; each blended with an even floor for crews that never fully stop. The weights are a stated
// prior (most offices open at 8–10 and work 8–10 hours), checked in bench/clock-calibration.ts.

/** Half hours per day: the resolution of the fit. */
export const SLOTS = 48;
/** Half-hour cells of a week (Monday 00:00 first). */
export const WEEK = 7 * SLOTS;

/** A local-time week template: log-probabilities of the 336 half-hour cells, and its prior weight. */
export interface WeekTemplate {
  readonly name: string;
  readonly kind: 'office' | 'night' | 'person';
  /** Prior probability among all templates (they sum to 1). */
  readonly weight: number;
  readonly logp: Float64Array;
}

/** A day's activity by hours since its local midnight (0–48: a night shift runs into the next day). */
interface DayShape {
  readonly name: string;
  readonly kind: WeekTemplate['kind'];
  readonly weight: number;
  readonly level: (h: number) => number;
}

/**
 * A shift from `start` for `length` hours: an hour's arrival before at 0.3, a lunch hour at 0.35,
 * two tapering hours after at 0.3 and one at 0.1.
 */
const shift =
  (start: number, length: number, lunch: number | null) =>
  (h: number): number => {
    const x = h - start;
    if (x >= -1 && x < 0) return 0.3;
    if (x >= 0 && x < length) return lunch !== null && h >= lunch && h < lunch + 1 ? 0.35 : 1;
    if (x >= length && x < length + 2) return 0.3;
    if (x >= length + 2 && x < length + 3) return 0.1;
    return 0;
  };

/** A person's waking day: up at `wake`, asleep 18 hours later, busier towards an evening peak. */
const waking =
  (wake: number) =>
  (h: number): number => {
    const x = h - wake;
    if (x < 0 || x >= 18) return 0;
    if (x < 2) return 0.3;
    if (x < 10) return 0.5;
    if (x < 12) return 0.8;
    if (x < 16) return 1;
    return 0.6;
  };

const share = (weights: readonly number[]) => {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
};

// Prior weights (each list sums to 1 within its kind).
const KINDS = { office: 0.7, night: 0.1, person: 0.2 } as const;
const STARTS = [7, 8, 9, 10, 11];
const START_WEIGHT = share([1, 2.5, 3, 2.5, 1]);
const LENGTHS = [7, 8, 9, 10, 11, 12];
const LENGTH_WEIGHT = share([1, 2.5, 3, 2.5, 1, 0.5]);
// Lunch at noon (China, the US), at 13 (Russia, much of Europe), at 14 or 15 (Spain, Latin America,
// a late break).
const LUNCHES: ReadonlyArray<readonly [number | null, number]> = [
  [null, 0.4],
  [12, 0.18],
  [13, 0.2],
  [14, 0.14],
  [15, 0.08],
];
const NIGHT_STARTS = [15, 16, 17, 18, 19, 20, 21, 22];
const NIGHT_LENGTHS = [8, 10];
const WAKES = [6, 7, 8, 9];

/** Days off (Monday = 0), their prior weight, and activity on them relative to working days. */
const WEEKENDS: ReadonlyArray<{ name: string; days: readonly number[]; weight: number }> = [
  { name: 'sat-sun', days: [5, 6], weight: 0.7 },
  { name: 'fri-sat', days: [4, 5], weight: 0.1 },
  { name: 'thu-fri', days: [3, 4], weight: 0.05 },
  { name: 'all week', days: [], weight: 0.15 },
];
const WEEKEND_LEVEL = 0.15;
/** Even floors blended in, with their prior weights: 10% (an office), 50% or 75% (crews that never stop). */
const FLOORS: ReadonlyArray<readonly [number, number]> = [
  [0.1, 0.5],
  [0.5, 0.3],
  [0.75, 0.2],
];

function dayShapes(): DayShape[] {
  const out: DayShape[] = [];
  STARTS.forEach((start, i) =>
    LENGTHS.forEach((length, j) => {
      // Lunch inside the day, not in its first or last hour.
      const lunches = LUNCHES.filter(([l]) => l === null || (l > start && l + 1 < start + length));
      const lw = share(lunches.map(([, w]) => w));
      lunches.forEach(([lunch], k) =>
        out.push({
          name: `office ${start}-${start + length}${lunch === null ? '' : ` lunch ${lunch}`}`,
          kind: 'office',
          weight:
            KINDS.office *
            (START_WEIGHT[i] as number) *
            (LENGTH_WEIGHT[j] as number) *
            (lw[k] as number),
          level: shift(start, length, lunch),
        }),
      );
    }),
  );
  // Night shifts with or without a break half way (an hour at the lunch level).
  for (const start of NIGHT_STARTS)
    for (const length of NIGHT_LENGTHS)
      for (const pause of [null, start + Math.floor(length / 2)])
        out.push({
          name: `night ${start}-${(start + length) % 24}${pause === null ? '' : ` break ${pause % 24}`}`,
          kind: 'night',
          weight: KINDS.night / NIGHT_STARTS.length / NIGHT_LENGTHS.length / 2,
          level: shift(start, length, pause),
        });
  for (const wake of WAKES)
    out.push({
      name: `person ${wake}`,
      kind: 'person',
      weight: KINDS.person / WAKES.length,
      level: waking(wake),
    });
  return out;
}

/**
 * A week from a day shape: each cell holds its own day's level at that hour and the previous
 * day's level 24 hours later (a night shift's small hours), days off at {@link WEEKEND_LEVEL}.
 */
function weekOf(shape: DayShape, off: readonly number[], floor: number): Float64Array {
  const factor = (wd: number) => (off.includes((wd + 7) % 7) ? WEEKEND_LEVEL : 1);
  const p = new Float64Array(WEEK);
  let sum = 0;
  for (let wd = 0; wd < 7; wd++)
    for (let s = 0; s < SLOTS; s++) {
      const h = (s + 0.5) / 2;
      const v = 0.01 + shape.level(h) * factor(wd) + shape.level(h + 24) * factor(wd - 1);
      p[wd * SLOTS + s] = v;
      sum += v;
    }
  const logp = new Float64Array(WEEK);
  for (let c = 0; c < WEEK; c++)
    logp[c] = Math.log((1 - floor) * ((p[c] as number) / sum) + floor / WEEK);
  return logp;
}

/** The template family with its prior weights. */
export const TEMPLATES: readonly WeekTemplate[] = dayShapes().flatMap((shape) =>
  // A person's day has no weekend of its own.
  (shape.kind === 'person' ? [{ name: 'all week', days: [], weight: 1 }] : WEEKENDS).flatMap(
    (weekend) =>
      FLOORS.map(([floor, fw]) => ({
        name: `${shape.name}, ${weekend.name}, floor ${floor}`,
        kind: shape.kind,
        weight: shape.weight * weekend.weight * fw,
        logp: weekOf(shape, weekend.days, floor),
      })),
  ),
);
