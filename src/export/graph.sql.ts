// The SQL of graph exports (GEXF, GraphML): nodes and edges of the significant pairs or of every
// signal edge, numbered and summed in temp tables first.
import type { Store } from '../store/index.js';
import { accountKeysTo, dropTables, rows, sqlString } from '../store/index.js';

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
 * it first stages temp tables (graph_*; {@link dropGraphTables} after): accounts numbered in id
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
  await c.run(`CREATE OR REPLACE TEMP TABLE graph_accounts AS
    SELECT platform, account_id, (row_number() OVER (ORDER BY platform || ':' || account_id))::INTEGER AS g
    FROM (SELECT DISTINCT platform, account_id FROM edge_accounts)`);
  await accountKeysTo(store, 'graph_edge_keys', 'graph_accounts', 'g');
  await c.run(`CREATE OR REPLACE TEMP TABLE graph_signal_bits AS
    SELECT sid, signal, (row_number() OVER (ORDER BY signal) - 1)::INTEGER AS bit FROM edge_signals`);
  const signals = (await rows(store, 'SELECT signal, bit FROM graph_signal_bits ORDER BY bit')).map(
    (r) => [String(r[0]), Number(r[1])],
  );
  if (signals.length > 63) throw new Error(`graph export: ${signals.length} signals, at most 63`);
  await c.run(`CREATE OR REPLACE TEMP TABLE graph_edges AS
    SELECT ka.num AS ga, kb.num AS gb, sum(r.weight) AS weight, bit_or(1::BIGINT << s.bit) AS mask
    FROM edge_rows r JOIN graph_signal_bits s ON s.sid = r.sid JOIN graph_edge_keys ka ON ka.ak = r.a JOIN graph_edge_keys kb ON kb.ak = r.b
    GROUP BY ALL`);
  const names = signals.length
    ? `concat_ws('|', ${signals.map(([name, bit]) => `CASE WHEN (e.mask >> ${bit}) & 1 = 1 THEN ${sqlString(String(name))} END`).join(', ')})`
    : `''`;
  return {
    edgeCount: 'SELECT count(*) FROM graph_edges',
    nodes: `SELECT g.platform || ':' || g.account_id, coalesce(acc.handle, g.account_id), g.platform, coalesce(m.cluster_id, 0), coalesce(m.score, 0), coalesce(acc.asset_type, 'account')
      FROM graph_accounts g LEFT JOIN cluster_members m ON m.platform = g.platform AND m.account_id = g.account_id
        LEFT JOIN accounts acc ON acc.platform = g.platform AND acc.account_id = g.account_id ORDER BY g.g`,
    edges: `SELECT a.platform || ':' || a.account_id, b.platform || ':' || b.account_id, e.weight, ${names}
      FROM graph_edges e JOIN graph_accounts a ON a.g = e.ga JOIN graph_accounts b ON b.g = e.gb ORDER BY e.ga, e.gb`,
  };
}

/** Drops the temp tables {@link graphQueries} stages. */
export async function dropGraphTables(store: Store): Promise<void> {
  await dropTables(store, [
    'graph_accounts',
    'graph_edge_keys',
    'graph_signal_bits',
    'graph_edges',
  ]);
}
