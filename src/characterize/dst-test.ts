// Does a group's clock follow US or EU daylight saving? At each transition inside the data, the
// UTC daily profile after it is compared with the one before: a local-time schedule moves an hour
// (earlier in spring, later in autumn). The same statistic at placebo dates away from any
// transition says how much such a move happens by chance; a rule is claimed only when its
// transitions beat the placebos, and `none` only when an hour's move would have been seen.
import type { DstTransition } from './calendars.js';
import { dstTransitions } from './calendars.js';
import type { DayCounts } from './offset-fit.js';
import { SLOTS } from './week-templates.js';

const DAY = 86_400_000;

/** What the test found at one transition. */
export interface DstTransitionEvidence {
  readonly transition: string;
  /** Whether the profile moved the rule's way beyond what placebo dates show (z ≥ 1.64). */
  readonly followed: boolean;
  /** The move that best aligns the profiles, in minutes (negative: earlier in UTC). */
  readonly shiftMinutes: number;
  /** The move statistic against the placebo dates, in standard deviations. */
  readonly z: number;
}

/** The daylight-saving verdict with its evidence. */
export interface DstEvidence {
  readonly dst: 'none' | 'us' | 'eu' | 'unknown';
  readonly evidence: DstTransitionEvidence[];
  /** Combined z of each rule's transitions, and of an hour's move there (the test's power). */
  readonly rules: ReadonlyArray<{
    rule: 'us' | 'eu';
    transitions: number;
    z: number;
    power: number;
  }>;
  readonly placebos: number;
}

/** Combined z a rule's transitions must reach (one-sided p ≤ 0.01). */
export const DST_Z = 2.33;
/** Combined z an hour's move would have reached for `none` to be measured (one-sided p ≈ 0.006). */
export const DST_POWER = 2.5;

/** Smoothed UTC profile (48 half hours) of the days [from, to) of `dc`. */
function profile(dc: DayCounts, from: number, to: number): { p: Float64Array; n: number } {
  const raw = new Float64Array(SLOTS);
  let n = 0;
  for (let d = Math.max(0, from); d < Math.min(dc.days, to); d++)
    for (let s = 0; s < SLOTS; s++) {
      const v = dc.counts[d * SLOTS + s] as number;
      raw[s] = (raw[s] as number) + v;
      n += v;
    }
  const p = new Float64Array(SLOTS);
  for (let s = 0; s < SLOTS; s++)
    p[s] =
      ((raw[(s + SLOTS - 1) % SLOTS] as number) +
        (raw[s] as number) +
        (raw[(s + 1) % SLOTS] as number)) /
      3;
  return { p, n };
}

/** Pearson correlation of a[s] with b[s + shift] (circular). */
function corr(a: Float64Array, b: Float64Array, shift: number): number {
  let ma = 0;
  let mb = 0;
  for (let s = 0; s < SLOTS; s++) {
    ma += a[s] as number;
    mb += b[s] as number;
  }
  ma /= SLOTS;
  mb /= SLOTS;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let s = 0; s < SLOTS; s++) {
    const x = (a[s] as number) - ma;
    const y = (b[(((s + shift) % SLOTS) + SLOTS) % SLOTS] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The move statistic: how much better the profiles align at `shift` half hours than unmoved. */
const moveStat = (before: Float64Array, after: Float64Array, shift: number) =>
  corr(before, after, shift) - corr(before, after, 0);

/** Tests the US and EU rules on a group's day counts; see {@link DstEvidence}. */
export function dstEvidence(dc: DayCounts): DstEvidence {
  const span = dc.days;
  const window = span >= 120 ? 14 : 7;
  const start = dc.firstDay * DAY;
  const all = dstTransitions(start, start + span * DAY);
  const dayOf = (t: number) => Math.floor(t / DAY) - dc.firstDay;
  const minEvents = 60;
  // Placebo dates: every other day, at least a window away from any transition of either rule.
  const placebo: number[] = [];
  for (let d = window; d + window <= span; d += 2) {
    if (all.some((t) => Math.abs(dayOf(t.at) - d) < window)) continue;
    const b = profile(dc, d - window, d);
    const a = profile(dc, d, d + window);
    if (b.n < minEvents || a.n < minEvents) continue;
    placebo.push(moveStat(b.p, a.p, -2), moveStat(b.p, a.p, 2));
  }
  const empty: DstEvidence = { dst: 'unknown', evidence: [], rules: [], placebos: placebo.length };
  if (placebo.length < 10) return empty;
  const mean = placebo.reduce((x, y) => x + y, 0) / placebo.length;
  const sd =
    Math.sqrt(placebo.reduce((x, y) => x + (y - mean) ** 2, 0) / (placebo.length - 1)) || 1e-9;
  const evidence: DstTransitionEvidence[] = [];
  const byRule = new Map<'us' | 'eu', { z: number[]; power: number[] }>();
  for (const tr of all) {
    const d = dayOf(tr.at);
    // Windows stop at the other rule's nearest transition, so one rule's move is not the other's.
    const other = all.filter((t: DstTransition) => t.rule !== tr.rule).map((t) => dayOf(t.at));
    const from = Math.max(d - window, ...other.filter((x) => x <= d));
    const to = Math.min(d + window, ...other.filter((x) => x > d));
    const b = profile(dc, from, d);
    const a = profile(dc, d + 1, to);
    if (d - from < 3 || to - d - 1 < 3 || b.n < minEvents || a.n < minEvents) continue;
    const expected = tr.shiftQuarters / 2; // quarter hours → half hours
    const z = (moveStat(b.p, a.p, expected) - mean) / sd;
    const power = (moveStat(b.p, rotate(b.p, expected), expected) - mean) / sd;
    let bestShift = 0;
    for (let s = -4; s <= 4; s++) if (corr(b.p, a.p, s) > corr(b.p, a.p, bestShift)) bestShift = s;
    evidence.push({
      transition: tr.label,
      followed: z >= 1.64,
      shiftMinutes: bestShift * 30,
      z: Math.round(z * 100) / 100,
    });
    const r = byRule.get(tr.rule) ?? { z: [], power: [] };
    r.z.push(z);
    r.power.push(power);
    byRule.set(tr.rule, r);
  }
  const rules = [...byRule].map(([rule, r]) => ({
    rule,
    transitions: r.z.length,
    z: Math.round((r.z.reduce((x, y) => x + y, 0) / Math.sqrt(r.z.length)) * 100) / 100,
    power: Math.round((r.power.reduce((x, y) => x + y, 0) / Math.sqrt(r.power.length)) * 100) / 100,
    each: r.z,
  }));
  // A rule is followed when its transitions together beat the placebos and none goes against it.
  const passing = rules
    .filter((r) => r.z >= DST_Z && r.each.every((z) => z > 0))
    .sort((a, b) => b.z - a.z);
  const dst: DstEvidence['dst'] =
    passing.length > 0
      ? (passing[0]?.rule ?? 'unknown')
      : rules.length > 0 && rules.every((r) => r.z < 1) && rules.some((r) => r.power >= DST_POWER)
        ? 'none'
        : 'unknown';
  return {
    dst,
    evidence,
    rules: rules.map(({ rule, transitions, z, power }) => ({ rule, transitions, z, power })),
    placebos: placebo.length,
  };
}

/** b[s] = a[s − k] (circular): the profile moved by k half hours. */
function rotate(a: Float64Array, k: number): Float64Array {
  const out = new Float64Array(SLOTS);
  for (let s = 0; s < SLOTS; s++) out[s] = a[(((s - k) % SLOTS) + SLOTS) % SLOTS] as number;
  return out;
}
