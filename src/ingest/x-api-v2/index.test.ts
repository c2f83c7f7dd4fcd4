import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

const POSTS = `SELECT post_id, account_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, kind,
  urls, hashtags, mentions, media, shared_post_id, shared_account_id, parent_post_id, parent_account_id,
  language, shares, reactions FROM posts ORDER BY post_id`;

async function loaded(file: string) {
  const { store } = await ingestInto([fixture('x-api-v2', file)]);
  try {
    return {
      posts: await queryRows(store, POSTS),
      accounts: await queryRows(
        store,
        `SELECT account_id, handle, display_name, strftime(created_at, '%Y-%m-%d') AS created, followers, following, description
         FROM accounts ORDER BY account_id`,
      ),
    };
  } finally {
    store.close();
  }
}

describe('x-api-v2', () => {
  it("reads twarc2's flattened tweets: retweets as shares of the original with its links and tags, replies, quotes, expanded authors", async () => {
    const { posts, accounts } = await loaded('flattened.jsonl');
    expect(
      posts.map((p) => [
        p.post_id,
        p.kind,
        p.shared_post_id,
        p.shared_account_id,
        p.parent_post_id,
        p.parent_account_id,
      ]),
    ).toEqual([
      ['1635580000111222333', 'post', null, null, null, null],
      ['1635580123456789012', 'share', '1635580000111222333', '1580112233445566778', null, null],
      ['1635581999000111222', 'reply', null, null, '1635580000111222333', '1580112233445566778'],
      ['1635583000999888777', 'quote', '1635580000111222333', '1580112233445566778', null, null],
    ]);
    expect(posts[0]).toMatchObject({
      created_at: '2023-03-14T09:12:45Z',
      urls: ['https://electionwatch-news.example/2023/03/ballots-ditch'],
      hashtags: ['maricopa'],
      mentions: ['localreporter'],
      language: 'en',
      shares: '212',
      reactions: '530',
    });
    // The retweet's own text is "RT @…: " and a truncated copy; the original's entities are its content.
    expect(posts[1]).toMatchObject({
      urls: ['https://electionwatch-news.example/2023/03/ballots-ditch'],
      hashtags: ['maricopa'],
      mentions: ['patriot_news_24', 'localreporter'],
    });
    expect(posts[3]).toMatchObject({ hashtags: ['wahlbetrug'], language: 'de' });
    expect(accounts).toEqual([
      {
        account_id: '14511951',
        handle: 'localreporter',
        display_name: 'Local Reporter',
        created: '2008-04-23',
        followers: '25410',
        following: '1033',
        description: 'Journalist. Views my own.',
      },
      {
        account_id: '1580112233445566778',
        handle: 'patriot_news_24',
        display_name: 'Patriot News 24',
        created: '2022-10-12',
        followers: '1203',
        following: '4999',
        description: "Real news they won't show you",
      },
      {
        account_id: '1580119988776655443',
        handle: 'maria_t_1987',
        display_name: 'María T.',
        created: '2022-10-12',
        followers: '87',
        following: '312',
        description: null,
      },
    ]);
  });

  it('reads raw response pages: authors and referenced tweets from includes, media keys, no photo links as shared URLs', async () => {
    const { posts, accounts } = await loaded('search-pages.jsonl');
    expect(
      posts.map((p) => [
        p.post_id,
        p.kind,
        p.shared_post_id,
        p.shared_account_id,
        p.parent_post_id,
        p.parent_account_id,
      ]),
    ).toEqual([
      ['1635585000000000010', 'post', null, null, null, null],
      ['1635585030000000020', 'share', '1635585000000000010', '1580112233445566778', null, null],
      ['1635586100000000040', 'reply', null, null, '1635585000000000010', '1580112233445566778'],
    ]);
    expect(posts[0]).toMatchObject({
      urls: [],
      hashtags: ['stopthesteal'],
      media: ['3_1635585000000000001'],
    });
    expect(posts[1]).toMatchObject({
      hashtags: ['stopthesteal'],
      media: ['3_1635585000000000001'],
    });
    expect(posts[2]).toMatchObject({ language: 'zh', hashtags: ['stopthesteal'] });
    expect(accounts.map((a) => [a.account_id, a.handle])).toEqual([
      ['14511951', 'localreporter'],
      ['1580112233445566778', 'patriot_news_24'],
      ['1580119988776655443', 'maria_t_1987'],
    ]);
  });

  it('recognizes a raw response page longer than the 64 KiB sample (twarc2 writes 100 tweets a line), plain and gzip', async () => {
    const page = JSON.parse(
      readFileSync(fixture('x-api-v2', 'search-pages.jsonl'), 'utf8').split('\n')[0]!,
    ) as { data: Array<Record<string, unknown>> };
    const tweet = page.data[0]!;
    page.data = Array.from({ length: 300 }, (_, i) => ({
      ...tweet,
      id: `16355850000001${String(i).padStart(5, '0')}`,
      text: `${String(tweet.text)} ${i}`,
    }));
    const line = `${JSON.stringify(page)}\n`;
    expect(line.length).toBeGreaterThan(128 * 1024);
    const dir = mkdtempSync(join(tmpdir(), 'unmask-pages-'));
    writeFileSync(
      join(dir, 'page.jsonl'),
      line + line.replace(/16355850000001/g, '16355850000002'),
    );
    writeFileSync(join(dir, 'page.jsonl.gz'), gzipSync(line));
    for (const file of ['page.jsonl', 'page.jsonl.gz']) {
      const { summary, rejects, store } = await ingestInto([join(dir, file)]);
      try {
        expect(summary.files.map((f) => [f.format, f.rejected])).toEqual([['x-api-v2', 0]]);
        expect(rejects).toEqual([]);
        const [{ n }] = await queryRows(store, 'SELECT count(*) AS n FROM posts');
        expect(Number(n)).toBe(file === 'page.jsonl' ? 600 : 300);
      } finally {
        store.close();
      }
    }
  });
});
