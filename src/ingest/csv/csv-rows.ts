// Header-mapped CSV rows for adapters: field-count and encoding checks, mapped rows or rejects.
import type { AdapterContext, FileSample, IngestItem, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { hasInvalidBytes, invalidBytesReason, Utf8Text } from '../input/utf8-text.js';
import { csvRecords } from './csv-records.js';

/** Named access to one CSV record's fields. */
export interface CsvRow {
  readonly line: number;
  /** The trimmed field under header `name` (lower-case), or '' when the column is absent. */
  get(name: string): string;
  /** True when the header has column `name`. */
  has(name: string): boolean;
}

const MAX_RAW = 500;

/**
 * Yields each data record of a CSV input mapped by `mapRow` (to one item, or to several when a row
 * holds several records, all with the row's line); records with the wrong field count,
 * invalid UTF-8 (its bytes and byte offset) or a {@link RowError} become rejects naming the field
 * and reason. Valid UTF-8 is text, whatever it holds (U+FFFD included).
 */
export async function* csvItems(
  sample: FileSample,
  context: AdapterContext,
  mapRow: (row: CsvRow) => Omit<LoadedItem, 'line'> | readonly Omit<LoadedItem, 'line'>[],
): AsyncGenerator<IngestItem[]> {
  let header: string[] | null = null;
  let index = new Map<string, number>();
  const decoder = new Utf8Text(true);
  for await (const records of csvRecords(sample.source, {
    delimiter: sample.delimiter,
    onProgress: context.onProgress,
    decoder,
  })) {
    const out: IngestItem[] = [];
    for (const record of records) {
      if (record.error !== undefined) {
        out.push({
          line: record.line,
          reject: { field: '', reason: record.error, raw: record.raw },
        });
        continue;
      }
      const fields = record.fields;
      if (header === null) {
        header = fields.map((f) => f.trim().toLowerCase());
        index = new Map(header.map((name, i) => [name, i]));
        continue;
      }
      const line = record.line;
      const raw = () => clip(fields.join(sample.delimiter));
      if (fields.length !== header.length) {
        const reason = fieldCountReason(fields, header.length, sample.delimiter);
        out.push({ line, reject: { field: '', reason, raw: raw() } });
        continue;
      }
      const bad = decoder.invalidBytes > 0 ? fields.findIndex(hasInvalidBytes) : -1;
      if (bad >= 0) {
        const reason = invalidBytesReason(fields[bad]!, decoder.invalidAt(line));
        out.push({ line, reject: { field: header[bad] ?? '', reason, raw: raw() } });
        continue;
      }
      if (fields.every((f) => f.trim() === '')) {
        out.push({
          line,
          reject: { field: '', reason: 'empty row (every field blank)', raw: raw() },
        });
        continue;
      }
      const row: CsvRow = {
        line,
        get: (name) => {
          const i = index.get(name);
          return i === undefined ? '' : (fields[i] as string).trim();
        },
        has: (name) => index.has(name),
      };
      try {
        const mapped = mapRow(row);
        if (Array.isArray(mapped) && mapped.length === 0)
          out.push({ line, reject: { field: '', reason: 'row holds no record', raw: raw() } });
        else if (Array.isArray(mapped)) for (const m of mapped) out.push({ line, ...m });
        else out.push({ line, ...(mapped as Omit<LoadedItem, 'line'>) });
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        out.push({ line, reject: { field: error.field, reason: error.message, raw: raw() } });
      }
    }
    if (out.length) yield out;
  }
}

// Why a record with the wrong number of fields is rejected: blank, or its count (and a likely cause).
function fieldCountReason(fields: readonly string[], expected: number, delimiter: string): string {
  if (fields.every((f) => f.trim() === '')) return 'empty row (every field blank)';
  const hint =
    fields.length === 1 && expected > 1
      ? ` (wrong delimiter? expected '${printable(delimiter)}')`
      : '';
  return `expected ${expected} fields, found ${fields.length}${hint}`;
}

function clip(text: string): string {
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}…` : text;
}

function printable(delimiter: string): string {
  return delimiter === '\t' ? '\\t' : delimiter;
}
