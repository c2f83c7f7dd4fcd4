import { describe, expect, it } from 'vitest';

import { signalFor } from '../signals/index.js';
import { openStore } from '../store/index.js';
import { accountOpportunity, numberAccounts, occurrencesPresent } from './detect.sql.js';
import { occurrenceExists, occurrenceSql } from './occurrence.sql.js';

describe('occurrenceSql(occurrences)', () => {
  it("is 'false' over posts and no observations for none, or only untested signals", () => {
    expect(occurrenceSql([])).toEqual({ posts: 'false', observations: false });
    expect(occurrenceSql([null])).toEqual({ posts: 'false', observations: false });
  });

  it('joins the post conditions with OR, each in parentheses, and notes observations', () => {
    expect(occurrenceSql(['len(urls) > 0', null, 'observations', 'a OR b'])).toEqual({
      posts: '(len(urls) > 0) OR (a OR b)',
      observations: true,
    });
  });
});

describe('occurrenceExists(occurrence)', () => {
  it('is true for an untested signal and an EXISTS over posts or observations otherwise', () => {
    expect(occurrenceExists(null)).toBe('true');
    expect(occurrenceExists('observations')).toBe('EXISTS (SELECT 1 FROM observations)');
    expect(occurrenceExists('len(urls) > 0')).toBe(
      'EXISTS (SELECT 1 FROM posts WHERE (len(urls) > 0))',
    );
  });
});

describe('occurrencesPresent and accountOpportunity on one case', () => {
  it('agree on what counts as an occurrence: posts by condition, observations, null', async () => {
    const store = await openStore(':memory:');
    try {
      const c = store.connection;
      // a shares URLs; b posts without one and is observed (an IP); c is only observed.
      for (const [id, account, urls] of [
        ['p1', 'a', "['https://x.org']"],
        ['p2', 'a', "['https://y.org']"],
        ['p3', 'b', '[]'],
      ] as const)
        await c.run(
          `INSERT INTO posts (platform, post_id, account_id, created_at, kind, urls, run_id)
           VALUES ('x', '${id}', '${account}', TIMESTAMPTZ '2024-04-01 10:00:00+00', 'post', ${urls}, 1)`,
        );
      await c.run(
        `INSERT INTO observations (platform, account_id, kind, value) VALUES ('x', 'b', 'ip', '10.0.0.1'), ('x', 'c', 'ip', '10.0.0.1')`,
      );
      const url = 'len(urls) > 0';
      const hashtag = 'len(hashtags) > 0';
      expect(await occurrencesPresent(store, [url, hashtag, 'observations', null])).toEqual([
        true,
        false,
        true,
        true,
      ]);
      // Only accounts that posted are numbered: a = 0, b = 1 (c has observations, no posts).
      expect(await numberAccounts(store)).toBe(2);
      const opportunity = await accountOpportunity(store, [
        [url, hashtag],
        [null],
        ['observations'],
      ]);
      // Family 0 (URL, hashtag) for a, family 2 (observations) for b, family 1 (untested) for no one.
      expect([...opportunity.families]).toEqual([0b001, 0b100]);
      expect([...opportunity.actions]).toEqual([2, 1]);
    } finally {
      store.close();
    }
  });
});

describe("near-duplicate-image's occurrence", () => {
  it('is a post with a hashed picture, as the correlated EXISTS over post_media says', async () => {
    const store = await openStore(':memory:');
    try {
      const c = store.connection;
      // a: one hashed picture, one unhashed; b: only an unhashed one; c: no picture.
      for (const [id, account] of [
        ['p1', 'a'],
        ['p2', 'a'],
        ['p3', 'b'],
        ['p4', 'c'],
      ] as const)
        await c.run(
          `INSERT INTO posts (platform, post_id, account_id, created_at, kind, run_id)
           VALUES ('x', '${id}', '${account}', TIMESTAMPTZ '2024-04-01 10:00:00+00', 'post', 1)`,
        );
      await c.run(`INSERT INTO post_media (platform, post_id, account_id, media_id, path, hash, run_id)
        VALUES ('x', 'p1', 'a', 'm1', 'm1.jpg', 7, 1), ('x', 'p2', 'a', 'm2', 'm2.jpg', NULL, 1),
          ('x', 'p3', 'b', 'm3', 'm3.jpg', NULL, 1), ('y', 'p4', 'c', 'm4', 'm4.jpg', 9, 1)`);
      const image = signalFor('near-duplicate-image').occurrence as string;
      const exists =
        'EXISTS (SELECT 1 FROM post_media m WHERE m.platform = posts.platform AND m.post_id = posts.post_id AND m.hash IS NOT NULL)';
      const read = async (condition: string) =>
        (
          await c.runAndReadAll(
            `SELECT post_id, (${condition}) AS yes, NOT (${condition}) AS no FROM posts ORDER BY post_id`,
          )
        ).getRows();
      expect(await read(image)).toEqual(await read(exists));
      expect((await read(image)).map((r) => r[1])).toEqual([true, false, false, false]);
      await numberAccounts(store);
      const opportunity = await accountOpportunity(store, [[image]]);
      expect([...opportunity.families]).toEqual([1, 0, 0]);
      expect([...opportunity.actions]).toEqual([1, 0, 0]);
    } finally {
      store.close();
    }
  });
});
