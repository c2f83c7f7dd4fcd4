// Opens (and migrates) a DuckDB case file: the only place that creates connections.
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';

import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';

import { CaseLockedError, ConfigError, InputError, NotFoundError } from '../core/index.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** An open case file. */
export interface Store {
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Closes the connection and the database, releasing the file lock. */
  close(): void;
  /**
   * Opens another connection to the same database (for concurrent reads, e.g. the server's
   * requests); its `close` closes only that connection.
   */
  fork(): Promise<Store>;
  /**
   * Runs `work` after every `exclusive` work started before it on this database (on any of its
   * connections) has ended. Writes that take the edge tables' next free keys (max + 1) hold it, so
   * that signals computed side by side on two connections never take the same keys.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** DuckDB memory limit, e.g. '4GB'; default half of RAM. */
  readonly memoryLimit?: string;
  /** DuckDB worker threads; default the number of cores. */
  readonly threads?: number;
  /** Refuse to create a new case (commands that read one): a mistyped path is an error. */
  readonly mustExist?: boolean;
}

/** Opens the case file at `path` (':memory:' for tests), creating and migrating it as needed. */
export async function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  if (options.mustExist && path !== ':memory:' && !existsSync(path))
    throw new NotFoundError(
      `${path}: no such case file (create one with 'unmask ingest <files> --case ${path}')`,
    );
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (error) {
    const message = (error as Error).message;
    if (/lock/i.test(message)) {
      const pid = /PID (\d+)/.exec(message)?.[1];
      throw new CaseLockedError(
        `${path}: the case file is in use by another process${pid ? ` (PID ${pid}, e.g. 'unmask serve')` : ''}; stop it or work on a copy`,
      );
    }
    throw new InputError(`${path}: cannot open case file: ${message}`);
  }
  const connection = await instance.connect();
  // A promise chain: each exclusive work starts when the one before it has settled.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
  const fork = async (): Promise<Store> => {
    const other = await instance.connect();
    await other.run(`SET TimeZone = 'UTC'`);
    return { path, connection: other, close: () => other.closeSync(), fork, exclusive };
  };
  const store: Store = {
    path,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
    fork,
    exclusive,
  };
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    // Nothing relies on insertion order (staging carries its own sequence numbers); without it
    // DuckDB streams and spills large inserts instead of running out of memory (10M-post loads).
    await connection.run('SET preserve_insertion_order = false');
    // No row-group compaction at checkpoints. A parallel bulk insert leaves a partial row group
    // per thread, and the next checkpoint rewrote them with every row group after them: 350 ms to
    // close a case after ingesting the 302k-row ring file, as long as the insert itself. Without
    // it, a row group keeps deleted rows until all of its rows are deleted (replacing a signal's
    // edges six times: 1.0M rows stored for 600k live, the file 12–17 MB instead of 14 MB).
    await connection.run('SET max_vacuum_tasks = 0');
    // DuckDB 1.5.6's common-subplan optimizer returns wrong results here: on a 10M-post case the
    // UNION of signal_edge_weights' two ends counted 75,177 accounts, fewer than its a-side's
    // 75,181 alone (75,743 with the optimizer off, or with the view materialized first), and
    // graph exports left 566 edge ends undeclared. Off for every query until a fixed release.
    await connection.run(`SET disabled_optimizers = 'common_subplan'`);
    // DuckDB's default (80% of RAM) leaves too little for the signals' typed arrays in the same
    // process: a 10M-post run was killed by the kernel after co-share:post. Half of RAM by default;
    // UNMASK_MEMORY_LIMIT for a machine shared with other work (DuckDB spills past it: the
    // workspace index at 10M posts built in 80 s at 4GB, 5.2 GB peak RSS, against 70 s and 12 GB).
    const limit =
      options.memoryLimit ?? memoryLimitFromEnv() ?? `${Math.floor(totalmem() / 2 / 2 ** 20)}MB`;
    await connection.run(`SET memory_limit = '${limit.replace(/'/g, '')}'`);
    if (options.threads)
      await connection.run(`SET threads = ${Math.max(1, Math.floor(options.threads))}`);
    await migrate(connection, path);
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}

/** UNMASK_MEMORY_LIMIT (e.g. '6GB', '512MB'), checked; undefined when unset or empty. */
export function memoryLimitFromEnv(value = process.env.UNMASK_MEMORY_LIMIT): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.exec(value);
  if (!m || Number(m[1]) <= 0)
    throw new ConfigError(
      `UNMASK_MEMORY_LIMIT: expected a size such as 6GB or 512MB (KB, MB, GB, TB, KiB, MiB, GiB, TiB), got '${value}'`,
    );
  return `${m[1]}${m[2]}`;
}

async function migrate(connection: DuckDBConnection, path: string): Promise<void> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  );
  const rows = (
    await connection.runAndReadAll(`SELECT value FROM meta WHERE key = 'schema_version'`)
  ).getRows();
  const current = rows.length ? Number(rows[0]?.[0]) : 0;
  if (current > SCHEMA_VERSION) {
    throw new InputError(
      `${path}: case file has schema version ${current}, newer than this unmask (${SCHEMA_VERSION}); upgrade unmask`,
    );
  }
  // All pending migrations in one transaction: a new case file is written once (one commit each
  // took a third of opening one), and a failed upgrade leaves the file as it was.
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const m of pending) {
      for (const statement of m.statements) await connection.run(statement);
      await m.run?.(connection);
    }
    await connection.run(
      `INSERT OR REPLACE INTO meta VALUES ('schema_version', '${pending[pending.length - 1]!.version}')`,
    );
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
