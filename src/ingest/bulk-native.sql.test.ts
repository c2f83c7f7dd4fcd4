// Which CSV files the bulk path must trim exactly (whitespace JS trims other than a space).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { mayHaveOtherWhitespace } from './bulk-native.sql.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ws-'));
let n = 0;
const file = (text: string | Buffer) => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  return path;
};

describe('mayHaveOtherWhitespace', () => {
  it('is false for a file with spaces, line breaks and other text only', () => {
    const clean = 'post_id,account_id,text\r\np1, a1 ,台湾 “是” — 中国\np2,a2,Café\n';
    expect(mayHaveOtherWhitespace(file(clean))).toBe(false);
    // A byte-order mark at the start is the file's, not a cell's.
    expect(mayHaveOtherWhitespace(file(`\ufeff${clean}`))).toBe(false);
  });

  it.each([
    ['tab', '\t'],
    ['vertical tab', '\u000b'],
    ['form feed', '\f'],
    ['quote (a quoted cell can hold a line break)', '"'],
    ['no-break space', '\u00a0'],
    ['ogham space', '\u1680'],
    ['en quad', '\u2000'],
    ['hair space', '\u200a'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
    ['narrow no-break space', '\u202f'],
    ['medium mathematical space', '\u205f'],
    ['ideographic space', '\u3000'],
    ['byte-order mark inside', '\ufeff'],
  ])('is true for a file with a %s', (_, ch) => {
    expect(mayHaveOtherWhitespace(file(`post_id,account_id\np1,a1${ch}\n`))).toBe(true);
  });

  it('finds a character split across two chunks', () => {
    // 'x' * k then U+3000 (3 bytes): with 4-byte chunks the character starts at every offset.
    for (let k = 0; k < 8; k++)
      expect(mayHaveOtherWhitespace(file(`${'x'.repeat(k)}\u3000yz`), 4)).toBe(true);
    expect(mayHaveOtherWhitespace(file(`${'x'.repeat(9)}\u200b\u201c`), 4)).toBe(false);
  });
});
