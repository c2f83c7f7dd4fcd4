// Field readers for JSON records: each throws a RowError naming the field and the bad value.
import type { AdapterContext } from './adapter.js';
import { RowError } from './adapter.js';
import { instant } from './fields.js';

/** A JSON object as parsed, its fields unknown until read. */
export type JsonObject = Readonly<Record<string, unknown>>;

const NONE: readonly unknown[] = [];

/** Returns the object at `key`, or null when absent, null or not an object. */
export function objectAt(o: JsonObject | null | undefined, key: string): JsonObject | null {
  const v = o?.[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : null;
}

/** Returns the array at `key`, or an empty array when absent or not an array. */
export function arrayAt(o: JsonObject | null | undefined, key: string): readonly unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : NONE;
}

/** Returns the objects of the array at `key` (other elements left out). */
export function objectsAt(o: JsonObject | null | undefined, key: string): readonly JsonObject[] {
  return arrayAt(o, key).filter(
    (v): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v),
  );
}

/**
 * Returns the text at `key` (a number or boolean as its JSON text, trimmed), '' when absent or
 * null; throws for an object or array, naming `field`.
 */
export function textAt(o: JsonObject | null | undefined, key: string, field = key): string {
  const v = o?.[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  throw new RowError(
    field,
    `${field}: expected text, found ${Array.isArray(v) ? 'an array' : 'an object'}`,
  );
}

/** Returns the text at `key`, or null when empty. */
export function optionalTextAt(
  o: JsonObject | null | undefined,
  key: string,
  field = key,
): string | null {
  const t = textAt(o, key, field);
  return t === '' ? null : t;
}

/** Returns the text at `key`; throws when it is missing or empty. */
export function requiredTextAt(o: JsonObject | null | undefined, key: string, field = key): string {
  const t = textAt(o, key, field);
  if (t === '') throw new RowError(field, `missing ${field}`);
  return t;
}

/** Returns the text of a string field without trimming (post texts keep their white space). */
export function rawTextAt(
  o: JsonObject | null | undefined,
  key: string,
  field = key,
): string | null {
  const v = o?.[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') return v;
  throw new RowError(field, `${field}: expected text, found ${typeof v}`);
}

/** Returns a non-negative count at `key`, null when absent; throws for anything else. */
export function countAt(o: JsonObject | null | undefined, key: string, field = key): number | null {
  const v = o?.[key];
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || n < 0)
    throw new RowError(field, `${field}: not a count: '${String(JSON.stringify(v)).slice(0, 40)}'`);
  return Math.round(n);
}

/** Returns epoch ms of the required timestamp at `key` (ISO 8601 text or epoch seconds). */
export function instantAt(
  o: JsonObject | null | undefined,
  key: string,
  context: Pick<AdapterContext, 'timezone'>,
  field = key,
): number {
  return instant(textAt(o, key, field), field, context);
}

/** Returns epoch ms of the optional timestamp at `key`, null when absent. */
export function optionalInstantAt(
  o: JsonObject | null | undefined,
  key: string,
  context: Pick<AdapterContext, 'timezone'>,
  field = key,
): number | null {
  const t = textAt(o, key, field);
  return t === '' ? null : instant(t, field, context);
}

/** Returns the texts of an array of strings (other elements left out). */
export function textsAt(o: JsonObject | null | undefined, key: string): string[] {
  return arrayAt(o, key)
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
}
