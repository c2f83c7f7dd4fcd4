import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

const POST1 = 'at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3lbdwq2xk4s2y';

describe('bluesky (Jetstream)', () => {
  it('reads posts, reposts as shares, likes as reactions, replies, quotes (with media), follows, handles and profiles', async () => {
    const { store, rejects } = await ingestInto([fixture('bluesky', 'jetstream.jsonl')]);
    try {
      const posts = await queryRows(
        store,
        `SELECT post_id, kind, shared_post_id, shared_account_id, parent_post_id, parent_account_id FROM posts ORDER BY created_at`,
      );
      expect(
        posts.map((p) => [
          String(p.post_id).replace(/^at:\/\/did:[^/]+\//, ''),
          p.kind,
          p.shared_post_id ?? p.parent_post_id,
        ]),
      ).toEqual([
        ['app.bsky.feed.post/3l3qo2vuowo2b', 'post', null],
        ['app.bsky.feed.post/3lbdwq2xk4s2y', 'post', null],
        ['app.bsky.feed.repost/3lbdwqkz3oc2p', 'share', POST1],
        ['app.bsky.feed.like/3lbdwqmfm4k2s', 'reaction', POST1],
        ['app.bsky.feed.post/3lbdwrmq7bc2u', 'quote', POST1],
        ['app.bsky.feed.post/3lbdwt5yzd22k', 'reply', POST1],
        ['app.bsky.feed.post/3lbdwu2mbjc2a', 'quote', POST1],
      ]);
      for (const p of posts.slice(2))
        expect(p.shared_account_id ?? p.parent_account_id).toBe('did:plc:q6gjnaw2blty4crticxkmujt');
      expect(
        await queryRows(
          store,
          `SELECT strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS t, language, urls, hashtags, mentions, media FROM posts
           WHERE post_id IN ('${POST1}', 'at://did:web:news-mirror.example/app.bsky.feed.post/3lbdwu2mbjc2a') ORDER BY post_id`,
        ),
      ).toEqual([
        {
          t: '2024-11-19T21:14:03.211Z',
          language: 'en',
          urls: ['https://electionwatch-news.example/maricopa'],
          hashtags: ['election'],
          mentions: ['did:plc:7yq3l2bg6mamyxnzxqhkktvm'],
          media: [],
        },
        {
          t: '2024-11-19T21:16:30.512Z',
          language: 'de',
          urls: [],
          hashtags: [],
          mentions: [],
          media: ['bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'],
        },
      ]);
      expect(await queryRows(store, 'SELECT follower_id, followed_id FROM follows')).toEqual([
        {
          follower_id: 'did:plc:3kf2xme7o5yq2ymb3cmmb5hh',
          followed_id: 'did:plc:q6gjnaw2blty4crticxkmujt',
        },
      ]);
      expect(
        await queryRows(
          store,
          `SELECT account_id, handle, display_name FROM accounts WHERE handle IS NOT NULL OR display_name IS NOT NULL ORDER BY account_id`,
        ),
      ).toEqual([
        {
          account_id: 'did:plc:7yq3l2bg6mamyxnzxqhkktvm',
          handle: null,
          display_name: 'News Truth 24',
        },
        {
          account_id: 'did:plc:q6gjnaw2blty4crticxkmujt',
          handle: 'freedomvoice.bsky.social',
          display_name: null,
        },
      ]);
      expect(rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
        ['10', 'commit.operation', 'delete of a record (app.bsky.feed.post): not an action'],
        ['11', 'account', 'account status event (active: false, status: takendown): not an action'],
        [
          '12',
          'commit.collection',
          'record type app.bsky.graph.block: blocks, lists, feeds … are not actions unmask models',
        ],
        ['13', 'commit.record.createdAt', 'missing commit.record.createdAt'],
        [
          '14',
          '',
          expect.stringMatching(/^invalid JSON: Unterminated string in JSON at position 150\b/),
        ],
      ]);
    } finally {
      store.close();
    }
  });
});
