// CooRTweet's minimal format: object_id, account_id, content_id, timestamp_share (epoch seconds).
import type { FileSample, IngestAdapter } from '../adapter.js';
import { buildPost } from '../build-post.js';
import { csvItems } from '../csv/csv-rows.js';
import { instant, required } from '../fields.js';
import { requireColumns } from '../require-columns.js';

const COLUMNS = ['object_id', 'account_id', 'content_id', 'timestamp_share'];

/**
 * Each row is one share (`content_id`) by `account_id` of the shared object `object_id`. The post
 * id is `content_id@object_id`: real CooRTweet data has content ids that share two objects
 * (40 in `russian_coord_tweets`), and each such row is a share of its own object.
 */
export const coortweet: IngestAdapter = {
  format: 'coortweet',
  recognize: (sample: FileSample) => COLUMNS.every((c) => sample.header?.includes(c)),
  read(sample, context) {
    requireColumns(sample, COLUMNS, 'coortweet');
    const platform = context.platform ?? 'unknown';
    return csvItems(sample, context, (row) => {
      const accountId = required(row.get('account_id'), 'account_id');
      const objectId = required(row.get('object_id'), 'object_id');
      return {
        post: buildPost({
          platform,
          postId: `${required(row.get('content_id'), 'content_id')}@${objectId}`,
          accountId,
          createdAt: instant(row.get('timestamp_share'), 'timestamp_share', { timezone: 'UTC' }),
          kind: 'share',
          sharedPostId: objectId,
        }),
      };
    });
  },
};
