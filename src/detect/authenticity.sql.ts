// The SQL of the authenticity check: per detected cluster, the facts that tell coordination by
// fake or centrally run accounts from coordination among real people (docs/detection.md).
import type { Store } from '../store/index.js';
import { dropTables } from '../store/index.js';
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
): Promise<Map<number, Omit<ClusterIndicators, 'sharedInfrastructureMembers'>>> {
  const c = store.connection;
  const out = new Map<number, Omit<ClusterIndicators, 'sharedInfrastructureMembers'>>();
  if (members.length === 0) return out;
  await c.run('CREATE OR REPLACE TEMP TABLE auth_in (i INTEGER, cluster INTEGER)');
  const appender = await c.createAppender('auth_in');
  for (const m of members) {
    appender.appendInteger(m.account);
    appender.appendInteger(m.cluster);
    appender.endRow();
  }
  appender.closeSync();
  const { shiftHours, batchDays } = AUTHENTICITY;
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE auth_m AS
      SELECT d.platform, d.account_id, m.cluster FROM auth_in m JOIN det_acc d USING (i)`);
    // The account a share, reply or quote amplifies (its own posts aside).
    await c.run(`CREATE OR REPLACE TEMP TABLE auth_p AS
      SELECT m.cluster, p.platform, p.account_id, hour(timezone('UTC', p.created_at)) AS h,
        nullif(coalesce(p.shared_account_id, p.parent_account_id), p.account_id) AS target
      FROM posts p JOIN auth_m m USING (platform, account_id)`);
    const reader = await c.runAndReadAll(`
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
  } finally {
    await dropTables(store, ['auth_in', 'auth_m', 'auth_p']);
  }
}
