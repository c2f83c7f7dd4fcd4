// One X API v2 tweet (with its expansions) → a post and its author's account.
import type { Account, PostKind } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { AdapterContext, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost } from '../build-post.js';
import type { JsonObject } from '../json-fields.js';
import {
  arrayAt,
  countAt,
  instantAt,
  objectAt,
  objectsAt,
  optionalInstantAt,
  optionalTextAt,
  rawTextAt,
  requiredTextAt,
  textAt,
} from '../json-fields.js';

const PLATFORM = 'x';

/** What a tweet's ids point at: the users and tweets of a response page's `includes`. */
export interface Expansions {
  readonly users: ReadonlyMap<string, JsonObject>;
  readonly tweets: ReadonlyMap<string, JsonObject>;
}

/** No expansions (a flattened tweet carries its own). */
export const NO_EXPANSIONS: Expansions = { users: new Map(), tweets: new Map() };

/** Returns the expansions of a raw response page (`includes.users`, `includes.tweets`). */
export function pageExpansions(page: JsonObject): Expansions {
  const includes = objectAt(page, 'includes');
  const byId = (key: string) =>
    new Map(objectsAt(includes, key).map((o) => [textAt(o, 'id'), o] as const));
  return { users: byId('users'), tweets: byId('tweets') };
}

/**
 * Returns the post of a tweet and, when its author is known, the account: `author` (twarc2
 * flatten), `author_user` (4CAT) or the page's `includes.users`. Throws RowError for a tweet
 * without id, author_id or a valid created_at.
 */
export function tweetRecords(
  tweet: JsonObject,
  expansions: Expansions,
  context: Pick<AdapterContext, 'timezone'>,
): Omit<LoadedItem, 'line'> {
  const postId = requiredTextAt(tweet, 'id');
  const accountId = requiredTextAt(tweet, 'author_id');
  const createdAt = instantAt(tweet, 'created_at', context);
  const refs = objectsAt(tweet, 'referenced_tweets');
  const ref = (type: string) => refs.find((r) => textAt(r, 'type') === type) ?? null;
  const retweeted = ref('retweeted');
  const quoted = ref('quoted');
  const repliedTo = ref('replied_to');
  const kind: PostKind = retweeted ? 'share' : repliedTo ? 'reply' : quoted ? 'quote' : 'post';
  // A flattened referenced tweet carries its own fields; a page's sits in includes.tweets.
  const full = (r: JsonObject | null) =>
    r === null
      ? null
      : r.author_id !== undefined
        ? r
        : (expansions.tweets.get(textAt(r, 'id')) ?? r);
  const shared = full(retweeted ?? quoted);
  const parent = full(repliedTo);
  // A long post's full text and entities are in note_tweet; `text` is its first 280 characters.
  const note = objectAt(tweet, 'note_tweet');
  const text = rawTextAt(note, 'text', 'note_tweet.text') ?? rawTextAt(tweet, 'text');
  const entities = [objectAt(note ?? tweet, 'entities')];
  // A retweet's text is "RT @user: " and the start of the original: its links, tags and mentions
  // are the original's (as 4CAT reads them), which the retweet re-publishes whole.
  if (retweeted) entities.push(objectAt(shared, 'entities'));
  const metrics = objectAt(tweet, 'public_metrics');
  const post = buildPost({
    platform: PLATFORM,
    postId,
    accountId,
    createdAt,
    kind,
    text,
    language: optionalTextAt(tweet, 'lang'),
    ...entityItems(entities),
    media: mediaKeys(objectAt(tweet, 'attachments')),
    sharedPostId: shared === null ? null : requiredTextAt(shared, 'id', 'referenced_tweets.id'),
    sharedAccountId: shared === null ? null : optionalTextAt(shared, 'author_id'),
    parentPostId: parent === null ? null : requiredTextAt(parent, 'id', 'referenced_tweets.id'),
    parentAccountId:
      optionalTextAt(tweet, 'in_reply_to_user_id') ??
      (parent === null ? null : optionalTextAt(parent, 'author_id')),
    client: optionalTextAt(tweet, 'source'),
    shares: countAt(metrics, 'retweet_count', 'public_metrics.retweet_count'),
    comments: countAt(metrics, 'reply_count', 'public_metrics.reply_count'),
    reactions: countAt(metrics, 'like_count', 'public_metrics.like_count'),
    views: countAt(metrics, 'impression_count', 'public_metrics.impression_count'),
  });
  const author =
    objectAt(tweet, 'author') ?? objectAt(tweet, 'author_user') ?? expansions.users.get(accountId);
  return author ? { post, account: userAccount(author, accountId, createdAt, context) } : { post };
}

/**
 * The raw URLs, hashtags and mentions of a tweet's `entities` objects (its own, or its note's; a
 * retweet's also the original's). Throws RowError for a field that is an object or an array.
 */
export function entityItems(entities: readonly (JsonObject | null)[]): {
  urls: string[];
  hashtags: string[];
  mentions: string[];
} {
  return {
    // A link with a media_key is the tweet's own photo or video (pic.twitter.com), not a shared link.
    urls: entities.flatMap((e) =>
      objectsAt(e, 'urls')
        .filter((u) => u.media_key === undefined)
        .map((u) => textAt(u, 'unwound_url') || textAt(u, 'expanded_url') || textAt(u, 'url')),
    ),
    hashtags: entities.flatMap((e) => objectsAt(e, 'hashtags').map((h) => textAt(h, 'tag'))),
    mentions: entities.flatMap((e) => objectsAt(e, 'mentions').map((m) => textAt(m, 'username'))),
  };
}

/**
 * A tweet's media keys from its `attachments`: `media_keys` (raw), or the media objects twarc2 and
 * 4CAT expand in place.
 */
export function mediaKeys(attachments: JsonObject | null): string[] {
  const keys = [...arrayAt(attachments, 'media_keys'), ...arrayAt(attachments, 'media')].map((m) =>
    typeof m === 'string'
      ? m
      : m !== null && typeof m === 'object'
        ? textAt(m as JsonObject, 'media_key')
        : '',
  );
  return [...new Set(keys.filter((k) => k !== ''))];
}

function userAccount(
  user: JsonObject,
  accountId: string,
  seenAt: number,
  context: Pick<AdapterContext, 'timezone'>,
): Account {
  const id = textAt(user, 'id', 'author.id');
  if (id !== '' && id !== accountId)
    throw new RowError(
      'author.id',
      `author.id '${id}' is not the tweet's author_id '${accountId}'`,
    );
  const metrics = objectAt(user, 'public_metrics');
  return account({
    platform: PLATFORM,
    accountId,
    handle: optionalTextAt(user, 'username', 'author.username'),
    displayName: optionalTextAt(user, 'name', 'author.name'),
    createdAt: optionalInstantAt(user, 'created_at', context, 'author.created_at'),
    description: optionalTextAt(user, 'description', 'author.description'),
    reportedLocation: optionalTextAt(user, 'location', 'author.location'),
    followers: countAt(metrics, 'followers_count', 'author.public_metrics.followers_count'),
    following: countAt(metrics, 'following_count', 'author.public_metrics.following_count'),
    seenAt,
  });
}
