// The X archive bulk path's posts: the tweets of `archive_tweets` normalized and inserted at once.
//
// The normalization runs in SQL where SQL reads text as JS does (the text, hashtags and mentions
// of texts without a character of SQL_TEXT_GUARD_CLASS), in JS for the other texts (through the
// row path's own functions) and for the list cells (once per distinct cell: URLs, hashtags,
// mentions). The posts go into the case in one INSERT … SELECT, with no per-row JS and no staging
// table in between (staging every tweet once more took a third of the path's time at 1M tweets).
import type { DuckDBConnection } from '@duckdb/node-api';

import { listCell, normalizeText } from '../../normalize/index.js';
import type { Store } from '../../store/index.js';
import { hashtagsInText, mentionsInText } from '../build-post.js';
import { mapCells, NORMALIZE_LIST, TEXT_NORM_SQL } from '../bulk-native.sql.js';
import { LIST, TS } from '../load-records.sql.js';
import { forEachPage } from '../paged-rows.sql.js';
import { SQL_TEXT_GUARD_CLASS } from '../sql-text-guard.js';
import { firstOfEach, HASHTAG_IN_TEXT, MENTION_IN_TEXT, tagsInTextSql } from '../text-items.sql.js';

const GUARDED = (x: string) => `regexp_matches(${x}, '${SQL_TEXT_GUARD_CLASS}')`;

/** The archive's timestamps (checked before: UTC, minutes or seconds) in ms since the epoch. */
export const archiveMs = (x: string) => `epoch_ms(try_cast(${x} AS TIMESTAMP))`;
/** A count cell (checked before: digits with thousands commas) as a number. */
export const countOf = (x: string) => `CAST(replace(${x}, ',', '') AS BIGINT)`;

/**
 * Builds the tables the posts insert joins: map_urls, map_hashtags and map_user_mentions (each
 * distinct list cell normalized) and archive_tweet_js (the texts normalized in JS).
 */
export async function normalizeArchiveCells(store: Store): Promise<void> {
  const c = store.connection;
  await mapCells(c, 'archive_tweets', 'urls', (cell) => listCell(cell), NORMALIZE_LIST.urls);
  await mapListedCells(c, 'hashtags', NORMALIZE_LIST.hashtags);
  await mapListedCells(c, 'user_mentions', NORMALIZE_LIST.mentions);
  await normalizeGuardedTexts(c);
}

/** The temp tables {@link normalizeArchiveCells} builds, for the caller to drop. */
export const ARCHIVE_CELL_TABLES = [
  'map_urls',
  'map_hashtags',
  'map_user_mentions',
  'archive_tweet_js',
] as const;

/**
 * Builds map_<column>(cell, listed, v0): each distinct list cell, whether it lists any item (then
 * the text is not read for tags), and its items normalized and \x1f-joined ('' when it listed
 * only items that fold to nothing).
 */
async function mapListedCells(
  c: DuckDBConnection,
  column: 'hashtags' | 'user_mentions',
  normalize: (items: string[]) => string[][],
): Promise<void> {
  await c.run(
    `CREATE OR REPLACE TEMP TABLE map_${column} (cell VARCHAR, listed BOOLEAN, v0 VARCHAR)`,
  );
  const appender = await c.createAppender(`map_${column}`, 'main', 'temp');
  try {
    await forEachPage(
      c,
      `SELECT DISTINCT ${column} FROM archive_tweets WHERE ${column} IS NOT NULL`,
      (rows) => {
        for (const [cell] of rows as [string][]) {
          const raw = listCell(cell);
          appender.appendVarchar(cell);
          appender.appendBoolean(raw.length > 0);
          appender.appendVarchar(raw.length === 0 ? '' : (normalize(raw)[0] ?? []).join('\u001f'));
          appender.endRow();
        }
      },
    );
  } finally {
    appender.closeSync();
  }
}

/**
 * Builds archive_tweet_js (seq, text_norm, hashtags, mentions): the tweets whose text has a
 * character SQL reads unlike JS, normalized by the row path's functions.
 */
async function normalizeGuardedTexts(c: DuckDBConnection): Promise<void> {
  await c.run(
    'CREATE OR REPLACE TEMP TABLE archive_tweet_js (seq BIGINT, text_norm VARCHAR, hashtags VARCHAR, mentions VARCHAR)',
  );
  const appender = await c.createAppender('archive_tweet_js', 'main', 'temp');
  const joined = (items: string[], normalize: (items: string[]) => string[][]) =>
    (normalize(items)[0] ?? []).join('\u001f');
  try {
    await forEachPage(
      c,
      `SELECT seq, tweet_text FROM archive_tweets WHERE ${GUARDED('tweet_text')}`,
      (rows) => {
        for (const [seq, text] of rows as [bigint, string][]) {
          appender.appendBigInt(seq);
          const norm = normalizeText(text);
          if (norm === null) appender.appendNull();
          else appender.appendVarchar(norm);
          appender.appendVarchar(joined(hashtagsInText(text), NORMALIZE_LIST.hashtags));
          appender.appendVarchar(joined(mentionsInText(text), NORMALIZE_LIST.mentions));
          appender.endRow();
        }
      },
    );
  } finally {
    appender.closeSync();
  }
}

/**
 * Inserts the tweets as posts: the first in file order of a repeated id, none already in the case
 * (that check is skipped for an empty posts table). Returns how many were inserted.
 */
export async function insertArchivePosts(
  store: Store,
  runId: number,
  { repeats, firstLoad }: { repeats: boolean; firstLoad: boolean },
): Promise<number> {
  const retweet = `coalesce(regexp_full_match(lower(x.is_retweet), 'true|1|yes'), false)`;
  // A list cell that lists tags wins; else the text's tags (none without a text).
  const tags = (cell: string, fromText: string, fromJs: string) =>
    `CASE WHEN ${cell}.listed THEN ${LIST(`${cell}.v0`)} WHEN x.tweet_text IS NULL THEN []::VARCHAR[]
      WHEN j.seq IS NOT NULL THEN ${LIST(fromJs)} ELSE ${firstOfEach(fromText)} END`;
  // Tags in the text, folded: a handle is [A-Za-z0-9_], a hashtag without a TAG_FOLD_DIFFERS
  // character folds by lower() alone (texts with one are in archive_tweet_js).
  const inText = (pattern: string, marks: string) => tagsInTextSql('tweet_text', pattern, marks);
  const where = [
    ...(repeats ? ['x.seq = x.first_seq'] : []),
    ...(firstLoad
      ? []
      : ["NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = 'x' AND p.post_id = x.tweetid)"]),
  ];
  const result = await store.connection.run(`INSERT INTO posts SELECT 'x', x.tweetid, x.userid,
      ${TS(archiveMs('x.tweet_time'))},
      CASE WHEN ${retweet} THEN 'share' WHEN x.in_reply_to_tweetid IS NOT NULL THEN 'reply'
        WHEN x.quoted_tweet_tweetid IS NOT NULL THEN 'quote' ELSE 'post' END,
      x.tweet_text, CASE WHEN j.seq IS NOT NULL THEN j.text_norm ELSE ${TEXT_NORM_SQL('x.tweet_text')} END,
      x.tweet_language, ${LIST('mu.v0')}, ${LIST('mu.v1')}, ${LIST('mu.v2')},
      ${tags('mh', 'x.text_hashtags', 'j.hashtags')}, ${tags('mm', 'x.text_mentions', 'j.mentions')}, []::VARCHAR[],
      CASE WHEN ${retweet} THEN x.retweet_tweetid ELSE x.quoted_tweet_tweetid END,
      CASE WHEN ${retweet} THEN x.retweet_userid END, x.in_reply_to_tweetid, x.in_reply_to_userid,
      x.tweet_client_name, ${countOf('x.retweet_count')}, ${countOf('x.reply_count')}, ${countOf('x.like_count')},
      NULL::BIGINT, ${runId}
    FROM (SELECT *, ${inText(HASHTAG_IN_TEXT, '#＃')} AS text_hashtags, ${inText(MENTION_IN_TEXT, '@＠')} AS text_mentions
        ${repeats ? ', min(seq) OVER (PARTITION BY tweetid) AS first_seq' : ''} FROM archive_tweets) x
      LEFT JOIN map_urls mu ON mu.cell = x.urls LEFT JOIN map_hashtags mh ON mh.cell = x.hashtags
      LEFT JOIN map_user_mentions mm ON mm.cell = x.user_mentions LEFT JOIN archive_tweet_js j ON j.seq = x.seq
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`);
  return Number(result.rowsChanged);
}
