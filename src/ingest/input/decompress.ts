// Recognizes compressed bytes by their magic number and streams them decompressed (gzip, zstd).
import { Transform } from 'node:stream';
import * as zlib from 'node:zlib';

import { Decompress } from 'fzstd';

/** How a file holds its bytes, read from its first four bytes. */
export type Container = 'plain' | 'gzip' | 'zstd' | 'zip';

/** Returns the container the first bytes of a file announce ('plain' when none). */
export function containerOf(head: Uint8Array): Container {
  const [a, b, c, d] = head;
  if (a === 0x1f && b === 0x8b) return 'gzip'; // RFC 1952
  if (a === 0x28 && b === 0xb5 && c === 0x2f && d === 0xfd) return 'zstd'; // RFC 8878
  // Local file header or the end record of an empty archive (APPNOTE 4.3.7, 4.3.16).
  if (a === 0x50 && b === 0x4b && ((c === 3 && d === 4) || (c === 5 && d === 6))) return 'zip';
  return 'plain';
}

/** Returns a stream that decompresses gzip (also concatenated members) or zstd (all frames). */
export function decompressor(kind: 'gzip' | 'zstd'): Transform {
  if (kind === 'gzip') return zlib.createGunzip({ chunkSize: 1 << 16 });
  // node:zlib decompresses zstd from Node 22.15 / 23.8; on Node 20 fzstd does (pure JS).
  const native = (zlib as unknown as { createZstdDecompress?: () => Transform })
    .createZstdDecompress;
  return native ? native() : new FzstdStream();
}

/** fzstd's push-based decompressor as a Node transform stream. */
class FzstdStream extends Transform {
  private readonly zstd = new Decompress((chunk) => {
    // fzstd hands out views of its window, which the next block overwrites: copy.
    if (chunk.length > 0) this.push(Buffer.from(chunk));
  });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (e?: Error) => void): void {
    try {
      this.zstd.push(chunk);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: (e?: Error) => void): void {
    try {
      this.zstd.push(new Uint8Array(0), true);
      done();
    } catch (error) {
      done(error as Error);
    }
  }
}
