// The contract every ingest adapter passes, run on the fixtures written for it.
import { describe, expect, it } from 'vitest';

import { fixture, ingestInto, sampleOf } from '../../test/helpers/ingest-fixture.js';
import { queryRows } from '../store/index.js';
import type { FormatName } from './index.js';
import { ADAPTERS, detectAdapter, FORMATS } from './index.js';

// Each format's fixture files and what each must yield: [loaded, rejected, duplicates].
const CASES: Record<FormatName, Record<string, [number, number, number]>> = {
  native: { 'native/posts.csv': [3, 2, 0], 'native/activity.jsonl': [5, 3, 0] },
  'x-archive': { 'x-archive/tweets.csv': [3, 2, 1], 'x-archive/users.csv': [2, 1, 0] },
  'x-api-v2': { 'x-api-v2/flattened.jsonl': [4, 2, 1], 'x-api-v2/search-pages.jsonl': [3, 2, 1] },
  '4cat': {
    '4cat/telegram-dataset.csv': [3, 2, 1],
    '4cat/bsky-dataset.json': [3, 1, 0],
    '4cat/twitterv2-dataset.ndjson': [2, 1, 1],
  },
  bluesky: { 'bluesky/jetstream.jsonl': [10, 5, 1] },
  coortweet: { 'coortweet/shares.csv': [5, 2, 0], 'coortweet/multi-column.csv': [9, 2, 3] },
  crowdtangle: { 'crowdtangle/pages.csv': [1, 1, 0] },
  telegram: { 'telegram/result.json': [2, 2, 0] },
  'meta-ioc': {
    'meta-ioc/Q9_2099_Example_CIB_network.csv': [4, 1, 0],
    'meta-ioc/2099_example.json': [2, 1, 0],
  },
  reddit: { 'reddit/RS_2023-11.ndjson': [3, 2, 1], 'reddit/RC_2023-11.ndjson': [3, 2, 0] },
  tiktok: { 'tiktok/videos.jsonl': [3, 2, 0], 'tiktok/video-query-page.json': [2, 1, 0] },
  youtube: {
    'youtube/videos.json': [2, 1, 0],
    'youtube/commentThreads.jsonl': [4, 2, 3],
    'youtube/channels.json': [2, 1, 0],
  },
  mastodon: { 'mastodon/statuses.json': [4, 2, 1] },
};

describe.each(FORMATS.map((f) => [f]))('ingest adapter %s', (format) => {
  const files = Object.entries(CASES[format]);

  it('is chosen by --format auto for its own files', async () => {
    for (const [file] of files)
      expect(detectAdapter(await sampleOf(fixture(file))).format).toBe(format);
  });

  it('accounts for every row read: loaded + rejected + duplicates, rejects with line and reason', async () => {
    for (const [file, [loaded, rejected, duplicates]] of files) {
      const { summary, rejects, store } = await ingestInto([fixture(file)], { format });
      try {
        expect(summary.files[0]).toMatchObject({
          format,
          loaded,
          rejected,
          duplicates,
          read: loaded + rejected + duplicates,
        });
        expect(rejects).toHaveLength(rejected);
        for (const r of rejects) {
          expect(r[0]).toContain(file.split('/')[1]);
          expect(Number(r[1])).toBeGreaterThan(0);
          expect(r[3]?.length).toBeGreaterThan(3);
        }
      } finally {
        store.close();
      }
    }
  });

  it('loads nothing twice when the same files are ingested again', async () => {
    const paths = files.map(([f]) => fixture(f));
    const first = await ingestInto(paths, { format });
    try {
      const before = await queryRows(
        first.store,
        'SELECT (SELECT count(*) FROM posts) p, (SELECT count(*) FROM accounts) a, (SELECT count(*) FROM indicators) i',
      );
      const again = await ingestInto(paths, { format }, first.store);
      expect(again.summary.loaded).toBe(0);
      expect(again.summary.duplicates).toBe(first.summary.loaded + first.summary.duplicates);
      expect(
        await queryRows(
          first.store,
          'SELECT (SELECT count(*) FROM posts) p, (SELECT count(*) FROM accounts) a, (SELECT count(*) FROM indicators) i',
        ),
      ).toEqual(before);
    } finally {
      first.store.close();
    }
  });
});

describe('format recognition (--format auto)', () => {
  it('lists each format once, and each has its fixtures here', () => {
    expect(new Set(FORMATS).size).toBe(ADAPTERS.length);
    expect(Object.keys(CASES).sort()).toEqual([...FORMATS].sort());
  });

  it("lets no other format claim a format's files; native, the fallback, is tried last", async () => {
    expect(ADAPTERS.at(-1)?.format).toBe('native');
    for (const [format, files] of Object.entries(CASES)) {
      for (const file of Object.keys(files)) {
        const sample = await sampleOf(fixture(file));
        const claimed = ADAPTERS.filter((a) => a.format !== 'native' && a.recognize(sample));
        expect({ file, claimed: claimed.map((a) => a.format) }).toEqual({
          file,
          claimed: format === 'native' ? [] : [format],
        });
      }
    }
  });
});
