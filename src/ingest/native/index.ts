// unmask's own format: CSV, JSONL or Parquet with the data model's field names (docs/formats.md).
import { extname } from 'node:path';

import { InputError } from '../../core/index.js';
import type { AdapterContext, FileSample, IngestAdapter, IngestItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { csvItems } from '../csv/csv-rows.js';
import { readText } from '../csv/read-text.js';
import { listCell } from '../fields.js';
import { dataName } from '../input/not-data.js';
import { hasInvalidBytes, invalidBytesReason, Utf8Text } from '../input/utf8-text.js';
import type { FieldSource, NativeKind } from './map-record.js';
import { mapNativeRecord, nativeKind } from './map-record.js';

const LIST_SEPARATOR = /\|/;
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/** Native CSV (header names the fields), JSONL (one object per line) or Parquet. */
export const native: IngestAdapter<'native'> = {
  format: 'native',
  recognize: (sample: FileSample) =>
    sample.parquet ||
    isJsonl(sample) ||
    (sample.header !== null && nativeKind((n) => sample.header?.includes(n) ?? false) !== null),
  read(sample, context) {
    if (sample.parquet) return readParquet(sample, context);
    if (isJsonl(sample)) return readJsonl(sample, context);
    const kind = nativeKind((n) => sample.header?.includes(n) ?? false);
    if (kind === null) {
      throw new InputError(
        `${sample.path}: line 1: native CSV needs a 'post_id' or 'account_id' column (found: ${(sample.header ?? []).slice(0, 8).join(', ')})`,
      );
    }
    return csvItems(sample, context, (row) =>
      mapNativeRecord(
        kind,
        { get: row.get, has: row.has, list: (name) => listCell(row.get(name), LIST_SEPARATOR) },
        context,
      ),
    );
  },
};

function isJsonl(sample: FileSample): boolean {
  return (
    JSONL_EXTENSIONS.has(extname(dataName(sample.path)).toLowerCase()) ||
    (sample.head.trimStart().startsWith('{') && /\}\s*\r?\n\s*\{/.test(sample.head))
  );
}

async function* readJsonl(
  sample: FileSample,
  context: AdapterContext,
): AsyncGenerator<IngestItem[]> {
  let pending = '';
  let line = 0;
  const decoder = new Utf8Text(true);
  for await (const chunk of readText(sample.source.open(), decoder)) {
    const parts = (pending + chunk.text).split('\n');
    pending = parts.pop() ?? '';
    context.onProgress(chunk.bytesRead);
    yield parts.flatMap((text) => jsonlLine(text, ++line, context, decoder));
  }
  if (pending.trim() !== '') yield jsonlLine(pending, ++line, context, decoder);
}

function jsonlLine(
  text: string,
  line: number,
  context: AdapterContext,
  decoder: Utf8Text,
): IngestItem[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const raw = trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
  if (decoder.invalidBytes > 0 && hasInvalidBytes(trimmed)) {
    const reason = invalidBytesReason(trimmed, decoder.invalidAt(line));
    return [{ line, reject: { field: '', reason, raw } }];
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return [
      { line, reject: { field: '', reason: `invalid JSON: ${(error as Error).message}`, raw } },
    ];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ line, reject: { field: '', reason: 'expected a JSON object on each line', raw } }];
  }
  return [objectItem(value as Record<string, unknown>, line, raw, context)];
}

function objectItem(
  obj: Record<string, unknown>,
  line: number,
  raw: string,
  context: AdapterContext,
): IngestItem {
  const source = objectSource(obj);
  const declared = typeof obj.record === 'string' ? (obj.record as string) : null;
  const kind = (declared as NativeKind | null) ?? nativeKind(source.has);
  if (kind === null || !['post', 'account', 'observation', 'follow', 'label'].includes(kind)) {
    return {
      line,
      reject: {
        field: 'record',
        reason: declared
          ? `unknown record type '${declared}'`
          : "record has neither 'post_id' nor 'account_id'",
        raw,
      },
    };
  }
  try {
    return { line, ...mapNativeRecord(kind, source, context) };
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    return { line, reject: { field: error.field, reason: error.message, raw } };
  }
}

function objectSource(obj: Record<string, unknown>): FieldSource {
  return {
    get: (name) => {
      const v = obj[name];
      if (v === undefined || v === null) return '';
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Date) return v.toISOString();
      return typeof v === 'object' ? JSON.stringify(v) : String(v).trim();
    },
    list: (name) => {
      const v = obj[name];
      if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(String);
      return typeof v === 'string' ? listCell(v, LIST_SEPARATOR) : [];
    },
    has: (name) => name in obj,
  };
}

async function* readParquet(
  sample: FileSample,
  context: AdapterContext,
): AsyncGenerator<IngestItem[]> {
  if (!context.readParquet)
    throw new InputError(`${sample.path}: Parquet needs the store's reader`);
  let row = 0;
  for await (const batch of context.readParquet(sample.source.path)) {
    yield batch.map((obj) => {
      row++;
      return objectItem(
        obj,
        row,
        JSON.stringify(obj, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)).slice(0, 500),
        context,
      );
    });
  }
}
