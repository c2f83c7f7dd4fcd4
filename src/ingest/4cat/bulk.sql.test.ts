// 4CAT's NDJSON of Twitter API v2 tweets takes the x-api-v2 bulk path: the same case as its row path.
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

const loadBothWays = (file: string, counts: Record<string, number>) =>
  bothWays(file, '4cat', counts);

// The fixture's lines: 1 a tweet, 2 a retweet, 3 a time 4CAT did not convert, 4 a repeat of 1.
const LINES = readFileSync(fixture('4cat', 'twitterv2-dataset.ndjson'), 'utf8')
  .trimEnd()
  .split('\n');
const CLEAN = [LINES[0]!, LINES[1]!, LINES[3]!].join('\n') + '\n';

describe('4cat NDJSON tweets in bulk', () => {
  it('loads clean tweets as the row path does: a retweet, authors, a repeat; gzip too', async () => {
    const counts = { read: 3, loaded: 2, rejected: 0, duplicates: 1 };
    const posts = await loadBothWays(fileWith('dataset.ndjson', CLEAN), counts);
    expect(posts.map((p) => p.kind)).toEqual(['post', 'share']);
    await loadBothWays(fileWith('dataset.ndjson.gz', gzipSync(CLEAN)), counts);
  });

  it('loads real-looking texts, tags and author names alike (fast-check)', async () => {
    const piece = fc.constantFrom(...TEXT_PIECES, ' ', '"', '\\', 'x');
    const str = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const tweet = fc.record({ text: str, tag: str, name: fc.option(str), handle: str });
    await fc.assert(
      fc.asyncProperty(fc.array(tweet, { minLength: 1, maxLength: 5 }), async (tweets) => {
        const lines = tweets.map((t, i) => {
          const base = JSON.parse(LINES[i % 2]!) as Record<string, unknown>;
          const author = { ...(base.author_user as object), username: t.handle, name: t.name };
          const entities = { hashtags: [{ tag: t.tag }] };
          return JSON.stringify({
            ...base,
            id: `t${i}`,
            text: t.text,
            entities,
            author_user: author,
          });
        });
        await loadBothWays(fileWith('dataset.ndjson', `${lines.join('\n')}\n`), {
          read: tweets.length,
        });
      }),
      { numRuns: 4, seed: 25, endOnFailure: true },
    );
  }, 180_000);

  it('leaves the fixture to the row path: every good line loaded, the bad one rejected', async () => {
    const { summary, rejects, store } = await ingestInto(
      [fixture('4cat', 'twitterv2-dataset.ndjson')],
      { format: '4cat' },
    );
    store.close();
    expect(summary.files[0]).toMatchObject({ read: 4, loaded: 2, rejected: 1, duplicates: 1 });
    expect(summary.files[0]?.mode).toBe('rows');
    expect(rejects.map((r) => r[1])).toEqual(['3']);
  });

  it.each([
    [
      'a line without author_user',
      (o: Record<string, unknown>) => ({ ...o, author_user: undefined }),
    ],
    [
      'a mapped item among the tweets',
      (o: Record<string, unknown>) => ({
        ...o,
        thread_id: '1',
        author: 'a',
        body: 'b',
        timestamp: '2023-03-14 09:00:00',
      }),
    ],
  ])('leaves a file with %s to the row path, counts adding up', async (_, change) => {
    const odd = JSON.stringify(change(JSON.parse(LINES[1]!) as Record<string, unknown>));
    const file = fileWith('dataset.ndjson', `${LINES[0]}\n${odd}\n`);
    const { summary, store } = await ingestInto([file], { format: '4cat' });
    store.close();
    const f = summary.files[0]!;
    expect(f).toMatchObject({ read: 2, mode: 'rows' });
    expect(f.loaded + f.rejected + f.duplicates).toBe(2);
  });
});
