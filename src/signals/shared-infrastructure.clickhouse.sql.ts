// Shared infrastructure on a ClickHouse case. At ingest each distinct observation (kind, value,
// account) is also sent as an occurrence sharded by its value, so that every shard joins the
// accounts of its own values and only the pairs of accounts sharing a value leave it, with the
// value and how many accounts hold it. The weights (sums of ln(N / n) over the shared values),
// the evidence and λ are then computed here by the DuckDB signal's own SQL: the same edges, to
// the last bit, as on DuckDB.
//
// The SQL runs on 18.16 and current ClickHouse: the colocated `ALL INNER JOIN (subquery over the
// local table) USING` of the co-share join, with the values' account counts joined on each shard.
import type { ClickHouseCase, MirroredTable, Store } from '../store/index.js';
import {
  createMirrorTable,
  dropTables,
  hasTable,
  pullQueryInto,
  pushRows,
  tableNames,
} from '../store/index.js';
import type { InfrastructureOptions } from './infra-rhythm.sql.js';
import { stageInfrastructureEdges } from './infra-rhythm.sql.js';
import { writeExpected } from './null-model.sql.js';
import { replaceSignalRows } from './signal-io.sql.js';

/** One row per distinct observation (kind, value, account), sharded by the value. */
export const INFRA_OCCURRENCES: MirroredTable = {
  name: 'infra_occurrences',
  key: ['kind', 'value', 'platform', 'acc'],
  shardBy: ['kind', 'value'],
};

const SIGNAL = 'shared-infrastructure';

const STAGE = [
  'infra_ch_pairs',
  'infra_ch_counts',
  'infra_accounts',
  'infra_values',
  'infra_pairs',
];

/** Sends a DuckDB case's distinct observations to ClickHouse as occurrences; returns the rows sent. */
export async function pushInfrastructureOccurrences(
  store: Store,
  ch: ClickHouseCase,
): Promise<number> {
  await createMirrorTable(
    ch,
    INFRA_OCCURRENCES,
    'kind String, value String, platform String, acc String',
  );
  return pushRows(
    store,
    ch,
    'SELECT DISTINCT kind, value, platform, account_id AS acc FROM observations',
    tableNames(ch, INFRA_OCCURRENCES.name).all,
  );
}

/**
 * Whether every distinct observation of the case has its occurrence (a case ingested in part by
 * an older unmask has not): both counted on their own shards, the sums compared.
 */
async function occurrencesComplete(ch: ClickHouseCase): Promise<boolean> {
  if (!(await hasTable(ch, INFRA_OCCURRENCES.name)) || !(await hasTable(ch, 'observations')))
    return false;
  const perShard = (sql: string) =>
    ch.query(`SELECT sum(n) AS n FROM (${sql}) SETTINGS distributed_group_by_no_merge = 1`);
  const [have] = await perShard(
    `SELECT uniqExact(kind, value, platform, acc) AS n FROM ${tableNames(ch, INFRA_OCCURRENCES.name).all}`,
  );
  const [want] = await perShard(
    `SELECT uniqExact(kind, value, platform, account_id) AS n FROM ${tableNames(ch, 'observations').all}`,
  );
  return Number(have?.n ?? 0) === Number(want?.n ?? 0);
}

/**
 * The case-wide figures the signal needs, each grouped on the shards that hold its rows: accounts
 * with observations (N; observations are sharded by account), distinct values, values too common
 * (on more than `maxAccounts` accounts) and matched account pairs over the others (Σ n(n−1)/2).
 */
async function caseFigures(
  ch: ClickHouseCase,
  maxAccounts: number,
): Promise<{ accounts: number; items: number; skipped: number; pairs: number }> {
  const [a] = await ch.query(`SELECT sum(n) AS n FROM (
      SELECT uniqExact(platform, account_id) AS n FROM ${tableNames(ch, 'observations').all})
    SETTINGS distributed_group_by_no_merge = 1`);
  const [v] = await ch.query(`SELECT count() AS items, countIf(n > ${maxAccounts}) AS skipped,
      sum(if(n <= ${maxAccounts}, intDiv(n * (n - 1), 2), 0)) AS pairs FROM (
      SELECT kind, value, uniqExact(platform, acc) AS n FROM ${tableNames(ch, INFRA_OCCURRENCES.name).all}
      GROUP BY kind, value)
    SETTINGS distributed_group_by_no_merge = 1`);
  return {
    accounts: Number(a?.n ?? 0),
    items: Number(v?.items ?? 0),
    skipped: Number(v?.skipped ?? 0),
    pairs: Number(v?.pairs ?? 0),
  };
}

/**
 * Pulls the account pairs sharing a value held by 2 to `maxAccounts` accounts (one row per pair
 * and value, with the value's account count n) into `infra_ch_pairs`, and each account's
 * distinct observations into `infra_ch_counts` (the null model's n_u).
 */
async function pullPairs(ch: ClickHouseCase, store: Store, maxAccounts: number): Promise<void> {
  const { local, all } = tableNames(ch, INFRA_OCCURRENCES.name);
  await pullQueryInto(
    ch,
    store,
    `SELECT platform AS pa, acc AS ua, pb, ub, kind, value, any(n) AS n
     FROM ${all} ALL INNER JOIN (
       SELECT kind, value, platform AS pb, acc AS ub, n FROM ${local} ALL INNER JOIN (
         SELECT kind, value, uniqExact(platform, acc) AS n FROM ${local}
         GROUP BY kind, value HAVING n BETWEEN 2 AND ${maxAccounts}) AS v USING (kind, value)
     ) AS r USING (kind, value)
     WHERE (platform, acc) < (pb, ub)
     GROUP BY pa, ua, pb, ub, kind, value
     SETTINGS distributed_group_by_no_merge = 1`,
    'infra_ch_pairs',
    [
      ['pa', 'VARCHAR'],
      ['ua', 'VARCHAR'],
      ['pb', 'VARCHAR'],
      ['ub', 'VARCHAR'],
      ['kind', 'VARCHAR'],
      ['value', 'VARCHAR'],
      ['n', 'BIGINT'],
    ],
    (source) => `SELECT * FROM ${source}`,
  );
  await pullQueryInto(
    ch,
    store,
    `SELECT platform, account_id AS acc, uniqExact(kind, value) AS n FROM ${tableNames(ch, 'observations').all}
     GROUP BY platform, acc SETTINGS distributed_group_by_no_merge = 1`,
    'infra_ch_counts',
    [
      ['platform', 'VARCHAR'],
      ['acc', 'VARCHAR'],
      ['n', 'BIGINT'],
    ],
    (source) => `SELECT * FROM ${source}`,
  );
}

/**
 * Keys the pulled pairs as the DuckDB signal keys its own (accounts in (platform, account) order,
 * values in evidence order: fewest accounts, kind, value; each value's ln(N / n) by the same
 * expression) and sums each pair's terms in the same sorted order: `infra_pairs`.
 */
async function keyPairs(
  store: Store,
  accounts: number,
  options: InfrastructureOptions,
): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_accounts AS
    SELECT (row_number() OVER (ORDER BY platform, account_id))::INTEGER AS ak, platform, account_id
    FROM (SELECT pa AS platform, ua AS account_id FROM infra_ch_pairs UNION SELECT pb, ub FROM infra_ch_pairs)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_values AS
    SELECT (row_number() OVER (ORDER BY n, kind, value))::INTEGER AS vk, kind, value,
      kind || ':' || value AS evidence, ln(greatest(${accounts}::BIGINT, 2) / n) AS term
    FROM (SELECT DISTINCT kind, value, n FROM infra_ch_pairs)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_pairs AS
    SELECT xa.ak AS a, xb.ak AS b, list_sum(list_sort(list(v.term))) AS weight,
      list_sort(list(v.vk))[1:${options.evidenceLimit}] AS ev, count(*) AS n
    FROM infra_ch_pairs p JOIN infra_accounts xa ON xa.platform = p.pa AND xa.account_id = p.ua
      JOIN infra_accounts xb ON xb.platform = p.pb AND xb.account_id = p.ub
      JOIN infra_values v USING (kind, value)
    GROUP BY xa.ak, xb.ak
    HAVING weight > 0 AND weight >= ${options.minWeight}`);
}

/**
 * Computes 'shared-infrastructure' on a ClickHouse case into its DuckDB working case `store`:
 * pairs from the cluster, weights, evidence and λ here by the DuckDB signal's SQL. Null where the
 * case lacks the occurrences (ingested by an older unmask): the signal then runs on the working
 * case's observations.
 */
export async function sharedInfrastructureOnClickHouse(
  ch: ClickHouseCase,
  store: Store,
  options: InfrastructureOptions,
): Promise<{ edges: number; items: number; skipped: number } | null> {
  if (!(await occurrencesComplete(ch))) return null;
  try {
    return await replaceSignalRows(store, SIGNAL, options, async () => {
      const figures = await caseFigures(ch, options.maxAccounts);
      await pullPairs(ch, store, options.maxAccounts);
      await keyPairs(store, figures.accounts, options);
      await stageInfrastructureEdges(store, SIGNAL);
      // The DuckDB signal's null: each account's observation slots (n_u, S over all accounts)
      // and the matched pairs of the values not too common, in one stratum.
      await writeExpected(store, SIGNAL, {
        occurrences:
          'SELECT platform, acc, 0 AS t FROM (SELECT platform, acc, unnest(range(n)) FROM infra_ch_counts)',
        pairs: `SELECT 0 AS t, ${figures.pairs}::BIGINT AS n`,
        strata: 'none',
      });
      return { items: figures.items, skipped: figures.skipped };
    });
  } finally {
    await dropTables(store, STAGE);
  }
}
