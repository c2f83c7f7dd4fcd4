// Signal edges in the case file, keyed by integers.
//
// A signal's edges are rows of integers and numbers (`edge_rows`: account keys a < b, weights,
// observed and expected counts), with the account names once per signal (`edge_accounts`), the
// evidence values once per signal (`edge_values`) and each edge's evidence as (pair, rank, value
// key) rows (`edge_evidence`; message pairs in `edge_posts`). At 10M posts co-share of links
// writes 11.6M edges with 31M evidence values: as rows of names and lists of URL strings DuckDB
// took 15 s to build and insert them, as integer rows appended from typed arrays 4 s.
//
// Readers see views: `signal_edge_weights` (names and numbers, no evidence: what scans all edges
// reads), `signal_evidence` (sid, pair, rank, value) and `signal_edges`, the whole edge with its
// evidence lists as the table of schema 2–5 had it (for ad-hoc SQL; it resolves every edge's
// evidence, so scans of all edges read `signal_edge_weights` instead).
import type { Store } from './open-store.js';
import { scalar, sqlString } from './sql.js';

/** Columns of a staged edge, in order: the `signal_edges` row that SQL-built signals insert. */
export const STAGE_COLUMNS = `signal VARCHAR NOT NULL, platform_a VARCHAR NOT NULL, account_a VARCHAR NOT NULL,
  platform_b VARCHAR NOT NULL, account_b VARCHAR NOT NULL, weight DOUBLE NOT NULL,
  weight_ab DOUBLE, weight_ba DOUBLE, mean_dt_seconds DOUBLE,
  evidence VARCHAR[] NOT NULL, evidence_posts VARCHAR[] NOT NULL, observed DOUBLE, expected DOUBLE`;

/** The staging table a signal's SQL inserts its edges into (see {@link replaceSignalRows}). */
export const EDGE_STAGE = 'se_stage';

/**
 * The keyed tables (schema 6). Their short key columns are persisted names (readers in detect,
 * report and the server use them; renaming needs a migration), so what each holds is said here:
 * - `sid`: signal id, the key of one signal's run in `edge_signals` (e.g. 3 for 'co-share:url');
 *   every other table is partitioned by it, and a rerun of the signal deletes its `sid`'s rows.
 * - `ak`: account key, an account's integer key in `edge_accounts` (unique over the case, not per
 *   signal); `edge_rows.a` and `.b` hold the two accounts' `ak` (a < b).
 * - `vk`: value key, an evidence value's integer key in `edge_values` (unique over the case);
 *   `edge_evidence.vk` refers to it.
 * - `pair`: an edge's number within its signal (0…, in account-name order); with `sid` it keys
 *   the edge in `edge_rows`, `edge_evidence` and `edge_posts`.
 */
export const EDGE_TABLES = [
  // signal name ↔ sid
  `CREATE TABLE edge_signals (sid INTEGER NOT NULL, signal VARCHAR NOT NULL)`,
  // (sid, ak) ↔ the account's platform and id
  `CREATE TABLE edge_accounts (sid INTEGER NOT NULL, ak INTEGER NOT NULL, platform VARCHAR NOT NULL, account_id VARCHAR NOT NULL)`,
  // (sid, vk) ↔ the evidence value (a URL, hashtag, text, …)
  `CREATE TABLE edge_values (sid INTEGER NOT NULL, vk INTEGER NOT NULL, value VARCHAR NOT NULL)`,
  // One row per edge: (sid, pair), accounts a < b as ak, its weights, mean Δt, observed and expected.
  // Directed weights and observed counts are counts (as doubles each took DuckDB's appender twice
  // as long); the views give them as doubles.
  `CREATE TABLE edge_rows (sid INTEGER NOT NULL, pair INTEGER NOT NULL, a INTEGER NOT NULL, b INTEGER NOT NULL,
    weight DOUBLE NOT NULL, weight_ab INTEGER, weight_ba INTEGER, mean_dt_seconds DOUBLE, observed INTEGER, expected DOUBLE)`,
  // (sid, pair, rank) → the rank-th evidence value's vk
  `CREATE TABLE edge_evidence (sid INTEGER NOT NULL, pair INTEGER NOT NULL, rank INTEGER NOT NULL, vk INTEGER NOT NULL)`,
  // (sid, pair, rank) → the rank-th matched message pair
  `CREATE TABLE edge_posts (sid INTEGER NOT NULL, pair INTEGER NOT NULL, rank INTEGER NOT NULL, posts VARCHAR NOT NULL)`,
];

/**
 * A group's values in rank order, as SQL: an unordered list of (rank, value) sorted per group.
 * DuckDB's ordered aggregate (`list(value ORDER BY rank)`) ran out of 11 GB on 21M values in 2.6M
 * groups (edges.csv at 10M posts); this takes a few hundred MB.
 */
export function ranked(rank = 'rank', value = 'value'): string {
  return `list_transform(list_sort(list({'r': ${rank}, 'v': ${value}})), x -> x.v)`;
}

/**
 * The views over the keyed tables (see the file comment). Account and value keys are unique over
 * all signals, so the views join on one key: with the signal's key in the join too, DuckDB's
 * planner joined the two ends' accounts to each other on it first (74k² rows per signal).
 */
export const EDGE_VIEWS = [
  `CREATE VIEW signal_edge_weights AS
    SELECT s.signal, xa.platform AS platform_a, xa.account_id AS account_a, xb.platform AS platform_b,
      xb.account_id AS account_b, r.weight, r.weight_ab::DOUBLE AS weight_ab, r.weight_ba::DOUBLE AS weight_ba,
      r.mean_dt_seconds, r.observed::DOUBLE AS observed, r.expected, r.sid, r.pair
    FROM edge_rows r JOIN edge_signals s ON s.sid = r.sid
      JOIN edge_accounts xa ON xa.ak = r.a
      JOIN edge_accounts xb ON xb.ak = r.b`,
  `CREATE VIEW signal_evidence AS
    SELECT x.sid, x.pair, x.rank, v.value FROM edge_evidence x JOIN edge_values v ON v.vk = x.vk`,
  `CREATE VIEW signal_edges AS
    SELECT w.signal, w.platform_a, w.account_a, w.platform_b, w.account_b, w.weight, w.weight_ab, w.weight_ba,
      w.mean_dt_seconds,
      coalesce((SELECT ${ranked('e.rank', 'e.value')} FROM signal_evidence e WHERE e.sid = w.sid AND e.pair = w.pair), []::VARCHAR[]) AS evidence,
      coalesce((SELECT ${ranked('p.rank', 'p.posts')} FROM edge_posts p WHERE p.sid = w.sid AND p.pair = w.pair), []::VARCHAR[]) AS evidence_posts,
      w.observed, w.expected
    FROM signal_edge_weights w`,
];

/** The first account and value keys not yet used, as SQL. */
export const NEXT_ACCOUNT_KEY = `(SELECT coalesce(max(ak) + 1, 0) FROM edge_accounts)`;
export const NEXT_VALUE_KEY = `(SELECT coalesce(max(vk) + 1, 0) FROM edge_values)`;

/**
 * Statements that key one signal's staged edges (`source`: the {@link STAGE_COLUMNS} but
 * `signal`) into the keyed tables under `sid`: pairs numbered in name order, accounts and values
 * given the next free keys in name order, evidence ranked in list order. Each join is of two
 * relations on one signal's rows (three in one statement were planned as the accounts joined to
 * themselves, 1.7G rows for 200k edges).
 */
export function keyEdgeStatements(source: string, sid: number): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE key_staged_edges AS
      SELECT *, (row_number() OVER (ORDER BY platform_a, account_a, platform_b, account_b) - 1)::INTEGER AS pair FROM ${source}`,
    `CREATE OR REPLACE TEMP TABLE key_new_accounts AS
      SELECT ${NEXT_ACCOUNT_KEY} + (row_number() OVER (ORDER BY platform, account_id) - 1)::INTEGER AS ak, platform, account_id
      FROM (SELECT platform_a AS platform, account_a AS account_id FROM key_staged_edges UNION SELECT platform_b, account_b FROM key_staged_edges)`,
    `INSERT INTO edge_accounts SELECT ${sid}, ak, platform, account_id FROM key_new_accounts`,
    `CREATE OR REPLACE TEMP TABLE key_new_values AS
      SELECT ${NEXT_VALUE_KEY} + (row_number() OVER (ORDER BY value) - 1)::INTEGER AS vk, value
      FROM (SELECT DISTINCT unnest(evidence) AS value FROM key_staged_edges)`,
    `INSERT INTO edge_values SELECT ${sid}, vk, value FROM key_new_values`,
    `CREATE OR REPLACE TEMP TABLE key_pair_account_a AS
      SELECT e.pair, x.ak AS a FROM key_staged_edges e JOIN key_new_accounts x ON x.platform = e.platform_a AND x.account_id = e.account_a`,
    `CREATE OR REPLACE TEMP TABLE key_pair_account_b AS
      SELECT e.pair, x.ak AS b FROM key_staged_edges e JOIN key_new_accounts x ON x.platform = e.platform_b AND x.account_id = e.account_b`,
    `INSERT INTO edge_rows
      SELECT ${sid}, e.pair, ka.a, kb.b, e.weight, e.weight_ab, e.weight_ba, e.mean_dt_seconds, e.observed, e.expected
      FROM key_staged_edges e JOIN key_pair_account_a ka USING (pair) JOIN key_pair_account_b kb USING (pair)`,
    `INSERT INTO edge_evidence
      SELECT ${sid}, x.pair, x.rank, v.vk
      FROM (SELECT pair, unnest(evidence) AS value, unnest(range(1, len(evidence) + 1)) AS rank FROM key_staged_edges) x
        JOIN key_new_values v ON v.value = x.value`,
    `INSERT INTO edge_posts
      SELECT ${sid}, pair, rank, posts
      FROM (SELECT pair, unnest(evidence_posts) AS posts, unnest(range(1, len(evidence_posts) + 1)) AS rank FROM key_staged_edges)`,
    `DROP TABLE key_staged_edges`,
    `DROP TABLE key_new_accounts`,
    `DROP TABLE key_new_values`,
    `DROP TABLE key_pair_account_a`,
    `DROP TABLE key_pair_account_b`,
  ];
}

/** The signal's key in the edge tables, added when the signal has none yet. */
export async function signalId(store: Store, signal: string): Promise<number> {
  const sig = sqlString(signal);
  await store.connection.run(`INSERT INTO edge_signals
    SELECT (SELECT coalesce(max(sid), 0) + 1 FROM edge_signals), ${sig}
    WHERE NOT EXISTS (SELECT 1 FROM edge_signals WHERE signal = ${sig})`);
  return scalar(store, `SELECT sid FROM edge_signals WHERE signal = ${sig}`);
}

/** Deletes a signal's edges (all keyed tables). */
export async function deleteEdges(store: Store, sid: number): Promise<void> {
  for (const table of ['edge_rows', 'edge_evidence', 'edge_posts', 'edge_accounts', 'edge_values'])
    await store.connection.run(`DELETE FROM ${table} WHERE sid = ${sid}`);
}

/**
 * Creates temp table `into` (ak, num): each signal's account keys with the number `numbering` (a
 * table or query with platform, account_id and `column`) gives the account, where `where` holds
 * (`x` is edge_accounts, `n` the numbering). A few hundred thousand rows at 10M posts: a scan of
 * all edges then joins `edge_rows` on integers, where joining on the views' account names either
 * ran out of memory or took most of the scan's time.
 */
export async function accountKeysTo(
  store: Store,
  into: string,
  numbering: string,
  column: string,
  where = 'true',
): Promise<void> {
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
    SELECT x.ak, n.${column} AS num FROM edge_accounts x
      JOIN ${numbering} n ON n.platform = x.platform AND n.account_id = x.account_id
    WHERE ${where}`);
}

/**
 * Creates temp table `into`: the rows of `pairs` (a query with platform_a, account_a, platform_b,
 * account_b) with each signal's edge between them (signal, sid, pair, weight), found through the
 * account keys one join at a time. Joined to `signal_edge_weights` on names at once, at 10M posts
 * DuckDB built the whole view (23M edges with their names) and ran out of memory.
 */
export async function edgesOfPairs(store: Store, pairs: string, into: string): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE ${into}_a AS
    SELECT p.*, x.sid, x.ak AS ka FROM (${pairs}) p JOIN edge_accounts x ON x.platform = p.platform_a AND x.account_id = p.account_a`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${into}_b AS
    SELECT p.*, x.ak AS kb FROM ${into}_a p JOIN edge_accounts x ON x.sid = p.sid AND x.platform = p.platform_b AND x.account_id = p.account_b`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${into}_r AS
    SELECT q.* EXCLUDE (ka, kb), r.pair, r.weight FROM ${into}_b q JOIN edge_rows r ON r.sid = q.sid AND r.a = q.ka AND r.b = q.kb`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
    SELECT p.*, s.signal FROM ${into}_r p JOIN edge_signals s ON s.sid = p.sid`);
  await c.run(`DROP TABLE ${into}_r`);
  await c.run(`DROP TABLE ${into}_a`);
  await c.run(`DROP TABLE ${into}_b`);
}

/**
 * Creates temp table `into` (sid, pair, rank, vk): the evidence keys of the edges in `edges` (a
 * table with sid and pair) up to rank `limit`.
 */
export async function evidenceKeysOfEdges(
  store: Store,
  edges: string,
  limit: number,
  into: string,
): Promise<void> {
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
    SELECT x.sid, x.pair, x.rank, x.vk FROM (SELECT DISTINCT sid, pair FROM ${edges}) e
      JOIN edge_evidence x ON x.sid = e.sid AND x.pair = e.pair WHERE x.rank <= ${Math.floor(limit)}`);
}

/**
 * Creates temp table `into` (sid, pair, rank, value): the evidence of the edges in `edges` (a
 * table with sid and pair) up to rank `limit`, joined from the keys one table at a time.
 */
export async function evidenceOfEdges(
  store: Store,
  edges: string,
  limit: number,
  into: string,
): Promise<void> {
  const c = store.connection;
  await evidenceKeysOfEdges(store, edges, limit, `${into}_k`);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
    SELECT k.sid, k.pair, k.rank, v.value FROM ${into}_k k JOIN edge_values v ON v.vk = k.vk`);
  await c.run(`DROP TABLE ${into}_k`);
}
