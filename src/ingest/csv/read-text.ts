// Streams an input's bytes as decoded UTF-8 text chunks with the byte count read so far.
import { Utf8Text } from '../input/utf8-text.js';

/** One decoded chunk of an input and how many of its bytes have been read. */
export interface TextChunk {
  readonly text: string;
  readonly bytesRead: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Yields the text of a byte stream in chunks of about 1 MiB (decompressors hand out 16–64 KiB
 * pieces; parsing each alone cost more than decoding), a leading byte-order mark removed.
 * Invalid UTF-8 becomes the markers of {@link Utf8Text}, which record readers report as a
 * reject for the row they stand in; pass `decoder` to look up where they were.
 */
export async function* readText(
  bytes: AsyncIterable<Buffer>,
  decoder: Utf8Text = new Utf8Text(),
): AsyncGenerator<TextChunk> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytesRead = 0;
  for await (const buffer of bytes) {
    pending.push(buffer);
    pendingBytes += buffer.length;
    bytesRead += buffer.length;
    if (pendingBytes < CHUNK_BYTES) continue;
    const text = decoder.decode(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
    pending = [];
    pendingBytes = 0;
    if (text !== '') yield { text, bytesRead };
  }
  const rest = decoder.decode(Buffer.concat(pending), true);
  if (rest !== '') yield { text: rest, bytesRead };
}
