import { isUtf8 } from 'node:buffer';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hasInvalidBytes, invalidBytesReason, Utf8Text } from './utf8-text.js';

// Decodes `bytes` cut at the given points, as a stream would hand them over.
function decodeChunked(bytes: Buffer, cuts: number[], decoder = new Utf8Text(true)): string {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let text = '';
  let from = 0;
  for (const p of points) {
    text += decoder.decode(bytes.subarray(from, p));
    from = p;
  }
  return text + decoder.decode(bytes.subarray(from), true);
}

// The bytes a decoded text stands for: markers back to their byte, everything else as UTF-8.
function bytesOf(text: string): Buffer {
  const out: Buffer[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out.push(
      ch.length === 1 && c >= 0xdc80 && c <= 0xdcff ? Buffer.from([c - 0xdc00]) : Buffer.from(ch),
    );
  }
  return Buffer.concat(out);
}

// Text as scraped exports hold it: U+FFFD, emoji ZWJ sequences, RTL marks, astral characters,
// CJK, combining marks, CSV punctuation and line breaks, mixed with any printable grapheme.
const realText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\uFFFD',
        '👩‍👩‍👧‍👦',
        '🏳️‍🌈',
        '\u200F',
        '\u202E',
        'مرحبا',
        '𝕏',
        '𠜎',
        '中文',
        'é',
        'e\u0301',
        ',',
        '"',
        '\n',
        '\r\n',
        ' ',
      ),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe('Utf8Text.decode(chunk, final)', () => {
  it('returns valid UTF-8 unchanged whatever it holds (U+FFFD, ZWJ emoji, RTL marks), however it is cut', () => {
    fc.assert(
      fc.property(realText, cuts, (text, at) => {
        const decoded = decodeChunked(Buffer.from(text), at);
        expect(decoded).toBe(text);
        expect(hasInvalidBytes(decoded)).toBe(false);
      }),
      { seed: 25, numRuns: 500 },
    );
  });

  it('marks exactly the bytes that are not UTF-8 and keeps their values (any bytes, any cuts)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), cuts, (raw, at) => {
        const bytes = Buffer.from(raw);
        const decoder = new Utf8Text();
        const decoded = decodeChunked(bytes, at, decoder);
        const bom = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
        expect(hasInvalidBytes(decoded)).toBe(!isUtf8(bytes));
        expect(decoder.invalidBytes > 0).toBe(!isUtf8(bytes));
        expect(bytesOf(decoded)).toEqual(bytes.subarray(bom));
        if (isUtf8(bytes)) expect(decoded).toBe(bytes.subarray(bom).toString('utf8'));
      }),
      { seed: 25, numRuns: 2000 },
    );
  });

  it('records the line and byte offset of a planted broken sequence', () => {
    const broken = [
      [0xff],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ];
    fc.assert(
      fc.property(
        realText,
        realText,
        fc.constantFrom(...broken),
        cuts,
        (before, after, bad, at) => {
          const prefix = Buffer.from(before);
          const bytes = Buffer.concat([prefix, Buffer.from(bad), Buffer.from(after)]);
          const decoder = new Utf8Text(true);
          const decoded = decodeChunked(bytes, at, decoder);
          expect(hasInvalidBytes(decoded)).toBe(true);
          const line = before.split('\n').length;
          expect(decoder.invalidAt(1)).toEqual({ line, offset: prefix.length });
        },
      ),
      { seed: 25, numRuns: 500 },
    );
  });

  it('removes a leading byte-order mark, also when it arrives a byte at a time', () => {
    const d = new Utf8Text();
    expect(
      ['\xef', '\xbb', '\xbf', 'a'].map((c) => d.decode(Buffer.from(c, 'latin1'))).join(''),
    ).toBe('a');
  });
});

describe('invalidBytesReason(text, at)', () => {
  it('names the bytes and the offset', () => {
    const d = new Utf8Text(true);
    const text = d.decode(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x63]), true);
    expect(invalidBytesReason(text, d.invalidAt(2))).toBe(
      'invalid UTF-8 byte sequence 0xFF 0xFE at byte 3',
    );
  });
});
