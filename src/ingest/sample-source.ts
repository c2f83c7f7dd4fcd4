// Reads the start of an input for format recognition: text head, Parquet magic, header, delimiter.
import { InputError } from '../core/index.js';
import type { FileSample } from './adapter.js';
import { CsvParser, sniffDelimiter } from './csv/csv-records.js';
import { containerOf } from './input/decompress.js';
import type { InputSource } from './input/input-source.js';

const HEAD_BYTES = 64 * 1024;

/**
 * Returns the sample of an input (its first 64 KiB, decompressed); throws InputError naming it
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
  for await (const chunk of source.open()) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= HEAD_BYTES) break;
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}
