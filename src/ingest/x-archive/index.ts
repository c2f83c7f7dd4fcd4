// The X/Twitter information-operations archive: a tweets CSV and a users CSV.
import type { Account, PostKind } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { AdapterContext, FileSample, IngestAdapter } from '../adapter.js';
import { buildPost, hashtagsInText, mentionsInText } from '../build-post.js';
import type { CsvRow } from '../csv/csv-rows.js';
import { csvItems } from '../csv/csv-rows.js';
import {
  instant,
  listCell,
  optional,
  optionalCount,
  optionalInstant,
  required,
} from '../fields.js';
import { requireColumns } from '../require-columns.js';

const PLATFORM = 'x';
// The archive writes tweet_time and account_creation_date in UTC without an offset.
const ARCHIVE_TIME = { timezone: 'UTC' } as const;

/** Tweets (`tweetid` …) or users (`userid`, `user_screen_name`, no `tweetid`) files of the archive. */
export const xArchive: IngestAdapter<'x-archive'> = {
  format: 'x-archive',
  recognize: (sample: FileSample) =>
    !!sample.header?.includes('userid') &&
    (sample.header.includes('tweetid') || sample.header.includes('user_screen_name')),
  read(sample, context) {
    return sample.header?.includes('tweetid')
      ? readTweets(sample, context)
      : readUsers(sample, context);
  },
};

function readTweets(sample: FileSample, context: AdapterContext) {
  requireColumns(sample, ['tweetid', 'userid', 'tweet_time'], 'x-archive (tweets)');
  return csvItems(sample, context, (row) => {
    const createdAt = instant(row.get('tweet_time'), 'tweet_time', ARCHIVE_TIME);
    const accountId = required(row.get('userid'), 'userid');
    const isRetweet = /^(true|1|yes)$/i.test(row.get('is_retweet'));
    const replyTo = optional(row.get('in_reply_to_tweetid'));
    const quoted = optional(row.get('quoted_tweet_tweetid'));
    const kind: PostKind = isRetweet ? 'share' : replyTo ? 'reply' : quoted ? 'quote' : 'post';
    const text = optional(row.get('tweet_text'));
    // Re-published archives (e.g. FiveThirtyEight's IRA tweets) leave the entity columns empty
    // ("[]"); the hashtags and mentions are still written in the text. The text's links are t.co
    // short links, not the shared URLs the column holds, so they are not taken from it.
    const hashtags = listCell(row.get('hashtags'));
    const mentions = listCell(row.get('user_mentions'));
    return {
      post: buildPost({
        platform: PLATFORM,
        postId: required(row.get('tweetid'), 'tweetid'),
        accountId,
        createdAt,
        kind,
        text,
        language: optional(row.get('tweet_language')),
        urls: listCell(row.get('urls')),
        hashtags: hashtags.length === 0 && text ? hashtagsInText(text) : hashtags,
        mentions: mentions.length === 0 && text ? mentionsInText(text) : mentions,
        sharedPostId: isRetweet ? optional(row.get('retweet_tweetid')) : quoted,
        sharedAccountId: isRetweet ? optional(row.get('retweet_userid')) : null,
        parentPostId: replyTo,
        parentAccountId: optional(row.get('in_reply_to_userid')),
        client: optional(row.get('tweet_client_name')),
        shares: optionalCount(row.get('retweet_count'), 'retweet_count'),
        comments: optionalCount(row.get('reply_count'), 'reply_count'),
        reactions: optionalCount(row.get('like_count'), 'like_count'),
      }),
      account: userAccount(row, accountId, createdAt),
    };
  });
}

function readUsers(sample: FileSample, context: AdapterContext) {
  requireColumns(sample, ['userid'], 'x-archive (users)');
  return csvItems(sample, context, (row) => ({
    account: userAccount(row, required(row.get('userid'), 'userid'), null),
  }));
}

function userAccount(row: CsvRow, accountId: string, seenAt: number | null): Account {
  return account({
    platform: PLATFORM,
    accountId,
    handle: optional(row.get('user_screen_name')),
    displayName: optional(row.get('user_display_name')),
    reportedLocation: optional(row.get('user_reported_location')),
    description: optional(row.get('user_profile_description')),
    followers: optionalCount(row.get('follower_count'), 'follower_count'),
    following: optionalCount(row.get('following_count'), 'following_count'),
    createdAt: optionalInstant(
      row.get('account_creation_date'),
      'account_creation_date',
      ARCHIVE_TIME,
    ),
    language: optional(row.get('account_language')),
    seenAt,
  });
}
