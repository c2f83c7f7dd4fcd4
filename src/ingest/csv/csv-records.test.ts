import { describe, expect, it } from 'vitest';

import { CsvParser, sniffDelimiter } from './csv-records.js';

const parse = (text: string, chunks = 1) => {
  const p = new CsvParser(44, 1000);
  const size = Math.ceil(text.length / chunks);
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size), false));
  out.push(...p.push('', true));
  return out;
};

describe('CsvParser(delimiter, maxRecordChars)', () => {
  it('rejects an unterminated quote at end of file with its starting line', () => {
    const r = parse('a,b\n1,"open\nmore');
    expect(r[1]).toMatchObject({
      line: 2,
      error: expect.stringMatching(/unterminated quoted field/),
    });
  });

  it('rejects a record longer than the limit and resumes on the next line', () => {
    const r = parse(`a\n${'x'.repeat(1500)}\nok\n`, 7);
    expect(r.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r[1]).toMatchObject({ error: expect.stringMatching(/longer than 1000/) });
    expect(r[2]).toMatchObject({ fields: ['ok'] });
  });

  it('parses quotes, doubled quotes, embedded newlines and CRLF with the line each record starts on', () => {
    const text = 'a,b\r\n1,"x ""q"", y"\r\n2,"multi\nline"\r\n\r\n3,z';
    for (const chunks of [1, 3, 11, text.length]) {
      expect(parse(text, chunks)).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', 'x "q", y'] },
        { line: 3, fields: ['2', 'multi\nline'] },
        { line: 6, fields: ['3', 'z'] },
      ]);
    }
  });

  it('keeps empty fields and a trailing empty field', () => {
    expect(parse('a,,c,\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
  });
});

describe('sniffDelimiter(headerLine)', () => {
  it('picks the separator that splits the header most', () => {
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a,b;c,d')).toBe(',');
  });
});
