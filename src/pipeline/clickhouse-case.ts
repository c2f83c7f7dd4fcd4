// A case in ClickHouse for the commands: ingest into it (the same adapters, normalization and
// rejects, through a scratch DuckDB case per run), and a local DuckDB working case pulled from it,
// with the co-share signals computed in the cluster, on which every later stage runs unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Effects, Progress } from '../core/index.js';
import { silentProgress } from '../core/index.js';
import type { SignalOptions } from '../signals/index.js';
import {
  CLICKHOUSE_CO_SHARE,
  computeCoShareOnClickHouse,
  OCCURRENCES,
  pushOccurrences,
  SIGNAL_DEFAULTS,
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
    await mergeTables(ch, [...MIRRORED_TABLES.map((t) => t.name), OCCURRENCES.name]);
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
 * profiles), or, when there are none or `fresh` is set, the co-share signals (every object type
 * and co-reply) computed in ClickHouse with `options`, recorded as runs that `detect` reuses. The
 * other signals (near-duplicate text, shared infrastructure, rare co-share, rhythm) run on the
 * local case when detect needs them.
 */
export async function pullCase(
  ch: ClickHouseCase,
  store: Store,
  options: SignalOptions = SIGNAL_DEFAULTS,
  progress: Progress = silentProgress,
  fresh = false,
): Promise<PullSummary> {
  const rows: Record<string, number> = {};
  const edges: Record<string, number> = {};
  const results = !fresh && (await hasTable(ch, 'detect_runs'));
  const tables = [...MIRRORED_TABLES, ...(results ? RESULT_TABLES : [])];
  progress.start('pull', tables.length + (results ? 0 : CLICKHOUSE_CO_SHARE.length));
  let done = 0;
  for (const t of tables) {
    rows[t.name] = (await hasTable(ch, t.name)) ? await pullTable(ch, store, t.name) : 0;
    progress.update(++done, `${t.name}: ${rows[t.name]!.toLocaleString('en')} rows`);
  }
  for (const signal of results ? [] : CLICKHOUSE_CO_SHARE) {
    edges[signal] = (await computeCoShareOnClickHouse(ch, store, signal, options)).edges;
    progress.update(++done, `${signal}: ${edges[signal]!.toLocaleString('en')} edges`);
  }
  progress.stop();
  return { rows, edges, results };
}

/** Options of {@link openCase}. */
export interface OpenCaseOptions extends StoreOptions {
  /** Options the co-share signals are computed with in ClickHouse (default SIGNAL_DEFAULTS). */
  readonly signals?: SignalOptions;
  readonly progress?: Progress;
  /** Compute the co-share signals in ClickHouse even where results were sent back (detect). */
  readonly fresh?: boolean;
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
      await pullCase(ch, store, options.signals, options.progress, options.fresh === true);
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
