// JSON inputs as units: each line of a JSON-lines file, or each element of a JSON document.
import { extname } from 'node:path';

import { InputError } from '../core/index.js';
import type {
  AdapterContext,
  FileSample,
  IngestItem,
  LoadedItem,
  RejectedItem,
} from './adapter.js';
import { RowError } from './adapter.js';
import { readText } from './csv/read-text.js';
import { dataName } from './input/not-data.js';
import { hasInvalidBytes, invalidBytesReason, Utf8Text } from './input/utf8-text.js';
import { jsonElements } from './json-items.js';

/** One JSON object read from an input, with where it was. */
export interface JsonUnit {
  /** The JSON-lines line (1-based), or the element's 1-based position in a JSON document. */
  readonly line: number;
  readonly value: Record<string, unknown>;
  /** The unit's text (clipped), for the rejects file. */
  readonly raw: string;
}

/** Options of {@link jsonUnits}. */
export interface JsonUnitOptions {
  /**
   * In a JSON document whose top level is an object, the paths of the units (e.g.
   * /^items\.\d+$/); default /^$/, the whole object as one unit (an API response page, read whole).
   * A top-level array's elements are always the units.
   */
  readonly objectPath?: RegExp;
}

const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const MAX_RAW = 500;

/** Returns true when the input is JSON lines (by its name, or two objects on separate lines). */
export function isJsonLines(sample: FileSample): boolean {
  return (
    JSONL_EXTENSIONS.has(extname(dataName(sample.path)).toLowerCase()) ||
    (sample.head.trimStart().startsWith('{') && /\}\s*\r?\n\s*\{/.test(sample.head))
  );
}

/**
 * Returns the first JSON object of the sample (the first line of JSON lines, the first element of
 * an array, or the whole document when it fits in the sample), or null. For recognition.
 */
export function firstJsonObject(sample: FileSample): Record<string, unknown> | null {
  const head = sample.head.trimStart();
  if (head.startsWith('{')) {
    const line = head.split(/\r?\n/, 1)[0] ?? '';
    return asObject(parseOrNull(line)) ?? asObject(parseOrNull(head));
  }
  if (head.startsWith('[')) {
    const whole = parseOrNull(head);
    if (Array.isArray(whole)) return asObject(whole[0]);
    // A large array: its first element when it sits on one line (`[{…},` or `[\n{…},`).
    const first = /^\[\s*(\{.*?\})\s*,?\s*\r?\n/.exec(head)?.[1];
    return first === undefined ? null : asObject(parseOrNull(first));
  }
  return null;
}

/**
 * Yields the units of a JSON input in batches: each line of JSON lines (a line that is not a JSON
 * object, or holds bytes that are not UTF-8, is rejected with its line), else each element of a
 * top-level array, else the units `options.objectPath` picks from a top-level object. Numbers may
 * come as their JSON text (always in documents; integers of 16+ digits in JSON lines), so read
 * fields with the readers of json-fields.ts, which take both.
 */
export async function* jsonUnits(
  sample: FileSample,
  context: AdapterContext,
  options: JsonUnitOptions = {},
): AsyncGenerator<(JsonUnit | RejectedItem)[]> {
  if (isJsonLines(sample)) {
    yield* jsonLineUnits(sample, context);
    return;
  }
  const array = sample.head.trimStart().startsWith('[');
  const path = array ? /^\d+$/ : (options.objectPath ?? /^$/);
  try {
    for await (const batch of jsonElements(sample.source, path, context.onProgress, 1000, true)) {
      yield batch.map(({ index, value, invalid }): JsonUnit | RejectedItem => {
        const raw = clip(JSON.stringify(value) ?? '');
        if (invalid !== undefined)
          return { line: index, reject: { field: '', reason: invalid, raw } };
        const object = asObject(value);
        return object === null
          ? { line: index, reject: { field: '', reason: 'expected a JSON object', raw } }
          : { line: index, value: object, raw };
      });
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${sample.path}: ${(error as Error).message}`);
  }
}

async function* jsonLineUnits(
  sample: FileSample,
  context: AdapterContext,
): AsyncGenerator<(JsonUnit | RejectedItem)[]> {
  for await (const batch of jsonLinesAt(sample, context, () => true))
    yield batch.map((b) => b.unit);
}

/** A JSON line picked by {@link jsonLinesAt}: its unit (or reject) and its rank among the records. */
export interface RankedUnit {
  /** 0-based rank of the line among the file's non-blank lines (DuckDB's read_json_objects rows). */
  readonly rank: number;
  readonly unit: JsonUnit | RejectedItem;
}

/**
 * Yields, in batches, the units of the JSON-lines input whose rank among its non-blank lines
 * `want` picks, each with its exact line (blank lines counted, as the row path counts them); only
 * the picked lines are parsed. `counted.records` ends as the number of non-blank lines.
 */
export async function* jsonLinesAt(
  sample: Pick<FileSample, 'source'>,
  context: Pick<AdapterContext, 'onProgress'>,
  want: (rank: number) => boolean,
  counted: { records: number } = { records: 0 },
): AsyncGenerator<RankedUnit[]> {
  let pending = '';
  let line = 0;
  const decoder = new Utf8Text(true);
  const pick = (text: string, out: RankedUnit[]) => {
    line++;
    if (text.trim() === '') return;
    const rank = counted.records++;
    if (want(rank)) out.push({ rank, unit: lineUnit(text, line, decoder)! });
  };
  for await (const chunk of readText(sample.source.open(), decoder)) {
    const parts = (pending + chunk.text).split('\n');
    pending = parts.pop() ?? '';
    context.onProgress(chunk.bytesRead);
    const out: RankedUnit[] = [];
    for (const text of parts) pick(text, out);
    if (out.length) yield out;
  }
  const last: RankedUnit[] = [];
  if (pending.trim() !== '') pick(pending, last);
  if (last.length) yield last;
}

/**
 * The unit of one line of JSON lines (its text as read, `line` 1-based), as the row path reads it,
 * for a line whose bytes are known to be UTF-8 (a bulk path's line that DuckDB read); null when blank.
 */
export function jsonLineUnit(text: string, line: number): JsonUnit | RejectedItem | null {
  return lineUnit(text, line, new Utf8Text(true));
}

/** An input's line breaks and its last byte (-1: empty), from one read of it. */
export interface LineBreaks {
  readonly breaks: number;
  readonly last: number;
}

/** Counts an input's line breaks (one read of it; e.g. while DuckDB reads it too). */
export async function lineBreaks(source: Pick<FileSample['source'], 'open'>): Promise<LineBreaks> {
  let breaks = 0;
  let last = -1;
  for await (const chunk of source.open()) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) breaks++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return { breaks, last };
}

/**
 * Whether every line of a JSON-lines input holds something (no blank line, the last ended by a
 * line break or not), given its number of non-blank lines: one count of its line breaks (`counted`
 * where the caller started it already). Then a line's number is its rank among the non-blank
 * lines + 1.
 */
export async function noBlankLines(
  source: Pick<FileSample['source'], 'open'>,
  records: number,
  counted: Promise<LineBreaks> = lineBreaks(source),
): Promise<boolean> {
  const { breaks, last } = await counted;
  return last === 10 ? breaks === records : breaks + 1 === records;
}

function lineUnit(text: string, line: number, decoder: Utf8Text): JsonUnit | RejectedItem | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const raw = clip(trimmed);
  if (decoder.invalidBytes > 0 && hasInvalidBytes(trimmed)) {
    return {
      line,
      reject: { field: '', reason: invalidBytesReason(trimmed, decoder.invalidAt(line)), raw },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(LONG_DIGITS.test(trimmed) ? quoteLongIntegers(trimmed) : trimmed);
  } catch {
    // Parsed as written, the error's position is the line's own (not the rewritten text's).
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      const reason = `invalid JSON: ${(error as Error).message}`;
      return { line, reject: { field: '', reason, raw } };
    }
  }
  const object = asObject(value);
  return object === null
    ? { line, reject: { field: '', reason: 'expected a JSON object on each line', raw } }
    : { line, value: object, raw };
}

/**
 * Returns the item of one record: `map()`'s records, or a reject naming the field (under `prefix`,
 * e.g. `data[2]`) when it throws a {@link RowError}.
 */
export function recordItem(
  unit: Pick<JsonUnit, 'line' | 'raw'>,
  prefix: string,
  map: () => Omit<LoadedItem, 'line'>,
): IngestItem {
  try {
    return { line: unit.line, ...map() };
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    const field =
      prefix === '' ? error.field : error.field === '' ? prefix : `${prefix}.${error.field}`;
    return { line: unit.line, reject: { field, reason: error.message, raw: unit.raw } };
  }
}

/** Maps each unit of {@link jsonUnits} to its items (a page may hold many records). */
export async function* mapJsonUnits(
  units: AsyncIterable<(JsonUnit | RejectedItem)[]>,
  map: (unit: JsonUnit) => IngestItem[],
): AsyncGenerator<IngestItem[]> {
  for await (const batch of units) {
    const out: IngestItem[] = [];
    for (const unit of batch) {
      if ('reject' in unit && unit.reject !== undefined) out.push(unit);
      else out.push(...map(unit as JsonUnit));
    }
    if (out.length) yield out;
  }
}

// Integers of 16 digits and more (TikTok's and others' int64 ids, Jetstream's microseconds) are
// past a double's exact range (2^53 ≈ 9.0e15): JSON.parse would round them. They are kept as their
// text; strings are matched first, so digits inside strings are left alone.
const LONG_DIGITS = /\d{16}/;
const LONG_INTEGER = /("(?:[^"\\]|\\.)*")|(?<![\w.+-])(-?\d{16,})(?![\w.])/g;

/** Returns JSON text with its integers of 16 digits or more written as strings. */
export function quoteLongIntegers(text: string): string {
  return text.replace(LONG_INTEGER, (match, string: string | undefined, integer: string) =>
    string !== undefined ? match : `"${integer}"`,
  );
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function clip(text: string): string {
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}…` : text;
}
