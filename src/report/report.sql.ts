// The report's SQL: a cluster's significant links and its daily activity.
import type { Store } from '../store/index.js';
import { listItems } from '../store/index.js';

type Row = readonly unknown[];
const rows = async (store: Store, sql: string): Promise<Row[]> =>
  (await store.connection.runAndReadAll(sql)).getRows();

/** Significant links between members of clusters: endpoints, −log10 q, signals. */
export async function clusterLinks(
  store: Store,
  onlyFlagged: boolean,
): Promise<Array<{ a: string; b: string; strength: number; signals: string[] }>> {
  return (
    await rows(
      store,
      `SELECT p.platform_a || ':' || p.account_a, p.platform_b || ':' || p.account_b, -log10(greatest(p.q_value, 1e-300)), p.signals
       FROM detect_pairs p
         JOIN cluster_members ma ON ma.platform = p.platform_a AND ma.account_id = p.account_a
         JOIN cluster_members mb ON mb.platform = p.platform_b AND mb.account_id = p.account_b
       ${onlyFlagged ? 'WHERE ma.flagged AND mb.flagged' : ''}
       ORDER BY ALL`,
    )
  ).map((r) => ({
    a: String(r[0]),
    b: String(r[1]),
    strength: Number(r[2]),
    signals: listItems(r[3]).map(String),
  }));
}

/** Actions per UTC day of each cluster's members. */
export async function clusterDailyActivity(
  store: Store,
): Promise<Array<{ cluster: number; day: string; posts: number }>> {
  return (
    await rows(
      store,
      `SELECT m.cluster_id, strftime(date_trunc('day', p.created_at), '%Y-%m-%d'), count(*)
       FROM cluster_members m JOIN posts p ON p.platform = m.platform AND p.account_id = m.account_id
       GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({ cluster: Number(r[0]), day: String(r[1]), posts: Number(r[2]) }));
}

/** How many posts the case holds and how many accounts posted them. */
export async function postTotals(store: Store): Promise<{ posts: number; accounts: number }> {
  const r = (
    await rows(
      store,
      'SELECT (SELECT count(*) FROM posts), (SELECT count(DISTINCT (platform, account_id)) FROM posts)',
    )
  )[0];
  return { posts: Number(r?.[0] ?? 0), accounts: Number(r?.[1] ?? 0) };
}
