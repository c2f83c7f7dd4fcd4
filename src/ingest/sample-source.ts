// Reads the start of an input for format recognition: text head, Parquet magic, header, delimiter.
import { InputError } from '../core/index.js';
import type { FileSample } from './adapter.js';
import { CsvParser, sniffDelimiter } from './csv/csv-records.js';
import { containerOf } from './input/decompress.js';
import type { InputSource } from './input/input-source.js';

const HEAD_BYTES = 64 * 1024;
/**
 * A JSON input's sample reads on to the end of its first line, up to this: the first line is what
 * recognition parses, and a raw X API v2 response page (what twarc2 writes: 100 tweets with their
 * expansions) is one line of 100–500 KB.
 */
const FIRST_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Returns the sample of an input (its first 64 KiB, decompressed, or for JSON its first line
 * when that is longer, up to 64 MiB); throws InputError naming it
 * for an empty, binary or UTF-16 input, or a Parquet file or zip archive inside a compressed one.
 */
export async function sampleSource(source: InputSource): Promise<FileSample> {
  const path = source.name;
  const buffer = await headBytes(source);
  const base = { path, source, parquet: false, header: null, delimiter: ',' };
  if (buffer.subarray(0, 4).toString('latin1') === 'PAR1') {
    if (source.container !== 'plain')
      throw new InputError(
        `${path}: a Parquet file inside ${source.container === 'zip' ? 'a zip archive' : `${source.container} compression`} cannot be streamed; extract it first`,
      );
    return { ...base, head: '', parquet: true };
  }
  if (buffer.length === 0) throw new InputError(`${path}: empty file`);
  if (containerOf(buffer) === 'zip')
    throw new InputError(
      `${path}: a zip archive inside a compressed file or archive; extract the outer one first`,
    );
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
    throw new InputError(
      `${path}: UTF-16 text (byte-order mark ${buffer[0] === 0xff ? 'FF FE' : 'FE FF'}); save it as UTF-8`,
    );
  if (buffer.includes(0))
    throw new InputError(`${path}: binary file (NUL bytes), not CSV, JSON or Parquet`);
  let head = new TextDecoder('utf-8').decode(buffer);
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { ...base, head };
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = sniffDelimiter(firstLine);
  const records = new CsvParser(delimiter.charCodeAt(0), HEAD_BYTES).push(`${firstLine}\n`, true);
  const first = records[0];
  const header =
    first && first.error === undefined ? first.fields.map((f) => f.trim().toLowerCase()) : null;
  return { ...base, head, header, delimiter };
}

async function headBytes(source: InputSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  let toLineEnd = false;
  for await (const chunk of source.open()) {
    parts.push(chunk);
    size += chunk.length;
    if (toLineEnd) {
      if (chunk.includes(0x0a) || size >= FIRST_LINE_BYTES) break;
      continue;
    }
    if (size < HEAD_BYTES) continue;
    const head = Buffer.concat(parts);
    if (!startsJson(head) || head.subarray(0, HEAD_BYTES).includes(0x0a)) break;
    toLineEnd = true;
    if (head.includes(0x0a, HEAD_BYTES)) break;
  }
  const buffer = Buffer.concat(parts);
  if (!toLineEnd) return buffer.subarray(0, HEAD_BYTES);
  const end = buffer.indexOf(0x0a);
  return buffer.subarray(0, end < 0 ? FIRST_LINE_BYTES : end + 1);
}

/** Whether the bytes start (after a byte-order mark and white space) with `{` or `[`. */
function startsJson(bytes: Buffer): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}
