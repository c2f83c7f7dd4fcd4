// A small CSV file read whole into rows keyed by its header (truth files, group lists, results),
// with the file and line of anything wrong.
import { readFileSync } from 'node:fs';

import { InputError } from '../../core/index.js';
import { CsvParser } from './csv-records.js';

/** A row of a CSV table and the line it starts on. */
export interface TableRow {
  readonly line: number;
  readonly values: Record<string, string>;
}

/**
 * Reads `path` (UTF-8, optional BOM, comma-separated, blank lines skipped); throws InputError
 * naming the file and line for an unreadable file, a parse error, a missing required column or a
 * row with the wrong number of fields.
 */
export function readCsvTable(path: string, required: readonly string[]): TableRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  }
  const records: Array<{ line: number; fields: string[] }> = [];
  for (const r of new CsvParser(44, 1 << 22).push(text.replace(/^\uFEFF/, ''), true)) {
    if (r.error !== undefined) throw new InputError(`${path}: line ${r.line}: ${r.error}`);
    if (r.fields.length === 1 && r.fields[0] === '') continue;
    records.push(r);
  }
  const header = records[0]?.fields ?? [];
  for (const col of required)
    if (!header.includes(col))
      throw new InputError(`${path}: line 1: missing column '${col}' (found ${header.join(', ')})`);
  return records.slice(1).map((r) => {
    if (r.fields.length !== header.length)
      throw new InputError(
        `${path}: line ${r.line}: expected ${header.length} fields, found ${r.fields.length}`,
      );
    return {
      line: r.line,
      values: Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])),
    };
  });
}
