// The SQL of characterization: one temp table of group members (ch_m) and the per-group facts the
// profiles are built from. Every query groups by `grp` so all groups are profiled in one pass.
import type { Store } from '../store/index.js';
import { dropTables, listItems, rows, scalar } from '../store/index.js';
import { stopWords } from './stop-words.js';

/** A member of an analyst-given or detected group. */
export interface GroupMember {
  readonly platform: string;
  readonly accountId: string;
  readonly group: string;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * Stages the groups: the given members, or the detected clusters (not the 'small' ones) as
 * `cluster-<id>`. Returns the number of members and those that have no account and no posts.
 */
export async function stageGroups(
  store: Store,
  members: readonly GroupMember[] | null,
): Promise<{ members: number; unknown: GroupMember[] }> {
  const c = store.connection;
  await c.run(
    'CREATE OR REPLACE TEMP TABLE ch_m (platform VARCHAR, account_id VARCHAR, grp VARCHAR)',
  );
  if (members === null) {
    await c.run(`INSERT INTO ch_m SELECT m.platform, m.account_id, 'cluster-' || m.cluster_id
      FROM cluster_members m JOIN clusters k ON k.cluster_id = m.cluster_id WHERE k.category <> 'small'`);
  } else {
    const a = await c.createAppender('ch_m');
    for (const m of members) {
      a.appendVarchar(m.platform);
      a.appendVarchar(m.accountId);
      a.appendVarchar(m.group);
      a.endRow();
    }
    a.closeSync();
  }
  // `mid` numbers the distinct accounts (the same in every group an account is in).
  await c.run(`CREATE OR REPLACE TEMP TABLE ch_m AS
    SELECT *, CAST(dense_rank() OVER (ORDER BY platform, account_id) AS INTEGER) AS mid FROM (SELECT DISTINCT * FROM ch_m)`);
  const unknown = (
    await rows(
      store,
      `SELECT platform, account_id, grp FROM ch_m m
       WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = m.platform AND a.account_id = m.account_id)
         AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = m.platform AND p.account_id = m.account_id)
       ORDER BY ALL`,
    )
  ).map((r) => ({ platform: str(r[0]), accountId: str(r[1]), group: str(r[2]) }));
  // Per member: posts (a view: copying the members' posts, texts and lists, cost more than every
  // query that reads them) and activity facts (for the automation check).
  await c.run('DROP VIEW IF EXISTS ch_p');
  await c.run(`CREATE TEMP VIEW ch_p AS
    SELECT m.grp, m.mid, p.* FROM ch_m m JOIN posts p ON p.platform = m.platform AND p.account_id = m.account_id`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ch_facts AS
    WITH g AS (SELECT mid, created_at,
        epoch(created_at) - epoch(lag(created_at) OVER (PARTITION BY mid ORDER BY created_at)) AS gap
        FROM posts p JOIN (SELECT DISTINCT platform, account_id, mid FROM ch_m) m ON p.platform = m.platform AND p.account_id = m.account_id),
      f AS (SELECT mid, count(*) AS posts, count(DISTINCT hour(created_at)) AS hours,
        stddev_pop(gap) / nullif(avg(gap), 0) AS cv FROM g GROUP BY mid)
    SELECT m.grp, m.platform, m.account_id, f.* FROM ch_m m JOIN f USING (mid)`);
  return { members: await scalar(store, 'SELECT count(*) FROM ch_m'), unknown };
}

/** Drops the staging tables. */
export async function unstageGroups(store: Store): Promise<void> {
  await store.connection.run('DROP VIEW IF EXISTS ch_p');
  await dropTables(store, [
    'ch_m',
    'ch_p',
    'ch_facts',
    'ch_stop',
    'ch_tok',
    'ch_vocab',
    'ch_kinds',
    'ch_items',
  ]);
}

/** Per group: members, posts, first and last activity. */
export async function groupTotals(
  store: Store,
): Promise<
  Map<string, { accounts: number; posts: number; first: string | null; last: string | null }>
> {
  const out = new Map<
    string,
    { accounts: number; posts: number; first: string | null; last: string | null }
  >();
  for (const r of await rows(
    store,
    `SELECT m.grp, count(DISTINCT (m.platform, m.account_id)), count(p.post_id),
       strftime(min(p.created_at), '%Y-%m-%dT%H:%M:%SZ'), strftime(max(p.created_at), '%Y-%m-%dT%H:%M:%SZ')
     FROM ch_m m LEFT JOIN ch_p p ON p.grp = m.grp AND p.platform = m.platform AND p.account_id = m.account_id GROUP BY m.grp`,
  ))
    out.set(str(r[0]), {
      accounts: num(r[1]),
      posts: num(r[2]),
      first: r[3] === null ? null : str(r[3]),
      last: r[4] === null ? null : str(r[4]),
    });
  return out;
}

/** The automation rule as SQL over a `ch_facts` row (an account without gaps is not on a timer). */
function onTimer(
  facts: string,
  rule: { minPosts: number; minHoursOfDay: number; maxGapCv: number },
): string {
  return `(${facts}.posts >= ${rule.minPosts} AND ${facts}.hours >= ${rule.minHoursOfDay} AND coalesce(${facts}.cv, ${rule.maxGapCv} + 1) <= ${rule.maxGapCv})`;
}

/** Members on timers per group: at least `minPosts` posts in `minHours` hours of the day at gap CV ≤ `maxCv`. */
export async function automatedMembers(
  store: Store,
  rule: { minPosts: number; minHoursOfDay: number; maxGapCv: number },
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of await rows(
    store,
    `SELECT grp, count(*) FILTER (WHERE ${onTimer('ch_facts', rule)}) FROM ch_facts GROUP BY grp`,
  ))
    out.set(str(r[0]), num(r[1]));
  return out;
}

/**
 * Client apps that publish from a queue (their instants are when the queue fires, not when anyone
 * works): Buffer, Hootsuite, IFTTT, dlvr.it, twitterfeed, SocialFlow, Sprout Social, Zapier,
 * Sendible, CoSchedule, Publer, Later, as a case-insensitive regular expression on `client`.
 */
export const SCHEDULING_CLIENTS =
  '^(buffer|hootsuite|ifttt|dlvr\\.it|twitterfeed|socialflow|sprout ?social|zapier|sendible|coschedule|publer|later)\\b';

/**
 * Epoch ms of every action of a group's accounts that are not on timers, posts from scheduling
 * clients ({@link SCHEDULING_CLIENTS}) left out, and the same per member
 * (`platform:account_id` → its instants, in time order).
 */
export async function groupActionTimes(
  store: Store,
  group: string,
  rule: { minPosts: number; minHoursOfDay: number; maxGapCv: number },
): Promise<{ times: Float64Array; byMember: Map<string, Float64Array> }> {
  const names = new Map(
    (
      await store.connection.runAndReadAll(
        `SELECT mid, platform || ':' || account_id FROM ch_m WHERE grp = $1`,
        [group],
      )
    )
      .getRows()
      .map((r) => [Number(r[0]), str(r[1])]),
  );
  const reader = await store.connection.runAndReadAll(
    `SELECT p.mid, epoch_ms(p.created_at) FROM ch_p p JOIN ch_facts f ON f.grp = p.grp AND f.mid = p.mid
     WHERE p.grp = $1 AND NOT ${onTimer('f', rule)} AND NOT regexp_matches(lower(coalesce(p.client, '')), $2)
     ORDER BY 1, 2`,
    [group, SCHEDULING_CLIENTS],
  );
  const [mids = [], instants = []] = reader.getColumns();
  const times = Float64Array.from(instants, Number);
  const byMember = new Map<string, Float64Array>();
  let start = 0;
  for (let i = 0; i < mids.length; i++)
    if (i + 1 === mids.length || mids[i + 1] !== mids[i]) {
      byMember.set(names.get(Number(mids[i])) ?? '', times.slice(start, i + 1));
      start = i + 1;
    }
  return { times, byMember };
}

/** Per group: accounts by platform and asset type, their followers, follow edges, creation dates. */
export async function groupAssets(store: Store): Promise<{
  assets: Array<{
    group: string;
    platform: string;
    assetType: string;
    accounts: number;
    followers: number;
  }>;
  follows: Map<string, { recorded: number; inNetwork: number; followingInNetwork: number }>;
  created: Map<string, number[]>;
}> {
  const assets = (
    await rows(
      store,
      `SELECT m.grp, m.platform, coalesce(a.asset_type, 'account'), count(*), coalesce(sum(a.followers), 0)
       FROM ch_m m LEFT JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({
    group: str(r[0]),
    platform: str(r[1]),
    assetType: str(r[2]),
    accounts: num(r[3]),
    followers: num(r[4]),
  }));
  const follows = new Map<
    string,
    { recorded: number; inNetwork: number; followingInNetwork: number }
  >();
  for (const r of await rows(
    store,
    `SELECT m.grp, count(*), count(*) FILTER (WHERE f2.grp IS NOT NULL), count(DISTINCT (f.platform, f.follower_id)) FILTER (WHERE f2.grp IS NOT NULL)
     FROM follows f JOIN ch_m m ON m.platform = f.platform AND m.account_id = f.followed_id
       LEFT JOIN ch_m f2 ON f2.grp = m.grp AND f2.platform = f.platform AND f2.account_id = f.follower_id
     GROUP BY m.grp`,
  ))
    follows.set(str(r[0]), {
      recorded: num(r[1]),
      inNetwork: num(r[2]),
      followingInNetwork: num(r[3]),
    });
  const created = new Map<string, number[]>();
  for (const r of await rows(
    store,
    `SELECT m.grp, list(epoch_ms(a.created_at) ORDER BY a.created_at) FROM ch_m m JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id
     WHERE a.created_at IS NOT NULL GROUP BY m.grp`,
  ))
    created.set(str(r[0]), listItems(r[1]).map(Number));
  return { assets, follows, created };
}

/** Per group: posts by language ('und' where the export gives none). */
export async function groupLanguages(
  store: Store,
): Promise<Array<{ group: string; language: string; posts: number }>> {
  return (
    await rows(
      store,
      `SELECT grp, coalesce(nullif(language, ''), 'und'), count(*) FROM ch_p WHERE kind NOT IN ('share', 'reaction') AND text IS NOT NULL GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({ group: str(r[0]), language: str(r[1]), posts: num(r[2]) }));
}

/** Per group: sample texts without a language (for script detection). */
export async function groupUndeterminedTexts(
  store: Store,
  limit: number,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await rows(
    store,
    `SELECT grp, list(text ORDER BY post_id)[1:${limit}] FROM ch_p WHERE kind NOT IN ('share', 'reaction') AND text IS NOT NULL AND coalesce(language, '') = '' GROUP BY grp`,
  ))
    out.set(str(r[0]), listItems(r[1]).map(String));
  return out;
}

/** Engagement with a group's posts (replies, comments, reactions, shares, quotes) from inside and outside. */
export async function groupEngagement(store: Store): Promise<
  Map<
    string,
    {
      total: number;
      inside: number;
      outsideAccounts: number;
      reported: number;
      /** Engagements by the group the engaging account belongs to ('' for none). */
      byGroup: Map<string, number>;
    }
  >
> {
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE ch_hit AS
    WITH e AS (
        SELECT platform, account_id, parent_post_id AS target FROM posts WHERE parent_post_id IS NOT NULL
        UNION ALL SELECT platform, account_id, shared_post_id FROM posts WHERE shared_post_id IS NOT NULL)
    SELECT g.grp, e.platform, e.account_id, (me.grp IS NOT NULL) AS inside,
      (SELECT min(o.grp) FROM ch_m o WHERE o.platform = e.platform AND o.account_id = e.account_id) AS engager_grp
    FROM e JOIN ch_p g ON g.platform = e.platform AND g.post_id = e.target
      LEFT JOIN ch_m me ON me.grp = g.grp AND me.platform = e.platform AND me.account_id = e.account_id
    WHERE NOT (e.platform = g.platform AND e.account_id = g.account_id)`);
  try {
    const out = new Map<
      string,
      {
        total: number;
        inside: number;
        outsideAccounts: number;
        reported: number;
        byGroup: Map<string, number>;
      }
    >();
    for (const r of await rows(
      store,
      `SELECT g.grp, coalesce(h.total, 0), coalesce(h.inside, 0), coalesce(h.outside_accounts, 0), coalesce(g.reported, 0)
       FROM (SELECT grp, sum(coalesce(shares, 0) + coalesce(comments, 0) + coalesce(reactions, 0)) AS reported FROM ch_p GROUP BY grp) g
         LEFT JOIN (SELECT grp, count(*) AS total, count(*) FILTER (WHERE inside) AS inside,
             count(DISTINCT (platform, account_id)) FILTER (WHERE NOT inside) AS outside_accounts FROM ch_hit GROUP BY grp) h ON h.grp = g.grp`,
    ))
      out.set(str(r[0]), {
        total: num(r[1]),
        inside: num(r[2]),
        outsideAccounts: num(r[3]),
        reported: num(r[4]),
        byGroup: new Map(),
      });
    for (const r of await rows(
      store,
      `SELECT grp, coalesce(engager_grp, ''), count(*) FROM ch_hit GROUP BY ALL`,
    ))
      out.get(str(r[0]))?.byGroup.set(str(r[1]), num(r[2]));
    return out;
  } finally {
    await dropTables(store, ['ch_hit']);
  }
}

/** A narrative item of a group: what it is, how often, by how many accounts, lift over the case. */
export interface NarrativeItem {
  readonly group: string;
  readonly kind: 'hashtag' | 'domain' | 'url' | 'term';
  readonly value: string;
  readonly posts: number;
  readonly accounts: number;
  readonly lift: number;
}

/** Loads the stop words of every language ({@link stopWords}) into `ch_stop(w)`, once per run. */
async function loadStopWords(store: Store): Promise<void> {
  const c = store.connection;
  await c.run('CREATE OR REPLACE TEMP TABLE ch_stop (w VARCHAR PRIMARY KEY)');
  const a = await c.createAppender('ch_stop');
  for (const w of stopWords()) {
    a.appendVarchar(w);
    a.endRow();
  }
  a.closeSync();
}

/**
 * The case's corpus statistics, computed once per run and read by {@link groupNarratives} and
 * {@link groupWords}: every post (shares and reactions left out) is split once into its items —
 * hashtags, domains, URLs and words (`term`: runs of letters of the text without its URLs, 4–24
 * letters, no stop word of any language) — kept for the groups' members in `ch_items` (group,
 * account, whether the post is English or unlabelled, kind, value), and counted for the whole
 * case in `ch_vocab` (kind, value, uses) and `ch_kinds` (kind, uses). Before, each narrative kind
 * and the misspellings split every text of the case again (five splits of each text).
 */
export async function stageCorpus(store: Store): Promise<void> {
  const c = store.connection;
  await loadStopWords(store);
  await c.run(`CREATE OR REPLACE TEMP TABLE ch_tok AS
    WITH p AS (SELECT m.mid, coalesce(p.language, 'en') = 'en' AS en, p.hashtags, p.domains, p.urls,
        regexp_split_to_array(regexp_replace(coalesce(p.text_norm, ''), '(https?://|www[.])\\S+', ' ', 'g'), '[^\\p{L}]+') AS words
      FROM posts p LEFT JOIN (SELECT DISTINCT platform, account_id, mid FROM ch_m) m ON m.platform = p.platform AND m.account_id = p.account_id
      WHERE p.kind NOT IN ('share', 'reaction'))
    SELECT mid, en, kind, v, count(*) AS uses FROM (
      SELECT mid, en, 'hashtag' AS kind, unnest(hashtags) AS v FROM p
      UNION ALL SELECT mid, en, 'domain', unnest(domains) FROM p
      UNION ALL SELECT mid, en, 'url', unnest(urls) FROM p
      UNION ALL SELECT mid, en, 'term', v FROM (SELECT mid, en, unnest(words) AS v FROM p)
        WHERE length(v) BETWEEN 4 AND 24 AND v NOT IN (SELECT w FROM ch_stop))
    GROUP BY ALL`);
  await c.run(
    'CREATE OR REPLACE TEMP TABLE ch_vocab AS SELECT kind, v, CAST(sum(uses) AS BIGINT) AS n FROM ch_tok GROUP BY ALL',
  );
  await c.run(
    'CREATE OR REPLACE TEMP TABLE ch_kinds AS SELECT kind, sum(n) AS n FROM ch_vocab GROUP BY ALL',
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE ch_items AS
    SELECT m.grp, t.mid, t.en, t.kind, t.v, CAST(sum(t.uses) AS BIGINT) AS uses
    FROM ch_tok t JOIN ch_m m ON m.mid = t.mid GROUP BY ALL`);
  await dropTables(store, ['ch_tok']);
}

/**
 * Per group: hashtags, domains, URLs and words used by ≥ 2 of its accounts, with their lift; words
 * leave out URLs and the stop words of every language. Reads the corpus statistics of
 * {@link stageCorpus}.
 */
export async function groupNarratives(store: Store, perKind: number): Promise<NarrativeItem[]> {
  return (
    await rows(
      store,
      `WITH gt AS (SELECT grp, kind, sum(uses) AS n FROM ch_items GROUP BY ALL),
        gv AS (SELECT grp, kind, v, sum(uses) AS n, count(DISTINCT mid) AS accts FROM ch_items
          GROUP BY ALL HAVING count(DISTINCT mid) >= 2),
        scored AS (SELECT gv.grp, gv.kind, gv.v, gv.n, gv.accts, (gv.n / gt.n) / (allv.n / tot.n) AS lift
          FROM gv JOIN gt USING (grp, kind) JOIN ch_vocab allv USING (kind, v) JOIN ch_kinds tot USING (kind))
       SELECT grp, kind, v, n, accts, lift FROM (
         SELECT *, row_number() OVER (PARTITION BY grp, kind ORDER BY n * ln(greatest(lift, 1.0001)) DESC, v) AS rk FROM scored WHERE lift > 1)
       WHERE rk <= ${perKind} ORDER BY grp, CASE kind WHEN 'hashtag' THEN 0 WHEN 'domain' THEN 1 WHEN 'url' THEN 2 ELSE 3 END, rk`,
    )
  ).map((r) => ({
    group: str(r[0]),
    kind: str(r[1]) as NarrativeItem['kind'],
    value: str(r[2]),
    posts: num(r[3]),
    accounts: num(r[4]),
    lift: Math.round(num(r[5]) * 10) / 10,
  }));
}

/** A group's quoted message: its text, reach in the group and the accounts outside that post it too. */
export interface SampleText {
  readonly group: string;
  readonly text: string;
  /** Accounts of the group that posted it. */
  readonly accounts: number;
  /** Accounts of the case outside every profiled group that posted it (0 for the operation's own). */
  readonly outsideAccounts: number;
  readonly language: string;
}

/**
 * Least share of a text's accounts that must be inside the group for it to be quoted: a text
 * family organic accounts post as much as the group does is filler, not the group's message.
 */
export const SAMPLE_MIN_INSIDE_SHARE = 0.5;
/**
 * Texts of a group weighed for quoting: its most posted ones (by accounts). A text's score is at
 * most its reach, so the ranking is exact unless more than this many texts tie above the fifth.
 */
const SAMPLE_CANDIDATES = 200;

/**
 * Per group: its messages, ranked by reach in the group (accounts that posted the text) times
 * distinctiveness against the rest of the case (the share of all accounts posting it that are in
 * the group), among its {@link SAMPLE_CANDIDATES} most posted texts; texts organic accounts post
 * as often ({@link SAMPLE_MIN_INSIDE_SHARE}) are left out.
 * "Outside" is every account in no profiled group, so the groups of one operation do not count
 * against each other.
 */
export async function groupSampleTexts(store: Store, perGroup: number): Promise<SampleText[]> {
  return (
    await rows(
      store,
      `WITH t AS (
         SELECT grp, text_norm, any_value(text ORDER BY post_id) AS text, count(DISTINCT (platform, account_id)) AS accts,
           mode(coalesce(language, 'und')) AS lang
         FROM ch_p WHERE text_norm IS NOT NULL AND length(text_norm) >= 20 AND kind NOT IN ('share', 'reaction') GROUP BY grp, text_norm),
       -- A text's score is at most its reach: the most posted ${SAMPLE_CANDIDATES} of each group are the candidates.
       c AS (SELECT * EXCLUDE (rk0) FROM (
         SELECT *, row_number() OVER (PARTITION BY grp ORDER BY accts DESC, text) AS rk0 FROM t) WHERE rk0 <= ${SAMPLE_CANDIDATES}),
       outside AS (
         SELECT p.text_norm, count(DISTINCT (p.platform, p.account_id)) AS n FROM posts p
         WHERE p.text_norm IN (SELECT text_norm FROM c) AND p.kind NOT IN ('share', 'reaction')
           AND NOT EXISTS (SELECT 1 FROM ch_m m WHERE m.platform = p.platform AND m.account_id = p.account_id)
         GROUP BY p.text_norm),
       scored AS (
         SELECT t.*, coalesce(o.n, 0) AS outside_n, t.accts / (t.accts + coalesce(o.n, 0)) AS inside_share
         FROM c t LEFT JOIN outside o USING (text_norm))
       SELECT grp, text, accts, outside_n, lang FROM (
         SELECT *, row_number() OVER (PARTITION BY grp ORDER BY accts * inside_share DESC, accts DESC, text) AS rk
         FROM scored WHERE inside_share >= ${SAMPLE_MIN_INSIDE_SHARE})
       WHERE rk <= ${perGroup} ORDER BY grp, rk`,
    )
  ).map((r) => ({
    group: str(r[0]),
    text: str(r[1]),
    accounts: num(r[2]),
    outsideAccounts: num(r[3]),
    language: str(r[4]),
  }));
}

/** Renamed accounts (more than one handle on record) with their handles in order. */
export async function groupRenames(
  store: Store,
): Promise<Array<{ group: string; platform: string; accountId: string; handles: string[] }>> {
  return (
    await rows(
      store,
      `SELECT grp, platform, account_id, list(handle ORDER BY seen, handle) FROM (
         SELECT m.grp, m.platform, m.account_id, n.handle, max(coalesce(n.last_seen, n.first_seen)) AS seen
         FROM ch_m m JOIN account_names n ON n.platform = m.platform AND n.account_id = m.account_id
         WHERE n.handle IS NOT NULL GROUP BY ALL)
       GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL`,
    )
  ).map((r) => ({
    group: str(r[0]),
    platform: str(r[1]),
    accountId: str(r[2]),
    handles: listItems(r[3]).map(String),
  }));
}

/**
 * Per account of a group: its dominant language and share of ad-like posts in the first and in the
 * last third of its posts (a switch marks a repurposed account).
 */
export async function groupHistories(store: Store): Promise<
  Array<{
    group: string;
    platform: string;
    accountId: string;
    early: string;
    late: string;
    earlyAds: number;
    lateAds: number;
    posts: number;
  }>
> {
  return (
    await rows(
      store,
      `WITH p AS (SELECT grp, platform, account_id, coalesce(language, 'und') AS lang,
          regexp_matches(coalesce(text, '') || ' ' || array_to_string(coalesce(domains, []), ' '), '(?i)(shop|store|sale|discount|buy now|free shipping|包邮|优惠|下单|特价|¥|￥)') AS ad,
          ntile(3) OVER (PARTITION BY grp, platform, account_id ORDER BY created_at, post_id) AS third
        FROM ch_p WHERE kind NOT IN ('share', 'reaction')),
      s AS (SELECT grp, platform, account_id, third, mode(lang) AS lang, avg(ad::INTEGER) AS ads, count(*) AS n FROM p GROUP BY ALL)
      SELECT a.grp, a.platform, a.account_id, a.lang, b.lang, a.ads, b.ads, a.n + b.n
      FROM s a JOIN s b ON b.grp = a.grp AND b.platform = a.platform AND b.account_id = a.account_id AND a.third = 1 AND b.third = 3
      ORDER BY ALL`,
    )
  ).map((r) => ({
    group: str(r[0]),
    platform: str(r[1]),
    accountId: str(r[2]),
    early: str(r[3]),
    late: str(r[4]),
    earlyAds: num(r[5]),
    lateAds: num(r[6]),
    posts: num(r[7]),
  }));
}

/** A word of a group's posts: how many of its accounts use it, how often, and uses outside. */
export interface GroupWord {
  readonly group: string;
  readonly word: string;
  readonly accounts: number;
  readonly uses: number;
  readonly outsideUses: number;
}

/**
 * Words of each group's English (or unlabelled) posts used by ≥ `minAccounts` of its accounts, with
 * their use outside it: the lowercase a–z words of 5–20 letters among the corpus statistics of
 * {@link stageCorpus} (no URL parts, no stop words).
 */
export async function groupWords(store: Store, minAccounts: number): Promise<GroupWord[]> {
  return (
    await rows(
      store,
      `WITH gw AS (SELECT grp, v, count(DISTINCT mid) FILTER (WHERE en) AS accts,
          coalesce(sum(uses) FILTER (WHERE en), 0) AS uses, sum(uses) AS all_uses
        FROM ch_items WHERE kind = 'term' AND length(v) BETWEEN 5 AND 20 AND regexp_full_match(v, '[a-z]+')
        GROUP BY ALL HAVING count(DISTINCT mid) FILTER (WHERE en) >= ${minAccounts})
      SELECT gw.grp, gw.v, gw.accts, gw.uses, vocab.n - gw.all_uses
      FROM gw JOIN ch_vocab vocab ON vocab.kind = 'term' AND vocab.v = gw.v ORDER BY ALL`,
    )
  ).map((r) => ({
    group: str(r[0]),
    word: str(r[1]),
    accounts: num(r[2]),
    uses: num(r[3]),
    outsideUses: num(r[4]),
  }));
}

/** Links between groups: shared observation values and near-duplicate or co-share edges across them. */
export async function crossGroupLinks(
  store: Store,
): Promise<Array<{ a: string; b: string; kind: string; count: number; sample: string[] }>> {
  return (
    await rows(
      store,
      `WITH infra AS (
          SELECT ma.grp AS a, mb.grp AS b, 'shared-infrastructure' AS kind, count(DISTINCT oa.kind || ':' || oa.value) AS n,
            list(DISTINCT oa.kind || ':' || oa.value ORDER BY oa.kind || ':' || oa.value)[1:5] AS sample
          FROM observations oa JOIN observations ob ON ob.kind = oa.kind AND ob.value = oa.value
            JOIN ch_m ma ON ma.platform = oa.platform AND ma.account_id = oa.account_id
            JOIN ch_m mb ON mb.platform = ob.platform AND mb.account_id = ob.account_id
          WHERE ma.grp < mb.grp AND oa.kind IN ('ip', 'device', 'email_domain', 'phone', 'payment')
            AND (SELECT count(DISTINCT (o.platform, o.account_id)) FROM observations o WHERE o.kind = oa.kind AND o.value = oa.value) <= 200
          GROUP BY ALL),
        between AS (
          SELECT least(ma.grp, mb.grp) AS a, greatest(ma.grp, mb.grp) AS b, e.signal AS kind, e.sid, e.pair
          FROM signal_edge_weights e JOIN ch_m ma ON ma.platform = e.platform_a AND ma.account_id = e.account_a
            JOIN ch_m mb ON mb.platform = e.platform_b AND mb.account_id = e.account_b
          WHERE ma.grp <> mb.grp AND e.signal IN ('near-duplicate-text', 'co-share:text', 'co-share:url', 'co-share:post')),
        samples AS (
          SELECT x.a, x.b, x.kind, list(DISTINCT v.value ORDER BY v.value)[1:5] AS sample
          FROM between x JOIN signal_evidence v ON v.sid = x.sid AND v.pair = x.pair AND v.rank <= 2 GROUP BY ALL),
        edges AS (
          SELECT x.a, x.b, x.kind, count(*) AS n, coalesce(any_value(s.sample), []) AS sample
          FROM between x LEFT JOIN samples s USING (a, b, kind) GROUP BY x.a, x.b, x.kind)
      SELECT * FROM infra UNION ALL SELECT * FROM edges ORDER BY ALL`,
    )
  ).map((r) => ({
    a: str(r[0]),
    b: str(r[1]),
    kind: str(r[2]),
    count: num(r[3]),
    sample: listItems(r[4]).map(String),
  }));
}

/** Members' handles, URLs and domains that match imported indicators (meta-ioc), by network. */
export async function indicatorMatches(
  store: Store,
): Promise<
  Array<{ group: string; network: string; kind: string; matches: number; sample: string[] }>
> {
  // Most cases hold no indicators: then the members' handles, URLs and texts are not listed at all.
  if (
    (await scalar(
      store,
      "SELECT count(*) FROM indicators WHERE kind IN ('account', 'url', 'domain', 'text')",
    )) === 0
  )
    return [];
  return (
    await rows(
      store,
      `WITH mine AS (
          SELECT m.grp, 'account' AS k, m.platform AS p, lower(a.handle) AS v FROM ch_m m JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id WHERE a.handle IS NOT NULL
          UNION SELECT grp, 'url', NULL, lower(unnest(urls)) FROM ch_p
          UNION SELECT grp, 'domain', NULL, regexp_replace(lower(unnest(domains)), '^www[.]', '') FROM ch_p
          UNION SELECT grp, 'text', NULL, lower(trim(text_norm)) FROM ch_p WHERE length(text_norm) >= 20),
        known AS (SELECT network, kind, platform,
            CASE kind WHEN 'domain' THEN regexp_replace(lower(trim(value)), '^www[.]', '') ELSE lower(trim(value)) END AS v
          FROM indicators WHERE kind IN ('account', 'url', 'domain', 'text'))
       SELECT mine.grp, known.network, mine.k, count(DISTINCT mine.v), list(DISTINCT mine.v ORDER BY mine.v)[1:5]
       FROM mine JOIN known ON known.kind = mine.k AND known.v = mine.v AND (mine.k <> 'account' OR known.platform IS NULL OR known.platform = mine.p)
       GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({
    group: str(r[0]),
    network: str(r[1]),
    kind: str(r[2]),
    matches: num(r[3]),
    sample: listItems(r[4]).map(String),
  }));
}
