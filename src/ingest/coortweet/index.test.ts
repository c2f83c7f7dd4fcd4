import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

describe('coortweet multi-column form', () => {
  it("makes each object a row names a share of it, as CooRTweet's prep_data does per column", async () => {
    const { store, rejects } = await ingestInto([fixture('coortweet', 'multi-column.csv')], {
      platform: 'facebook',
    });
    try {
      expect(
        await queryRows(
          store,
          `SELECT platform, post_id, account_id, kind, shared_post_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS t FROM posts ORDER BY post_id`,
        ),
      ).toEqual([
        {
          platform: 'facebook',
          post_id: '5001@domain_3',
          account_id: 'FB_1023',
          kind: 'share',
          shared_post_id: 'domain_3',
          t: '2021-09-06T07:00:00Z',
        },
        {
          platform: 'facebook',
          post_id: '5001@url_12',
          account_id: 'FB_1023',
          kind: 'share',
          shared_post_id: 'url_12',
          t: '2021-09-06T07:00:00Z',
        },
        {
          platform: 'facebook',
          post_id: '5002@domain_3',
          account_id: 'TW_88',
          kind: 'share',
          shared_post_id: 'domain_3',
          t: '2021-09-06T07:00:20Z',
        },
        {
          platform: 'facebook',
          post_id: '5002@hashtag_7',
          account_id: 'TW_88',
          kind: 'share',
          shared_post_id: 'hashtag_7',
          t: '2021-09-06T07:00:20Z',
        },
        {
          platform: 'facebook',
          post_id: '5002@url_12',
          account_id: 'TW_88',
          kind: 'share',
          shared_post_id: 'url_12',
          t: '2021-09-06T07:00:20Z',
        },
        {
          platform: 'facebook',
          post_id: '5003@hashtag_7',
          account_id: 'TW_91',
          kind: 'share',
          shared_post_id: 'hashtag_7',
          t: '2021-09-06T07:01:40Z',
        },
        {
          platform: 'facebook',
          post_id: '5003@phash_991',
          account_id: 'TW_91',
          kind: 'share',
          shared_post_id: 'phash_991',
          t: '2021-09-06T07:01:40Z',
        },
        {
          platform: 'facebook',
          post_id: '5005@domain_4',
          account_id: 'TW_88',
          kind: 'share',
          shared_post_id: 'domain_4',
          t: '2021-09-06T07:01:40Z',
        },
        {
          platform: 'facebook',
          post_id: '5005@url_13',
          account_id: 'TW_88',
          kind: 'share',
          shared_post_id: 'url_13',
          t: '2021-09-06T07:01:40Z',
        },
      ]);
      expect(rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
        [
          '5',
          'url_id, hashtag_id, domain_id, phash_id',
          'no object: url_id, hashtag_id, domain_id, phash_id are all empty or NA',
        ],
        ['7', 'timestamp', "timestamp: unrecognized timestamp '06/09/2021'"],
      ]);
    } finally {
      store.close();
    }
  });
});
