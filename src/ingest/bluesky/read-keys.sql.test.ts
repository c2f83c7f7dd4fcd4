import { describe, expect, it } from 'vitest';

import { openStore, rows, sqlString } from '../../store/index.js';
import { repeatsReadKeySql } from './read-keys.sql.js';

const PATHS = ['$', '$.commit', '$.commit.record'];
const KEYS = ['did', 'commit', 'rkey', 'record', 'text'];

/** Whether each JSON text repeats a read key, as the SQL tells. */
async function repeats(jsons: readonly string[]): Promise<boolean[]> {
  const store = await openStore(':memory:');
  try {
    const values = jsons.map((j, i) => `(${i}, ${sqlString(j)})`).join(', ');
    const found = await rows(
      store,
      `SELECT ${repeatsReadKeySql('json', PATHS, KEYS)} FROM (VALUES ${values}) t(i, json) ORDER BY i`,
    );
    return found.map((r) => r[0] as boolean);
  } finally {
    store.close();
  }
}

describe('repeatsReadKeySql(json, paths, keys)', () => {
  it('refuses a key that is not a plain name', () => {
    expect(() => repeatsReadKeySql('json', PATHS, ['a b'])).toThrow(/plain names/);
    expect(() => repeatsReadKeySql('json', PATHS, ['$type'])).toThrow(/plain names/);
  });

  it('finds a read key repeated in one of the objects, next to itself or not, escaped too', async () => {
    expect(
      await repeats([
        '{"did":"a","did":"b"}',
        '{"did":"a","x":1,"y":[1],"did":"b"}',
        '{"commit":{"rkey":"a","rev":"r","rkey":"b"}}',
        '{"commit":{"record":{"text":"a","\\u0074ext":"b"}}}',
        '{"commit":{"record":{"x":1}},"commit":{}}',
      ]),
    ).toEqual([true, true, true, true, true]);
  });

  it('passes keys that are read once per object, repeated elsewhere or not read', async () => {
    expect(
      await repeats([
        '{"did":"a","commit":{"did":"b","record":{"did":"c"}}}',
        '{"cid":1,"cid":2,"commit":{"cid":3,"cid":4}}',
        '{"commit":{"record":{"facets":[{"text":1},{"text":2}]}}}',
        '{"did":"a","commit":"text"}',
        '{"textx":1,"xtext":2,"text":3}',
        '{"rkey":1,"commit":{"rkey":2}}',
        '{}',
      ]),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('counts a key DuckDB quotes in a list’s text (a comma, bracket, quote, space at an end) as a repeat', async () => {
    expect(
      await repeats(['{"did, did":1}', '{"commit":{"]":1}}', '{"a\'b":1}', '{" did":1}', '{"":1}']),
    ).toEqual([true, true, true, true, true]);
  });
});
