// A streaming RFC 4180 CSV parser that knows the line each record starts on.
//
// Written here because the libraries measured on this machine either lack per-record line
// numbers (papaparse, 0.92M rows/s) or are ten times slower (csv-parse with `info`, 0.10M rows/s);
// see docs/design-choices.md. Rejects need the line, and ingest needs ≥ 0.5M rows/s.
import type { InputSource } from '../input/input-source.js';
import type { Utf8Text } from '../input/utf8-text.js';
import { readText } from './read-text.js';

/** A parsed record, or the reason a stretch of the file could not be parsed. */
export type CsvRecord =
  | { readonly line: number; readonly fields: string[]; readonly error?: undefined }
  | { readonly line: number; readonly error: string; readonly raw: string };

/** Options of {@link csvRecords}. */
export interface CsvOptions {
  /** Field separator; default ','. */
  readonly delimiter?: string;
  /** Longest record in characters before it is rejected as oversized; default 4 MiB. */
  readonly maxRecordChars?: number;
  /** Called with bytes read so far, at most once per chunk. */
  readonly onProgress?: (bytesRead: number) => void;
  /** The decoder to use, e.g. one that records where invalid bytes were. */
  readonly decoder?: Utf8Text;
}

const DEFAULTS = { delimiter: ',', maxRecordChars: 4 << 20 } as const;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Yields the records of a CSV input in batches, with the 1-based line each one starts on. */
export async function* csvRecords(
  source: InputSource,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const delimiter = (options.delimiter ?? DEFAULTS.delimiter).charCodeAt(0);
  const maxRecordChars = options.maxRecordChars ?? DEFAULTS.maxRecordChars;
  const parser = new CsvParser(delimiter, maxRecordChars);
  for await (const chunk of readText(source.open(), options.decoder)) {
    const batch = parser.push(chunk.text, false);
    options.onProgress?.(chunk.bytesRead);
    if (batch.length) yield batch;
  }
  const last = parser.push('', true);
  if (last.length) yield last;
}

/** Incremental parser state: text not yet consumed and the line number at its start. */
export class CsvParser {
  private pending = '';
  private line = 1;
  // True while discarding the rest of an oversized line that has not ended yet.
  private skipping = false;

  constructor(
    private readonly delimiter: number,
    private readonly maxRecordChars: number,
  ) {}

  /** Parses as many whole records as `text` completes; `final` flushes the remainder. */
  push(text: string, final: boolean): CsvRecord[] {
    const src = this.pending === '' ? text : this.pending + text;
    const out: CsvRecord[] = [];
    let pos = 0;
    const len = src.length;
    if (this.skipping) {
      const eol = src.indexOf('\n');
      if (eol < 0) {
        this.pending = '';
        return out;
      }
      pos = eol + 1;
      this.skipping = false;
    }
    while (pos < len) {
      const startLine = this.line;
      const r = this.parseRecord(src, pos, final);
      if (r === null) {
        // Incomplete record: wait for more text unless it is already too large.
        if (len - pos > this.maxRecordChars) {
          const eol = nextLineEnd(src, pos);
          out.push({
            line: startLine,
            error: `record longer than ${this.maxRecordChars} characters (unterminated quote or huge field)`,
            raw: src.slice(pos, Math.min(eol, pos + 200)),
          });
          this.line = startLine + 1;
          if (eol >= len) {
            // The line goes on in text not read yet: drop it up to its end.
            this.skipping = !final;
            pos = len;
            break;
          }
          pos = eol + 1;
          continue;
        }
        break;
      }
      if (r.kind === 'blank') {
        pos = r.end;
        this.line = startLine + 1;
        continue;
      }
      if (r.kind === 'unterminated') {
        const eol = nextLineEnd(src, pos);
        out.push({
          line: startLine,
          error: 'unterminated quoted field at end of file (truncated file?)',
          raw: src.slice(pos, Math.min(eol, pos + 200)),
        });
        pos = skipEol(src, eol);
        this.line = startLine + 1;
        continue;
      }
      if (r.end - pos > this.maxRecordChars) {
        out.push({
          line: startLine,
          error: `record longer than ${this.maxRecordChars} characters (huge field)`,
          raw: src.slice(pos, pos + 200),
        });
      } else {
        out.push({ line: startLine, fields: r.fields });
      }
      this.line = startLine + r.lines;
      pos = r.end;
    }
    this.pending = src.slice(pos);
    return out;
  }

  // Returns the record starting at `pos`, or null when the text ends inside it (and !final).
  private parseRecord(
    src: string,
    pos: number,
    final: boolean,
  ):
    | { kind: 'record'; fields: string[]; end: number; lines: number }
    | { kind: 'blank'; end: number }
    | { kind: 'unterminated' }
    | null {
    const len = src.length;
    const c0 = src.charCodeAt(pos);
    if (c0 === LF || (c0 === CR && pos + 1 < len && src.charCodeAt(pos + 1) === LF)) {
      return { kind: 'blank', end: pos + (c0 === CR ? 2 : 1) };
    }
    if (c0 === CR && pos + 1 >= len && !final) return null;
    const fields: string[] = [];
    let lines = 1;
    let p = pos;
    for (;;) {
      if (p < len && src.charCodeAt(p) === QUOTE) {
        // Quoted field: "" is a literal quote; newlines inside count as lines.
        let value = '';
        let q = p + 1;
        for (;;) {
          const close = src.indexOf('"', q);
          if (close < 0) return final ? { kind: 'unterminated' } : null;
          value += src.slice(q, close);
          if (close + 1 < len && src.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            q = close + 2;
            continue;
          }
          if (close + 1 >= len && !final) return null;
          p = close + 1;
          break;
        }
        lines += countLf(value);
        // Lenient: text between the closing quote and the delimiter is kept.
        while (p < len) {
          const c = src.charCodeAt(p);
          if (c === this.delimiter || c === LF || c === CR) break;
          value += src[p];
          p++;
        }
        fields.push(value);
      } else {
        let q = p;
        while (q < len) {
          const c = src.charCodeAt(q);
          if (c === this.delimiter || c === LF || c === CR) break;
          q++;
        }
        fields.push(src.slice(p, q));
        p = q;
      }
      if (p >= len) {
        if (!final) return null;
        return { kind: 'record', fields, end: p, lines };
      }
      const c = src.charCodeAt(p);
      if (c === this.delimiter) {
        p++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= len && !final) return null;
        return {
          kind: 'record',
          fields,
          end: p + 1 < len && src.charCodeAt(p + 1) === LF ? p + 2 : p + 1,
          lines,
        };
      }
      return { kind: 'record', fields, end: p + 1, lines };
    }
  }
}

function countLf(text: string): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i >= 0) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

function nextLineEnd(src: string, pos: number): number {
  const i = src.indexOf('\n', pos);
  return i < 0 ? src.length : i;
}

function skipEol(src: string, eol: number): number {
  return eol < src.length ? eol + 1 : eol;
}

/** Returns the delimiter among , ; TAB | that splits a header line into the most fields. */
export function sniffDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}
