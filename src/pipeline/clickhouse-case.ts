// A case in ClickHouse for the commands: ingest into it (the same adapters, normalization and
// rejects, through a scratch DuckDB case per run), and a local DuckDB working case pulled from it,
// with the co-share signals computed in the cluster, on which every later stage runs unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Effects, Progress } from '../core/index.js';
import { ConfigError, silentProgress } from '../core/index.js';
import type { CoShareFetch, SignalOptions, SignalSummary } from '../signals/index.js';
import type { InfrastructureOptions, NearDuplicateOptions } from '../signals/index.js';
import {
  CLICKHOUSE_CO_SHARE,
  computeCoShareOnClickHouse,
  discardCoShare,
  fetchCoShare,
  INFRA_OCCURRENCES,
  nearDuplicateTextOnClickHouse,
  OCCURRENCES,
  pushInfrastructureOccurrences,
  pushOccurrences,
  pushTextSignatures,
  sharedInfrastructureOnClickHouse,
  SIGNAL_DEFAULTS,
  signalFor,
  TEXT_BANDS,
  TEXT_KEYS,
} from '../signals/index.js';
import type { ClickHouseCase, Store, StoreOptions } from '../store/index.js';
import {
  hasTable,
  isClickHouseCase,
  mergeTables,
  MIRRORED_TABLES,
  openClickHouseCase,
  openStore,
  pullTable,
  pushTables,
  replaceTables,
  RESULT_TABLES,
  rows as rows_,
  sqlString,
  tableNames,
} from '../store/index.js';
import type { IngestOptions, IngestSummary } from './ingest.js';
import { ingestFiles } from './ingest.js';

/**
 * Ingests files into a ClickHouse case: they are read, normalized and deduplicated into a scratch
 * DuckDB case exactly as `unmask ingest` does, then its rows and co-share occurrences are inserted
 * in batches into the cluster's Distributed tables and each node's parts merged (rows kept once per
 * post, account and occurrence across runs).
 */
export async function ingestIntoClickHouse(
  ch: ClickHouseCase,
  paths: string[],
  options: IngestOptions,
  effects: Effects,
): Promise<IngestSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-ingest-'));
  const scratch = await openStore(join(dir, 'scratch.duckdb'));
  try {
    const summary = await ingestFiles(scratch, paths, options, effects);
    effects.progress.start('clickhouse', 1);
    const runs = await ch.query(
      `SELECT count() AS n FROM system.tables WHERE database = '${ch.database}' AND name = 'ingest_runs_local'`,
    );
    const offset =
      Number(runs[0]?.n) > 0
        ? Number(
            (await ch.query(`SELECT max(run_id) AS r FROM ${tableNames(ch, 'ingest_runs').all}`))[0]
              ?.r ?? 0,
          )
        : 0;
    const sent = await pushTables(scratch, ch, offset);
    const occurrences = await pushOccurrences(scratch, ch);
    await pushTextSignatures(scratch, ch);
    await pushInfrastructureOccurrences(scratch, ch);
    await mergeTables(ch, [
      ...MIRRORED_TABLES.map((t) => t.name),
      OCCURRENCES.name,
      INFRA_OCCURRENCES.name,
      TEXT_KEYS.name,
      TEXT_BANDS.name,
    ]);
    effects.progress.update(
      1,
      `${(sent.posts ?? 0).toLocaleString('en')} posts, ${occurrences.toLocaleString('en')} occurrences → ${ch.spec.text}`,
    );
    effects.progress.stop();
    return summary;
  } finally {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What {@link pullCase} copied. */
export interface PullSummary {
  /** Rows per table. */
  readonly rows: Record<string, number>;
  /** Edges per co-share signal computed in ClickHouse (none where `results` were pulled). */
  readonly edges: Record<string, number>;
  /** Whether the results of the last detect on the case were pulled (signal edges included). */
  readonly results: boolean;
}

/**
 * Fills the DuckDB case `store` from a ClickHouse case: its data tables; then either the results
 * the last `detect` (and `characterize`) on it sent back (signal runs and edges, clusters,
 * profiles), or, when there are none or `fresh` is set, the signals computed in the cluster with
 * `options` (every co-share object type and co-reply, near-duplicate text's buckets, shared
 * infrastructure), recorded as runs that `detect` reuses; `inCluster` false leaves them out.
 * The other signals (rare co-share, near-duplicate image, rhythm) run on the local case when
 * detect needs them.
 */
export async function pullCase(
  ch: ClickHouseCase,
  store: Store,
  options: SignalOptions = SIGNAL_DEFAULTS,
  progress: Progress = silentProgress,
  fresh = false,
  inCluster = true,
): Promise<PullSummary> {
  const rows: Record<string, number> = {};
  const results = !fresh && (await hasTable(ch, 'detect_runs'));
  const compute = inCluster && !results;
  const tables = [...MIRRORED_TABLES, ...(results ? RESULT_TABLES : [])];
  progress.start('pull', tables.length + (compute ? CLUSTER_SIGNALS : 0));
  let done = 0;
  for (const t of tables) {
    rows[t.name] = (await hasTable(ch, t.name)) ? await pullTable(ch, store, t.name) : 0;
    progress.update(++done, `${t.name}: ${rows[t.name]!.toLocaleString('en')} rows`);
  }
  const edges = !compute
    ? {}
    : await signalsInCluster(ch, store, options, (what) => progress.update(++done, what));
  progress.stop();
  return { rows, edges, results };
}

/** How many signal steps {@link signalsInCluster} reports. */
const CLUSTER_SIGNALS = CLICKHOUSE_CO_SHARE.length + 2;

/**
 * Computes the signals that run in the cluster into the working case, as runs detect reuses:
 * each co-share signal, near-duplicate text (buckets there, verification here) and shared
 * infrastructure (pairs there, weights here); the last two are left to the working case where
 * ingest did not prepare them (null). Returns edges per signal computed; `step` reports each.
 */
async function signalsInCluster(
  ch: ClickHouseCase,
  store: Store,
  options: SignalOptions,
  step: (what: string) => void,
): Promise<Record<string, number>> {
  const edges: Record<string, number> = {};
  // One signal's query ahead: the cluster answers the next signal while this machine stores the
  // edges of the last one (at 1M posts, co-share:url's read and keying took ~15 s of its ~75 s).
  // As detect runs them: past the pair budget, the minimum weight is raised.
  const run = { ...options, raiseMinWeight: true };
  let next: CoShareFetch | null = fetchCoShare(ch, CLICKHOUSE_CO_SHARE[0]!, run);
  try {
    for (const [i, signal] of CLICKHOUSE_CO_SHARE.entries()) {
      const current: CoShareFetch = next!;
      const following = CLICKHOUSE_CO_SHARE[i + 1];
      next = following ? fetchCoShare(ch, following, run, current.done) : null;
      const r = await computeCoShareOnClickHouse(ch, store, signal, run, current);
      edges[signal] = r.edges;
      const raised =
        r.minWeight === options.minWeight ? '' : `; minimum weight raised to ${r.minWeight}`;
      step(`${signal}: ${r.edges.toLocaleString('en')} edges${raised}`);
    }
  } finally {
    // Left running only when a signal failed: the next one's query is stopped, not waited for.
    if (next) {
      await ch.cancel();
      await discardCoShare(next);
    }
  }
  const local = 'on the working case';
  const textParams = signalFor('near-duplicate-text').params(options) as NearDuplicateOptions;
  const text = await nearDuplicateTextOnClickHouse(ch, store, textParams);
  if (text) edges['near-duplicate-text'] = text.edges;
  step(`near-duplicate-text: ${text ? text.edges.toLocaleString('en') : local}`);
  const infraParams = signalFor('shared-infrastructure').params(options) as InfrastructureOptions;
  const infra = await sharedInfrastructureOnClickHouse(ch, store, infraParams);
  if (infra) edges['shared-infrastructure'] = infra.edges;
  step(`shared-infrastructure: ${infra ? infra.edges.toLocaleString('en') : local}`);
  return edges;
}

/** Which networks {@link pullClusters} copies: the flagged ones, or clusters by id. */
export type ClusterSelection = 'flagged' | readonly number[];

/** Values per IN list sent to ClickHouse (its queries are at most 256 KiB by default). */
const IN_CHUNK = 1000;

const inList = (values: readonly (string | number)[]) =>
  values.map((v) => (typeof v === 'number' ? String(v) : sqlString(v))).join(', ');

function chunks<T>(values: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * Fills the DuckDB case `store` with only the chosen networks of a ClickHouse case on which
 * `detect` has run: their clusters and members, the members' accounts, posts, names, observations,
 * labels and follows, the signal edges and pairs between members with their evidence, and the
 * case-wide small tables (runs, indicators, profiles, the review's audit log). What an analyst
 * needs on a laptop to characterize, report, export and review those networks; not a case to run
 * detection on again (the rest of the crowd is not in it).
 */
export async function pullClusters(
  ch: ClickHouseCase,
  store: Store,
  selection: ClusterSelection,
  progress: Progress = silentProgress,
): Promise<PullSummary> {
  if (!(await hasTable(ch, 'detect_runs')))
    throw new ConfigError(
      `${ch.spec.text}: no detection on this case yet; run \`unmask detect --case …\` first, or pull the whole case without --clusters`,
    );
  const rows: Record<string, number> = {};
  const c = store.connection;
  const steps = 5;
  progress.start('pull', steps);
  const whole = [
    'ingest_runs',
    'indicators',
    'signal_runs',
    'edge_signals',
    'detect_runs',
    'profiles',
    'audit_log',
  ];
  for (const table of whole)
    rows[table] = (await hasTable(ch, table)) ? await pullTable(ch, store, table) : 0;
  progress.update(1, 'runs and case-wide tables');
  const chosen =
    selection === 'flagged'
      ? 'flagged'
      : `cluster_id IN (${inList(selection.length > 0 ? selection : [-1])})`;
  rows.clusters = await pullTable(ch, store, 'clusters', chosen);
  rows.cluster_members = await pullTable(
    ch,
    store,
    'cluster_members',
    selection === 'flagged' ? 'flagged' : chosen,
  );
  const members = (
    await rows_(store, 'SELECT DISTINCT account_id FROM cluster_members ORDER BY 1')
  ).map((r) => String(r[0]));
  progress.update(
    2,
    `${members.length.toLocaleString('en')} accounts in ${rows.clusters} networks`,
  );
  await pullMemberRows(ch, store, members, rows);
  progress.update(3, `${(rows.posts ?? 0).toLocaleString('en')} posts`);
  // Signal edges between two members, with their evidence.
  await pullByKeys(ch, store, 'edge_rows', 'a', 'SELECT sid, ak FROM edge_accounts');
  await c.run(
    `DELETE FROM edge_rows r WHERE NOT EXISTS (SELECT 1 FROM edge_accounts e WHERE e.sid = r.sid AND e.ak = r.b)`,
  );
  progress.update(4, 'signal edges between members');
  for (const table of ['edge_evidence', 'edge_posts'])
    await pullByKeys(ch, store, table, 'pair', 'SELECT sid, pair FROM edge_rows');
  await pullByKeys(ch, store, 'edge_values', 'vk', 'SELECT DISTINCT sid, vk FROM edge_evidence');
  for (const table of [
    'edge_accounts',
    'edge_rows',
    'edge_evidence',
    'edge_posts',
    'edge_values',
    'detect_pairs',
    'posts',
    'post_media',
    'accounts',
  ])
    rows[table] = Number((await rows_(store, `SELECT count(*) FROM ${table}`))[0]?.[0] ?? 0);
  progress.update(5, 'evidence');
  progress.stop();
  return { rows, edges: {}, results: true };
}

/**
 * Pulls the rows of `members` (account ids) from the account-keyed tables into `store`, counting
 * them in `rows`; ids are sent in chunks, and rows of another platform's account of the same id
 * are dropped after.
 */
async function pullMemberRows(
  ch: ClickHouseCase,
  store: Store,
  members: readonly string[],
  rows: Record<string, number>,
): Promise<void> {
  const c = store.connection;
  const byAccount: ReadonlyArray<readonly [string, string]> = [
    ['posts', 'account_id'],
    ['post_media', 'account_id'],
    ['accounts', 'account_id'],
    ['account_names', 'account_id'],
    ['observations', 'account_id'],
    ['labels', 'account_id'],
    ['follows', 'follower_id'],
    ['edge_accounts', 'account_id'],
    ['detect_pairs', 'account_a'],
  ];
  for (const [table, column] of byAccount) {
    rows[table] = 0;
    if (!(await hasTable(ch, table))) continue;
    for (const part of chunks(members))
      rows[table] += await pullTable(ch, store, table, `${column} IN (${inList(part)})`);
  }
  const member = (platform: string, account: string) =>
    `EXISTS (SELECT 1 FROM cluster_members m WHERE m.platform = ${platform} AND m.account_id = ${account})`;
  for (const [table, column] of byAccount) {
    const platform = table === 'detect_pairs' ? 'platform_a' : 'platform';
    await c.run(`DELETE FROM ${table} WHERE NOT ${member(platform, column)}`);
  }
  await c.run(`DELETE FROM detect_pairs WHERE NOT ${member('platform_b', 'account_b')}`);
}

/**
 * Pulls the rows of edge table `table` whose (sid, `column`) the local query `keys` lists, one
 * query per signal and chunk of keys.
 */
async function pullByKeys(
  ch: ClickHouseCase,
  store: Store,
  table: string,
  column: string,
  keys: string,
): Promise<void> {
  for (const [sid, values] of await keysBySignal(store, keys))
    for (const part of chunks(values))
      await pullTable(ch, store, table, `sid = ${sid} AND ${column} IN (${inList(part)})`);
}

/** Integer keys of a two-column query, grouped by the first (a signal's sid). */
async function keysBySignal(store: Store, sql: string): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const [sid, key] of await rows_(store, `${sql} ORDER BY 1, 2`)) {
    const list = out.get(Number(sid)) ?? [];
    list.push(Number(key));
    out.set(Number(sid), list);
  }
  return out;
}

/** Options of {@link openCase}. */
export interface OpenCaseOptions extends StoreOptions {
  /** Options the co-share signals are computed with in ClickHouse (default SIGNAL_DEFAULTS). */
  readonly signals?: SignalOptions;
  readonly progress?: Progress;
  /** Compute the co-share signals in ClickHouse even where results were sent back (detect). */
  readonly fresh?: boolean;
  /** Compute the cluster's signals where no results were sent back (default true). */
  readonly inCluster?: boolean;
}

/**
 * Opens `--case`: a DuckDB file as it is, or a ClickHouse case as a local DuckDB working case
 * pulled from it (in a temporary folder, removed on close).
 */
export async function openCase(text: string, options: OpenCaseOptions = {}): Promise<Store> {
  if (!isClickHouseCase(text)) return openStore(text, options);
  const ch = await openClickHouseCase(text);
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-work-'));
  try {
    const store = await openStore(join(dir, 'work.duckdb'), {
      ...(options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit }),
      ...(options.threads === undefined ? {} : { threads: options.threads }),
    });
    try {
      await pullCase(
        ch,
        store,
        options.signals,
        options.progress,
        options.fresh === true,
        options.inCluster !== false,
      );
    } catch (error) {
      store.close();
      throw error;
    }
    return {
      ...store,
      close() {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await ch.close();
  }
}

/**
 * Sends a working case's results back to its ClickHouse case (`text`): the signal runs and edges,
 * detection and profiles, replacing the last ones, so that later commands pull them. No-op for a
 * DuckDB case.
 */
export async function saveResults(text: string, store: Store): Promise<void> {
  if (!isClickHouseCase(text)) return;
  const ch = await openClickHouseCase(text);
  try {
    await replaceTables(store, ch, RESULT_TABLES);
  } finally {
    await ch.close();
  }
}

/** The part of a signal the cluster computes on a ClickHouse case, null where it cannot. */
type InCluster = (
  ch: ClickHouseCase,
  store: Store,
  options: SignalOptions,
) => Promise<SignalSummary | null>;

/** Signals (beside co-share, computed in the cluster by `signals` itself) with a cluster part. */
const IN_CLUSTER: Readonly<Record<string, InCluster>> = {
  async 'near-duplicate-text'(ch, store, options) {
    const params = signalFor('near-duplicate-text').params(options) as NearDuplicateOptions;
    const r = await nearDuplicateTextOnClickHouse(ch, store, params);
    return (
      r && {
        signal: 'near-duplicate-text',
        edges: r.edges,
        items: r.items,
        skipped: r.skippedShort,
        skippedWhat: `texts under ${params.minChars} characters`,
      }
    );
  },
  async 'shared-infrastructure'(ch, store, options) {
    const params = signalFor('shared-infrastructure').params(options) as InfrastructureOptions;
    const r = await sharedInfrastructureOnClickHouse(ch, store, params);
    return (
      r && {
        signal: 'shared-infrastructure',
        edges: r.edges,
        items: r.items,
        skipped: r.skipped,
        skippedWhat: `values on more than ${params.maxAccounts} accounts`,
      }
    );
  },
};

/**
 * Computes signal `name` (not a co-share signal) of a ClickHouse case (`text`) into a working
 * case pulled from it (its tables, and the results of its last detect, which rhythm reads):
 * near-duplicate text and shared infrastructure with their cluster part where ingest prepared
 * it, the others on the working case as on DuckDB. The caller closes the store.
 */
export async function signalOnClickHouse(
  text: string,
  name: string,
  options: SignalOptions,
  progress: Progress = silentProgress,
): Promise<{ store: Store; summary: SignalSummary }> {
  const store = await openCase(text, { mustExist: true, inCluster: false, progress });
  try {
    const ch = await openClickHouseCase(text);
    let summary: SignalSummary | null;
    try {
      summary = (await IN_CLUSTER[name]?.(ch, store, options)) ?? null;
    } finally {
      await ch.close();
    }
    return { store, summary: summary ?? (await signalFor(name).compute(store, options)) };
  } catch (error) {
    store.close();
    throw error;
  }
}
