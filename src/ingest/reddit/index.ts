// Reddit submissions and comments as Pushshift and Arctic Shift dump them: one JSON object per line.
import type { PostKind } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { FileSample, IngestAdapter, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost, urlsInText } from '../build-post.js';
import type { JsonObject } from '../json-fields.js';
import {
  countAt,
  instantAt,
  optionalInstantAt,
  optionalTextAt,
  rawTextAt,
  requiredTextAt,
  textAt,
} from '../json-fields.js';
import { firstJsonObject, jsonUnits, mapJsonUnits, recordItem } from '../json-units.js';

const PLATFORM = 'reddit';
// Reddit's created_utc is epoch seconds (a number, or text in older Pushshift dumps).
const UTC = { timezone: 'UTC' } as const;
// What Reddit writes in place of a removed or deleted text or author.
const GONE = new Set(['[deleted]', '[removed]']);

/** Pushshift / Arctic Shift NDJSON: submissions (`title`) and comments (`body`, `parent_id`). */
export const reddit: IngestAdapter<'reddit'> = {
  format: 'reddit',
  recognize: (sample: FileSample) => {
    const first = firstJsonObject(sample);
    return (
      first !== null &&
      'subreddit' in first &&
      'created_utc' in first &&
      'author' in first &&
      ('title' in first || 'body' in first)
    );
  },
  read(sample, context) {
    return mapJsonUnits(jsonUnits(sample, context), (unit) => [
      recordItem(unit, '', () => thingRecords(unit.value)),
    ]);
  },
};

function thingRecords(thing: JsonObject): Omit<LoadedItem, 'line'> {
  const author = requiredTextAt(thing, 'author');
  if (GONE.has(author))
    throw new RowError('author', `author ${author}: the post cannot be attributed to an account`);
  const comment = 'parent_id' in thing || ('body' in thing && !('title' in thing));
  const id = requiredTextAt(thing, 'id');
  // Fullnames (t3_ submission, t1_ comment) are what parent_id, link_id and crosspost_parent hold.
  const postId = optionalTextAt(thing, 'name') ?? `${comment ? 't1' : 't3'}_${id}`;
  const createdAt = instantAt(thing, 'created_utc', UTC);
  const text = comment ? textOf(thing, 'body') : submissionText(thing);
  const link = comment ? null : linkOf(thing);
  const crosspost = comment ? null : optionalTextAt(thing, 'crosspost_parent');
  const parent = comment ? requiredTextAt(thing, 'parent_id') : null;
  const kind: PostKind = comment ? 'comment' : crosspost ? 'share' : 'post';
  return {
    post: buildPost({
      platform: PLATFORM,
      postId,
      accountId: author,
      createdAt,
      kind,
      text,
      urls: [...(link ? [link] : []), ...(text ? urlsInText(text) : [])],
      sharedPostId: crosspost,
      parentPostId: parent,
      comments: comment ? null : countAt(thing, 'num_comments'),
    }),
    account: account({
      platform: PLATFORM,
      accountId: author,
      handle: author,
      createdAt: optionalInstantAt(thing, 'author_created_utc', UTC),
      seenAt: createdAt,
    }),
  };
}

// The title, and the self text below it when there is one (near-duplicate text compares both).
function submissionText(thing: JsonObject): string | null {
  const title = textOf(thing, 'title');
  const body = textOf(thing, 'selftext');
  return title && body ? `${title}\n\n${body}` : (title ?? body);
}

function textOf(thing: JsonObject, key: string): string | null {
  const t = rawTextAt(thing, key);
  return t === null || GONE.has(t.trim()) ? null : t;
}

// A link submission's target; a self post's `url` is its own permalink, not a shared link.
function linkOf(thing: JsonObject): string | null {
  const url = textAt(thing, 'url');
  if (url === '' || thing.is_self === true) return null;
  return /^https?:\/\/(www\.|old\.|new\.)?reddit\.com\/r\/[^/]+\/comments\//i.test(url) ||
    url.startsWith('/r/')
    ? null
    : url;
}
