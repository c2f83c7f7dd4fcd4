// Bluesky (AT Protocol) records → posts: app.bsky.feed.post, repost and like (lexicons at atproto.com).
import type { Post, PostKind } from '../../model/index.js';
import type { AdapterContext } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost } from '../build-post.js';
import type { JsonObject } from '../json-fields.js';
import {
  instantAt,
  objectAt,
  objectsAt,
  rawTextAt,
  requiredTextAt,
  textAt,
  textsAt,
} from '../json-fields.js';

/** The platform name of Bluesky and the AT Protocol network. */
export const PLATFORM = 'bluesky';

/** The collections (record types) read as actions. */
export const POST = 'app.bsky.feed.post';
export const REPOST = 'app.bsky.feed.repost';
export const LIKE = 'app.bsky.feed.like';

/** Returns the DID of an AT URI (`at://did:plc:…/app.bsky.feed.post/3k…`), or null. */
export function didOfUri(uri: string): string | null {
  return /^at:\/\/(did:[^/]+)\//.exec(uri)?.[1] ?? null;
}

/**
 * Returns the post of a record created by `did` at `uri`: a post (a reply when it has
 * `reply.parent`, a quote when it embeds a record), a repost (a share of its subject) or a like
 * (a reaction to its subject). `field` names the record in RowErrors (e.g. `commit.record`).
 */
export function feedPost(
  did: string,
  uri: string,
  collection: string,
  record: JsonObject,
  field: string,
  context: Pick<AdapterContext, 'timezone'>,
): Post {
  const createdAt = instantAt(record, 'createdAt', context, `${field}.createdAt`);
  if (collection === REPOST || collection === LIKE) {
    const subject = requiredTextAt(objectAt(record, 'subject'), 'uri', `${field}.subject.uri`);
    const ref = { postId: subject, accountId: didOfUri(subject) };
    return buildPost({
      platform: PLATFORM,
      postId: uri,
      accountId: did,
      createdAt,
      kind: collection === REPOST ? 'share' : 'reaction',
      ...(collection === REPOST
        ? { sharedPostId: ref.postId, sharedAccountId: ref.accountId }
        : { parentPostId: ref.postId, parentAccountId: ref.accountId }),
    });
  }
  const parent = textAt(objectAt(objectAt(record, 'reply'), 'parent'), 'uri');
  const { quoted, ...items } = postItems(record);
  const kind: PostKind = parent ? 'reply' : quoted ? 'quote' : 'post';
  return buildPost({
    platform: PLATFORM,
    postId: uri,
    accountId: did,
    createdAt,
    kind,
    text: rawTextAt(record, 'text', `${field}.text`),
    ...items,
    sharedPostId: quoted,
    sharedAccountId: quoted ? didOfUri(quoted) : null,
    parentPostId: parent || null,
    parentAccountId: parent ? didOfUri(parent) : null,
  });
}

/** What a post record's facets, embed, tags and langs give (the bulk path maps these in JS too). */
export interface PostItems {
  readonly language: string | null;
  readonly urls: string[];
  readonly hashtags: string[];
  readonly mentions: string[];
  readonly media: string[];
  /** The AT URI of the record it embeds (a quote), or null. */
  readonly quoted: string | null;
}

/** Returns a post record's language, links, tags, mentions, media and quoted post (raw, as found). */
export function postItems(record: JsonObject): PostItems {
  const embed = objectAt(record, 'embed');
  const quoted = quotedUri(embed);
  const features = objectsAt(record, 'facets').flatMap((f) => objectsAt(f, 'features'));
  const ofType = (type: string) => features.filter((f) => textAt(f, '$type') === type);
  const external = textAt(objectAt(embed, 'external'), 'uri');
  return {
    language: textsAt(record, 'langs')[0] ?? null,
    urls: [
      ...ofType('app.bsky.richtext.facet#link').map((f) => textAt(f, 'uri')),
      ...(external ? [external] : []),
    ],
    hashtags: [
      ...ofType('app.bsky.richtext.facet#tag').map((f) => textAt(f, 'tag')),
      ...textsAt(record, 'tags'),
    ],
    // Mentions name DIDs (handles change; the DID is the account).
    mentions: ofType('app.bsky.richtext.facet#mention').map((f) => textAt(f, 'did')),
    media: mediaCids(embed),
    quoted,
  };
}

// app.bsky.embed.record {record: {uri}}, or app.bsky.embed.recordWithMedia {record: {record: {uri}}}.
function quotedUri(embed: JsonObject | null): string | null {
  const record = objectAt(embed, 'record');
  const uri = textAt(record, 'uri') || textAt(objectAt(record, 'record'), 'uri');
  return uri === '' ? null : uri;
}

// Image and video blobs are addressed by the CID of their bytes: the same file uploaded twice has
// the same CID, so it is a media fingerprint as exports give them.
function mediaCids(embed: JsonObject | null): string[] {
  const media = objectAt(embed, 'media') ?? embed;
  const blobs = [
    ...objectsAt(media, 'images').map((i) => objectAt(i, 'image')),
    objectAt(media, 'video'),
  ];
  return blobs.map((b) => textAt(objectAt(b, 'ref'), '$link')).filter((cid) => cid !== '');
}

/** Throws a RowError unless `value` is a JSON object; returns it. */
export function requireObject(value: JsonObject | null, field: string): JsonObject {
  if (value === null) throw new RowError(field, `missing ${field}`);
  return value;
}
