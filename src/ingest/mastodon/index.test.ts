import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';
import { plainText } from './plain-text.js';

describe('mastodon (API statuses)', () => {
  it('reads statuses by user@instance, boosts as shares of the boosted URI, replies, tags, mentions, blurhashes', async () => {
    const { store, rejects } = await ingestInto([fixture('mastodon', 'statuses.json')]);
    try {
      expect(
        await queryRows(
          store,
          `SELECT post_id, account_id, kind, shared_post_id, shared_account_id, parent_post_id, parent_account_id, urls, hashtags, mentions, media
           FROM posts ORDER BY created_at`,
        ),
      ).toEqual([
        {
          post_id: 'https://mastodon.social/users/alice/statuses/111446271234567890',
          account_id: 'alice@mastodon.social',
          kind: 'post',
          shared_post_id: null,
          shared_account_id: null,
          parent_post_id: null,
          parent_account_id: null,
          urls: ['https://electionwatch-news.example/article'],
          hashtags: ['election'],
          mentions: ['bob@fedi.example'],
          media: ['blurhash:LEHV6nWB2yk8pyo0adR*.7kCMdnj'],
        },
        {
          post_id: 'https://fedi.example/users/bob/statuses/111446272000000001/activity',
          account_id: 'bob@fedi.example',
          kind: 'share',
          shared_post_id: 'https://mastodon.social/users/alice/statuses/111446271234567890',
          shared_account_id: 'alice@mastodon.social',
          parent_post_id: null,
          parent_account_id: null,
          urls: [],
          hashtags: [],
          mentions: [],
          media: [],
        },
        {
          post_id: 'https://botsin.space/users/newsbot/statuses/111446279999999999',
          account_id: 'newsbot@botsin.space',
          kind: 'post',
          shared_post_id: null,
          shared_account_id: null,
          parent_post_id: null,
          parent_account_id: null,
          urls: [],
          hashtags: [],
          mentions: [],
          media: ['blurhash:LEHV6nWB2yk8pyo0adR*.7kCMdnj'],
        },
        {
          post_id: 'https://mastodon.social/users/carol/statuses/111446275555555555',
          account_id: 'carol@mastodon.social',
          kind: 'reply',
          shared_post_id: null,
          shared_account_id: null,
          parent_post_id: '111446271234567890',
          parent_account_id: 'alice@mastodon.social',
          urls: [],
          hashtags: [],
          mentions: ['alice@mastodon.social'],
          media: [],
        },
      ]);
      expect(
        await queryRows(
          store,
          'SELECT account_id, asset_type, description FROM accounts ORDER BY 1',
        ),
      ).toEqual([
        {
          account_id: 'alice@mastodon.social',
          asset_type: 'account',
          description: 'Independent news & views',
        },
        { account_id: 'bob@fedi.example', asset_type: 'account', description: null },
        {
          account_id: 'carol@mastodon.social',
          asset_type: 'account',
          description: 'Independent news & views',
        },
        { account_id: 'newsbot@botsin.space', asset_type: 'bot', description: 'I post news' },
      ]);
      expect(rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
        ['5', 'created_at', 'missing created_at'],
        ['6', 'account.url', "account.url: no instance for local account 'dave'"],
      ]);
    } finally {
      store.close();
    }
  });

  it('turns status HTML into the text the web client shows', () => {
    expect(
      plainText(
        '<p>A &amp; B &lt;3 &#39;q&#39; &#x1F600;</p><p>line<br />two <a href="https://x.example/a/b"><span class="invisible">https://</span><span class="ellipsis">x.example/a</span><span class="invisible">/b</span></a></p>',
      ),
    ).toBe("A & B <3 'q' 😀\n\nline\ntwo https://x.example/a/b");
    expect(plainText('<p></p>')).toBeNull();
  });
});
