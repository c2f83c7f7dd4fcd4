// YouTube Data API v3 JSON: videos, search results, comment threads, comments and channels.
import type { LoadedItem } from '../adapter.js';
import type { FileSample, IngestAdapter, IngestItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import type { JsonObject } from '../json-fields.js';
import { objectAt, objectsAt, textAt } from '../json-fields.js';
import type { JsonUnit } from '../json-units.js';
import { firstJsonObject, jsonUnits, mapJsonUnits, recordItem } from '../json-units.js';
import { channelRecords, commentRecords, videoRecords } from './resources.js';

/**
 * Resources as the Data API returns them (`kind: "youtube#video"` …), one per line or in an array,
 * or list responses (`youtube#videoListResponse` … with `items`), saved whole or one per line.
 */
export const youtube: IngestAdapter<'youtube'> = {
  format: 'youtube',
  recognize: (sample: FileSample) => {
    const first = firstJsonObject(sample);
    return first !== null && textAt(first, 'kind').startsWith('youtube#');
  },
  read(sample, context) {
    return mapJsonUnits(jsonUnits(sample, context, { objectPath: /^items\.\d+$/ }), (unit) =>
      unitItems(unit, context),
    );
  },
};

function unitItems(unit: JsonUnit, context: { timezone: string | null }): IngestItem[] {
  const kind = textAt(unit.value, 'kind');
  if (kind.endsWith('ListResponse'))
    return objectsAt(unit.value, 'items').flatMap((item, i) =>
      resourceItems(unit, item, `items[${i}]`, context),
    );
  return resourceItems(unit, unit.value, '', context);
}

function resourceItems(
  unit: JsonUnit,
  resource: JsonObject,
  prefix: string,
  context: { timezone: string | null },
): IngestItem[] {
  const at = (suffix: string) => (prefix && suffix ? `${prefix}.${suffix}` : prefix || suffix);
  const one = (map: () => Omit<LoadedItem, 'line'>) => [recordItem(unit, prefix, map)];
  switch (textAt(resource, 'kind')) {
    case 'youtube#video':
      return one(() => videoRecords(resource, textAt(resource, 'id'), context));
    case 'youtube#searchResult': {
      const id = objectAt(resource, 'id');
      return one(() => {
        if (textAt(id, 'kind') !== 'youtube#video')
          throw new RowError(
            'id.kind',
            `a search result for a ${textAt(id, 'kind') || '?'}: not a video`,
          );
        return videoRecords(resource, textAt(id, 'videoId'), context);
      });
    }
    case 'youtube#channel':
      return one(() => channelRecords(resource, context));
    case 'youtube#comment':
      return one(() => commentRecords(resource, null, context));
    case 'youtube#commentThread': {
      // A thread is its top-level comment and the replies the response included.
      const snippet = objectAt(resource, 'snippet');
      const top = objectAt(snippet, 'topLevelComment');
      const videoId = textAt(snippet, 'videoId') || null;
      return [
        recordItem(unit, at('snippet.topLevelComment'), () => {
          if (top === null) throw new RowError('', 'missing snippet.topLevelComment');
          return commentRecords(top, videoId, context);
        }),
        ...objectsAt(objectAt(resource, 'replies'), 'comments').map((reply, i) =>
          recordItem(unit, at(`replies.comments[${i}]`), () =>
            commentRecords(reply, videoId, context),
          ),
        ),
      ];
    }
    default:
      return one(() => {
        throw new RowError(
          'kind',
          `kind '${textAt(resource, 'kind')}' is not a video, comment or channel`,
        );
      });
  }
}
