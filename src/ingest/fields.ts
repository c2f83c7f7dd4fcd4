// Field readers shared by adapters: each throws a RowError naming the field and the bad value.
import { parseInstant } from '../normalize/index.js';

export { listCell } from '../normalize/index.js';
import type { AdapterContext } from './adapter.js';
import { RowError } from './adapter.js';

/** Returns the value, or throws when it is empty. */
export function required(value: string, field: string): string {
  if (value === '') throw new RowError(field, `missing ${field}`);
  return value;
}

/** Returns epoch ms of a required timestamp field. */
export function instant(
  value: string,
  field: string,
  context: Pick<AdapterContext, 'timezone'>,
): number {
  if (value === '') throw new RowError(field, `missing ${field}`);
  const r = parseInstant(value, { timezone: context.timezone });
  if (!r.ok) throw new RowError(field, `${field}: ${r.reason}`);
  return r.ms;
}

/** Returns epoch ms of an optional timestamp field, null when empty. */
export function optionalInstant(
  value: string,
  field: string,
  context: Pick<AdapterContext, 'timezone'>,
): number | null {
  return value === '' ? null : instant(value, field, context);
}

/** Returns a non-negative integer (commas allowed: '7,704'), null when empty. */
export function optionalCount(value: string, field: string): number | null {
  if (value === '') return null;
  const n = Number(value.replace(/,/g, ''));
  if (!Number.isFinite(n) || n < 0)
    throw new RowError(field, `${field}: not a count: '${value.slice(0, 40)}'`);
  return Math.round(n);
}

/** Returns the value or null when empty. */
export function optional(value: string): string | null {
  return value === '' ? null : value;
}
