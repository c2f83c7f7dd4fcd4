// 4CAT exports: a dataset's CSV, or its items as JSON (NDJSON or an array), for any data source.
import type { AdapterContext, FileSample, IngestAdapter, IngestItem } from '../adapter.js';
import { csvItems } from '../csv/csv-rows.js';
import type { JsonObject } from '../json-fields.js';
import { objectAt, textAt } from '../json-fields.js';
import type { JsonUnit } from '../json-units.js';
import {
  firstJsonObject,
  isJsonLines,
  jsonUnits,
  mapJsonUnits,
  recordItem,
} from '../json-units.js';
import { requireColumns } from '../require-columns.js';
import { NO_EXPANSIONS, tweetRecords } from '../x-api-v2/tweet-records.js';
import type { ItemFields } from './map-item.js';
import { CORE_COLUMNS, isMappedItem, mappedItemRecords, platformOfColumns } from './map-item.js';

const FALLBACK_PLATFORM = '4cat';

/**
 * A dataset as 4CAT maps its items (`id`, `thread_id`, `author`, `body`, `timestamp` or
 * `unix_timestamp`, then the data source's own columns), in CSV or JSON; or 4CAT's NDJSON of
 * raw items as collected: its Twitter API v2 tweets (`author_user`) are read; other raw items
 * (`__import_meta` from Zeeschuimer, `4CAT_metadata`) are rejected with a reason.
 */
export const fourCat: IngestAdapter<'4cat'> = {
  format: '4cat',
  recognize: (sample: FileSample) => {
    if (sample.header !== null) return isMappedItem((n) => sample.header?.includes(n) ?? false);
    const first = firstJsonObject(sample);
    return (
      first !== null &&
      (isMappedItem((n) => n in first) ||
        '__import_meta' in first ||
        '4CAT_metadata' in first ||
        'author_user' in first)
    );
  },
  read(sample, context) {
    if (sample.header !== null && !isJsonLines(sample)) {
      requireColumns(sample, CORE_COLUMNS, '4cat');
      const has = (n: string) => sample.header?.includes(n) ?? false;
      const platform = context.platform ?? platformOfColumns(has) ?? FALLBACK_PLATFORM;
      return csvItems(sample, context, (row) => mappedItemRecords(row, platform, context));
    }
    return mapJsonUnits(jsonUnits(sample, context), (unit) => [jsonItem(unit, context)]);
  },
};

function jsonItem(unit: JsonUnit, context: AdapterContext): IngestItem {
  const o = unit.value;
  const has = (n: string) => n in o;
  if (isMappedItem(has)) {
    const platform = context.platform ?? platformOfColumns(has) ?? FALLBACK_PLATFORM;
    return recordItem(unit, '', () => mappedItemRecords(fieldsOf(o), platform, context));
  }
  // 4CAT's Twitter (API v2) data source keeps each tweet with `author_user` expanded.
  if ('author_user' in o && 'author_id' in o)
    return recordItem(unit, '', () => tweetRecords(o, NO_EXPANSIONS, context));
  const source = textAt(objectAt(o, '__import_meta'), 'source_platform') || 'unknown';
  return {
    line: unit.line,
    reject: {
      field: '__import_meta',
      reason: `a raw ${source} item as collected (4CAT NDJSON); unmask reads 4CAT's mapped items: download the dataset as CSV from 4CAT`,
      raw: unit.raw,
    },
  };
}

function fieldsOf(o: JsonObject): ItemFields {
  return {
    get: (name) => {
      try {
        return textAt(o, name);
      } catch {
        return JSON.stringify(o[name]);
      }
    },
    has: (name) => name in o,
  };
}
