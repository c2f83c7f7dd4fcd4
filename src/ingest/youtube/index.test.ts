import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

describe('youtube (Data API v3)', () => {
  it('reads videos by their channels, comment threads with their replies, and channels as accounts', async () => {
    const { store, rejects } = await ingestInto(
      ['videos.json', 'commentThreads.jsonl', 'channels.json'].map((f) => fixture('youtube', f)),
    );
    try {
      expect(
        await queryRows(
          store,
          `SELECT post_id, account_id, kind, parent_post_id, urls, hashtags, language FROM posts ORDER BY created_at`,
        ),
      ).toEqual([
        {
          post_id: 'Jq3bX9kLm2A',
          account_id: 'UCx8Zq3Qb7XJk2m9GhT4Lw1A',
          kind: 'post',
          parent_post_id: null,
          urls: ['https://electionwatch-news.example/article'],
          hashtags: ['election', 'maricopa'],
          language: 'en',
        },
        {
          post_id: 'Vb7nQ1rTz8C',
          account_id: 'UCp0R6dW2sYv5nE1fK8jQ3zB',
          kind: 'post',
          parent_post_id: null,
          urls: ['https://electionwatch-news.example/article'],
          hashtags: ['wahl'],
          language: 'de',
        },
        {
          post_id: 'UgzQ1wE2rT3yU4iO5p4AaABAg',
          account_id: 'UCa1B2c3D4e5F6g7H8i9J0kL',
          kind: 'comment',
          parent_post_id: 'Jq3bX9kLm2A',
          urls: ['https://electionwatch-news.example/article'],
          hashtags: [],
          language: null,
        },
        {
          post_id: 'UgxA9sD8fG7hJ6kL5z4AaABAg',
          account_id: 'UCp0R6dW2sYv5nE1fK8jQ3zB',
          kind: 'comment',
          parent_post_id: 'Jq3bX9kLm2A',
          urls: [],
          hashtags: [],
          language: null,
        },
        {
          post_id: 'UgzQ1wE2rT3yU4iO5p4AaABAg.9xYz1AbCdEf',
          account_id: 'UCz9Y8x7W6v5U4t3S2r1Q0pO',
          kind: 'comment',
          parent_post_id: 'UgzQ1wE2rT3yU4iO5p4AaABAg',
          urls: [],
          hashtags: [],
          language: null,
        },
        {
          post_id: 'UgzQ1wE2rT3yU4iO5p4AaABAg.9xYz1GhIjKl',
          account_id: 'UCp0R6dW2sYv5nE1fK8jQ3zB',
          kind: 'comment',
          parent_post_id: 'UgzQ1wE2rT3yU4iO5p4AaABAg',
          urls: [],
          hashtags: ['election'],
          language: null,
        },
      ]);
      expect(
        await queryRows(
          store,
          `SELECT account_id, handle, display_name, asset_type, strftime(created_at, '%Y-%m-%d') AS created, followers, reported_location FROM accounts ORDER BY account_id`,
        ),
      ).toEqual([
        {
          account_id: 'UCa1B2c3D4e5F6g7H8i9J0kL',
          handle: 'truthseeker4821',
          display_name: '@truthseeker4821',
          asset_type: 'channel',
          created: null,
          followers: null,
          reported_location: null,
        },
        {
          account_id: 'UCp0R6dW2sYv5nE1fK8jQ3zB',
          handle: 'nachrichtenspiegel',
          display_name: 'Nachrichten Spiegel EU',
          asset_type: 'channel',
          created: '2023-10-02',
          followers: null,
          reported_location: null,
        },
        {
          account_id: 'UCx8Zq3Qb7XJk2m9GhT4Lw1A',
          handle: 'patriotnewsdaily',
          display_name: 'Patriot News Daily',
          asset_type: 'channel',
          created: '2019-03-01',
          followers: '18200',
          reported_location: 'US',
        },
        {
          account_id: 'UCz9Y8x7W6v5U4t3S2r1Q0pO',
          handle: 'skeptical.voter',
          display_name: '@skeptical.voter',
          asset_type: 'channel',
          created: null,
          followers: null,
          reported_location: null,
        },
      ]);
      expect(rejects.map((r) => [r[0].split('/').pop(), r[1], r[2], r[3]])).toEqual([
        ['videos.json', '3', 'snippet.publishedAt', 'missing snippet.publishedAt'],
        [
          'commentThreads.jsonl',
          '3',
          'snippet.topLevelComment.snippet.authorChannelId',
          'missing snippet.authorChannelId.value',
        ],
        [
          'commentThreads.jsonl',
          '4',
          'id.kind',
          'a search result for a youtube#channel: not a video',
        ],
        ['channels.json', '3', 'id', 'missing id'],
      ]);
    } finally {
      store.close();
    }
  });
});
