// How the workspace writes numbers and times for people: durations in units, p-values in powers of
// ten, UTC offsets, times to the minute, platforms with their asset counts.
import type { PlatformAssets } from '../../src/server/api-types';

/**
 * A duration in the largest units that fit, at most two: `formatDuration(250)` → "4 min 10 s",
 * 0.4 → "0.4 s", 3 h 5 min → "3 h 5 min", 2 days → "2 d".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.abs(seconds);
  if (s < 10) return `${Number(s.toFixed(s < 1 ? 1 : 0))} s`;
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  const whole = Math.round(s);
  const parts: string[] = [];
  let rest = whole;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length > 0) {
      if (n > 0) parts.push(`${n} ${name}`);
      rest -= n * size;
      if (parts.length === 2 || (parts.length === 1 && n === 0)) break;
    }
  }
  return parts.slice(0, 2).join(' ');
}

/** A p-value from its log10: "p 3.2e-12", "p < 1e-300" at the floor, "p 0.04" when not small. */
export function formatLog10P(log10p: number | null | undefined, name = 'p'): string {
  if (log10p === null || log10p === undefined || Number.isNaN(log10p)) return `${name} —`;
  if (log10p <= -300) return `${name} < 1e-300`;
  if (log10p > -3) return `${name} ${Number((10 ** log10p).toPrecision(2))}`;
  const e = Math.floor(log10p);
  const m = 10 ** (log10p - e);
  return `${name} ${m.toFixed(1)}e${e}`;
}

/** A p-value: as {@link formatLog10P}. */
export const formatP = (p: number, name = 'p') => formatLog10P(p > 0 ? Math.log10(p) : -300, name);

/** An expected count: two significant digits ("0.049", "6.3", "120"). */
export const formatExpected = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : x >= 100 ? x.toFixed(0) : String(Number(x.toPrecision(2)));

/** A UTC offset in minutes as "UTC+8", "UTC−5:30"; "—" when unknown. */
export function utcLabel(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${minutes >= 0 ? '+' : '−'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** An ISO time to the minute or second, in UTC: "2024-03-06 05:57:09 UTC". */
export const formatTime = (iso: string | null | undefined, seconds = true) =>
  iso ? `${iso.slice(0, seconds ? 19 : 16).replace('T', ' ')} UTC` : '—';

/**
 * Each platform with its count of assets of every type, as the cluster list shows them:
 * `{ x: { account: 3, page: 1 }, facebook: { page: 2 } }` → "x 4, facebook 2"; "" for none.
 */
export const formatPlatforms = (platforms: PlatformAssets | null | undefined) =>
  Object.entries(platforms ?? {})
    .map(([p, t]) => `${p} ${Object.values(t).reduce((a, b) => a + b, 0)}`)
    .join(', ');
