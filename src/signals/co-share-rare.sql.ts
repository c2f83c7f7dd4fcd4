// co-share:rare — slow co-sharing of rare objects. Operators amplify minutes to hours after the
// seed post, not within seconds, and what they amplify is mostly seen only by their own accounts.
// A link shared by 1,000 people within two hours says nothing about any pair of them; one shared
// by four accounts within two hours, again and again, does. The tight co-share signals catch the
// same second; this one catches the slow amplification of things almost nobody else shares.
import type { Store } from '../store/index.js';
import { dropTables, EDGE_STAGE, scalar } from '../store/index.js';
import { writeExpected } from './null-model.sql.js';
import { replaceSignalRows } from './signal-io.sql.js';

/** Options of {@link computeRareCoShare}. */
export interface RareCoShareOptions {
  /** Largest |Δt| between the two shares, seconds; default 7200 (two hours). */
  readonly window: number;
  /** An object shared by more accounts than this in the case is not rare; default 20. */
  readonly maxAccounts: number;
  /** An object with more shares than this is not rare either (one account's slogan); default 200. */
  readonly maxShares: number;
  /** Smallest count of rare objects co-shared for an edge; default 1. */
  readonly minWeight: number;
  readonly evidenceLimit: number;
}

/** Defaults of {@link RareCoShareOptions}. */
export const RARE_CO_SHARE_DEFAULTS: RareCoShareOptions = {
  window: 7200,
  maxAccounts: 20,
  maxShares: 200,
  minWeight: 1,
  evidenceLimit: 20,
};

/**
 * The objects of every co-share type, one row per message and object, typed by a prefix so that
 * a URL and a hashtag never meet: shared posts, URLs, domains, hashtags, media, and identical
 * texts (20+ normalized characters) of posts that name no shared post. A retweet whose export
 * lacks the retweeted id still carries the retweeted text, which stands for the post.
 */
const OBJECTS = `
  SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t,
      'post:' || platform || ':' || shared_post_id AS obj
    FROM posts WHERE shared_post_id IS NOT NULL
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'url:' || unnest(urls) FROM posts WHERE len(urls) > 0
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'domain:' || unnest(domains) FROM posts WHERE len(domains) > 0
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'hashtag:' || unnest(hashtags) FROM posts WHERE len(hashtags) > 0
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'media:' || unnest(media) FROM posts WHERE len(media) > 0
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'text:' || text_norm FROM posts
    WHERE text_norm IS NOT NULL AND length(text_norm) >= 20 AND shared_post_id IS NULL AND kind <> 'reaction'`;

/**
 * Links accounts u ≠ v that shared the same rare object (at most `maxAccounts` accounts and
 * `maxShares` shares in the case) within `window` seconds of each other. Weight = distinct rare
 * objects co-shared; `observed` the same, tested against the co-share null (hour-of-week strata).
 * Writes the edges of 'co-share:rare'.
 */
export async function computeRareCoShare(
  store: Store,
  options: RareCoShareOptions,
): Promise<{ edges: number; items: number; skipped: number }> {
  const c = store.connection;
  const signal = 'co-share:rare';
  const windowMs = Math.round(options.window * 1000);
  try {
    return await replaceSignalRows(store, signal, options, async () => {
      // A shared post's object names its platform (post ids are per platform); the others do not.
      await c.run(`CREATE OR REPLACE TEMP TABLE rare_all AS ${OBJECTS}`);
      await c.run(`CREATE OR REPLACE TEMP TABLE rare_objects AS
        SELECT obj, count(DISTINCT (platform, acc)) AS accounts, count(*) AS shares FROM rare_all GROUP BY obj`);
      await c.run(`CREATE OR REPLACE TEMP TABLE rare_shares AS
        SELECT a.* FROM rare_all a JOIN rare_objects o USING (obj)
        WHERE o.accounts BETWEEN 2 AND ${options.maxAccounts} AND o.shares <= ${options.maxShares}`);
      // One matched pair per object and account pair: the closest two shares, and when.
      await c.run(`CREATE OR REPLACE TEMP TABLE rare_pairs AS
        SELECT a.obj, a.platform AS pa, a.acc AS ua, b.platform AS pb, b.acc AS ub,
          min(abs(a.t - b.t)) AS dt, min(least(a.t, b.t)) AS t, arg_min(a.msg || '~' || b.msg, abs(a.t - b.t)) AS msgs
        FROM rare_shares a JOIN rare_shares b
          ON a.obj = b.obj AND (a.platform, a.acc) < (b.platform, b.acc) AND abs(a.t - b.t) <= ${windowMs}
        GROUP BY ALL`);
      await c.run(`INSERT INTO ${EDGE_STAGE}
        SELECT '${signal}', pa, ua, pb, ub, count(*)::DOUBLE, NULL, NULL, avg(dt) / 1000,
          list(obj ORDER BY o.accounts, obj)[1:${options.evidenceLimit}],
          list(msgs ORDER BY o.accounts, obj)[1:${options.evidenceLimit}],
          count(*)::DOUBLE, NULL
        FROM rare_pairs JOIN rare_objects o USING (obj)
        GROUP BY pa, ua, pb, ub HAVING count(*) >= ${options.minWeight}`);
      // The co-share null: accounts reshuffled over the rare shares within hours of the week,
      // keeping each hour's matched pairs (docs/signals.md, "Significance").
      await writeExpected(store, signal, {
        occurrences: 'SELECT platform, acc, t FROM rare_shares',
        pairs: 'SELECT t, count(*) AS n FROM rare_pairs GROUP BY t',
        strata: 'hour-of-week',
      });
      const items = await scalar(store, 'SELECT count(*) FROM rare_objects WHERE accounts >= 2');
      const rare = await scalar(
        store,
        `SELECT count(*) FROM rare_objects WHERE accounts BETWEEN 2 AND ${options.maxAccounts} AND shares <= ${options.maxShares}`,
      );
      return { items, skipped: items - rare };
    });
  } finally {
    await dropTables(store, ['rare_all', 'rare_objects', 'rare_shares', 'rare_pairs']);
  }
}
