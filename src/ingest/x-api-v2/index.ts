// X/Twitter API v2 JSON: twarc2's flattened tweets (one per line) or raw response pages.
import type { FileSample, IngestAdapter, IngestItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import type { JsonObject } from '../json-fields.js';
import { objectAt } from '../json-fields.js';
import type { JsonUnit } from '../json-units.js';
import { firstJsonObject, jsonUnits, mapJsonUnits, recordItem } from '../json-units.js';
import { NO_EXPANSIONS, pageExpansions, tweetRecords } from './tweet-records.js';

/**
 * Recognizes a tweet (`id`, `text`, `author_id`) or a response page (`data` holding tweets, or
 * `meta.result_count`) as the first record.
 */
export const xApiV2: IngestAdapter<'x-api-v2'> = {
  format: 'x-api-v2',
  recognize: (sample: FileSample) => {
    const first = firstJsonObject(sample);
    // 4CAT's tweets (`author_user`) are read by the 4cat format, with the same mapping.
    return first !== null && !('author_user' in first) && (isTweet(first) || isPage(first));
  },
  read(sample, context) {
    return mapJsonUnits(jsonUnits(sample, context), (unit) => unitItems(unit, context));
  },
};

function unitItems(unit: JsonUnit, context: { timezone: string | null }): IngestItem[] {
  const value = unit.value;
  if (isTweet(value) || !isPageShaped(value))
    return [recordItem(unit, '', () => tweetRecords(value, NO_EXPANSIONS, context))];
  const expansions = pageExpansions(value);
  const data = value.data;
  // A lookup of one tweet answers `data: {…}`; searches and timelines answer `data: [{…}, …]`.
  const tweets = Array.isArray(data) ? data : data === undefined ? [] : [data];
  return tweets.map((tweet, i) =>
    recordItem(unit, Array.isArray(data) ? `data[${i}]` : 'data', () => {
      if (tweet === null || typeof tweet !== 'object' || Array.isArray(tweet))
        throw new RowError('', 'expected a tweet object');
      return tweetRecords(tweet as JsonObject, expansions, context);
    }),
  );
}

function isTweet(o: JsonObject): boolean {
  return typeof o.id === 'string' && typeof o.text === 'string' && 'author_id' in o;
}

function isPage(o: JsonObject): boolean {
  if ('data' in o) {
    const first = Array.isArray(o.data) ? o.data[0] : o.data;
    return first !== null && typeof first === 'object' && isTweet(first as JsonObject);
  }
  const meta = objectAt(o, 'meta');
  return meta !== null && 'result_count' in meta;
}

// A page as read (its tweets may be broken): `data`, `includes` or `meta` and no tweet fields.
function isPageShaped(o: JsonObject): boolean {
  return 'data' in o || 'includes' in o || objectAt(o, 'meta') !== null;
}
