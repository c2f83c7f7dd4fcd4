// Streams a file as decoded UTF-8 text chunks with the byte count read so far.
import { createReadStream } from 'node:fs';

/** One decoded chunk of a file and how many bytes of the file have been read. */
export interface TextChunk {
  readonly text: string;
  readonly bytesRead: number;
}

/**
 * Yields a file's text in chunks, a leading byte-order mark removed. Invalid UTF-8 becomes
 * U+FFFD, which record parsers report as a reject for the row it stands in.
 */
export async function* readText(path: string, chunkBytes = 1 << 20): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let bytesRead = 0;
  for await (const buffer of createReadStream(path, { highWaterMark: chunkBytes })) {
    bytesRead += (buffer as Buffer).length;
    const text = decoder.decode(buffer as Buffer, { stream: true });
    if (text !== '') yield { text, bytesRead };
  }
  const rest = decoder.decode();
  if (rest !== '') yield { text: rest, bytesRead };
}
