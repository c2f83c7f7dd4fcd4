// Conformance: real exports from ../shared ingest with the counts their publishers state.
import { describe, expect, it } from 'vitest';

import { queryRows } from '../../src/store/index.js';
import { ingestInto } from '../helpers/ingest-fixture.js';
import { shared } from './paths.js';

describe('ingest of real exports', () => {
  it('loads russian_coord_tweets.csv: 35,125 rows, 9,509 accounts sharing 7,285 objects', async () => {
    const { summary, store } = await ingestInto([
      shared('conformance', 'russian_coord_tweets.csv'),
    ]);
    try {
      // One row of the file is an exact copy of another: it is read and counted as a duplicate.
      expect(summary.files[0]).toMatchObject({
        format: 'coortweet',
        read: 35_125,
        loaded: 35_124,
        rejected: 0,
        duplicates: 1,
      });
      expect(
        await queryRows(
          store,
          'SELECT count(*) AS posts, count(DISTINCT account_id) AS accounts, count(DISTINCT shared_post_id) AS objects FROM posts',
        ),
      ).toEqual([{ posts: '35124', accounts: '9509', objects: '7285' }]);
      expect(await queryRows(store, 'SELECT count(*) AS n FROM accounts')).toEqual([{ n: '9509' }]);
    } finally {
      store.close();
    }
  });

  it("loads Meta's Q2 2023 Spamouflage indicators with the asset counts it publishes", async () => {
    const file = shared(
      'reference',
      'meta-threat-research',
      'indicators',
      'csv',
      'Q2_2023 ',
      'Q2_2023_Spamouflage_China_based_CIB_updated.csv',
    );
    const { summary, rejects, store } = await ingestInto([file]);
    try {
      // 529 data rows: one is blank (rejected), ten repeat an earlier indicator.
      expect(summary.files[0]).toMatchObject({
        format: 'meta-ioc',
        read: 529,
        loaded: 518,
        rejected: 1,
        duplicates: 10,
      });
      expect(rejects[0]?.[3]).toBe('empty row (every field blank)');
      expect(
        await queryRows(
          store,
          "SELECT value, platform, count FROM indicators WHERE kind = 'asset_count' ORDER BY count DESC",
        ),
      ).toEqual([
        { value: 'Facebook accounts', platform: 'facebook', count: '7704' },
        { value: 'Facebook Pages', platform: 'facebook', count: '954' },
        { value: 'Facebook Groups', platform: 'facebook', count: '15' },
        { value: 'Instagram accounts', platform: 'instagram', count: '15' },
      ]);
      expect(
        await queryRows(
          store,
          "SELECT platform, count(*) AS n FROM indicators WHERE kind = 'account' GROUP BY platform ORDER BY n DESC, platform",
        ),
      ).toEqual([
        { platform: 'reddit', n: '60' },
        { platform: 'medium', n: '45' },
        { platform: 'x', n: '35' },
        { platform: 'tiktok', n: '5' },
        { platform: 'vk', n: '2' },
      ]);
      expect(
        await queryRows(
          store,
          "SELECT value FROM indicators WHERE kind = 'account' AND platform = 'x' AND value IN ('garciajasmyn1', 'zoerich28859010') ORDER BY value",
        ),
      ).toEqual([{ value: 'garciajasmyn1' }, { value: 'zoerich28859010' }]);
    } finally {
      store.close();
    }
  });

  it('loads ira-dev/tweets.csv.gz (gzip, X archive) with no reject: U+FFFD is text', async () => {
    const { summary, rejects, store } = await ingestInto([
      shared('realdata', 'ira-dev', 'tweets.csv.gz'),
    ]);
    try {
      expect(summary.files[0]).toMatchObject({
        format: 'x-archive',
        read: 135_143,
        loaded: 135_143,
        rejected: 0,
        duplicates: 0,
      });
      expect(rejects).toEqual([]);
      // 6,826 tweets hold U+FFFD (the source had lost those characters); they were rejected as
      // "invalid UTF-8" before.
      expect(
        await queryRows(
          store,
          "SELECT count(*) AS posts, count(DISTINCT account_id) AS accounts, count(*) FILTER (text LIKE '%\uFFFD%') AS replacement FROM posts",
        ),
      ).toEqual([{ posts: '135143', accounts: '120', replacement: '6826' }]);
    } finally {
      store.close();
    }
  });

  it('loads every Meta indicator file, CSV and JSON, without an unexplained reject', async () => {
    const { summary, rejects, store } = await ingestInto([
      shared('reference', 'meta-threat-research', 'indicators'),
    ]);
    try {
      expect(summary.files.length).toBe(45);
      expect(summary.read).toBe(summary.loaded + summary.rejected + summary.duplicates);
      // Meta's files have blank rows and a few procedure rows with no indicator value.
      expect(new Set(rejects.map((r) => r[3]))).toEqual(
        new Set(['empty row (every field blank)', 'missing indicator']),
      );
    } finally {
      store.close();
    }
  });
});
