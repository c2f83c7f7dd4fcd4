// Builds normalized posts from adapter fields: derives normalized text, canonical URLs, domains.
import type { Post, PostKind } from '../model/index.js';
import {
  canonicalUrl,
  normalizeHandle,
  normalizeHashtag,
  normalizeText,
} from '../normalize/index.js';

/** What an adapter knows about a post; everything derivable is derived by {@link buildPost}. */
export interface PostFields {
  readonly platform: string;
  readonly postId: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly kind: PostKind;
  readonly text?: string | null;
  readonly language?: string | null;
  /** Raw URLs as exported; invalid ones are dropped, the rest canonicalized. */
  readonly urls?: readonly string[];
  readonly hashtags?: readonly string[];
  readonly mentions?: readonly string[];
  readonly media?: readonly string[];
  readonly sharedPostId?: string | null;
  readonly sharedAccountId?: string | null;
  readonly parentPostId?: string | null;
  readonly parentAccountId?: string | null;
  readonly client?: string | null;
  readonly shares?: number | null;
  readonly comments?: number | null;
  readonly reactions?: number | null;
  readonly views?: number | null;
}

const NO_STRINGS: readonly string[] = [];
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'）」]+/giu;
const MENTION_IN_TEXT = /(?:^|[^\p{L}\p{N}_@.])[@＠]([A-Za-z0-9_]{1,50})/gu;
const HASHTAG_IN_TEXT = /(?:^|[^\p{L}\p{N}_&/])[#＃]([\p{L}\p{N}_]+)/gu;

/** Returns a complete post: normalized text, canonical URLs with domains and shorteners, folded tags. */
export function buildPost(fields: PostFields): Post {
  const text = fields.text === undefined || fields.text === '' ? null : fields.text;
  const urls: string[] = [];
  const domains: string[] = [];
  const shortUrls: string[] = [];
  for (const raw of fields.urls ?? NO_STRINGS) {
    const c = canonicalUrl(raw);
    if (c === null || urls.includes(c.url)) continue;
    urls.push(c.url);
    if (!domains.includes(c.domain)) domains.push(c.domain);
    if (c.shortener) shortUrls.push(c.url);
  }
  return {
    platform: fields.platform,
    postId: fields.postId,
    accountId: fields.accountId,
    createdAt: fields.createdAt,
    kind: fields.kind,
    text,
    textNorm: normalizeText(text),
    language: blankToNull(fields.language),
    urls,
    domains,
    shortUrls,
    hashtags: uniqueNormalized(fields.hashtags, normalizeHashtag),
    mentions: uniqueNormalized(fields.mentions, normalizeHandle),
    media: fields.media ?? NO_STRINGS,
    sharedPostId: blankToNull(fields.sharedPostId),
    sharedAccountId: blankToNull(fields.sharedAccountId),
    parentPostId: blankToNull(fields.parentPostId),
    parentAccountId: blankToNull(fields.parentAccountId),
    client: blankToNull(fields.client),
    shares: fields.shares ?? null,
    comments: fields.comments ?? null,
    reactions: fields.reactions ?? null,
    views: fields.views ?? null,
  };
}

/** Returns the http(s) URLs written in a text. */
export function urlsInText(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => m[0].replace(/[.,;:!?)\]]+$/, ''));
}

/** Returns the @handles written in a text, without '@'. */
export function mentionsInText(text: string): string[] {
  return [...text.matchAll(MENTION_IN_TEXT)].map((m) => m[1] as string);
}

/** Returns the hashtags written in a text, without '#'. */
export function hashtagsInText(text: string): string[] {
  return [...text.matchAll(HASHTAG_IN_TEXT)].map((m) => m[1] as string);
}

function uniqueNormalized(
  values: readonly string[] | undefined,
  fold: (v: string) => string | null,
): readonly string[] {
  if (values === undefined || values.length === 0) return NO_STRINGS;
  const out: string[] = [];
  for (const v of values) {
    const f = fold(v);
    if (f !== null && !out.includes(f)) out.push(f);
  }
  return out;
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
