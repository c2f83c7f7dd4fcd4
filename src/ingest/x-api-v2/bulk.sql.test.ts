// The X API v2 bulk path (DuckDB) and the row path (JSON.parse, tweetRecords) load the same case.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  fileWith,
  loadBothWays as bothWays,
  TEXT_PIECES,
} from '../../../test/helpers/bulk-both-ways.js';
import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

const loadBothWays = (file: string, counts: Record<string, number>) =>
  bothWays(file, 'x-api-v2', counts);

// The fixture's lines: 1–4 clean (a post, a retweet, a reply, a quote), 5 without created_at,
// 6 cut short (not JSON), 7 a repeat of line 1.
const LINES = readFileSync(fixture('x-api-v2', 'flattened.jsonl'), 'utf8').trimEnd().split('\n');
const CLEAN = [...LINES.slice(0, 4), LINES[6]!].join('\n') + '\n';

describe('x-api-v2 bulk path', () => {
  it('loads clean flattened tweets as the row path does: kinds, entities, media, authors, a repeat', async () => {
    const posts = await loadBothWays(fileWith('tweets.jsonl', CLEAN), {
      read: 5,
      loaded: 4,
      rejected: 0,
      duplicates: 1,
    });
    expect(posts.map((p) => p.kind)).toEqual(['post', 'share', 'reply', 'quote']);
    expect(posts[1]).toMatchObject({ hashtags: ['maricopa'] });
  });

  it('loads a gzip file, blank lines and letters SQL folds unlike JS alike', async () => {
    const odd = LINES[0]!
      .replace('"id": "1635580000111222333"', '"id": "42"')
      .replace('Ballots found', 'İSTANBUL ΟΔΟΣ  Ballots');
    const content = `${CLEAN}\n${odd}\n`;
    await loadBothWays(fileWith('tweets.jsonl.gz', gzipSync(content)), { read: 6, loaded: 5 });
  });

  it('loads real-looking texts, tags, links and authors alike (fast-check)', async () => {
    const piece = fc.constantFrom(...TEXT_PIECES, ' ', '  ', '\n', '"', '\\', '\u200b', 'x');
    const str = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const tweet = fc.record({
      text: str,
      tag: str,
      url: fc.constantFrom(
        'https://t.co/a',
        'https://WWW.News.example/a/?utm_source=x&b=1',
        'bit.ly/x',
        '',
        ' https://x.example ',
      ),
      name: fc.option(str),
      handle: str,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(tweet, { minLength: 1, maxLength: 6 }), async (tweets) => {
        const lines = tweets.map((t, i) => {
          const base = JSON.parse(LINES[i % 4]!) as Record<string, unknown>;
          const entities = {
            hashtags: [{ tag: t.tag }],
            urls: [{ url: t.url, expanded_url: t.url }],
          };
          const author = { ...(base.author as object), username: t.handle, name: t.name };
          return JSON.stringify({ ...base, id: `t${i}`, text: t.text, entities, author });
        });
        await loadBothWays(fileWith('tweets.jsonl', `${lines.join('\n')}\n`), {
          read: tweets.length,
        });
      }),
      { numRuns: 5, seed: 25, endOnFailure: true },
    );
  }, 180_000);

  it('leaves a file with a bad line to the row path: every good line loaded, the bad ones rejected', async () => {
    const { summary, rejects, store } = await ingestInto([fixture('x-api-v2', 'flattened.jsonl')], {
      format: 'x-api-v2',
    });
    try {
      expect(summary.files[0]).toMatchObject({ read: 7, loaded: 4, rejected: 2, duplicates: 1 });
      expect(summary.files[0]?.mode).toBe('rows');
      expect(rejects.map((r) => r[1])).toEqual(['5', '6']);
    } finally {
      store.close();
    }
  });

  it.each([
    ['a number for an id', (l: string) => l.replace('"id": "1635580000111222333"', '"id": 17')],
    ['a time without a zone', (l: string) => l.replace('09:12:45.000Z', '09:12:45')],
    ['a year before 1000', (l: string) => l.replace('"2023-03-', '"0023-03-')],
    ['a negative count', (l: string) => l.replace('"retweet_count": 212', '"retweet_count": -1')],
    [
      'an author of another id',
      (l: string) => l.replace('"id": "1580112233445566778", "username"', '"id": "9", "username"'),
    ],
    ['a hashtag that is an object', (l: string) => l.replace('"tag": "Maricopa"', '"tag": {}')],
  ])('leaves a file with %s to the row path', async (_, change) => {
    const file = fileWith('tweets.jsonl', [change(LINES[0]!), ...LINES.slice(1, 4)].join('\n'));
    const { summary, store } = await ingestInto([file], { format: 'x-api-v2' });
    store.close();
    expect(summary.files[0]).toMatchObject({ read: 4, mode: 'rows' });
    expect(summary.files[0]!.loaded + summary.files[0]!.rejected).toBe(4);
  });

  it.each([
    [
      'the text',
      0,
      (l: string) => l.replace('"text": "Ballots', '"text": "first", "text": "Ballots'),
    ],
    [
      'the text, as an escaped key',
      0,
      (l: string) => l.replace('{"id"', '{"\\u0074ext": "first", "id"'),
    ],
    [
      'a count',
      0,
      (l: string) => l.replace('"retweet_count": 212', '"retweet_count": 1, "retweet_count": 212'),
    ],
    [
      "a referenced tweet's id",
      1,
      (l: string) =>
        l.replace('"type": "retweeted", "id": "', '"type": "retweeted", "id": "1", "id": "'),
    ],
  ])(
    'reads a repeated key (%s) as JSON.parse does, its last value: the file goes to the row path',
    async (_, at, change) => {
      const lines = LINES.slice(0, 4);
      lines[at] = change(lines[at]!);
      expect(lines[at]).not.toBe(LINES[at]);
      const file = fileWith('tweets.jsonl', `${lines.join('\n')}\n`);
      const bulk = await ingestInto([file], { format: 'x-api-v2' });
      const rows = await ingestInto([file], { format: 'x-api-v2', bulk: false });
      try {
        expect(bulk.summary.files[0]).toMatchObject({ read: 4, loaded: 4, mode: 'rows' });
        const posts = 'SELECT * EXCLUDE (run_id) FROM posts ORDER BY post_id';
        expect(await queryRows(bulk.store, posts)).toEqual(await queryRows(rows.store, posts));
        // The last value, the one the line had before the change.
        const original = await ingestInto([fileWith('t.jsonl', LINES.slice(0, 4).join('\n'))], {
          format: 'x-api-v2',
        });
        expect(await queryRows(bulk.store, posts)).toEqual(await queryRows(original.store, posts));
        original.store.close();
      } finally {
        bulk.store.close();
        rows.store.close();
      }
    },
  );
});
