import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { sampleOf } from '../../test/helpers/ingest-fixture.js';
import type { RejectedItem } from './adapter.js';
import type { JsonUnit } from './json-units.js';
import { firstJsonObject, jsonUnits, quoteLongIntegers } from './json-units.js';

const context = { platform: null, timezone: null, onProgress: () => undefined };

async function sampleFor(name: string, content: string | Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-json-'));
  writeFileSync(join(dir, name), content);
  return sampleOf(join(dir, name));
}

async function unitsOf(name: string, content: string | Buffer, objectPath?: RegExp) {
  const sample = await sampleFor(name, content);
  const out: (JsonUnit | RejectedItem)[] = [];
  for await (const batch of jsonUnits(sample, context, objectPath ? { objectPath } : {}))
    out.push(...batch);
  return { sample, out };
}

describe('jsonUnits(sample, context, {objectPath})', () => {
  it('rejects a line that is not JSON, not an object, or holds bytes that are not UTF-8, with its line', async () => {
    const { out } = await unitsOf(
      'a.jsonl',
      Buffer.concat([
        Buffer.from('{"a":1}\n{"a":\n[1,2]\n\n{"b":"'),
        Buffer.from([0xff]),
        Buffer.from('"}\n{"c":"\uFFFD"}'),
      ]),
    );
    expect(
      out.map((u) => ('value' in u ? [u.line, u.value] : [u.line, u.reject.reason.split(':')[0]])),
    ).toEqual([
      [1, { a: 1 }],
      [2, 'invalid JSON'],
      [3, 'expected a JSON object on each line'],
      [5, 'invalid UTF-8 byte sequence 0xFF at byte 27'],
      [6, { c: '\uFFFD' }],
    ]);
  });

  it("takes a top-level array's elements as units, and a top-level object whole or by objectPath", async () => {
    // In documents numbers keep their JSON text: an int64 id is not rounded.
    const array = await unitsOf(
      'a.json',
      '[\n  {"id": 7283940214123564321},\n  2,\n  {"id": 3}\n]',
    );
    expect(array.out.map((u) => ('value' in u ? u.value : u.reject.reason))).toEqual([
      { id: '7283940214123564321' },
      'expected a JSON object',
      { id: '3' },
    ]);
    const page = '{\n  "kind": "page",\n  "items": [{"id": "a"}, {"id": "b"}]\n}';
    expect((await unitsOf('p.json', page)).out).toMatchObject([
      { line: 1, value: { kind: 'page' } },
    ]);
    expect((await unitsOf('p.json', page, /^items\.\d+$/)).out).toMatchObject([
      { line: 1, value: { id: 'a' } },
      { line: 2, value: { id: 'b' } },
    ]);
  });

  it('fails with an InputError naming the file and byte for a broken JSON document', async () => {
    await expect(unitsOf('b.json', '[{"id": 1}, {"id": ')).rejects.toThrow(
      /b\.json: invalid JSON near byte \d+/,
    );
  });

  it('finds the first record for recognition in JSON lines, arrays and pretty-printed documents', async () => {
    expect(firstJsonObject(await sampleFor('a.jsonl', '{"x":1}\n{"x":2}\n'))).toEqual({
      x: 1,
    });
    expect(firstJsonObject(await sampleFor('a.json', '[{"x":1},{"x":2}]'))).toEqual({
      x: 1,
    });
    expect(firstJsonObject(await sampleFor('a.json', '{\n "x": {\n  "y": 2\n }\n}'))).toEqual({
      x: { y: 2 },
    });
    expect(firstJsonObject(await sampleFor('a.csv', 'a,b\n1,2\n'))).toBeNull();
  });
});

describe('quoteLongIntegers(text)', () => {
  it('keeps integers past 2^53 exact as text, and leaves strings, decimals and short numbers alone', () => {
    const text =
      '{"id":7283940214123564321,"n":-1234567890123456789,"s":"x 7283940214123564321","f":0.12345678901234567,"e":1.5e20,"c":42,"a":[7283940214123564322]}';
    expect(JSON.parse(quoteLongIntegers(text))).toEqual({
      id: '7283940214123564321',
      n: '-1234567890123456789',
      s: 'x 7283940214123564321',
      f: Number('0.12345678901234567'),
      e: 1.5e20,
      c: 42,
      a: ['7283940214123564322'],
    });
  });
});
