import { describe, expect, it } from 'vitest';

import { csvCell, csvRow, FORMULA_TRIGGERS, formulaSafe, unformulaSafe } from './index.js';

describe('csvCell(value)', () => {
  it('escapes text a spreadsheet would run as a formula, and quotes what CSV needs', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
  });

  it('writes numbers as numbers, negative ones included, and null as an empty cell', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('csvRow(cells)', () => {
  it('joins cells with commas and ends the line', () => {
    expect(csvRow(['x', '@a', -1, null, 'q"uote'])).toBe(`x,'@a,-1,,"q""uote"\n`);
  });
});

describe('formulaSafe / unformulaSafe', () => {
  it('prefixes exactly the formula triggers and reads them back', () => {
    for (const t of FORMULA_TRIGGERS) {
      expect(formulaSafe(`${t}x`)).toBe(`'${t}x`);
      expect(unformulaSafe(formulaSafe(`${t}x`))).toBe(`${t}x`);
    }
    for (const text of ['plain', "'quoted", "'", '', '1-2', 'a@b'])
      expect(unformulaSafe(formulaSafe(text))).toBe(text);
    expect(formulaSafe("'quoted")).toBe("'quoted");
  });
});
