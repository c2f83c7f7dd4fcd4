// The SQL behind reports and exports: stored profiles, members, significant links, daily activity.
import { accountKeysTo } from './edge-store.js';
import type { Store } from './open-store.js';
import { dropTables, listItems, sqlString } from './sql.js';

type Row = readonly unknown[];
const rows = async (store: Store, sql: string): Promise<Row[]> =>
  (await store.connection.runAndReadAll(sql)).getRows();

/** Replaces the stored profiles of the detected clusters (each kept whole, as JSON). */
export async function writeProfiles(
  store: Store,
  profiles: ReadonlyArray<{ id: string; operation: string }>,
): Promise<void> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    await c.run('DELETE FROM profiles');
    const a = await c.createAppender('profiles');
    for (const p of profiles) {
      a.appendVarchar(p.id);
      a.appendVarchar(p.operation);
      a.appendVarchar(JSON.stringify(p));
      a.endRow();
    }
    a.closeSync();
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The stored profiles (JSON text), by group id in cluster order. */
export async function readProfiles(
  store: Store,
): Promise<Array<{ id: string; operation: string; profile: string }>> {
  return (await rows(store, 'SELECT group_id, operation, profile FROM profiles')).map((r) => ({
    id: String(r[0]),
    operation: String(r[1]),
    profile: String(r[2]),
  }));
}

/** A member of a detected cluster with what the takedown list and graphs show about it. */
export interface MemberInfo {
  readonly platform: string;
  readonly accountId: string;
  readonly handle: string | null;
  readonly assetType: string;
  readonly cluster: number;
  readonly score: number;
  readonly flagged: boolean;
  readonly followers: number | null;
  readonly signals: string;
}

/** Members of all clusters (flagged or not), with their handles and the signals of their links. */
export async function clusterMembers(store: Store): Promise<MemberInfo[]> {
  return (
    await rows(
      store,
      `WITH links AS (
         SELECT platform, account, list(DISTINCT s ORDER BY s) AS sigs FROM (
           SELECT platform_a AS platform, account_a AS account, unnest(signals) AS s FROM detect_pairs
           UNION ALL SELECT platform_b, account_b, unnest(signals) FROM detect_pairs) GROUP BY ALL)
       SELECT m.platform, m.account_id, a.handle, coalesce(a.asset_type, 'account'), m.cluster_id, m.score, m.flagged, a.followers,
         array_to_string(coalesce(l.sigs, []), '|')
       FROM cluster_members m LEFT JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id
         LEFT JOIN links l ON l.platform = m.platform AND l.account = m.account_id
       ORDER BY m.cluster_id, m.score DESC, m.platform, m.account_id`,
    )
  ).map((r) => ({
    platform: String(r[0]),
    accountId: String(r[1]),
    handle: r[2] === null ? null : String(r[2]),
    assetType: String(r[3]),
    cluster: Number(r[4]),
    score: Number(r[5]),
    flagged: r[6] === true,
    followers: r[7] === null ? null : Number(r[7]),
    signals: String(r[8]),
  }));
}

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

/** The time of the case's newest post (ISO), a deterministic timestamp for exports. */
export async function caseEpoch(store: Store): Promise<string> {
  const r = await rows(
    store,
    `SELECT strftime(max(created_at), '%Y-%m-%dT%H:%M:%S.000Z') FROM posts`,
  );
  return r[0]?.[0] === null || r[0]?.[0] === undefined
    ? '1970-01-01T00:00:00.000Z'
    : String(r[0][0]);
}

/** Streams rows of a query in chunks (for exports of graphs too large for one array). */
export async function* streamRows(store: Store, sql: string): AsyncGenerator<unknown[][]> {
  const result = await store.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    yield chunk.getRows() as unknown[][];
  }
}

/** SQL of a graph export: its nodes and edges, and the count of its edges (the progress total). */
export interface GraphQueries {
  readonly nodes: string;
  readonly edges: string;
  /** One row, one column: the edges' count, without building them. */
  readonly edgeCount: string;
}

/**
 * SQL of the graph an export draws: nodes (id, label, platform, cluster, score, asset type) and
 * edges (source, target, weight, signals), each ordered by id. For every raw signal edge ('all')
 * it first stages temp tables (gx_*; {@link dropGraphTables} after): accounts numbered in id
 * order, each signal's account keys mapped to them, and the edges summed per account pair on those
 * integers, the signals as a bit mask. Grouped by names through `signal_edge_weights` with an
 * ordered string_agg, at 10M posts (37M edges, 23M pairs) the GraphML export took 135 s and 13 GB.
 */
export async function graphQueries(
  store: Store,
  edges: 'significant' | 'all',
): Promise<GraphQueries> {
  if (edges === 'significant')
    return {
      edgeCount: 'SELECT count(*) FROM detect_pairs',
      nodes: `SELECT m.platform || ':' || m.account_id, coalesce(a.handle, m.account_id), m.platform, m.cluster_id, m.score, coalesce(a.asset_type, 'account')
        FROM cluster_members m LEFT JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id ORDER BY 1`,
      edges: `SELECT platform_a || ':' || account_a, platform_b || ':' || account_b, -log10(greatest(q_value, 1e-300)), array_to_string(signals, '|')
        FROM detect_pairs ORDER BY 1, 2`,
    };
  const c = store.connection;
  // Every account of an edge is in edge_accounts, and only those (a signal writes the accounts
  // its edges use, and its rerun deletes them with its edges).
  await c.run(`CREATE OR REPLACE TEMP TABLE gx_acc AS
    SELECT platform, account_id, (row_number() OVER (ORDER BY platform || ':' || account_id))::INTEGER AS g
    FROM (SELECT DISTINCT platform, account_id FROM edge_accounts)`);
  await accountKeysTo(store, 'gx_ek', 'gx_acc', 'g');
  await c.run(`CREATE OR REPLACE TEMP TABLE gx_sig AS
    SELECT sid, signal, (row_number() OVER (ORDER BY signal) - 1)::INTEGER AS bit FROM edge_signals`);
  const signals = (await rows(store, 'SELECT signal, bit FROM gx_sig ORDER BY bit')).map((r) => [
    String(r[0]),
    Number(r[1]),
  ]);
  if (signals.length > 63) throw new Error(`graph export: ${signals.length} signals, at most 63`);
  await c.run(`CREATE OR REPLACE TEMP TABLE gx_e AS
    SELECT ka.num AS ga, kb.num AS gb, sum(r.weight) AS weight, bit_or(1::BIGINT << s.bit) AS mask
    FROM edge_rows r JOIN gx_sig s ON s.sid = r.sid JOIN gx_ek ka ON ka.ak = r.a JOIN gx_ek kb ON kb.ak = r.b
    GROUP BY ALL`);
  const names = signals.length
    ? `concat_ws('|', ${signals.map(([name, bit]) => `CASE WHEN (e.mask >> ${bit}) & 1 = 1 THEN ${sqlString(String(name))} END`).join(', ')})`
    : `''`;
  return {
    edgeCount: 'SELECT count(*) FROM gx_e',
    nodes: `SELECT g.platform || ':' || g.account_id, coalesce(acc.handle, g.account_id), g.platform, coalesce(m.cluster_id, 0), coalesce(m.score, 0), coalesce(acc.asset_type, 'account')
      FROM gx_acc g LEFT JOIN cluster_members m ON m.platform = g.platform AND m.account_id = g.account_id
        LEFT JOIN accounts acc ON acc.platform = g.platform AND acc.account_id = g.account_id ORDER BY g.g`,
    edges: `SELECT a.platform || ':' || a.account_id, b.platform || ':' || b.account_id, e.weight, ${names}
      FROM gx_e e JOIN gx_acc a ON a.g = e.ga JOIN gx_acc b ON b.g = e.gb ORDER BY e.ga, e.gb`,
  };
}

/** Drops the temp tables {@link graphQueries} stages. */
export async function dropGraphTables(store: Store): Promise<void> {
  await dropTables(store, ['gx_acc', 'gx_ek', 'gx_sig', 'gx_e']);
}
