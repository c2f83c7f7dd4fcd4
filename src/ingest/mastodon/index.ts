// Mastodon API statuses (docs.joinmastodon.org/entities/Status): posts, boosts, replies, quotes.
import type { PostKind } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { AdapterContext, FileSample, IngestAdapter, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost, urlsInText } from '../build-post.js';
import type { JsonObject } from '../json-fields.js';
import {
  countAt,
  instantAt,
  objectAt,
  objectsAt,
  optionalInstantAt,
  optionalTextAt,
  requiredTextAt,
  textAt,
} from '../json-fields.js';
import { firstJsonObject, jsonUnits, mapJsonUnits, recordItem } from '../json-units.js';
import { plainText } from './plain-text.js';

const PLATFORM = 'mastodon';

/** Statuses as the API returns them (an array, as timelines answer), or one per line. */
export const mastodon: IngestAdapter<'mastodon'> = {
  format: 'mastodon',
  recognize: (sample: FileSample) => {
    const first = firstJsonObject(sample);
    const a = objectAt(first, 'account');
    return first !== null && a !== null && 'acct' in a && 'uri' in first && 'created_at' in first;
  },
  read(sample, context) {
    return mapJsonUnits(jsonUnits(sample, context), (unit) => [
      recordItem(unit, '', () => statusRecords(unit.value, context)),
    ]);
  },
};

/**
 * Returns an account's id across instances: `user@instance`. A remote account's `acct` says its
 * instance; a local one's (`user`) does not, and its `url` (https://instance/@user) does.
 */
export function fullAcct(a: JsonObject, field: string): string {
  const acct = requiredTextAt(a, 'acct', `${field}.acct`);
  if (acct.includes('@')) return acct.toLowerCase();
  const host = hostOf(textAt(a, 'url', `${field}.url`));
  if (host === null)
    throw new RowError(`${field}.url`, `${field}.url: no instance for local account '${acct}'`);
  return `${acct}@${host}`.toLowerCase();
}

function statusRecords(status: JsonObject, context: AdapterContext): Omit<LoadedItem, 'line'> {
  const author = objectAt(status, 'account');
  if (author === null) throw new RowError('account', 'missing account');
  const accountId = fullAcct(author, 'account');
  const createdAt = instantAt(status, 'created_at', context);
  const reblog = objectAt(status, 'reblog');
  // Mastodon 4.4+: `quote.quoted_status` when the quote was accepted.
  const quoted = objectAt(objectAt(status, 'quote'), 'quoted_status');
  const shared = reblog ?? quoted;
  const sharedField = reblog ? 'reblog' : 'quote.quoted_status';
  const sharedAccount = objectAt(shared, 'account');
  const replyTo = optionalTextAt(status, 'in_reply_to_id');
  const kind: PostKind = reblog ? 'share' : replyTo ? 'reply' : quoted ? 'quote' : 'post';
  // A boost's own content is empty: what it re-publishes is the boosted status.
  const text = reblog ? null : plainText(textAt(status, 'content'));
  const card = textAt(objectAt(status, 'card'), 'url');
  return {
    post: buildPost({
      platform: PLATFORM,
      // The status's ActivityPub URI is the same on every instance; its `id` is the serving one's.
      postId: requiredTextAt(status, 'uri'),
      accountId,
      createdAt,
      kind,
      text,
      language: optionalTextAt(status, 'language'),
      urls: reblog ? [] : [...(text ? urlsInText(text) : []), ...(card ? [card] : [])],
      hashtags: reblog ? [] : objectsAt(status, 'tags').map((t) => textAt(t, 'name')),
      mentions: reblog
        ? []
        : objectsAt(status, 'mentions').map((m, i) => fullAcct(m, `mentions[${i}]`)),
      // A blurhash is computed from the image's pixels: the same picture uploaded again has the same one.
      media: reblog
        ? []
        : objectsAt(status, 'media_attachments')
            .map((m) => textAt(m, 'blurhash'))
            .filter((b) => b !== '')
            .map((b) => `blurhash:${b}`),
      sharedPostId: shared ? requiredTextAt(shared, 'uri', `${sharedField}.uri`) : null,
      sharedAccountId: sharedAccount ? fullAcct(sharedAccount, `${sharedField}.account`) : null,
      // Mastodon names the parent by the serving instance's local id only (no URI), kept as given;
      // its author is the mention with the same local account id (clients mention whom they answer).
      parentPostId: replyTo,
      parentAccountId: replyAccount(status),
      client: optionalTextAt(objectAt(status, 'application'), 'name', 'application.name'),
      shares: countAt(status, 'reblogs_count'),
      comments: countAt(status, 'replies_count'),
      reactions: countAt(status, 'favourites_count'),
    }),
    account: account({
      platform: PLATFORM,
      accountId,
      handle: accountId,
      displayName: optionalTextAt(author, 'display_name', 'account.display_name'),
      description: plainText(textAt(author, 'note', 'account.note')),
      assetType: author.bot === true ? 'bot' : author.group === true ? 'group' : 'account',
      createdAt: optionalInstantAt(author, 'created_at', context, 'account.created_at'),
      followers: countAt(author, 'followers_count', 'account.followers_count'),
      following: countAt(author, 'following_count', 'account.following_count'),
      seenAt: createdAt,
    }),
  };
}

function replyAccount(status: JsonObject): string | null {
  const id = textAt(status, 'in_reply_to_account_id');
  if (id === '') return null;
  const mentions = objectsAt(status, 'mentions');
  const i = mentions.findIndex((m) => textAt(m, 'id') === id);
  return i < 0 ? null : fullAcct(mentions[i] as JsonObject, `mentions[${i}]`);
}

function hostOf(url: string): string | null {
  try {
    return url === '' ? null : new URL(url).host;
  } catch {
    return null;
  }
}
