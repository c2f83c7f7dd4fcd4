import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

describe('tiktok (Research API)', () => {
  it('reads videos with their exact int64 ids, usernames as accounts, hashtags, mentions and sound', async () => {
    const { store, rejects } = await ingestInto([fixture('tiktok', 'videos.jsonl')]);
    try {
      expect(
        await queryRows(
          store,
          `SELECT post_id, account_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS t, kind, hashtags, mentions, media, shares, views FROM posts ORDER BY post_id`,
        ),
      ).toEqual([
        {
          post_id: '7303939817205353770',
          account_id: 'patriotnews.daily',
          t: '2023-11-20T10:05:11Z',
          kind: 'post',
          hashtags: ['election', 'maricopa'],
          mentions: [],
          media: ['music:7303939862050769707'],
          shares: '310',
          views: '45210',
        },
        {
          post_id: '7303940211129044266',
          account_id: 'maria.t.1987',
          t: '2023-11-20T10:06:42Z',
          kind: 'post',
          hashtags: ['election'],
          mentions: [],
          media: ['music:7303939862050769707'],
          shares: '4',
          views: '880',
        },
        {
          post_id: '7303940377756127530',
          account_id: 'freedom.rider.99',
          t: '2023-11-20T10:07:20Z',
          kind: 'post',
          hashtags: ['maricopa'],
          mentions: ['patriotnews.daily'],
          media: ['music:7303939862050769707'],
          shares: '1',
          views: '210',
        },
      ]);
      expect(
        await queryRows(store, 'SELECT account_id, reported_location FROM accounts ORDER BY 1'),
      ).toEqual([
        { account_id: 'freedom.rider.99', reported_location: 'US' },
        { account_id: 'maria.t.1987', reported_location: 'MX' },
        { account_id: 'patriotnews.daily', reported_location: 'US' },
      ]);
      expect(rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
        ['4', 'username', 'missing username'],
        ['5', 'create_time', "create_time: expected epoch seconds, found '2023-11-20'"],
      ]);
    } finally {
      store.close();
    }
  });

  it('rejects Research API comments, which carry no author, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-tiktok-'));
    const path = join(dir, 'comments.json');
    writeFileSync(
      path,
      '{"data": {"comments": [{"id": 7303950000000000001, "video_id": 7303939817205353770, "text": "fake!!", "like_count": 2, "reply_count": 0, "parent_comment_id": 7303939817205353770, "create_time": 1700475500}], "cursor": 1, "has_more": false}, "error": {"code": "ok", "message": "", "log_id": "20231120"}}',
    );
    const { summary, rejects, store } = await ingestInto([path]);
    store.close();
    expect(summary.files[0]).toMatchObject({ format: 'tiktok', read: 1, rejected: 1 });
    expect(rejects[0]?.[3]).toBe(
      'a Research API comment has no author (TikTok removes it for privacy): it cannot be attributed to an account',
    );
  });
});
