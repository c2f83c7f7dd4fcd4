// File-level check that a delimited export has the columns its format needs.
import { InputError } from '../core/index.js';
import type { FileSample } from './adapter.js';

/** Throws an InputError naming the file and the missing columns. */
export function requireColumns(
  sample: FileSample,
  columns: readonly string[],
  format: string,
): void {
  const header = sample.header ?? [];
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length === 0) return;
  const hint =
    header.length === 1 && (header[0] ?? '').length > 40 ? ' (is the delimiter right?)' : '';
  throw new InputError(
    `${sample.path}: line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(', ')} required by format ${format}${hint}`,
  );
}
