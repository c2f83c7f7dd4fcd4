// TikTok Research API JSON: videos (and comments, which carry no author) as the API returns them.
import { account } from '../../model/index.js';
import type { FileSample, IngestAdapter, IngestItem, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost } from '../build-post.js';
import type { JsonObject } from '../json-fields.js';
import {
  arrayAt,
  countAt,
  instantAt,
  objectAt,
  optionalTextAt,
  rawTextAt,
  requiredTextAt,
  textAt,
  textsAt,
} from '../json-fields.js';
import type { JsonUnit } from '../json-units.js';
import { firstJsonObject, jsonUnits, mapJsonUnits, recordItem } from '../json-units.js';

const PLATFORM = 'tiktok';
// create_time is epoch seconds.
const UTC = { timezone: 'UTC' } as const;

/**
 * Research API videos (`id`, `username`, `create_time`, `video_description`, …) and comments
 * (`video_id`, `parent_comment_id`), one per line, in arrays, or as response pages
 * (`{"data": {"videos": […]}}` / `{"data": {"comments": […]}}`).
 */
export const tiktok: IngestAdapter<'tiktok'> = {
  format: 'tiktok',
  recognize: (sample: FileSample) => {
    const first = firstJsonObject(sample);
    if (first === null) return false;
    const data = objectAt(first, 'data');
    return (
      isVideo(first) || isComment(first) || 'videos' in (data ?? {}) || 'comments' in (data ?? {})
    );
  },
  read(sample, context) {
    return mapJsonUnits(
      jsonUnits(sample, context, { objectPath: /^data\.(videos|comments)\.\d+$/ }),
      unitItems,
    );
  },
};

function unitItems(unit: JsonUnit): IngestItem[] {
  const data = objectAt(unit.value, 'data');
  if (data === null || isVideo(unit.value) || isComment(unit.value))
    return [recordItem(unit, '', () => recordOf(unit.value))];
  // A response page (one line of JSON lines, or a small document read whole).
  return (['videos', 'comments'] as const).flatMap((key) =>
    arrayAt(data, key).map((v, i) =>
      recordItem(unit, `data.${key}[${i}]`, () => {
        if (v === null || typeof v !== 'object' || Array.isArray(v))
          throw new RowError('', `expected a ${key.slice(0, -1)} object`);
        return recordOf(v as JsonObject);
      }),
    ),
  );
}

function recordOf(o: JsonObject): Omit<LoadedItem, 'line'> {
  if (isComment(o) && !isVideo(o))
    throw new RowError(
      'username',
      'a Research API comment has no author (TikTok removes it for privacy): it cannot be attributed to an account',
    );
  const postId = requiredTextAt(o, 'id');
  const username = requiredTextAt(o, 'username');
  const time = textAt(o, 'create_time');
  if (time !== '' && !/^\d+$/.test(time))
    throw new RowError(
      'create_time',
      `create_time: expected epoch seconds, found '${time.slice(0, 40)}'`,
    );
  const createdAt = instantAt(o, 'create_time', UTC);
  const music = textAt(o, 'music_id');
  return {
    post: buildPost({
      platform: PLATFORM,
      postId,
      accountId: username,
      createdAt,
      kind: 'post',
      text: rawTextAt(o, 'video_description'),
      hashtags: textsAt(o, 'hashtag_names'),
      mentions: textsAt(o, 'video_mention_list'),
      // The sound a video uses: copies of one operation's video often reuse the same audio.
      media: music ? [`music:${music}`] : [],
      shares: countAt(o, 'share_count'),
      comments: countAt(o, 'comment_count'),
      reactions: countAt(o, 'like_count'),
      views: countAt(o, 'view_count'),
    }),
    account: account({
      platform: PLATFORM,
      accountId: username,
      handle: username,
      reportedLocation: optionalTextAt(o, 'region_code'),
      seenAt: createdAt,
    }),
  };
}

function isVideo(o: JsonObject): boolean {
  return (
    'create_time' in o &&
    ('username' in o || 'video_description' in o) &&
    ('video_description' in o || 'hashtag_names' in o || 'music_id' in o || 'region_code' in o)
  );
}

function isComment(o: JsonObject): boolean {
  return 'video_id' in o && 'create_time' in o && ('parent_comment_id' in o || 'text' in o);
}
