import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

const HEADER =
  'tweetid,userid,user_screen_name,tweet_text,tweet_time,is_retweet,hashtags,urls,user_mentions';

describe('x-archive tweets', () => {
  it("takes hashtags and mentions from the text when the archive's columns are empty, never its t.co links", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-xa-'));
    writeFileSync(
      join(dir, 'tweets.csv'),
      [
        HEADER,
        '1,u1,a,"#Election2020 news from @bob_r https://t.co/xyz",2016-10-01 14:05,False,[],[],[]',
        "2,u2,b,\"#Other text\",2016-10-01 14:06,False,['Given'],[],['carol']",
        '3,u3,c,"no tags, mail me@example.com, C# code",2016-10-01 14:07,False,[],[],[]',
      ].join('\n'),
    );
    const { store, summary } = await ingestInto([join(dir, 'tweets.csv')]);
    try {
      expect(summary.rejected).toBe(0);
      const rows = await queryRows(
        store,
        'SELECT post_id, hashtags, mentions, urls FROM posts ORDER BY post_id',
      );
      expect(rows).toEqual([
        { post_id: '1', hashtags: ['election2020'], mentions: ['bob_r'], urls: [] },
        { post_id: '2', hashtags: ['given'], mentions: ['carol'], urls: [] },
        { post_id: '3', hashtags: [], mentions: [], urls: [] },
      ]);
    } finally {
      store.close();
    }
  });
});
