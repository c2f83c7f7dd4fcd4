// YouTube Data API v3 resources → posts and accounts (developers.google.com/youtube/v3/docs).
import { account } from '../../model/index.js';
import type { AdapterContext, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost, hashtagsInText, urlsInText } from '../build-post.js';
import type { JsonObject } from '../json-fields.js';
import {
  countAt,
  instantAt,
  objectAt,
  optionalInstantAt,
  optionalTextAt,
  rawTextAt,
  requiredTextAt,
  textAt,
} from '../json-fields.js';

const PLATFORM = 'youtube';

/** Returns a video (or a video search result) as a post by its channel, and the channel. */
export function videoRecords(
  resource: JsonObject,
  videoId: string,
  context: Pick<AdapterContext, 'timezone'>,
): Omit<LoadedItem, 'line'> {
  if (videoId === '') throw new RowError('id', 'missing id');
  const snippet = objectAt(resource, 'snippet');
  const channelId = requiredTextAt(snippet, 'channelId', 'snippet.channelId');
  const createdAt = instantAt(snippet, 'publishedAt', context, 'snippet.publishedAt');
  const title = rawTextAt(snippet, 'title', 'snippet.title');
  const description = rawTextAt(snippet, 'description', 'snippet.description');
  // The title, then the description: both are what uploads copy.
  const text = title && description ? `${title}\n\n${description}` : (title ?? description);
  const statistics = objectAt(resource, 'statistics');
  return {
    post: buildPost({
      platform: PLATFORM,
      postId: videoId,
      accountId: channelId,
      createdAt,
      kind: 'post',
      text,
      language:
        optionalTextAt(snippet, 'defaultLanguage', 'snippet.defaultLanguage') ??
        optionalTextAt(snippet, 'defaultAudioLanguage', 'snippet.defaultAudioLanguage'),
      urls: description ? urlsInText(description) : [],
      hashtags: text ? hashtagsInText(text) : [],
      comments: countAt(statistics, 'commentCount', 'statistics.commentCount'),
      reactions: countAt(statistics, 'likeCount', 'statistics.likeCount'),
      views: countAt(statistics, 'viewCount', 'statistics.viewCount'),
    }),
    account: account({
      platform: PLATFORM,
      accountId: channelId,
      displayName: optionalTextAt(snippet, 'channelTitle', 'snippet.channelTitle'),
      assetType: 'channel',
      seenAt: createdAt,
    }),
  };
}

/**
 * Returns a comment as a post of kind comment: on the video (`videoId`) when top-level, on its
 * parent comment (`snippet.parentId`) when a reply; the author is `authorChannelId.value`.
 */
export function commentRecords(
  comment: JsonObject,
  threadVideoId: string | null,
  context: Pick<AdapterContext, 'timezone'>,
): Omit<LoadedItem, 'line'> {
  const snippet = objectAt(comment, 'snippet');
  const author = textAt(
    objectAt(snippet, 'authorChannelId'),
    'value',
    'snippet.authorChannelId.value',
  );
  if (author === '')
    throw new RowError('snippet.authorChannelId', 'missing snippet.authorChannelId.value');
  const createdAt = instantAt(snippet, 'publishedAt', context, 'snippet.publishedAt');
  const parent =
    optionalTextAt(snippet, 'parentId', 'snippet.parentId') ??
    optionalTextAt(snippet, 'videoId', 'snippet.videoId') ??
    threadVideoId;
  // textOriginal is the text as written; textDisplay may be HTML.
  const text =
    rawTextAt(snippet, 'textOriginal', 'snippet.textOriginal') ??
    rawTextAt(snippet, 'textDisplay', 'snippet.textDisplay');
  const name = optionalTextAt(snippet, 'authorDisplayName', 'snippet.authorDisplayName');
  return {
    post: buildPost({
      platform: PLATFORM,
      postId: requiredTextAt(comment, 'id'),
      accountId: author,
      createdAt,
      kind: 'comment',
      text,
      urls: text ? urlsInText(text) : [],
      hashtags: text ? hashtagsInText(text) : [],
      parentPostId: parent,
      reactions: countAt(snippet, 'likeCount', 'snippet.likeCount'),
    }),
    account: account({
      platform: PLATFORM,
      accountId: author,
      // Since 2023 the author's display name is the channel's @handle.
      handle: name?.startsWith('@') ? name.slice(1) : null,
      displayName: name,
      assetType: 'channel',
      seenAt: createdAt,
    }),
  };
}

/** Returns a channel resource as an account (asset type channel). */
export function channelRecords(
  resource: JsonObject,
  context: Pick<AdapterContext, 'timezone'>,
): Omit<LoadedItem, 'line'> {
  const snippet = objectAt(resource, 'snippet');
  const statistics = objectAt(resource, 'statistics');
  const hidden = statistics?.hiddenSubscriberCount === true;
  const customUrl = textAt(snippet, 'customUrl', 'snippet.customUrl');
  return {
    account: account({
      platform: PLATFORM,
      accountId: requiredTextAt(resource, 'id'),
      handle: customUrl === '' ? null : customUrl.replace(/^@/, ''),
      displayName: optionalTextAt(snippet, 'title', 'snippet.title'),
      description: optionalTextAt(snippet, 'description', 'snippet.description'),
      assetType: 'channel',
      createdAt: optionalInstantAt(snippet, 'publishedAt', context, 'snippet.publishedAt'),
      reportedLocation: optionalTextAt(snippet, 'country', 'snippet.country'),
      language: optionalTextAt(snippet, 'defaultLanguage', 'snippet.defaultLanguage'),
      followers: hidden
        ? null
        : countAt(statistics, 'subscriberCount', 'statistics.subscriberCount'),
    }),
  };
}
