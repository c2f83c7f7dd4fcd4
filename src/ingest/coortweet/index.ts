// CooRTweet's minimal format: object_id, account_id, content_id, timestamp_share (epoch seconds).
import type { FileSample, IngestAdapter } from '../adapter.js';
import { buildPost } from '../build-post.js';
import { csvItems } from '../csv/csv-rows.js';
import { instant, required } from '../fields.js';
import { requireColumns } from '../require-columns.js';

const COLUMNS = ['object_id', 'account_id', 'content_id', 'timestamp_share'];

/** Each row is one share (`content_id`) by `account_id` of the shared object `object_id`. */
export const coortweet: IngestAdapter = {
  format: 'coortweet',
  recognize: (sample: FileSample) => COLUMNS.every((c) => sample.header?.includes(c)),
  read(sample, context) {
    requireColumns(sample, COLUMNS, 'coortweet');
    const platform = context.platform ?? 'unknown';
    return csvItems(sample, context, (row) => {
      const accountId = required(row.get('account_id'), 'account_id');
      return {
        post: buildPost({
          platform,
          postId: required(row.get('content_id'), 'content_id'),
          accountId,
          createdAt: instant(row.get('timestamp_share'), 'timestamp_share', { timezone: 'UTC' }),
          kind: 'share',
          sharedPostId: required(row.get('object_id'), 'object_id'),
        }),
      };
    });
  },
};
