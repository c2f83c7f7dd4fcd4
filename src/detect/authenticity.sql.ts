// The SQL of the authenticity check: per detected cluster, the facts that tell coordination by
// fake or centrally run accounts from coordination among real people (docs/detection.md).
import { SIGNALS } from '../signals/index.js';
import type { Store } from '../store/index.js';
import { dropTables, rows, sqlString } from '../store/index.js';
import type { ClusterIndicators } from './authenticity.js';
import { AUTHENTICITY } from './authenticity.js';

/**
 * Returns, per cluster, the facts {@link authenticityOf} weighs: when its members act (busiest
 * hours of the day), when they were created, and whom their shares, replies and quotes amplify.
 * `members` are det_acc numbers (see numberAccounts) with their cluster. One pass over the
 * members' posts, one over the accounts table.
 */
export async function clusterIndicators(
  store: Store,
  members: ReadonlyArray<{ readonly account: number; readonly cluster: number }>,
): Promise<Map<number, MemberFacts>> {
  const out = new Map<number, MemberFacts>();
  if (members.length === 0) return out;
  try {
    await stageMembers(store, members);
    const activity = await activityFacts(store);
    const sources = await copySources(store);
    const publishers = await publisherAccounts(store);
    for (const [cluster, facts] of activity)
      out.set(cluster, {
        ...(sources.get(cluster) ?? NO_SOURCE),
        ...(publishers.get(cluster) ?? NO_PUBLISHER),
        ...facts,
      });
    return out;
  } finally {
    await dropTables(store, ['auth_in', 'auth_m', 'auth_p']);
  }
}

/**
 * Temp tables of the members (auth_m: platform, account_id, cluster) and of their posts (auth_p:
 * cluster, account, post id and time, UTC hour of day, and the account a share, reply or quote
 * amplifies, its own posts aside).
 */
async function stageMembers(
  store: Store,
  members: ReadonlyArray<{ readonly account: number; readonly cluster: number }>,
): Promise<void> {
  const c = store.connection;
  await c.run('CREATE OR REPLACE TEMP TABLE auth_in (i INTEGER, cluster INTEGER)');
  const appender = await c.createAppender('auth_in');
  for (const m of members) {
    appender.appendInteger(m.account);
    appender.appendInteger(m.cluster);
    appender.endRow();
  }
  appender.closeSync();
  await c.run(`CREATE OR REPLACE TEMP TABLE auth_m AS
    SELECT d.platform, d.account_id, m.cluster FROM auth_in m JOIN det_acc d USING (i)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE auth_p AS
    SELECT m.cluster, p.platform, p.account_id, p.post_id, p.created_at, hour(timezone('UTC', p.created_at)) AS h,
      nullif(coalesce(p.shared_account_id, p.parent_account_id), p.account_id) AS target
    FROM posts p JOIN auth_m m USING (platform, account_id)`);
}

/** The facts of {@link activityFacts}: activity, creation dates and amplification. */
type ActivityFacts = Omit<MemberFacts, keyof SourceFacts | keyof PublisherFacts>;

/**
 * Per cluster of auth_m/auth_p (in cluster order): its actions and those in its busiest
 * `shiftHours` of the day, its members with a creation date and the most created within
 * `batchDays` of each other, and whom its shares, replies and quotes amplify (inside the cluster
 * or out, the top outside source, members that amplify each other).
 */
async function activityFacts(store: Store): Promise<Map<number, ActivityFacts>> {
  const { shiftHours, batchDays } = AUTHENTICITY;
  const reader = await store.connection.runAndReadAll(`
    WITH hod AS (SELECT cluster, h, count(*) AS n FROM auth_p GROUP BY ALL),
    busiest AS (
      SELECT cluster, max(s) AS busiest FROM (
        SELECT a.cluster, a.h, sum(b.n) AS s FROM hod a JOIN hod b
          ON b.cluster = a.cluster AND (b.h - a.h + 24) % 24 < ${shiftHours} GROUP BY ALL)
      GROUP BY cluster),
    actions AS (SELECT cluster, sum(n) AS n FROM hod GROUP BY cluster),
    created AS (
      SELECT m.cluster, min(a.created_at) AS t FROM auth_m m
        JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id
      WHERE a.created_at IS NOT NULL GROUP BY m.cluster, m.platform, m.account_id),
    together AS (
      SELECT cluster, count(*) AS dated, max(k) AS together FROM (
        SELECT cluster, count(*) OVER (PARTITION BY cluster ORDER BY t
          RANGE BETWEEN CURRENT ROW AND INTERVAL ${batchDays} DAYS FOLLOWING) AS k FROM created)
      GROUP BY cluster),
    amp AS (
      SELECT p.cluster, p.account_id, p.target, t.account_id IS NOT NULL AS inside FROM auth_p p
        LEFT JOIN auth_m t ON t.platform = p.platform AND t.account_id = p.target AND t.cluster = p.cluster
      WHERE p.target IS NOT NULL),
    amps AS (SELECT cluster, count(*) AS n, count(*) FILTER (WHERE inside) AS inside FROM amp GROUP BY cluster),
    sources AS (
      SELECT cluster, arg_max(target, n ORDER BY target DESC) AS top, max(n) AS n FROM (
        SELECT cluster, target, count(*) AS n FROM amp WHERE NOT inside GROUP BY ALL)
      GROUP BY cluster),
    mutual AS (
      SELECT cluster, count(*) AS n FROM (
        SELECT DISTINCT cluster, account_id FROM amp WHERE inside
        INTERSECT SELECT DISTINCT cluster, target FROM amp WHERE inside)
      GROUP BY cluster)
    SELECT a.cluster, a.n, b.busiest, coalesce(t.dated, 0), coalesce(t.together, 0),
      coalesce(x.n, 0), coalesce(x.inside, 0), s.top, coalesce(s.n, 0), coalesce(mu.n, 0)
    FROM actions a JOIN busiest b USING (cluster) LEFT JOIN together t USING (cluster)
      LEFT JOIN amps x USING (cluster) LEFT JOIN sources s USING (cluster) LEFT JOIN mutual mu USING (cluster)
    ORDER BY a.cluster`);
  const out = new Map<number, ActivityFacts>();
  for (const r of reader.getRows())
    out.set(Number(r[0]), {
      actions: Number(r[1]),
      busiestHoursActions: Number(r[2]),
      datedMembers: Number(r[3]),
      createdTogether: Number(r[4]),
      amplifications: Number(r[5]),
      insideAmplifications: Number(r[6]),
      topSource: r[7] === null ? null : String(r[7]),
      topSourceAmplifications: Number(r[8]),
      mutualMembers: Number(r[9]),
    });
  return out;
}

/** What {@link clusterIndicators} finds; the shared-infrastructure count comes from the pairs. */
export type MemberFacts = Omit<ClusterIndicators, 'sharedInfrastructureMembers'>;

type SourceFacts = Pick<
  ClusterIndicators,
  'copySource' | 'copySourceFirst' | 'copySourceLate' | 'copySourceReach'
>;
const NO_SOURCE: SourceFacts = {
  copySource: null,
  copySourceFirst: 0,
  copySourceLate: 0,
  copySourceReach: 0,
};
type PublisherFacts = Pick<ClusterIndicators, 'publisherMembers' | 'publisherSites'>;
const NO_PUBLISHER: PublisherFacts = { publisherMembers: 0, publisherSites: [] };

/**
 * Per cluster of `auth_m`, the member the others copy: over the message pairs kept as evidence of
 * content links between two members (near-duplicate texts), who posted first; the source is the
 * account that came first to the most other members among those almost never second.
 */
async function copySources(store: Store): Promise<Map<number, SourceFacts>> {
  const content = SIGNALS.filter((s) => s.family === 'content').map((s) => sqlString(s.name));
  const out = new Map<number, SourceFacts>();
  if (content.length === 0) return out;
  const c = store.connection;
  try {
    // The message pairs of content links between two members of one cluster (few), then the
    // time of each of their posts, from the members' posts (auth_p) rather than a pass over all
    // posts (the largest statement of clustering at 1M posts): both posts of a pair are members'.
    await c.run(`CREATE OR REPLACE TEMP TABLE auth_copies AS
      WITH acc AS (
        SELECT e.sid, e.ak, m.cluster, m.platform, m.account_id FROM edge_accounts e
          JOIN edge_signals s ON s.sid = e.sid AND s.signal IN (${content.join(', ')})
          JOIN auth_m m ON m.platform = e.platform AND m.account_id = e.account_id)
      SELECT a.cluster, a.platform AS platform_a, a.account_id AS account_a, split_part(ep.posts, '~', 1) AS post_a,
        b.platform AS platform_b, b.account_id AS account_b, split_part(ep.posts, '~', 2) AS post_b
      FROM edge_rows r
        JOIN acc a ON a.sid = r.sid AND a.ak = r.a
        JOIN acc b ON b.sid = r.sid AND b.ak = r.b AND b.cluster = a.cluster
        JOIN edge_posts ep ON ep.sid = r.sid AND ep.pair = r.pair`);
    await c.run(`CREATE OR REPLACE TEMP TABLE auth_copy_times AS
      SELECT DISTINCT platform, post_id, created_at FROM auth_p
      WHERE post_id IN (SELECT post_a FROM auth_copies UNION SELECT post_b FROM auth_copies)`);
    const found = await rows(
      store,
      `WITH timed AS (
         SELECT x.cluster, x.account_a, x.account_b, ta.created_at AS ta, tb.created_at AS tb
         FROM auth_copies x
           JOIN auth_copy_times ta ON ta.platform = x.platform_a AND ta.post_id = x.post_a
           JOIN auth_copy_times tb ON tb.platform = x.platform_b AND tb.post_id = x.post_b
         WHERE ta.created_at <> tb.created_at),
       led AS (
         SELECT cluster, CASE WHEN ta < tb THEN account_a ELSE account_b END AS first,
           CASE WHEN ta < tb THEN account_b ELSE account_a END AS second FROM timed),
       byacc AS (
         SELECT cluster, account_id, sum(f)::INTEGER AS first_n, sum(1 - f)::INTEGER AS late_n FROM (
           SELECT cluster, first AS account_id, 1 AS f FROM led UNION ALL SELECT cluster, second, 0 FROM led)
         GROUP BY ALL),
       reach AS (SELECT cluster, first AS account_id, count(DISTINCT second)::INTEGER AS n FROM led GROUP BY ALL),
       best AS (
         SELECT b.cluster, arg_max(b.account_id, (r.n, b.first_n, b.account_id)) AS account_id,
           arg_max(b.first_n, (r.n, b.first_n, b.account_id)) AS first_n,
           arg_max(b.late_n, (r.n, b.first_n, b.account_id)) AS late_n, max(r.n) AS reach
         FROM byacc b JOIN reach r USING (cluster, account_id)
         WHERE b.late_n <= ${AUTHENTICITY.sourceLate} * (b.first_n + b.late_n)
         GROUP BY b.cluster)
       SELECT b.cluster, coalesce('@' || (SELECT any_value(a.handle) FROM accounts a JOIN auth_m m USING (platform, account_id)
           WHERE m.cluster = b.cluster AND a.account_id = b.account_id), b.account_id),
         b.first_n, b.late_n, b.reach
       FROM best b`,
    );
    for (const r of found)
      out.set(Number(r[0]), {
        copySource: String(r[1]),
        copySourceFirst: Number(r[2]),
        copySourceLate: Number(r[3]),
        copySourceReach: Number(r[4]),
      });
    return out;
  } finally {
    await dropTables(store, ['auth_copies', 'auth_copy_times']);
  }
}

/** Generic words of site names that say nothing about whose site it is. */
const GENERIC_SITE_WORDS = [
  'news',
  'daily',
  'times',
  'media',
  'press',
  'online',
  'today',
  'post',
  'info',
  'live',
  'world',
  'the',
];

/**
 * Per cluster of `auth_m`, the members that link almost only to one site whose name they carry
 * (`herald-news.example` and @herald_uk, "The Herald UK"): a publisher's own accounts.
 */
async function publisherAccounts(store: Store): Promise<Map<number, PublisherFacts>> {
  const { ownSiteShare, ownSiteLinks } = AUTHENTICITY;
  const generic = GENERIC_SITE_WORDS.map(sqlString).join(', ');
  const found = await rows(
    store,
    `WITH lp AS (
       SELECT m.cluster, m.platform, m.account_id,
         list_distinct(list_transform(p.domains, d -> regexp_replace(lower(d), '^(www|m|amp|mobile)\\.', ''))) AS sites
       FROM posts p JOIN auth_m m USING (platform, account_id) WHERE len(p.domains) > 0),
     tot AS (SELECT cluster, platform, account_id, count(*) AS links FROM lp GROUP BY ALL),
     per AS (SELECT cluster, platform, account_id, t.site, count(*) AS n FROM lp, unnest(lp.sites) AS t(site) GROUP BY ALL),
     share AS (
       SELECT p.cluster, p.platform, p.account_id, arg_max(p.site, (p.n, p.site)) AS site, max(p.n) AS own_links, any_value(t.links) AS links
       FROM per p JOIN tot t USING (cluster, platform, account_id) GROUP BY ALL),
     named AS (
       SELECT s.cluster, s.site FROM share s
         JOIN accounts a ON a.platform = s.platform AND a.account_id = s.account_id
       WHERE s.links >= ${ownSiteLinks} AND s.own_links >= ${ownSiteShare} * s.links
         AND EXISTS (
           SELECT 1 FROM unnest(list_append(string_split(split_part(s.site, '.', 1), '-'), replace(split_part(s.site, '.', 1), '-', ''))) AS w(word)
           WHERE (length(word) >= 4 AND word NOT IN (${generic}) OR word = replace(split_part(s.site, '.', 1), '-', '') AND length(word) >= 3)
             AND strpos(regexp_replace(lower(coalesce(a.handle, '') || ' ' || coalesce(a.display_name, '')), '[^a-z0-9]', '', 'g'), word) > 0))
     SELECT cluster, sum(n)::INTEGER, array_to_string(list(site ORDER BY n DESC, site)[1:3], ' ') FROM (
       SELECT cluster, site, count(*) AS n FROM named GROUP BY ALL)
     GROUP BY cluster`,
  );
  const out = new Map<number, PublisherFacts>();
  for (const r of found)
    out.set(Number(r[0]), {
      publisherMembers: Number(r[1]),
      publisherSites: String(r[2]).split(' '),
    });
  return out;
}
