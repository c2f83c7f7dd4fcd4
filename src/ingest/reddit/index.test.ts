import { describe, expect, it } from 'vitest';

import { fixture, ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

describe('reddit (Pushshift / Arctic Shift NDJSON)', () => {
  it("reads submissions (link targets as URLs, crossposts as shares) and comments pointing at their parent's fullname", async () => {
    const { store, rejects } = await ingestInto([
      fixture('reddit', 'RS_2023-11.ndjson'),
      fixture('reddit', 'RC_2023-11.ndjson'),
    ]);
    try {
      expect(
        await queryRows(
          store,
          `SELECT post_id, account_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS t, kind, urls, shared_post_id, parent_post_id, left(text, 27) AS text
           FROM posts ORDER BY created_at`,
        ),
      ).toEqual([
        {
          post_id: 't3_17wq1ab',
          account_id: 'Patriot_Eagle_1776',
          t: '2023-11-14T22:13:20Z',
          kind: 'post',
          urls: ['https://electionwatch-news.example/article'],
          shared_post_id: null,
          parent_post_id: null,
          text: 'They are hiding the ballots',
        },
        {
          post_id: 't3_17wq2cd',
          account_id: 'truthseeker_4821',
          t: '2023-11-14T22:14:10Z',
          kind: 'post',
          urls: ['https://electionwatch-news.example/article'],
          shared_post_id: null,
          parent_post_id: null,
          text: 'They are hiding the ballots',
        },
        {
          post_id: 't3_17wq3ef',
          account_id: 'freedom_rider_99',
          t: '2023-11-14T22:15:10Z',
          kind: 'share',
          urls: [],
          shared_post_id: 't3_17wq1ab',
          parent_post_id: null,
          text: 'They are hiding the ballots',
        },
        {
          post_id: 't1_k9x0001',
          account_id: 'skeptical_voter',
          t: '2023-11-14T22:18:20Z',
          kind: 'comment',
          urls: [],
          shared_post_id: null,
          parent_post_id: 't3_17wq1ab',
          text: 'Source? This site has been ',
        },
        {
          post_id: 't1_k9x0002',
          account_id: 'Patriot_Eagle_1776',
          t: '2023-11-14T22:19:20Z',
          kind: 'comment',
          urls: ['https://electionwatch-news.example/more'],
          shared_post_id: null,
          parent_post_id: 't1_k9x0001',
          text: 'Do your own research. https',
        },
        {
          post_id: 't1_k9x0003',
          account_id: 'freedom_rider_99',
          t: '2023-11-14T22:20:00Z',
          kind: 'comment',
          urls: [],
          shared_post_id: null,
          parent_post_id: 't1_k9x0001',
          text: null,
        },
      ]);
      expect(rejects.map((r) => [r[0].split('/').pop(), r[1], r[2], r[3]])).toEqual([
        [
          'RS_2023-11.ndjson',
          '4',
          'author',
          'author [deleted]: the post cannot be attributed to an account',
        ],
        ['RS_2023-11.ndjson', '5', 'created_utc', 'missing created_utc'],
        ['RC_2023-11.ndjson', '4', '', expect.stringMatching(/^invalid JSON/)],
        ['RC_2023-11.ndjson', '5', 'parent_id', 'missing parent_id'],
      ]);
    } finally {
      store.close();
    }
  });
});
