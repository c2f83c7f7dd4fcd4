// One 4CAT item in its mapped form (a CSV row or a JSON object of its columns) → a post and account.
import type { PostKind } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { AdapterContext, LoadedItem } from '../adapter.js';
import { buildPost, hashtagsInText, mentionsInText, urlsInText } from '../build-post.js';
import { instant, optional, optionalCount, required } from '../fields.js';

/** Named access to a mapped item's columns, whatever the container. */
export interface ItemFields {
  /** The trimmed value of column `name`, '' when absent or empty. */
  get(name: string): string;
  has(name: string): boolean;
}

/** The columns every 4CAT data source maps its items to. */
export const CORE_COLUMNS = ['id', 'thread_id', 'author', 'body'] as const;

/** Returns true when the column names are 4CAT's mapped item (core columns and a timestamp). */
export function isMappedItem(has: (name: string) => boolean): boolean {
  return CORE_COLUMNS.every(has) && (has('timestamp') || has('unix_timestamp'));
}

/**
 * The platform a 4CAT data source's columns identify (checked against the data sources' own
 * `map_item`: Twitter API v2, Telegram, Bluesky, Reddit), or null.
 */
export function platformOfColumns(has: (name: string) => boolean): string | null {
  if (has('is_retweet') && has('retweeted_user')) return 'x';
  if (has('chat') && has('author_forwarded_from_name')) return 'telegram';
  if (has('replied_to_post') && has('quoted_post') && has('repost_count')) return 'bluesky';
  if (has('subreddit') && has('parent')) return 'reddit';
  return null;
}

// 4CAT writes lists as comma-separated text ('tag1,tag2').
function list(value: string): string[] {
  return value === ''
    ? []
    : value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
}

const yes = (v: string) => /^(yes|true|1)$/i.test(v);

/** Returns the first non-empty of the columns, or ''. */
function first(f: ItemFields, ...names: string[]): string {
  for (const n of names) {
    const v = f.get(n);
    if (v !== '') return v;
  }
  return '';
}

/**
 * Returns the records of a mapped 4CAT item. `unix_timestamp` (epoch seconds) is preferred: the
 * `timestamp` text is in the 4CAT server's zone for some data sources (Telegram), so without an
 * offset it needs --timezone.
 */
export function mappedItemRecords(
  f: ItemFields,
  platform: string,
  context: Pick<AdapterContext, 'timezone'>,
): Omit<LoadedItem, 'line'> {
  const rawId = required(f.get('id'), 'id');
  // Telegram message ids count per chat: the chat makes them unique (as the telegram format does).
  const chat = f.get('chat');
  const postId = chat === '' ? rawId : `${chat}/${rawId}`;
  const authorId = f.get('author_id');
  // A channel's own posts have no sender: the channel posts as itself (as in the telegram format).
  const accountId = required(
    authorId || f.get('author') || chat,
    authorId ? 'author_id' : 'author',
  );
  const unix = f.get('unix_timestamp');
  const createdAt =
    unix !== ''
      ? instant(unix, 'unix_timestamp', { timezone: 'UTC' })
      : instant(f.get('timestamp'), 'timestamp', context);
  const text = f.get('body') || f.get('subject') || null;
  const post = buildPost({
    platform,
    postId,
    accountId,
    createdAt,
    ...itemReferences(f, chat),
    text,
    language: optional(
      first(f, 'language_guess', 'lang', 'language', 'languages').split(',')[0] ?? '',
    ),
    ...itemLinks(f, text),
    client: optional(f.get('source')),
    shares: count(f, 'retweet_count', 'repost_count', 'forwards', 'shares'),
    comments: count(f, 'reply_count', 'num_comments', 'comments'),
    reactions: count(f, 'like_count', 'likes'),
    views: count(f, 'impression_count', 'views', 'view_count'),
  });
  const handle = authorId ? f.get('author') : f.get('author_username');
  return {
    post,
    account: account({
      platform,
      accountId,
      handle: optional(handle),
      displayName: optional(first(f, 'author_fullname', 'author_name', 'author_display_name')),
      seenAt: createdAt,
    }),
  };
}

function count(f: ItemFields, ...names: string[]): number | null {
  for (const n of names) {
    const v = f.get(n);
    if (v !== '') return optionalCount(v, n);
  }
  return null;
}

/** The item's kind and the post and account it shares or replies to (forwards are shares). */
function itemReferences(f: ItemFields, chat: string) {
  const forwardedFrom = first(f, 'author_forwarded_from_username', 'author_forwarded_from_name');
  const replyTo = f.get('reply_to');
  const repliedToPost = f.get('replied_to_post');
  const parent = f.get('parent');
  // Reddit's `parent` is t3_<thread> for a top-level comment and t1_<comment> below it.
  const parentId =
    repliedToPost ||
    (replyTo ? (chat ? `${chat}/${replyTo}` : replyTo) : '') ||
    (parent && parent.replace(/^t[13]_/, '') !== f.get('id') ? parent.replace(/^t[13]_/, '') : '');
  const retweet = yes(f.get('is_retweet'));
  const quotedPost = f.get('quoted_post');
  const quote = yes(f.get('is_quote_tweet')) || quotedPost !== '';
  const reply = yes(f.get('is_reply')) || parentId !== '';
  const kind: PostKind =
    retweet || forwardedFrom ? 'share' : reply ? 'reply' : quote ? 'quote' : 'post';
  return {
    kind,
    sharedPostId: retweet || forwardedFrom ? null : optional(quotedPost),
    sharedAccountId: retweet
      ? optional(f.get('retweeted_user'))
      : forwardedFrom || (quote ? optional(f.get('quoted_user')) : null),
    parentPostId: optional(parentId),
    parentAccountId: optional(first(f, 'replied_user', 'replied_to_user')),
  };
}

/** The item's URLs, hashtags and mentions: from their columns, else read from the text. */
function itemLinks(f: ItemFields, text: string | null) {
  // The data sources that map no link, tag or mention column leave them in the text.
  const urlColumns = ['urls', 'links', 'url'].filter((n) => f.has(n));
  return {
    urls: urlColumns.length
      ? urlColumns.flatMap((n) => list(f.get(n)))
      : text
        ? urlsInText(text)
        : [],
    hashtags:
      f.has('hashtags') || f.has('tags')
        ? list(first(f, 'hashtags', 'tags'))
        : text
          ? hashtagsInText(text)
          : [],
    mentions: f.has('mentions') ? list(f.get('mentions')) : text ? mentionsInText(text) : [],
  };
}
