// CrowdTangle and Meta Content Library CSV exports of Facebook Pages, Groups and Instagram accounts.
import { InputError } from '../../core/index.js';
import type { AssetType } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { FileSample, IngestAdapter } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost, hashtagsInText, urlsInText } from '../build-post.js';
import type { CsvRow } from '../csv/csv-rows.js';
import { csvItems } from '../csv/csv-rows.js';
import { instant, optional, optionalCount, optionalInstant } from '../fields.js';

// Meta Content Library owner types → asset types.
const MCL_ASSET: Readonly<Record<string, AssetType>> = {
  page: 'page',
  group: 'group',
  profile: 'account',
  user: 'account',
};

/** CrowdTangle (`Post Created`, `Page Name` | `Group Name` | `Account`) or MCL (`post_owner.id`). */
export const crowdtangle: IngestAdapter<'crowdtangle'> = {
  format: 'crowdtangle',
  recognize: (sample: FileSample) => {
    const h = sample.header ?? [];
    return (
      (h.includes('post created') &&
        ['page name', 'group name', 'account', 'facebook id'].some((c) => h.includes(c))) ||
      h.includes('post_owner.id')
    );
  },
  read(sample, context) {
    const h = sample.header ?? [];
    const mcl = h.includes('post_owner.id');
    if (!mcl && !h.includes('post created'))
      throw new InputError(
        `${sample.path}: line 1: missing column 'Post Created' required by format crowdtangle`,
      );
    return csvItems(sample, context, (row) =>
      mcl ? mapMcl(row, context) : mapCrowdTangle(row, context),
    );
  },
};

function mapCrowdTangle(row: CsvRow, context: { timezone: string | null }) {
  const instagram = row.has('account') && !row.has('page name') && !row.has('group name');
  const assetType: AssetType = instagram
    ? 'instagram_account'
    : row.has('group name')
      ? 'group'
      : 'page';
  const platform = instagram ? 'instagram' : 'facebook';
  const handle = optional(row.get('user name'));
  const accountId = row.get('facebook id') || handle;
  if (!accountId) throw new RowError('facebook id', "missing 'Facebook Id' and 'User Name'");
  const createdAt = instant(row.get('post created'), 'post created', context);
  const text = optional(row.get('message')) ?? optional(row.get('description'));
  const links = [row.get('final link'), row.get('link')].filter((l) => l !== '');
  const postUrl = row.get('url');
  if (!postUrl) throw new RowError('url', "missing 'URL' (the post's address, used as its id)");
  const reactions = ['likes', 'love', 'wow', 'haha', 'sad', 'angry', 'care'].reduce<number | null>(
    (sum, c) => {
      const n = optionalCount(row.get(c), c);
      return n === null ? sum : (sum ?? 0) + n;
    },
    null,
  );
  return {
    post: buildPost({
      platform,
      postId: postUrl,
      accountId,
      createdAt,
      kind: 'post',
      text,
      urls: [...links, ...(text ? urlsInText(text) : [])],
      hashtags: text ? hashtagsInText(text) : [],
      client: optional(row.get('type')),
      shares: optionalCount(row.get('shares'), 'shares'),
      comments: optionalCount(row.get('comments'), 'comments'),
      reactions,
      views: optionalCount(row.get('post views') || row.get('views'), 'views'),
    }),
    account: account({
      platform,
      accountId,
      handle,
      displayName: optional(
        row.get(instagram ? 'account' : assetType === 'group' ? 'group name' : 'page name'),
      ),
      assetType,
      followers: optionalCount(
        row.get('followers at posting') || row.get('likes at posting'),
        'followers at posting',
      ),
      createdAt: optionalInstant(row.get('page created'), 'page created', context),
      reportedLocation: optional(row.get('page admin top country')),
      description: optional(row.get('page description')),
      seenAt: createdAt,
    }),
  };
}

function mapMcl(row: CsvRow, context: { timezone: string | null }) {
  const ownerType = row.get('post_owner.type').toLowerCase();
  const assetType = MCL_ASSET[ownerType] ?? 'account';
  const platform =
    row.get('platform').toLowerCase() ||
    (row.has('post_owner.username') && !row.has('post_owner.type') ? 'instagram' : 'facebook');
  const accountId = row.get('post_owner.id');
  if (!accountId) throw new RowError('post_owner.id', 'missing post_owner.id');
  const postId = row.get('id');
  if (!postId) throw new RowError('id', 'missing id');
  const createdAt = instant(row.get('creation_time'), 'creation_time', context);
  const text = optional(row.get('text'));
  return {
    post: buildPost({
      platform,
      postId,
      accountId,
      createdAt,
      kind: 'post',
      text,
      language: optional(row.get('lang')),
      urls: [row.get('link_attachment.link'), ...(text ? urlsInText(text) : [])].filter(
        (l) => l !== '',
      ),
      hashtags: text ? hashtagsInText(text) : [],
      shares: optionalCount(row.get('statistics.share_count'), 'statistics.share_count'),
      comments: optionalCount(row.get('statistics.comment_count'), 'statistics.comment_count'),
      reactions: optionalCount(row.get('statistics.reaction_count'), 'statistics.reaction_count'),
      views: optionalCount(row.get('statistics.views'), 'statistics.views'),
    }),
    account: account({
      platform,
      accountId,
      handle: optional(row.get('post_owner.username')),
      displayName: optional(row.get('post_owner.name')),
      assetType,
      seenAt: createdAt,
    }),
  };
}
