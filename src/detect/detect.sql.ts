// The SQL of detection: the tested edges as integer-coded rows,
// per-account automation statistics, and the results written back into the case.
import type { Store } from '../store/index.js';
import {
  accountKeysTo,
  appendColumns,
  dropTables,
  edgesOfPairs,
  evidenceKeysOfEdges,
  evidenceOfEdges,
  formulaSafeSql as safe,
  listItems,
  ranked,
  rows,
  scalar,
  sqlString,
  streamColumns,
} from '../store/index.js';
import type { Occurrence } from './occurrence.sql.js';
import { occurrenceExists, occurrenceSql } from './occurrence.sql.js';
import type { PairEdges } from './significance.js';

/** Accounts that posted, numbered 0..n-1 in (platform, account_id) order, into temp table det_acc. */
export async function numberAccounts(store: Store): Promise<number> {
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE det_acc AS
    SELECT platform, account_id, (row_number() OVER (ORDER BY platform, account_id) - 1)::INTEGER AS i
    FROM (SELECT DISTINCT platform, account_id FROM posts)`);
  return scalar(store, 'SELECT count(*) FROM det_acc');
}

/** Per account (det_acc number): which families it has occurrences of, and how many actions. */
export interface AccountOpportunity {
  /** Bit f set when the account has at least one occurrence of family f's signals. */
  readonly families: Uint8Array;
  /** Occurrences of any tested signal: posts with an object, text or parent, and observations. */
  readonly actions: Int32Array;
}

/**
 * For the accounts numbered by {@link numberAccounts}: a bit per family (`families[f]` lists what
 * counts as an occurrence of each of the family's signals: a SQL condition over `posts`,
 * 'observations', or null for none; the registry's `occurrence`) where the account had the
 * opportunity to show that family's evidence, and its count of shareable actions. An account
 * without any occurrence of a family's signals cannot show that family's evidence, so the family
 * does not enter its pairs' fusion. One grouped pass over posts and one over observations.
 */
export async function accountOpportunity(
  store: Store,
  families: readonly (readonly Occurrence[])[],
): Promise<AccountOpportunity> {
  const perFamily = families.map(occurrenceSql);
  const all = occurrenceSql(families.flat());
  const famCols = perFamily.map((f, i) => `count(*) FILTER (WHERE ${f.posts}) AS f${i}`).join(', ');
  const famSelect = perFamily
    .map(
      (f, i) =>
        `(coalesce(p.f${i}, 0)${f.observations ? ' + coalesce(o.n, 0)' : ''} > 0)::INTEGER * ${1 << i}`,
    )
    .join(' + ');
  const rows = (
    await store.connection.runAndReadAll(`
    WITH p AS (SELECT platform, account_id, ${famCols}, count(*) FILTER (WHERE ${all.posts}) AS actions
        FROM posts GROUP BY ALL),
      o AS (SELECT platform, account_id, count(*) AS n FROM observations GROUP BY ALL)
    SELECT d.i, (${famSelect || '0'})::INTEGER,
      (coalesce(p.actions, 0)${all.observations ? ' + coalesce(o.n, 0)' : ''})::INTEGER
    FROM det_acc d LEFT JOIN p USING (platform, account_id) LEFT JOIN o USING (platform, account_id)
    ORDER BY d.i`)
  ).getRows();
  const famBits = new Uint8Array(rows.length);
  const actions = new Int32Array(rows.length);
  for (const r of rows) {
    const i = Number(r[0]);
    famBits[i] = Number(r[1]);
    actions[i] = Number(r[2]);
  }
  return { families: famBits, actions };
}

/**
 * Whether the case holds any occurrence of each signal (its registry `occurrence`: a SQL
 * condition over `posts`, 'observations', or null, which counts as present): a signal with none
 * cannot link any pair, so it is no test and does not count in its family's Bonferroni factor.
 * One statement; each EXISTS stops at its first row.
 */
export async function occurrencesPresent(
  store: Store,
  occurrences: readonly Occurrence[],
): Promise<boolean[]> {
  if (occurrences.length === 0) return [];
  const tests = occurrences.map(occurrenceExists);
  const row = (await store.connection.runAndReadAll(`SELECT ${tests.join(', ')}`)).getRows()[0];
  return occurrences.map((_, i) => row?.[i] === true);
}

/**
 * Tested edges: signal index, account numbers (a < b), observed count and its expectation, and
 * the edge's keys in the case (`sid`, `pair`) with its weight (what the files of a significant
 * pair show, kept so that they need no second scan of all edges).
 */
export interface TestedEdgeBatch {
  readonly signal: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  readonly sid: Int32Array;
  readonly pair: Int32Array;
  readonly weight: Float64Array;
}

/**
 * Yields the tested edges of the given signals (those with observed and expected), ordered by
 * account pair so that all signals of a pair arrive together. A batch's arrays are reused for
 * the next: read them before asking for it.
 */
export async function* streamTestedEdges(
  store: Store,
  signals: readonly string[],
): AsyncGenerator<TestedEdgeBatch> {
  if (signals.length === 0) return;
  const codes = signals.map((s, i) => `WHEN ${sqlString(s)} THEN ${i}`).join(' ');
  // Keys first, det_acc numbers by account key (through signal_edge_weights, joined to det_acc on
  // names, the stream of 37M edges at 10M posts took most of the 29 s of significance).
  await accountKeysTo(store, 'det_ek', 'det_acc', 'i');
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE det_sig AS
    SELECT sid, (CASE signal ${codes} END)::INTEGER AS code FROM edge_signals
    WHERE signal IN (${signals.map(sqlString).join(', ')})`);
  try {
    // No value is null: the WHERE clause sees to it.
    for await (const [signal, a, b, observed, expected, sid, pair, weight] of streamColumns(
      store,
      `SELECT s.code, ka.num, kb.num, r.observed::DOUBLE, r.expected, r.sid, r.pair, r.weight
      FROM edge_rows r JOIN det_sig s ON s.sid = r.sid JOIN det_ek ka ON ka.ak = r.a JOIN det_ek kb ON kb.ak = r.b
      WHERE r.observed IS NOT NULL AND r.expected IS NOT NULL
      ORDER BY ka.num, kb.num`,
      ['int', 'int', 'int', 'double', 'double', 'int', 'int', 'double'],
    ))
      yield { signal, a, b, observed, expected, sid, pair, weight } as TestedEdgeBatch;
  } finally {
    await dropTables(store, ['det_ek', 'det_sig']);
  }
}

/** Edges of the case that a test of `signals` does not read (see {@link streamTestedEdges}). */
export async function untestedEdges(store: Store, signals: readonly string[]): Promise<number> {
  const tested = signals.length > 0 ? signals.map(sqlString).join(', ') : 'NULL';
  return scalar(
    store,
    `SELECT count(*) FROM edge_rows WHERE observed IS NULL OR expected IS NULL
      OR sid NOT IN (SELECT sid FROM edge_signals WHERE signal IN (${tested}))`,
  );
}

/** An account's identity and the facts detection needs about it. */
export interface AccountFacts {
  readonly platform: string;
  readonly accountId: string;
  readonly handle: string | null;
  readonly assetType: string;
  readonly posts: number;
  /** Distinct hours of the day (UTC) it posted in, 0..24. */
  readonly hoursOfDay: number;
  /** Coefficient of variation of the gaps between its posts (0 = a perfect timer). */
  readonly gapCv: number | null;
}

/** Returns the facts of the accounts numbered in `ids` (det_acc numbers), in the order given. */
export async function accountFacts(
  store: Store,
  ids: readonly number[],
): Promise<Map<number, AccountFacts>> {
  const c = store.connection;
  await c.run('CREATE OR REPLACE TEMP TABLE det_want (i INTEGER)');
  if (ids.length > 0) {
    const appender = await c.createAppender('det_want');
    for (const i of ids) {
      appender.appendInteger(i);
      appender.endRow();
    }
    appender.closeSync();
  }
  try {
    const reader = await c.runAndReadAll(`
      WITH w AS (SELECT d.* FROM det_acc d JOIN det_want USING (i)),
      p AS (SELECT w.i, p.created_at, epoch(p.created_at) - epoch(lag(p.created_at) OVER (PARTITION BY w.i ORDER BY p.created_at)) AS gap
        FROM w JOIN posts p ON p.platform = w.platform AND p.account_id = w.account_id),
      s AS (SELECT i, count(*) AS n, count(DISTINCT hour(created_at)) AS hours, stddev_pop(gap) / nullif(avg(gap), 0) AS cv FROM p GROUP BY i)
      SELECT w.i, w.platform, w.account_id, a.handle, coalesce(a.asset_type, 'account'), s.n, s.hours, s.cv
      FROM w JOIN s USING (i) LEFT JOIN accounts a ON a.platform = w.platform AND a.account_id = w.account_id
      ORDER BY w.i`);
    const out = new Map<number, AccountFacts>();
    for (const r of reader.getRows())
      out.set(Number(r[0]), {
        platform: String(r[1]),
        accountId: String(r[2]),
        handle: r[3] === null ? null : String(r[3]),
        assetType: String(r[4]),
        posts: Number(r[5]),
        hoursOfDay: Number(r[6]),
        gapCv: r[7] === null ? null : Number(r[7]),
      });
    return out;
  } finally {
    await dropTables(store, ['det_want']);
  }
}

/** A significant pair as written to `detect_pairs`. */
export interface SignificantPair {
  readonly a: number;
  readonly b: number;
  readonly log10P: number;
  readonly log10Q: number;
  readonly signals: readonly string[];
}

/** A cluster member as written to `cluster_members`. */
export interface MemberRow {
  readonly account: number;
  readonly cluster: number;
  readonly score: number;
  readonly flagged: boolean;
  readonly automated: boolean;
  /** 'core': by its significant pairs; 'periphery': by the membership test. */
  readonly membership: 'core' | 'periphery';
}

/** A cluster as written to `clusters`. */
export interface ClusterRow {
  readonly id: number;
  readonly size: number;
  readonly score: number;
  readonly pValue: number;
  readonly flagged: boolean;
  readonly category: string;
  readonly summary: unknown;
}

/**
 * Replaces the case's detection results (pairs, clusters, members) in one transaction. With
 * `edges` (every edge of the significant pairs, from the pair test), keeps them in temp table
 * `det_pair_edges` for {@link clusterSignalTotals} and {@link exportDetection}, which otherwise
 * find them again among all edges.
 */
export async function writeDetection(
  store: Store,
  run: { params: unknown; tested: number },
  pairs: readonly SignificantPair[],
  clusters: readonly ClusterRow[],
  members: readonly MemberRow[],
  edges: PairEdges | null = null,
): Promise<void> {
  const c = store.connection;
  await keepPairEdges(store, edges);
  await c.run('BEGIN TRANSACTION');
  try {
    for (const t of ['detect_pairs', 'clusters', 'cluster_members', 'detect_runs'])
      await c.run(`DELETE FROM ${t}`);
    await c.run(
      'CREATE OR REPLACE TEMP TABLE det_pairs (a INTEGER, b INTEGER, lp DOUBLE, lq DOUBLE, signals VARCHAR)',
    );
    const ap = await c.createAppender('det_pairs');
    for (const p of pairs) {
      ap.appendInteger(p.a);
      ap.appendInteger(p.b);
      ap.appendDouble(p.log10P);
      ap.appendDouble(p.log10Q);
      ap.appendVarchar(p.signals.join('|'));
      ap.endRow();
    }
    ap.closeSync();
    await c.run(`INSERT INTO detect_pairs
      SELECT x.platform, x.account_id, y.platform, y.account_id, pow(10, lp), pow(10, lq), lp, string_split(signals, '|')
      FROM det_pairs JOIN det_acc x ON x.i = a JOIN det_acc y ON y.i = b`);
    const ac = await c.createAppender('clusters');
    for (const k of clusters) {
      ac.appendInteger(k.id);
      ac.appendInteger(k.size);
      ac.appendDouble(k.score);
      ac.appendDouble(k.pValue);
      ac.appendBoolean(k.flagged);
      ac.appendVarchar(k.category);
      ac.appendVarchar(JSON.stringify(k.summary));
      ac.endRow();
    }
    ac.closeSync();
    await c.run(
      'CREATE OR REPLACE TEMP TABLE det_members (i INTEGER, cluster INTEGER, score DOUBLE, flagged BOOLEAN, automated BOOLEAN, membership VARCHAR)',
    );
    const am = await c.createAppender('det_members');
    for (const m of members) {
      am.appendInteger(m.account);
      am.appendInteger(m.cluster);
      am.appendDouble(m.score);
      am.appendBoolean(m.flagged);
      am.appendBoolean(m.automated);
      am.appendVarchar(m.membership);
      am.endRow();
    }
    am.closeSync();
    await c.run(`INSERT INTO cluster_members (platform, account_id, cluster_id, score, flagged, automated, membership)
      SELECT d.platform, d.account_id, m.cluster, m.score, m.flagged, m.automated, m.membership FROM det_members m JOIN det_acc d ON d.i = m.i`);
    await c.run(
      `INSERT INTO detect_runs VALUES (now(), ${sqlString(JSON.stringify(run.params))}, ${run.tested}, ${pairs.length}, ${clusters.length}, ${members.filter((m) => m.flagged).length})`,
    );
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await dropTables(store, ['det_pairs', 'det_members']);
  }
}

/** Stores `edges` in temp table `det_pair_edges`, or drops it (an earlier run's) for null. */
async function keepPairEdges(store: Store, edges: PairEdges | null): Promise<void> {
  const c = store.connection;
  await dropTables(store, [PAIR_EDGES]);
  if (!edges) return;
  await c.run(
    `CREATE TEMP TABLE ${PAIR_EDGES} (a INTEGER, b INTEGER, sid INTEGER, pair INTEGER, weight DOUBLE)`,
  );
  await appendColumns(store, PAIR_EDGES, [edges.a, edges.b, edges.sid, edges.pair, edges.weight]);
}

/** The significant pairs' edges kept by {@link writeDetection} on this connection. */
const PAIR_EDGES = 'det_pair_edges';

/**
 * Creates temp table `into` with the edges (signal, sid, pair, weight) of the significant pairs
 * whose accounts pass `member` (a condition on cluster_members `c`), each end's cluster_id and
 * names (platform_x, account_x, cluster_x for x = a, b): from the kept edges on account
 * numbers where {@link writeDetection} kept them, else found among all edges by name.
 */
async function memberPairEdges(store: Store, member: string, into: string): Promise<boolean> {
  const kept = await scalar(
    store,
    `SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = '${PAIR_EDGES}'`,
  );
  if (kept > 0) {
    await store.connection.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
      WITH m AS (SELECT d.i, d.platform, d.account_id, c.cluster_id FROM cluster_members c
        JOIN det_acc d USING (platform, account_id) WHERE ${member})
      SELECT ma.platform AS platform_a, ma.account_id AS account_a, ma.cluster_id AS cluster_a,
        mb.platform AS platform_b, mb.account_id AS account_b, mb.cluster_id AS cluster_b,
        e.sid, e.pair, e.weight, s.signal, e.a AS num_a, e.b AS num_b
      FROM ${PAIR_EDGES} e JOIN m ma ON ma.i = e.a JOIN m mb ON mb.i = e.b JOIN edge_signals s ON s.sid = e.sid`);
    return true;
  }
  await edgesOfPairs(
    store,
    `SELECT p.platform_a, p.account_a, ma.cluster_id AS cluster_a, p.platform_b, p.account_b, mb.cluster_id AS cluster_b
      FROM detect_pairs p
      JOIN cluster_members ma ON ma.platform = p.platform_a AND ma.account_id = p.account_a
      JOIN cluster_members mb ON mb.platform = p.platform_b AND mb.account_id = p.account_b
      WHERE ${member.replace(/\bc\./g, 'ma.')} AND ${member.replace(/\bc\./g, 'mb.')}`,
    into,
  );
  return false;
}

/** Per cluster and signal: total weight and edges over the significant pairs inside the cluster. */
export async function clusterSignalTotals(
  store: Store,
): Promise<
  Array<{ cluster: number; signal: string; weight: number; edges: number; evidence: string[] }>
> {
  await memberPairEdges(store, 'true', 'cst_all');
  await store.connection.run(
    'CREATE OR REPLACE TEMP TABLE cst_e AS SELECT cluster_a AS cluster_id, sid, pair, weight, signal FROM cst_all WHERE cluster_a = cluster_b',
  );
  await dropTables(store, ['cst_all']);
  await evidenceOfEdges(store, 'cst_e', 3, 'cst_v');
  const reader = await store.connection.runAndReadAll(`
    WITH ev AS (
      SELECT e.cluster_id, e.signal, list(DISTINCT v.value ORDER BY v.value)[1:5] AS evidence
      FROM cst_e e JOIN cst_v v ON v.sid = e.sid AND v.pair = e.pair GROUP BY ALL)
    SELECT e.cluster_id, e.signal, sum(e.weight), count(*), coalesce(any_value(ev.evidence), [])
    FROM cst_e e LEFT JOIN ev USING (cluster_id, signal)
    GROUP BY e.cluster_id, e.signal ORDER BY ALL`);
  await dropTables(store, ['cst_e', 'cst_v']);
  return reader.getRows().map((r) => ({
    cluster: Number(r[0]),
    signal: String(r[1]),
    weight: Number(r[2]),
    edges: Number(r[3]),
    evidence: listItems(r[4]).map(String),
  }));
}

/**
 * SQL of (sid, pair, evidence): the values of `table` (a table or subquery of sid, pair, rank,
 * value; ranks unique per edge, 1 to `limit`) joined with '|' in rank order. Up to 64 ranks, one
 * filtered pick per rank joined by `concat_ws` (it skips the ranks an edge lacks): at 10M posts
 * (22.9M values of 3M edges) 16 s of CPU against 22 for sorting each edge's list ({@link ranked}),
 * which serves past 64.
 */
function evidenceStrings(table: string, limit: number): string {
  const n = Math.floor(limit);
  if (n > 64)
    return `SELECT sid, pair, array_to_string(${ranked()}, '|') AS evidence FROM ${table} GROUP BY ALL`;
  const picks = Array.from(
    { length: Math.max(1, n) },
    (_, r) => `any_value(value) FILTER (WHERE rank = ${r + 1})`,
  );
  return `SELECT sid, pair, concat_ws('|', ${picks.join(', ')}) AS evidence FROM ${table} GROUP BY ALL`;
}

/**
 * Writes accounts.csv, edges.csv and pairs.csv of the last detection into `dir`; text cells are
 * spreadsheet-safe ({@link formulaSafeSql}), rows ordered by the stored values.
 */
export async function exportDetection(
  store: Store,
  files: { accounts: string; edges: string; pairs: string },
  evidenceLimit: number,
): Promise<void> {
  const c = store.connection;
  // Significant links per account counted once over both ends of the pairs: as a subquery per
  // member with an OR of the two ends, 7.2 s for 4,326 members and 1M pairs at 10M posts.
  await c.run(`COPY (
    WITH links AS (
      SELECT platform, account_id, count(*) AS n FROM (
        SELECT platform_a AS platform, account_a AS account_id FROM detect_pairs
        UNION ALL SELECT platform_b, account_b FROM detect_pairs) GROUP BY ALL)
    SELECT ${safe('m.platform')} AS platform, ${safe('m.account_id')} AS account_id, m.cluster_id, round(m.score, 4) AS score,
      ${safe('a.handle')} AS handle, ${safe("coalesce(a.asset_type, 'account')")} AS asset_type, coalesce(l.n, 0) AS significant_links,
      ${safe('m.membership')} AS membership
    FROM cluster_members m LEFT JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id
      LEFT JOIN links l ON l.platform = m.platform AND l.account_id = m.account_id
    WHERE m.flagged ORDER BY m.cluster_id, m.score DESC, m.platform, m.account_id) TO ${sqlString(files.accounts)} (FORMAT csv, HEADER true)`);
  const flaggedPairs = `SELECT p.* FROM detect_pairs p
    JOIN cluster_members ma ON ma.platform = p.platform_a AND ma.account_id = p.account_a AND ma.flagged
    JOIN cluster_members mb ON mb.platform = p.platform_b AND mb.account_id = p.account_b AND mb.flagged`;
  const kept = await memberPairEdges(store, 'c.flagged', 'ex_e');
  await evidenceKeysOfEdges(store, 'ex_e', evidenceLimit, 'ex_k');
  // An account pair has one edge per signal, so the names and the signal order the rows; with the
  // kept edges, the accounts' numbers (det_acc numbers them in name order) order them as well and
  // sort faster than the names (edges.csv at 10M posts: 3M rows, 22.9M evidence values).
  const order = kept
    ? 'e.num_a, e.num_b, e.signal, e.weight, e.sid, e.pair'
    : 'e.platform_a, e.account_a, e.platform_b, e.account_b, e.signal, e.weight, e.sid, e.pair';
  await c.run(`COPY (
    SELECT ${safe('e.platform_a')} AS platform_a, ${safe('e.account_a')} AS account_a, ${safe('e.platform_b')} AS platform_b,
      ${safe('e.account_b')} AS account_b, ${safe('e.signal')} AS signal, e.weight, ${safe("coalesce(v.evidence, '')")} AS evidence
    FROM ex_e e LEFT JOIN (${evidenceStrings('(SELECT k.sid, k.pair, k.rank, v.value FROM ex_k k JOIN edge_values v ON v.vk = k.vk)', evidenceLimit)}) v USING (sid, pair)
    ORDER BY ${order}) TO ${sqlString(files.edges)} (FORMAT csv, HEADER true)`);
  await dropTables(store, ['ex_e', 'ex_k']);
  await c.run(`COPY (
    SELECT ${safe('p.platform_a')} AS platform_a, ${safe('p.account_a')} AS account_a, ${safe('p.platform_b')} AS platform_b,
      ${safe('p.account_b')} AS account_b, p_value, q_value, ${safe("array_to_string(signals, '|')")} AS signals
    FROM (${flaggedPairs}) p ORDER BY p.platform_a, p.account_a, p.platform_b, p.account_b) TO ${sqlString(files.pairs)} (FORMAT csv, HEADER true)`);
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

/** Each stored cluster's category and the reason detection gave for it, by cluster id. */
export async function clusterVerdicts(
  store: Store,
): Promise<Map<number, { category: string; reason: string }>> {
  const out = new Map<number, { category: string; reason: string }>();
  for (const r of await rows(
    store,
    `SELECT cluster_id, category, coalesce(json_extract_string(summary, '$.reason'), '') FROM clusters ORDER BY cluster_id`,
  ))
    out.set(Number(r[0]), { category: String(r[1]), reason: String(r[2]) });
  return out;
}

/** Whether the case holds a detection run's results. */
export async function hasDetection(store: Store): Promise<boolean> {
  return (await scalar(store, 'SELECT count(*) FROM detect_runs')) > 0;
}

/** How many clusters the last detection run stored. */
export async function clusterCount(store: Store): Promise<number> {
  return scalar(store, 'SELECT count(*) FROM clusters');
}

/** The last detection run's parameters (JSON text) and counts, or null when there is none. */
export async function detectionRun(
  store: Store,
): Promise<{ params: string; tested: number; significant: number; flagged: number } | null> {
  const r = (
    await rows(store, 'SELECT params, tested, significant, flagged FROM detect_runs LIMIT 1')
  )[0];
  return r
    ? {
        params: String(r[0]),
        tested: Number(r[1]),
        significant: Number(r[2]),
        flagged: Number(r[3]),
      }
    : null;
}
