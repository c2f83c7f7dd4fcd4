// Characterize on real-length text: ira-dev's real IRA tweets repeated `copies` times (copy k's
// accounts and posts get the suffix `~k` and its instants move k weeks on, so its accounts are
// new ones with the same habits), profiled as the Clemson groups (each copy's accounts in their
// account's group). Ingest and repetition are not timed; characterize is (its own process, so its
// peak RSS is its own).
// Usage: node bench/characterize-case.mjs <shared> <dir> <copies>
//   → prints {posts, accounts, groups, characterizeSeconds, peakRssMb, clocks} on its last line.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { characterize, readGroupsFile } from '../dist/characterize/index.js';
import { silentProgress } from '../dist/core/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { openStore, scalar } from '../dist/store/index.js';

const [shared, dir, copiesArg] = process.argv.slice(2);
const copies = Number(copiesArg ?? 7);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const ira = join(shared, 'realdata', 'ira-dev');
const store = await openStore(join(dir, 'case.duckdb'));
await ingestFiles(
  store,
  [join(ira, 'tweets.csv.gz')],
  { format: 'auto', platform: null, timezone: null, rejectsPath: join(dir, 'rejects.csv') },
  { progress: silentProgress, now: Date.now },
);
const c = store.connection;
const suffix = (col) => `CASE WHEN ${col} IS NULL THEN NULL ELSE ${col} || '~' || k END`;
const copyRange = `range(1, ${copies}) r(k)`;
await c.run(`INSERT INTO posts SELECT * EXCLUDE (k) REPLACE (
    ${suffix('post_id')} AS post_id, ${suffix('account_id')} AS account_id,
    created_at + to_days(CAST(7 * k AS INTEGER)) AS created_at,
    ${suffix('shared_post_id')} AS shared_post_id, ${suffix('parent_post_id')} AS parent_post_id)
  FROM posts, ${copyRange}`);
await c.run(`INSERT INTO accounts SELECT * EXCLUDE (k) REPLACE (${suffix('account_id')} AS account_id)
  FROM accounts, ${copyRange}`);
await c.run(`INSERT INTO account_names SELECT * EXCLUDE (k) REPLACE (${suffix('account_id')} AS account_id)
  FROM account_names, ${copyRange}`);
const base = readGroupsFile(join(ira, 'groups.csv'));
const groups = base.flatMap((m) =>
  Array.from({ length: copies }, (_, k) => ({
    ...m,
    accountId: k === 0 ? m.accountId : `${m.accountId}~${k}`,
  })),
);
const posts = await scalar(store, 'SELECT count(*) FROM posts');
const t0 = performance.now();
const result = await characterize(store, { groups, seed: 1 }, silentProgress);
const seconds = (performance.now() - t0) / 1000;
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    posts,
    accounts: groups.length,
    groups: result.groups.length,
    characterizeSeconds: seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    clocks: result.groups.map((g) => ({
      group: g.id,
      clock: g.clock,
      likeliest: g.timezone.likeliestMinutes,
      confidence: g.timezone.confidence,
    })),
  }),
);
