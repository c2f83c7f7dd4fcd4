// The X archive's tweets file loaded inside DuckDB: the fast path of the x-archive adapter.
//
// The row path parses each tweet in JS (~3k rows/s on the real IRA file, 12× DuckDB's own read of
// it). Here DuckDB reads and validates the file once into a temp table in file order, and the
// posts go into the case in one INSERT … SELECT that maps the columns as the adapter does (kind,
// shares, replies, quotes) and normalizes text, URLs, hashtags and mentions
// (archive-posts.sql.ts). The accounts as each tweet shows them take the row path's merge
// (`mergeStaged`), so the case is the same. A file with any row the row path would reject or
// read differently (a timestamp or count in another form, a missing id) is left to the row path,
// with the reason: nothing is written and the caller reads it row by row, with exact lines for
// every reject.
import type { Store } from '../../store/index.js';
import { dropTables, scalars } from '../../store/index.js';
import type { CsvBulkFile } from '../bulk-csv.sql.js';
import { headerColumns, readCsvCells } from '../bulk-csv.sql.js';
import type { BulkOutcome } from '../bulk-outcome.js';
import { rowByRow } from '../bulk-outcome.js';
import { mergeStaged, recordIngestRun } from '../load-records.sql.js';
import {
  ARCHIVE_CELL_TABLES,
  archiveMs,
  countOf,
  insertArchivePosts,
  normalizeArchiveCells,
} from './archive-posts.sql.js';

/** The tweets file to load. */
export type XArchiveBulkFile = CsvBulkFile;

// Columns the adapter reads (a tweets file may have more; they are ignored, as the row path does).
const USED = [
  'tweetid',
  'userid',
  'tweet_time',
  'is_retweet',
  'in_reply_to_tweetid',
  'in_reply_to_userid',
  'quoted_tweet_tweetid',
  'retweet_tweetid',
  'retweet_userid',
  'tweet_text',
  'tweet_language',
  'tweet_client_name',
  'urls',
  'hashtags',
  'user_mentions',
  'retweet_count',
  'reply_count',
  'like_count',
  'user_screen_name',
  'user_display_name',
  'user_reported_location',
  'user_profile_description',
  'follower_count',
  'following_count',
  'account_creation_date',
  'account_language',
] as const;
const COUNTS = ['retweet_count', 'reply_count', 'like_count', 'follower_count', 'following_count'];

// The archive's timestamps: UTC without an offset, minutes or seconds (the forms parseInstant
// reads the same way; anything else goes row by row).
const ARCHIVE_TIME = `'^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?$'`;
// Counts as optionalCount reads them: digits with thousands commas (other forms go row by row).
const COUNT_FORM = `'^[0-9][0-9,]*$'`;

/**
 * Loads an X archive tweets file in bulk: posts, the accounts as each tweet shows them, the name
 * history. Returns the counts, or why the file needs the row path (nothing written).
 */
export async function bulkLoadXArchiveTweets(
  store: Store,
  file: XArchiveBulkFile,
): Promise<BulkOutcome> {
  const c = store.connection;
  try {
    const byName = headerColumns(file.header);
    if (byName === null) return rowByRow('columns'); // two read as one name
    if (!['tweetid', 'userid', 'tweet_time'].every((n) => byName.has(n)))
      return rowByRow('columns');
    if (!(await readCsvCells(store, file, USED, 'archive_tweets'))) return rowByRow('not-strict');
    const counts = await countArchiveRows(store);
    if (counts.invalid > 0) return rowByRow('invalid-row');
    await normalizeArchiveCells(store);
    await stageAccounts(store);
    return await mergeArchiveRows(store, file, counts);
  } finally {
    await c.run('DROP VIEW IF EXISTS stage_accounts').catch(() => undefined);
    await dropTables(store, ['archive_raw', 'archive_tweets', ...ARCHIVE_CELL_TABLES]);
  }
}

/** The tweets read, those the row path would reject or read differently, and the distinct ids. */
interface ArchiveCounts {
  readonly read: number;
  readonly invalid: number;
  readonly distinct: number;
}

/** Counts the tweets in `archive_tweets`: read, invalid, distinct ids. */
async function countArchiveRows(store: Store): Promise<ArchiveCounts> {
  const [read = 0, invalid = 0, distinct = 0] = await scalars(
    store,
    `SELECT count(*), count(*) FILTER (WHERE tweetid IS NULL OR userid IS NULL
        OR NOT regexp_full_match(tweet_time, ${ARCHIVE_TIME}) OR try_cast(tweet_time AS TIMESTAMP) IS NULL
        OR (account_creation_date IS NOT NULL AND (NOT regexp_full_match(account_creation_date, ${ARCHIVE_TIME})
          OR try_cast(account_creation_date AS TIMESTAMP) IS NULL))
        ${COUNTS.map((n) => `OR (${n} IS NOT NULL AND (NOT regexp_full_match(${n}, ${COUNT_FORM}) OR length(replace(${n}, ',', '')) > 18))`).join(' ')}),
        count(DISTINCT tweetid)
      FROM archive_tweets`,
  );
  return { read, invalid, distinct };
}

/** Inserts the posts, merges the accounts and records the run, in one transaction. */
async function mergeArchiveRows(
  store: Store,
  file: XArchiveBulkFile,
  { read, distinct }: ArchiveCounts,
): Promise<BulkOutcome> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    const [postsBefore = 0] = await scalars(store, 'SELECT count(*) FROM posts');
    const loaded = await insertArchivePosts(store, file.runId, {
      repeats: distinct < read,
      firstLoad: postsBefore === 0,
    });
    // Every tweet's account is in stage_accounts (none is a primary row: the counts are the posts').
    await mergeStaged(store, { accounts: read }, file.runId);
    await recordIngestRun(store, {
      runId: file.runId,
      file: file.path,
      format: 'x-archive',
      startedAt: file.startedAt,
      read,
      loaded,
      rejected: 0,
      duplicates: read - loaded,
    });
    await c.run('COMMIT');
    return { mode: 'bulk', read, loaded, duplicates: read - loaded };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The accounts as each tweet shows them, in the row path's staging shape (`STAGE.accounts`): a view
 * (the merge reads it twice; a copy of every tweet's profile cost more than that).
 */
async function stageAccounts(store: Store): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP VIEW stage_accounts AS SELECT seq, false AS primary_row, 'x' AS platform,
      userid AS account_id, user_screen_name AS handle, user_display_name AS display_name, 'account' AS asset_type,
      ${archiveMs('account_creation_date')} AS created_ms, ${countOf('follower_count')} AS followers,
      ${countOf('following_count')} AS following, user_reported_location AS reported_location,
      account_language AS language, user_profile_description AS description, ${archiveMs('tweet_time')} AS seen_ms
    FROM archive_tweets`);
}
