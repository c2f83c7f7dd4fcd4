// Streams the elements of a JSON array inside a (possibly huge) JSON input, with byte progress.
import { createRequire } from 'node:module';
import { pipeline, Readable, Transform } from 'node:stream';

import { InputError } from '../errors.js';
import type { InputSource } from './input/input-source.js';

const require = createRequire(import.meta.url);
// stream-json is CommonJS; its documented entry points.
const { parser } = require('stream-json') as { parser: () => NodeJS.ReadWriteStream };
const { pick } = require('stream-json/filters/Pick') as {
  pick: (o: { filter: RegExp | string }) => NodeJS.ReadWriteStream;
};
const { streamValues } = require('stream-json/streamers/StreamValues') as {
  streamValues: () => NodeJS.ReadWriteStream;
};

/** One array element and its 1-based position in the array. */
export interface JsonElement {
  readonly index: number;
  readonly value: unknown;
}

/**
 * Yields the values at JSON paths matching `path` (e.g. /^messages\.\d+$/, /^\d+$/ for a top-level
 * array) in batches, without loading the file; a syntax error is thrown with the byte offset.
 */
export async function* jsonElements(
  source: InputSource,
  path: RegExp,
  onProgress: (bytes: number) => void,
  batchSize = 1000,
): AsyncGenerator<JsonElement[]> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      onProgress(bytes);
      done(null, chunk);
    },
  });
  // pipeline() destroys every stage on an error, so a syntax error ends the loop below with it.
  const stream = pipeline(
    Readable.from(source.open(), { objectMode: false }),
    counter,
    parser(),
    pick({ filter: path }),
    streamValues(),
    () => undefined,
  );
  let batch: JsonElement[] = [];
  let index = 0;
  try {
    for await (const item of stream as AsyncIterable<{ value: unknown }>) {
      batch.push({ index: ++index, value: item.value });
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
