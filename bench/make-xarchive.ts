// Writes a bench-size X archive tweets file from ira-dev's real IRA tweets, through DuckDB.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { openStore, sqlString } from '../src/store/index.js';

// The id columns a copy renames (copy k's ids get the digit k in front, so they stay numeric).
const ID_COLUMNS = [
  'tweetid',
  'userid',
  'in_reply_to_userid',
  'in_reply_to_tweetid',
  'quoted_tweet_tweetid',
  'retweet_userid',
  'retweet_tweetid',
];

/**
 * Returns the path of `tweets` (ira-dev's tweets.csv.gz) repeated `copies` times as one gzip
 * tweets file, creating it once: copy 0 is the file itself; copy k's ids carry the digit k in
 * front, so its accounts and tweets are new ones with the same text, times and habits.
 */
export async function repeatedArchive(
  dir: string,
  tweets: string,
  copies: number,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `ira-tweets-x${copies}.csv.gz`);
  if (existsSync(path)) return path;
  const store = await openStore(':memory:');
  try {
    const c = store.connection;
    // In file order (the store reads without it), so each copy is ira-dev line by line.
    await c.run('SET preserve_insertion_order = true');
    await c.run(
      `CREATE TABLE t AS SELECT * FROM read_csv(${sqlString(tweets)}, header = true, all_varchar = true)`,
    );
    const renamed = ID_COLUMNS.map(
      (n) => `CASE WHEN k = 0 OR ${n} IS NULL THEN ${n} ELSE k || ${n} END AS ${n}`,
    ).join(', ');
    await c.run(`COPY (SELECT * EXCLUDE (k) REPLACE (${renamed})
        FROM range(${copies}) r(k), t ORDER BY k, t.rowid)
      TO ${sqlString(path)} (FORMAT csv, HEADER true, COMPRESSION gzip)`);
  } finally {
    store.close();
  }
  return path;
}
