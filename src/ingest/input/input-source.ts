// An input to ingest: a plain file, a gzip or zstd file, or one member of a zip archive, opened
// as a stream of its decompressed bytes.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';

import { InputError } from '../../core/index.js';
import type { Container } from './decompress.js';
import { containerOf, decompressor } from './decompress.js';
import type { ZipMember } from './zip-members.js';
import { openZipMember } from './zip-members.js';

/** One input of an ingest, however it is stored. */
export interface InputSource {
  /** How messages, rejects and summaries name it: the path, or `archive.zip!member.csv`. */
  readonly name: string;
  /** The file on disk that holds it. */
  readonly path: string;
  /** How that file holds it: 'plain', 'gzip', 'zstd', or 'zip' for an archive member. */
  readonly container: Container;
  /** Bytes of the stored form (file size, or the member's size in the archive), for progress. */
  readonly size: number;
  /**
   * Yields its bytes, decompressed, from the start (each call opens it anew); a member that is
   * itself gzip or zstd is decompressed too. Errors of a corrupt or truncated stream are
   * InputErrors naming the input.
   */
  open(): AsyncGenerator<Buffer>;
  /** Stored bytes read by the latest {@link open}, for progress. */
  bytesRead(): number;
}

/** Returns the source of a file on disk whose first bytes announced `container` (not 'zip'). */
export function fileSource(
  path: string,
  container: Exclude<Container, 'zip'>,
  size: number,
): InputSource {
  let read = 0;
  return {
    name: path,
    path,
    container,
    size,
    open: () => {
      read = 0;
      return decoded(createReadStream(path, { highWaterMark: 1 << 20 }), path, (n) => (read += n));
    },
    bytesRead: () => read,
  };
}

/** Returns the source of one member of the zip archive at `path`. */
export function zipMemberSource(path: string, member: ZipMember): InputSource {
  const name = `${path}!${member.name}`;
  let read = 0;
  return {
    name,
    path,
    container: 'zip',
    size: member.size,
    open: async function* () {
      read = 0;
      yield* decoded(await openZipMember(path, member), name, (n) => (read += n));
    },
    bytesRead: () => read,
  };
}

// Yields a stream's bytes, decompressed when they start with a gzip or zstd magic number.
async function* decoded(
  raw: Readable,
  name: string,
  count: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const counted = countBytes(raw, count);
  let head: Buffer = Buffer.alloc(0);
  try {
    // Enough bytes to see a magic number (streams may hand out tiny first chunks).
    while (head.length < 4) {
      const next = await counted.next();
      if (next.done) break;
      head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    }
    const kind = containerOf(head);
    if (kind !== 'gzip' && kind !== 'zstd') {
      if (head.length > 0) yield head;
      yield* counted;
      return;
    }
    const inflate = decompressor(kind);
    const out = pipeline(
      (async function* () {
        yield head;
        yield* counted;
      })(),
      inflate,
      () => undefined,
    );
    let produced = 0;
    try {
      for await (const chunk of out as AsyncIterable<Buffer>) {
        produced += chunk.length;
        yield chunk;
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(
        `${name}: cannot decompress ${kind} data after ${produced} bytes (${(error as Error).message}); the file is corrupt or truncated`,
      );
    } finally {
      out.destroy();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${name}: cannot read (${(error as Error).message})`);
  } finally {
    raw.destroy();
    await counted.return(undefined).catch(() => undefined);
  }
}

async function* countBytes(raw: Readable, count: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of raw as AsyncIterable<Buffer>) {
    count(chunk.length);
    yield chunk;
  }
}
