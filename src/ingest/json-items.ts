// Streams the elements of a JSON array inside a (possibly huge) JSON input, with byte progress.
import { createRequire } from 'node:module';
import { pipeline, Readable } from 'node:stream';

import { InputError } from '../core/index.js';
import { readText } from './csv/read-text.js';
import type { InputSource } from './input/input-source.js';
import { hasInvalidBytes, invalidBytesReason, Utf8Text } from './input/utf8-text.js';

const require = createRequire(import.meta.url);
// stream-json is CommonJS; its documented entry points.
const { parser } = require('stream-json') as {
  parser: (o?: { decodeStrings?: boolean }) => NodeJS.ReadWriteStream;
};
const { pick } = require('stream-json/filters/Pick') as {
  pick: (o: { filter: RegExp | string }) => NodeJS.ReadWriteStream;
};
const { streamValues } = require('stream-json/streamers/StreamValues') as {
  streamValues: (o?: { numberAsString?: boolean }) => NodeJS.ReadWriteStream;
};

/** One array element and its 1-based position in the array. */
export interface JsonElement {
  readonly index: number;
  readonly value: unknown;
  /** Why the element cannot be loaded when its text held bytes that are not UTF-8; else undefined. */
  readonly invalid?: string;
}

/**
 * Yields the values at JSON paths matching `path` (e.g. /^messages\.\d+$/, /^\d+$/ for a top-level
 * array) in batches, without loading the file; a syntax error is thrown with the byte offset.
 * The parser reads our decoded text (not bytes), so an element whose strings held invalid UTF-8
 * comes with the reason instead of silently holding U+FFFD. With `numberAsString`, numbers keep
 * their JSON text (a 19-digit id is not rounded to a double).
 */
export async function* jsonElements(
  source: InputSource,
  path: RegExp,
  onProgress: (bytes: number) => void,
  batchSize = 1000,
  numberAsString = false,
): AsyncGenerator<JsonElement[]> {
  let bytes = 0;
  const decoder = new Utf8Text();
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of readText(source.open(), decoder)) {
      bytes = chunk.bytesRead;
      onProgress(bytes);
      yield chunk.text;
    }
  }
  // Strings stay strings (decodeStrings: false): re-encoding them would turn the markers of
  // invalid bytes into U+FFFD. pipeline() destroys every stage on an error, so a syntax error
  // ends the loop below with it.
  const stream = pipeline(
    Readable.from(text(), { objectMode: true }),
    parser({ decodeStrings: false }),
    pick({ filter: path }),
    streamValues({ numberAsString }),
    () => undefined,
  );
  let batch: JsonElement[] = [];
  let index = 0;
  try {
    for await (const item of stream as AsyncIterable<{ value: unknown }>) {
      const bad = decoder.invalidBytes > 0 ? invalidString(item.value) : null;
      batch.push({
        index: ++index,
        value: item.value,
        ...(bad === null ? {} : { invalid: invalidBytesReason(bad, undefined) }),
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new Error(`invalid JSON near byte ${bytes}: ${(error as Error).message}`);
  }
  if (batch.length) yield batch;
}

// The first string (key or value) in a JSON value that holds invalid bytes, or null.
function invalidString(value: unknown): string | null {
  if (typeof value === 'string') return hasInvalidBytes(value) ? value : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    if (hasInvalidBytes(key)) return key;
    const found = invalidString(v);
    if (found !== null) return found;
  }
  return null;
}
