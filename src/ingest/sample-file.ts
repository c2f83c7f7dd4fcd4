// Reads the start of a file for format recognition: text head, Parquet magic, header, delimiter.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

import { InputError, NotFoundError } from '../errors.js';
import type { FileSample } from './adapter.js';
import { CsvParser, sniffDelimiter } from './csv/csv-records.js';

const HEAD_BYTES = 64 * 1024;

/** Returns the sample of a file; throws NotFoundError / InputError for missing or unreadable files. */
export function sampleFile(path: string): FileSample {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new NotFoundError(`${path}: no such file`);
  }
  if (!stat.isFile()) throw new InputError(`${path}: not a regular file`);
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  if (buffer.subarray(0, 4).toString('latin1') === 'PAR1')
    return { path, head: '', parquet: true, header: null, delimiter: ',' };
  if (buffer.length === 0) throw new InputError(`${path}: empty file`);
  if (buffer.includes(0))
    throw new InputError(`${path}: binary file (NUL bytes), not CSV, JSON or Parquet`);
  let head = new TextDecoder('utf-8').decode(buffer);
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('['))
    return { path, head, parquet: false, header: null, delimiter: ',' };
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = sniffDelimiter(firstLine);
  const records = new CsvParser(delimiter.charCodeAt(0), HEAD_BYTES).push(`${firstLine}\n`, true);
  const first = records[0];
  const header =
    first && first.error === undefined ? first.fields.map((f) => f.trim().toLowerCase()) : null;
  return { path, head, parquet: false, header, delimiter };
}
