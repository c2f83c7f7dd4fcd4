// CooRTweet's data: the minimal form (object_id, account_id, content_id, timestamp_share, epoch
// seconds) and the multi-column form (account_id, post_id, url_id, hashtag_id, domain_id,
// phash_id, timestamp: one column per kind of object, as in the package's `german_elections`).
import type { FileSample, IngestAdapter, LoadedItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost } from '../build-post.js';
import type { CsvRow } from '../csv/csv-rows.js';
import { csvItems } from '../csv/csv-rows.js';
import { instant, required } from '../fields.js';
import { requireColumns } from '../require-columns.js';

const COLUMNS = ['object_id', 'account_id', 'content_id', 'timestamp_share'];
const MULTI_COLUMNS = ['account_id', 'post_id', 'timestamp'];
// The object columns of the multi-column form; `image_id` is what the package's vignette calls
// the perceptual-hash column in later releases.
const OBJECT_COLUMNS = ['url_id', 'hashtag_id', 'domain_id', 'phash_id', 'image_id'];
// CooRTweet's timestamps are epoch seconds or '%Y-%m-%d %H:%M:%S' in UTC (`prep_data`).
const UTC = { timezone: 'UTC' } as const;

/**
 * Minimal form: each row is one share (`content_id`) by `account_id` of the shared object
 * `object_id`. The post id is `content_id@object_id`: real CooRTweet data has content ids that
 * share two objects (40 in `russian_coord_tweets`), and each such row is a share of its own object.
 *
 * Multi-column form: each object a row names is a share of that object, as CooRTweet's
 * `prep_data` makes of it per column (`object_id = "url_" + url_id`, and so on): shared_post_id
 * `url_<id>`, post id `<post_id>@url_<id>`. Empty and `NA` cells (R's missing value) name no object.
 */
export const coortweet: IngestAdapter<'coortweet'> = {
  format: 'coortweet',
  recognize: (sample: FileSample) => isMinimal(sample) || isMultiColumn(sample),
  read(sample, context) {
    const platform = context.platform ?? 'unknown';
    if (!isMinimal(sample)) {
      requireColumns(sample, MULTI_COLUMNS, 'coortweet (multi-column)');
      const objects = OBJECT_COLUMNS.filter((c) => sample.header?.includes(c));
      return csvItems(sample, context, (row) => multiColumnShares(row, objects, platform));
    }
    requireColumns(sample, COLUMNS, 'coortweet');
    return csvItems(sample, context, (row) => {
      const accountId = required(row.get('account_id'), 'account_id');
      const objectId = required(row.get('object_id'), 'object_id');
      return {
        post: buildPost({
          platform,
          postId: `${required(row.get('content_id'), 'content_id')}@${objectId}`,
          accountId,
          createdAt: instant(row.get('timestamp_share'), 'timestamp_share', UTC),
          kind: 'share',
          sharedPostId: objectId,
        }),
      };
    });
  },
};

function isMinimal(sample: FileSample): boolean {
  return COLUMNS.every((c) => sample.header?.includes(c));
}

function isMultiColumn(sample: FileSample): boolean {
  return (
    MULTI_COLUMNS.every((c) => sample.header?.includes(c)) &&
    OBJECT_COLUMNS.some((c) => sample.header?.includes(c))
  );
}

function multiColumnShares(
  row: CsvRow,
  objects: readonly string[],
  platform: string,
): Omit<LoadedItem, 'line'>[] {
  const accountId = required(row.get('account_id'), 'account_id');
  const postId = required(row.get('post_id'), 'post_id');
  const createdAt = instant(row.get('timestamp'), 'timestamp', UTC);
  const shares = objects.flatMap((column) => {
    const value = row.get(column);
    if (value === '' || value === 'NA') return [];
    const objectId = `${column.replace(/_id$/, '')}_${value}`;
    return [
      {
        post: buildPost({
          platform,
          postId: `${postId}@${objectId}`,
          accountId,
          createdAt,
          kind: 'share',
          sharedPostId: objectId,
        }),
      },
    ];
  });
  if (shares.length === 0)
    throw new RowError(objects.join(', '), `no object: ${objects.join(', ')} are all empty or NA`);
  return shares;
}
