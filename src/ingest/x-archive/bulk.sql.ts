// The X archive's tweets file loaded inside DuckDB: the fast path of the x-archive adapter.
//
// The row path parses each tweet in JS (~3k rows/s on the real IRA file, 12× DuckDB's own read of
// it). Here DuckDB reads and validates the file, maps the columns as the adapter does (kind,
// shares, replies, quotes, the user's profile as seen at the tweet), and JS only normalizes each
// distinct list cell (URLs, hashtags, mentions) and each distinct text that needs its hashtags or
// mentions read from it. The rows then go through the same merge as the row path
// (`mergeStaged`), so the case is the same. A file with any row the row path would reject or
// read differently (a timestamp or count in another form, a missing id) is left to the row path,
// with the reason: nothing is written and the caller reads it row by row, with exact lines for
// every reject.
import { listCell, normalizeText } from '../../normalize/index.js';
import type { Store } from '../../store/index.js';
import { dropTables, scalars, sqlString } from '../../store/index.js';
import { hashtagsInText, mentionsInText } from '../build-post.js';
import { cleanSql, mapCells, NORMALIZE_LIST } from '../bulk-native.sql.js';
import type { BulkOutcome } from '../bulk-outcome.js';
import { rowByRow } from '../bulk-outcome.js';
import { mergeStaged } from '../load-records.sql.js';

/** The tweets file to load. */
export interface XArchiveBulkFile {
  readonly path: string;
  /** How the file is compressed (DuckDB decompresses gzip and zstd itself). */
  readonly compression: 'none' | 'gzip' | 'zstd';
  readonly delimiter: string;
  readonly runId: number;
  readonly startedAt: number;
}

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
const archiveMs = (x: string) => `epoch_ms(try_cast(${x} AS TIMESTAMP))`;
// Counts as optionalCount reads them: digits with thousands commas (other forms go row by row).
const COUNT_FORM = `'^[0-9][0-9,]*$'`;
const countOf = (x: string) => `CAST(replace(${x}, ',', '') AS BIGINT)`;

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
    const reader = `read_csv(${sqlString(file.path)}, header = true, all_varchar = true,
      delim = ${sqlString(file.delimiter)}, quote = '"', escape = '"', strict_mode = true,
      null_padding = false, compression = ${sqlString(file.compression)})`;
    let described: string[];
    try {
      described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`))
        .getRows()
        .map((r) => String(r[0]));
    } catch {
      return rowByRow('not-strict'); // the row path reports each line
    }
    const byName = new Map(
      described.map((n) => [
        n
          .replace(/^\ufeff/, '')
          .trim()
          .toLowerCase(),
        n,
      ]),
    );
    if (byName.size !== described.length) return rowByRow('columns'); // two read as one name
    if (!['tweetid', 'userid', 'tweet_time'].every((n) => byName.has(n)))
      return rowByRow('columns');
    const col = (name: string) => {
      const found = byName.get(name);
      return found === undefined
        ? 'NULL::VARCHAR'
        : cleanSql(`"${found.replace(/"/g, '""')}"`, true);
    };
    // File order is the row path's order (the first of repeated tweet ids wins; the newest
    // profile breaks ties by it): read with insertion order kept, so rowid is the line's rank.
    await c.run('SET preserve_insertion_order = true');
    try {
      await c.run(
        `CREATE OR REPLACE TEMP TABLE archive_tweets AS SELECT ${USED.map((n) => `${col(n)} AS ${n}`).join(', ')} FROM ${reader}`,
      );
    } catch {
      // A line DuckDB cannot read strictly past the sniffed part (bad bytes, a short row).
      return rowByRow('not-strict');
    } finally {
      await c.run('SET preserve_insertion_order = false');
    }
    const { read, invalid } = await countArchiveRows(store);
    if (invalid > 0) return rowByRow('invalid-row');
    await mapArchiveLists(store);
    await stageRows(store);
    return await mergeArchiveRows(store, file, read);
  } finally {
    await dropTables(store, [
      'archive_tweets',
      'stage_posts',
      'stage_accounts',
      'map_urls',
      'archive_tweet_texts',
    ]);
  }
}

/** The tweets staged in `archive_tweets`, and those the row path would reject or read differently. */
async function countArchiveRows(store: Store): Promise<{ read: number; invalid: number }> {
  const [read = 0, invalid = 0] = await scalars(
    store,
    `SELECT count(*), count(*) FILTER (WHERE tweetid IS NULL OR userid IS NULL
        OR NOT regexp_full_match(tweet_time, ${ARCHIVE_TIME}) OR try_cast(tweet_time AS TIMESTAMP) IS NULL
        OR (account_creation_date IS NOT NULL AND (NOT regexp_full_match(account_creation_date, ${ARCHIVE_TIME})
          OR try_cast(account_creation_date AS TIMESTAMP) IS NULL))
        ${COUNTS.map((n) => `OR (${n} IS NOT NULL AND (NOT regexp_full_match(${n}, ${COUNT_FORM}) OR length(replace(${n}, ',', '')) > 18))`).join(' ')})
      FROM archive_tweets`,
  );
  return { read, invalid };
}

/** Merges the staged rows into the case and records the run, in one transaction. */
async function mergeArchiveRows(
  store: Store,
  file: XArchiveBulkFile,
  read: number,
): Promise<BulkOutcome> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    const merged = await mergeStaged(
      store,
      {
        posts: read,
        accounts: read,
        observations: 0,
        media_files: 0,
        follows: 0,
        labels: 0,
        indicators: 0,
      },
      file.runId,
    );
    await c.run(
      `INSERT INTO ingest_runs VALUES (${file.runId}, ${sqlString(file.path)}, 'x-archive', epoch_ms(${file.startedAt})::TIMESTAMPTZ, now(), ${read}, ${merged.loaded}, 0, ${merged.duplicates})`,
    );
    await c.run('COMMIT');
    return { mode: 'bulk', read, loaded: merged.loaded, duplicates: merged.duplicates };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The JS normalizations. URL cells once per distinct cell (map_urls). Then one pass over the rows
 * in file order, appending per row (archive_tweet_texts: seq, text_norm, hashtags, mentions) what the
 * adapter derives: the normalized text, and the hashtags and mentions of the list cells, or of
 * the text when a cell lists none (re-published archives leave them empty); list cells are
 * normalized once per distinct cell through a cache. Joining the rows on their number costs a
 * fraction of joining them on the text.
 */
async function mapArchiveLists(store: Store): Promise<void> {
  const c = store.connection;
  await mapCells(c, 'archive_tweets', 'urls', (cell) => listCell(cell), NORMALIZE_LIST.urls);
  await c.run(
    'CREATE OR REPLACE TEMP TABLE archive_tweet_texts (seq BIGINT, text_norm VARCHAR, hashtags VARCHAR, mentions VARCHAR)',
  );
  const appender = await c.createAppender('archive_tweet_texts', 'main', 'temp');
  const cache = new Map<string, readonly string[]>();
  const listed = (cell: string | null, normalize: (items: string[]) => string[][]) => {
    if (cell === null) return [];
    let items = cache.get(cell);
    if (items === undefined) {
      const raw = listCell(cell);
      items = raw.length === 0 ? [] : (normalize(raw)[0] ?? []);
      if (raw.length > 0 && items.length === 0) items = EMPTY_BUT_LISTED;
      cache.set(cell, items);
    }
    return items;
  };
  const tags = (
    cell: string | null,
    text: string | null,
    normalize: (items: string[]) => string[][],
    inText: (text: string) => string[],
  ) => {
    const items = listed(cell, normalize);
    if (items === EMPTY_BUT_LISTED) return '';
    if (items.length > 0 || text === null) return items.join('\u001f');
    return (normalize(inText(text))[0] ?? []).join('\u001f');
  };
  const result = await c.stream(
    'SELECT rowid, tweet_text, hashtags, user_mentions FROM archive_tweets ORDER BY rowid',
  );
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const [seq, text, hashtags, mentions] of chunk.getRows() as [
      bigint,
      string | null,
      string | null,
      string | null,
    ][]) {
      appender.appendBigInt(seq);
      const norm = normalizeText(text);
      if (norm === null) appender.appendNull();
      else appender.appendVarchar(norm);
      appender.appendVarchar(tags(hashtags, text, NORMALIZE_LIST.hashtags, hashtagsInText));
      appender.appendVarchar(tags(mentions, text, NORMALIZE_LIST.mentions, mentionsInText));
      appender.endRow();
    }
  }
  appender.closeSync();
}

/** A list cell that listed items, none of which survived normalization (no fall-back to the text). */
const EMPTY_BUT_LISTED: readonly string[] = [];

/** The rows in the row path's staging shape (`STAGE` in load-records.sql.ts): stage_posts, stage_accounts. */
async function stageRows(store: Store): Promise<void> {
  const c = store.connection;
  const retweet = `coalesce(regexp_full_match(lower(x.is_retweet), 'true|1|yes'), false)`;
  await c.run(`CREATE OR REPLACE TEMP TABLE stage_posts AS SELECT x.seq, 'x' AS platform, x.tweetid AS post_id,
      x.userid AS account_id, ${archiveMs('x.tweet_time')} AS created_ms,
      CASE WHEN ${retweet} THEN 'share' WHEN x.in_reply_to_tweetid IS NOT NULL THEN 'reply'
        WHEN x.quoted_tweet_tweetid IS NOT NULL THEN 'quote' ELSE 'post' END AS kind,
      x.tweet_text AS text, t.text_norm, x.tweet_language AS language,
      mu.v0 AS urls, mu.v1 AS domains, mu.v2 AS short_urls,
      t.hashtags, t.mentions, NULL::VARCHAR AS media,
      CASE WHEN ${retweet} THEN x.retweet_tweetid ELSE x.quoted_tweet_tweetid END AS shared_post_id,
      CASE WHEN ${retweet} THEN x.retweet_userid END AS shared_account_id,
      x.in_reply_to_tweetid AS parent_post_id, x.in_reply_to_userid AS parent_account_id,
      x.tweet_client_name AS client, ${countOf('x.retweet_count')} AS shares, ${countOf('x.reply_count')} AS comments,
      ${countOf('x.like_count')} AS reactions, NULL::BIGINT AS views
    FROM (SELECT rowid AS seq, * FROM archive_tweets) x LEFT JOIN map_urls mu ON mu.cell = x.urls JOIN archive_tweet_texts t ON t.seq = x.seq`);
  await c.run(`CREATE OR REPLACE TEMP TABLE stage_accounts AS SELECT rowid AS seq, false AS primary_row, 'x' AS platform,
      userid AS account_id, user_screen_name AS handle, user_display_name AS display_name, 'account' AS asset_type,
      ${archiveMs('account_creation_date')} AS created_ms, ${countOf('follower_count')} AS followers,
      ${countOf('following_count')} AS following, user_reported_location AS reported_location,
      account_language AS language, user_profile_description AS description, ${archiveMs('tweet_time')} AS seen_ms
    FROM archive_tweets`);
}
