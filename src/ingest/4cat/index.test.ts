import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

const POSTS = `SELECT platform, post_id, account_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, kind,
  urls, hashtags, shared_post_id, shared_account_id, parent_post_id, parent_account_id FROM posts ORDER BY post_id`;

async function loaded(path: string, options = {}) {
  const { store, rejects } = await ingestInto([path], options);
  try {
    return {
      rejects,
      posts: await queryRows(store, POSTS),
      accounts: await queryRows(
        store,
        'SELECT platform, account_id, handle, display_name FROM accounts ORDER BY account_id',
      ),
    };
  } finally {
    store.close();
  }
}

describe('4cat', () => {
  it("reads a Telegram dataset's CSV: platform from its columns, chat-scoped ids, forwards as shares, replies, the channel as its own author", async () => {
    const { posts, accounts } = await loaded(fixture('4cat', 'telegram-dataset.csv'));
    expect(posts).toEqual([
      {
        platform: 'telegram',
        post_id: 'rybar_news/48211',
        account_id: 'rybar_news',
        created_at: '2023-03-14T12:02:11Z',
        kind: 'post',
        urls: ['https://t.me/rybar_news/48210'],
        hashtags: [],
        shared_post_id: null,
        shared_account_id: null,
        parent_post_id: null,
        parent_account_id: null,
      },
      {
        platform: 'telegram',
        post_id: 'z_patriots_chat/9902',
        account_id: '5120443321',
        created_at: '2023-03-14T12:03:40Z',
        kind: 'share',
        urls: ['https://t.me/rybar_news/48210'],
        hashtags: [],
        shared_post_id: null,
        shared_account_id: 'rybar_news',
        parent_post_id: null,
        parent_account_id: null,
      },
      {
        platform: 'telegram',
        post_id: 'z_patriots_chat/9903',
        account_id: '6001122334',
        created_at: '2023-03-14T12:05:02Z',
        kind: 'reply',
        urls: [],
        hashtags: ['херсон'],
        shared_post_id: null,
        shared_account_id: null,
        parent_post_id: 'z_patriots_chat/9902',
        parent_account_id: null,
      },
    ]);
    expect(accounts).toEqual([
      {
        platform: 'telegram',
        account_id: '5120443321',
        handle: 'ivan_petrov_88',
        display_name: 'Ivan Petrov',
      },
      { platform: 'telegram', account_id: '6001122334', handle: null, display_name: 'Olga' },
      { platform: 'telegram', account_id: 'rybar_news', handle: null, display_name: null },
    ]);
  });

  it("reads 4CAT's JSON of a Bluesky dataset (DIDs as accounts, handles, quotes, replies) and names --platform over the columns' guess", async () => {
    const { posts, accounts } = await loaded(fixture('4cat', 'bsky-dataset.json'));
    expect(
      posts.map((p) => [p.platform, p.kind, p.account_id, p.shared_post_id ?? p.parent_post_id]),
    ).toEqual([
      [
        'bluesky',
        'reply',
        'did:plc:3kf2xme7o5yq2ymb3cmmb5hh',
        'https://bsky.app/profile/freedomvoice.bsky.social/post/3lbdwq2xk4s2y',
      ],
      [
        'bluesky',
        'quote',
        'did:plc:7yq3l2bg6mamyxnzxqhkktvm',
        'https://bsky.app/profile/freedomvoice.bsky.social/post/3lbdwq2xk4s2y',
      ],
      ['bluesky', 'post', 'did:plc:q6gjnaw2blty4crticxkmujt', null],
    ]);
    expect(posts[2]).toMatchObject({
      created_at: '2024-11-19T21:14:03Z',
      urls: ['https://electionwatch-news.example/maricopa'],
      hashtags: ['election'],
    });
    expect(accounts.map((a) => a.handle)).toEqual([
      'skeptic.bsky.social',
      'news-truth-24.bsky.social',
      'freedomvoice.bsky.social',
    ]);
    const named = await loaded(fixture('4cat', 'bsky-dataset.json'), { platform: 'bsky' });
    expect(new Set(named.posts.map((p) => p.platform))).toEqual(new Set(['bsky']));
  });

  it("falls back to platform '4cat', needs --timezone for a timestamp without offset, and rejects raw Zeeschuimer items with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-4cat-'));
    const csv = join(dir, 'custom.csv');
    writeFileSync(
      csv,
      'id,thread_id,subject,author,body,timestamp\n1,1,,anna,hello #world,2023-03-14 12:00:00\n',
    );
    expect((await loaded(csv)).rejects.map((r) => [r[2], r[3]])).toEqual([
      [
        'timestamp',
        "timestamp: timestamp '2023-03-14 12:00:00' has no UTC offset; name its zone with --timezone",
      ],
    ]);
    const zoned = await loaded(csv, { timezone: 'Europe/Amsterdam' });
    expect(zoned.posts).toMatchObject([
      {
        platform: '4cat',
        account_id: 'anna',
        created_at: '2023-03-14T11:00:00Z',
        hashtags: ['world'],
      },
    ]);
    const ndjson = join(dir, 'tiktok.ndjson');
    writeFileSync(
      ndjson,
      `${JSON.stringify({ id: '7210000000000000001', desc: 'x', createTime: 1678795331, __import_meta: { source_platform: 'tiktok.com', source_url: 'https://www.tiktok.com/@a' } })}\n`,
    );
    expect((await loaded(ndjson)).rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
      [
        '1',
        '__import_meta',
        "a raw tiktok.com item as collected (4CAT NDJSON); unmask reads 4CAT's mapped items: download the dataset as CSV from 4CAT",
      ],
    ]);
  });
});
