import { describe, expect, it } from 'vitest';

import { openStore } from '../store/index.js';
import { clusterIndicators } from './authenticity.sql.js';
import { numberAccounts } from './detect.sql.js';

/** posts rows: id, account, hour of 2024-04-01 (UTC), shared account, parent account. */
const POSTS: ReadonlyArray<readonly [string, string, number, string | null, string | null]> = [
  // Friends a, b, c answer each other; a also retweets z, outside, at 20:00 (out of the
  // ten hours 10–19); d retweets a and no one amplifies d.
  ['p1', 'a', 10, null, null],
  ['p2', 'b', 10, null, null],
  ['p3', 'c', 11, null, null],
  ['r1', 'b', 10, 'a', null],
  ['r2', 'c', 11, null, 'a'],
  ['r3', 'a', 10, 'b', null],
  ['r4', 'a', 11, 'c', null],
  ['r5', 'b', 11, 'c', null],
  ['r6', 'a', 20, 'z', null],
  ['r7', 'd', 10, 'a', null],
  // Fans f1, f2 retweet the idol, twice each; f1 once itself (not an amplification).
  ['i1', 'f1', 3, 'idol', null],
  ['i2', 'f1', 4, 'idol', null],
  ['i3', 'f2', 3, 'idol', null],
  ['i4', 'f2', 4, 'idol', null],
  ['i5', 'f1', 5, 'f1', null],
  ['o1', 'idol', 3, null, null],
  ['o2', 'z', 9, null, null],
];

/** No content links (the case has no signal edges) and no links to a site. */
const NOTHING_COPIED = {
  copySource: null,
  copySourceFirst: 0,
  copySourceLate: 0,
  copySourceReach: 0,
  publisherMembers: 0,
  publisherSites: [],
};

describe('clusterIndicators(store, members)', () => {
  it('counts actions by hour, accounts created together, and whom the members amplify', async () => {
    const store = await openStore(':memory:');
    try {
      const c = store.connection;
      for (const [id, account, hour, shared, parent] of POSTS)
        await c.run(
          `INSERT INTO posts (platform, post_id, account_id, created_at, kind, shared_account_id, parent_account_id, run_id)
           VALUES ('x', '${id}', '${account}', TIMESTAMPTZ '2024-04-01 ${hour}:00:00+00', 'post',
             ${shared ? `'${shared}'` : 'NULL'}, ${parent ? `'${parent}'` : 'NULL'}, 1)`,
        );
      for (const [account, created] of [
        ['a', '2020-01-01'],
        ['b', '2020-01-20'],
        ['c', '2023-01-01'],
        ['f1', null],
      ] as const)
        await c.run(
          `INSERT INTO accounts (platform, account_id, asset_type, created_at) VALUES ('x', '${account}', 'account', ${created ? `TIMESTAMPTZ '${created} 00:00:00+00'` : 'NULL'})`,
        );
      await numberAccounts(store);
      // det_acc numbers in (platform, account_id) order: a, b, c, d, f1, f2, idol, z.
      const found = await clusterIndicators(store, [
        { account: 0, cluster: 7 },
        { account: 1, cluster: 7 },
        { account: 2, cluster: 7 },
        { account: 3, cluster: 7 },
        { account: 4, cluster: 9 },
        { account: 5, cluster: 9 },
      ]);
      expect(found.get(7)).toEqual({
        actions: 10,
        busiestHoursActions: 9,
        datedMembers: 3,
        createdTogether: 2,
        amplifications: 7,
        insideAmplifications: 6,
        topSource: 'z',
        topSourceAmplifications: 1,
        mutualMembers: 3,
        ...NOTHING_COPIED,
      });
      expect(found.get(9)).toEqual({
        actions: 5,
        busiestHoursActions: 5,
        datedMembers: 0,
        createdTogether: 0,
        amplifications: 4,
        insideAmplifications: 0,
        topSource: 'idol',
        topSourceAmplifications: 4,
        mutualMembers: 0,
        ...NOTHING_COPIED,
      });
      expect(await clusterIndicators(store, [])).toEqual(new Map());
    } finally {
      store.close();
    }
  });
});
