// Maps one native record (a CSV row, JSONL object or Parquet row) to the table its fields imply.
import { parse, resolve } from 'node:path';

import type { AssetType, MediaFile, Post, PostKind } from '../../model/index.js';
import { account, ASSET_TYPES, POST_KINDS } from '../../model/index.js';
import type { AdapterContext, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost } from '../build-post.js';
import { instant, optional, optionalCount, optionalInstant, required } from '../fields.js';

/** Named access to a native record's fields, whatever the container. */
export interface FieldSource {
  /** Trimmed text of the field, '' when absent or null. */
  get(name: string): string;
  /** List field: a JSON array, or text split on '|'. */
  list(name: string): string[];
  has(name: string): boolean;
}

/** The native record kinds, told apart by their identifying fields. */
export type NativeKind = 'post' | 'account' | 'observation' | 'follow' | 'label';

/** Returns the record kind that a set of field names implies, or null. */
export function nativeKind(has: (name: string) => boolean): NativeKind | null {
  if (has('post_id')) return 'post';
  if (has('follower_id') && has('followed_id')) return 'follow';
  if (has('account_id') && has('label')) return 'label';
  if (has('account_id') && has('kind') && has('value')) return 'observation';
  if (has('account_id')) return 'account';
  return null;
}

/** Returns the loaded item for one native record of `kind`; throws RowError for bad fields. */
export function mapNativeRecord(
  kind: NativeKind,
  f: FieldSource,
  context: AdapterContext,
): Omit<LoadedItem, 'line'> {
  const platform = f.get('platform').toLowerCase() || context.platform || 'unknown';
  switch (kind) {
    case 'post':
      return nativePostItem(f, platform, context);
    case 'account':
      return {
        account: accountFrom(
          f,
          platform,
          required(f.get('account_id'), 'account_id'),
          null,
          context,
        ),
      };
    case 'observation':
      return {
        observation: {
          platform,
          accountId: required(f.get('account_id'), 'account_id'),
          kind: required(f.get('kind'), 'kind').toLowerCase(),
          value: required(f.get('value'), 'value'),
          firstSeen: optionalInstant(f.get('first_seen'), 'first_seen', context),
          lastSeen: optionalInstant(f.get('last_seen'), 'last_seen', context),
        },
      };
    case 'follow':
      return {
        follow: {
          platform,
          followerId: required(f.get('follower_id'), 'follower_id'),
          followedId: required(f.get('followed_id'), 'followed_id'),
          firstSeen: optionalInstant(f.get('first_seen'), 'first_seen', context),
        },
      };
    case 'label':
      return {
        label: {
          platform,
          accountId: required(f.get('account_id'), 'account_id'),
          label: required(f.get('label'), 'label'),
        },
      };
  }
}

/** A native post record: the post, and its account when the record has account fields. */
function nativePostItem(
  f: FieldSource,
  platform: string,
  context: AdapterContext,
): Omit<LoadedItem, 'line'> {
  const accountId = required(f.get('account_id'), 'account_id');
  const createdAt = instant(f.get('created_at'), 'created_at', context);
  const kindText = f.get('kind').toLowerCase() || 'post';
  if (!(POST_KINDS as readonly string[]).includes(kindText)) {
    throw new RowError(
      'kind',
      `kind: unknown post kind '${kindText}' (expected ${POST_KINDS.join(', ')})`,
    );
  }
  const post = buildPost({
    platform,
    postId: required(f.get('post_id'), 'post_id'),
    accountId,
    createdAt,
    kind: kindText as PostKind,
    text: optional(f.get('text')),
    language: optional(f.get('language')),
    urls: f.list('urls'),
    hashtags: f.list('hashtags'),
    mentions: f.list('mentions'),
    media: f.list('media'),
    sharedPostId: optional(f.get('shared_post_id')),
    sharedAccountId: optional(f.get('shared_account_id')),
    parentPostId: optional(f.get('parent_post_id')),
    parentAccountId: optional(f.get('parent_account_id')),
    client: optional(f.get('client')),
    shares: optionalCount(f.get('shares'), 'shares'),
    comments: optionalCount(f.get('comments'), 'comments'),
    reactions: optionalCount(f.get('reactions'), 'reactions'),
    views: optionalCount(f.get('views'), 'views'),
  });
  const mediaFiles = mediaFilesOf(f, post, context);
  const hasAccountFields =
    f.get('handle') !== '' || f.get('display_name') !== '' || f.get('asset_type') !== '';
  return {
    post,
    ...(hasAccountFields
      ? { account: accountFrom(f, platform, accountId, createdAt, context) }
      : {}),
    ...(mediaFiles.length > 0 ? { mediaFiles } : {}),
  };
}

function accountFrom(
  f: FieldSource,
  platform: string,
  accountId: string,
  seenAt: number | null,
  context: AdapterContext,
) {
  const assetText = f.get('asset_type').toLowerCase() || 'account';
  if (!(ASSET_TYPES as readonly string[]).includes(assetText)) {
    throw new RowError(
      'asset_type',
      `asset_type: unknown asset type '${assetText}' (expected ${ASSET_TYPES.join(', ')})`,
    );
  }
  return account({
    platform,
    accountId,
    handle: optional(f.get('handle')),
    displayName: optional(f.get('display_name')),
    assetType: assetText as AssetType,
    createdAt: optionalInstant(
      f.get('account_created_at') || (seenAt === null ? f.get('created_at') : ''),
      'created_at',
      context,
    ),
    followers: optionalCount(f.get('followers'), 'followers'),
    following: optionalCount(f.get('following'), 'following'),
    reportedLocation: optional(f.get('reported_location')),
    language: optional(seenAt === null ? f.get('language') : f.get('account_language')),
    description: optional(f.get('description')),
    // Account files may say when the names were seen (rename history); posts give their own time.
    seenAt: seenAt ?? optionalInstant(f.get('seen_at'), 'seen_at', context),
  });
}

/**
 * The image files a `media_path` column names (paths relative to the input's folder), paired with
 * the post's `media` ids by position when the counts agree, else named by the file's name.
 */
function mediaFilesOf(f: FieldSource, post: Post, context: AdapterContext): MediaFile[] {
  const paths = f.list('media_path');
  return paths.map((path, i) => ({
    platform: post.platform,
    postId: post.postId,
    accountId: post.accountId,
    mediaId: paths.length === post.media.length ? post.media[i]! : parse(path).name,
    path: resolve(context.inputDir ?? '.', path),
  }));
}
