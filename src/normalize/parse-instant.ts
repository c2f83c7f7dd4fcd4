// Timestamps → UTC instants. A time without an offset is refused unless a zone is named.
import { DateTime, IANAZone } from 'luxon';

/** How to read a timestamp. */
export interface InstantOptions {
  /** IANA zone for timestamps that carry no offset; null refuses them. Default null. */
  readonly timezone: string | null;
}

/** The result of parsing: epoch milliseconds, or the reason it failed. */
export type InstantResult =
  { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

// 2024-01-02T03:04:05.678+08:00, 2024-01-02 03:04:05Z, 2024-01-02 03:04, 2024-01-02, … 'UTC'/'EST' suffixes.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
const EPOCH = /^-?\d{9,13}(\.\d+)?$/;

// Zone abbreviations that exports (CrowdTangle among them) append; offsets in minutes.
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  CET: 60,
  CEST: 120,
  BST: 60,
  MSK: 180,
  JST: 540,
  KST: 540,
  IST: 330,
};

/** Returns true when `zone` is a valid IANA time-zone name. */
export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Parses an ISO-8601-like timestamp or epoch seconds/milliseconds into epoch milliseconds.
 * Timestamps without an offset use `timezone`, and fail when it is null.
 */
export function parseInstant(raw: string, options: InstantOptions): InstantResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty timestamp' };
  if (EPOCH.test(text)) {
    const n = Number(text);
    return {
      ok: true,
      ms: Math.round(text.replace(/\..*/, '').replace('-', '').length >= 12 ? n : n * 1000),
    };
  }
  const m = ISO.exec(text);
  if (!m) return { ok: false, reason: `unrecognized timestamp '${clip(text)}'` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  if (
    fields[1] < 1 ||
    fields[1] > 12 ||
    fields[2] < 1 ||
    fields[2] > 31 ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 60
  ) {
    return { ok: false, reason: `timestamp out of range '${clip(text)}'` };
  }
  const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], ms);
  if (new Date(local).getUTCDate() !== fields[2])
    return { ok: false, reason: `no such date '${clip(text)}'` };
  if (zone !== undefined) {
    const offset = zoneOffsetMinutes(zone);
    if (offset === null)
      return { ok: false, reason: `unknown time-zone suffix '${zone}' in '${clip(text)}'` };
    return { ok: true, ms: local - offset * 60_000 };
  }
  if (options.timezone === null) {
    return {
      ok: false,
      reason: `timestamp '${clip(text)}' has no UTC offset; name its zone with --timezone`,
    };
  }
  const dt = DateTime.fromObject(
    {
      year: fields[0],
      month: fields[1],
      day: fields[2],
      hour: fields[3],
      minute: fields[4],
      second: fields[5],
      millisecond: ms,
    },
    { zone: options.timezone },
  );
  return dt.isValid
    ? { ok: true, ms: dt.toMillis() }
    : { ok: false, reason: `invalid local time '${clip(text)}' in ${options.timezone}` };
}

function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric)
    return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return ZONE_ABBREVIATIONS[zone.toUpperCase()] ?? null;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
