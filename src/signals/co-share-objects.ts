// What each co-share signal counts as the shared object, as SQL over `posts`.

/** The object a co-share signal is about, as SQL over `posts` (one row per message and object). */
export interface CoShareObject {
  /** Signal name, e.g. 'co-share:url'. */
  readonly signal: string;
  /**
   * SELECT list producing (platform, msg, row, acc, t, obj) rows from posts (row: the post's rowid);
   * obj may come from unnest.
   */
  readonly source: string;
  /** Whether a message can have several objects (an unnested list): then messages need ids. */
  readonly multi: boolean;
  /**
   * Whether most objects are shared once (texts): their occurrences are then grouped by a hash of
   * the object first and only the rows of hashes seen twice keep their strings (co-share.sql.ts).
   * Where most occurrences are shared (links, hashtags, posts), reading the source twice costs
   * more than it saves.
   */
  readonly rarelyShared?: boolean;
}

/** The object types co-sharing is computed for. */
export const CO_SHARE_OBJECTS: Readonly<Record<string, CoShareObject>> = {
  'co-share:post': {
    signal: 'co-share:post',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, platform || ':' || shared_post_id AS obj FROM posts WHERE shared_post_id IS NOT NULL`,
    multi: false,
  },
  'co-share:url': {
    signal: 'co-share:url',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, unnest(urls) AS obj FROM posts WHERE len(urls) > 0`,
    multi: true,
  },
  'co-share:domain': {
    signal: 'co-share:domain',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, unnest(domains) AS obj FROM posts WHERE len(domains) > 0`,
    multi: true,
  },
  'co-share:hashtag': {
    signal: 'co-share:hashtag',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, unnest(hashtags) AS obj FROM posts WHERE len(hashtags) > 0`,
    multi: true,
  },
  'co-share:media': {
    signal: 'co-share:media',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, unnest(media) AS obj FROM posts WHERE len(media) > 0`,
    multi: true,
  },
  // Replies and comments to the same parent post (comment flooding).
  'co-reply': {
    signal: 'co-reply',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, platform || ':' || parent_post_id AS obj FROM posts WHERE parent_post_id IS NOT NULL AND kind IN ('reply', 'comment')`,
    multi: false,
  },
  // Identical normalized text of 20+ characters, on posts that carry their own text.
  'co-share:text': {
    signal: 'co-share:text',
    source: `SELECT platform, post_id AS msg, rowid AS row, account_id AS acc, epoch_ms(created_at) AS t, text_norm AS obj FROM posts WHERE text_norm IS NOT NULL AND length(text_norm) >= 20 AND kind NOT IN ('share', 'reaction')`,
    multi: false,
    rarelyShared: true,
  },
};
