// A case in ClickHouse: a server (`clickhouse://HOST:HTTP_PORT/DB[?cluster=NAME]`) through the
// official @clickhouse/client, or ClickHouse embedded in this process (`chdb:PATH`) through chdb.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';

import { ClickHouseLogLevel, createClient } from '@clickhouse/client';

import { ConfigError, InputError } from '../core/index.js';

/** Where a ClickHouse case lives, parsed from `--case`. */
export interface ClickHouseSpec {
  /** 'server': @clickhouse/client over HTTP; 'chdb': ClickHouse embedded (one node). */
  readonly kind: 'server' | 'chdb';
  /** The URL or path as given (for messages). */
  readonly text: string;
  /** HTTP base URL of the server the commands talk to, e.g. 'http://127.0.0.1:8123' (server only). */
  readonly url: string;
  /** chdb's data folder (chdb only). */
  readonly path: string;
  readonly database: string;
  /** The `remote_servers` cluster the case is sharded over; null for one server. */
  readonly cluster: string | null;
  readonly user: string;
  /**
   * HTTP addresses (HOST:PORT) of the cluster's nodes, for DDL on each node where no coordination
   * service runs `ON CLUSTER`; default each host of `system.clusters` with the URL's HTTP port.
   */
  readonly nodes: readonly string[] | null;
  /**
   * How long one query may run before the client gives up, ms (`timeout=` in seconds; default
   * {@link DEFAULT_QUERY_TIMEOUT_S}).
   */
  readonly timeoutMs: number;
}

/**
 * Seconds a query may run by default: an hour. At 10M posts on two small shards one pass of
 * co-share:url's aggregation ran past 16 minutes, and the client's earlier 10 minutes ended detect.
 */
export const DEFAULT_QUERY_TIMEOUT_S = 3600;

/** True when `--case` names a ClickHouse case rather than a DuckDB file. */
export function isClickHouseCase(text: string): boolean {
  return /^(clickhouse|chdb):/i.test(text);
}

/**
 * Parses `clickhouse://HOST:HTTP_PORT/DATABASE[?cluster=NAME][&user=U][&nodes=H:P,H:P][&timeout=S]` or
 * `chdb:PATH[?database=DB]`; throws ConfigError naming the part that is wrong.
 */
export function parseClickHouseCase(text: string): ClickHouseSpec {
  if (/^chdb:/i.test(text)) {
    const [path = '', query = ''] = text.slice(5).replace(/^\/\//, '').split('?');
    if (path === '') throw new ConfigError(`--case ${text}: chdb needs a folder, e.g. chdb:./case`);
    const database = new URLSearchParams(query).get('database') ?? 'unmask';
    return {
      kind: 'chdb',
      text,
      url: '',
      path,
      database: checkName(text, 'database', database),
      cluster: null,
      user: 'default',
      nodes: null,
      timeoutMs: DEFAULT_QUERY_TIMEOUT_S * 1000,
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      `--case ${text}: expected clickhouse://HOST:HTTP_PORT/DATABASE[?cluster=NAME]`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '')
    throw new ConfigError(`--case ${text}: no database (clickhouse://HOST:PORT/DATABASE)`);
  const cluster = url.searchParams.get('cluster');
  const nodes = url.searchParams.get('nodes');
  const timeout = Number(url.searchParams.get('timeout') ?? DEFAULT_QUERY_TIMEOUT_S);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new ConfigError(
      `--case ${text}: timeout must be a positive number of seconds, not ${url.searchParams.get('timeout')}`,
    );
  return {
    kind: 'server',
    text,
    url: `http://${url.hostname}:${url.port || '8123'}`,
    path: '',
    database: checkName(text, 'database', database),
    cluster: cluster === null ? null : checkName(text, 'cluster', cluster),
    user: url.searchParams.get('user') ?? (decodeURIComponent(url.username) || 'default'),
    nodes: nodes === null ? null : nodes.split(',').filter((n) => n !== ''),
    timeoutMs: Math.round(timeout * 1000),
  };
}

function checkName(text: string, what: string, name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new ConfigError(`--case ${text}: ${what} '${name}' must be letters, digits and _`);
  return name;
}

/** One ClickHouse node the case's SQL can run on. */
interface Node {
  query(sql: string): Promise<string>;
  /** Writes the answer to `sql` into the file at `path` as it arrives. */
  queryToFile(sql: string, path: string): Promise<void>;
  /** Runs `insert` (an `INSERT … FORMAT <format>`) with the file at `path` as its data. */
  insertFile(insert: string, path: string): Promise<void>;
  /** The ids of this node's requests still running (none embedded: chdb answers in-process). */
  running(): readonly string[];
  close(): Promise<void>;
}

/** An open ClickHouse case: SQL in, rows out; DDL on every node of its cluster. */
export interface ClickHouseCase {
  readonly spec: ClickHouseSpec;
  /** The database every table lives in (qualify names with it). */
  readonly database: string;
  /** The cluster name, or null for one node. */
  readonly cluster: string | null;
  /** Number of nodes tables are created on (shards of the cluster, or 1). */
  readonly shards: number;
  /** Runs a SELECT and returns its rows (JSONEachRow: 64-bit integers come as strings). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs a SELECT and writes its JSONEachRow answer (one JSON object per line) to `path`. */
  queryToFile(sql: string, path: string): Promise<void>;
  /** Runs a statement that returns nothing. */
  command(sql: string): Promise<void>;
  /** Runs a statement on every node (DDL without a coordination service). */
  onEachNode(sql: string): Promise<void>;
  /**
   * Stops this case's queries still running: each node is told to kill them (and the parts a
   * distributed query runs on the other shards), and their requests reject. Close does it too.
   */
  cancel(): Promise<void>;
  /**
   * Inserts the CSV file at `path` (RFC 4180 quoting, `\\N` for NULL, arrays as ClickHouse
   * literals `['a','b']`) into `columns` of `table`, in one streamed INSERT.
   */
  insertCsvFile(table: string, columns: readonly string[], path: string): Promise<void>;
  /**
   * Runs `insert` (an `INSERT INTO <local table> … FORMAT <format>`) on every node with the file
   * at `path` as its data: the same rows on each node (a lookup every shard joins locally).
   */
  insertFileOnEachNode(insert: string, path: string): Promise<void>;
  close(): Promise<void>;
}

function serverNode(url: string, user: string, timeoutMs: number): Node {
  const client = createClient({
    url,
    username: user,
    password: process.env.UNMASK_CLICKHOUSE_PASSWORD ?? '',
    request_timeout: timeoutMs,
    // Its warning about long requests without progress headers would print on every command.
    log: { level: ClickHouseLogLevel.ERROR },
    // 18.16 answers HTTP compression, but plain bodies keep the two servers' paths the same.
    compression: { request: false, response: false },
  });
  // Every request has an id, so that a case closed with queries still running (a failed or
  // interrupted detect) can ask each server to stop them: 18.16 runs a query to its end after its
  // client went away, and a distributed one on every shard too.
  const running = new Set<string>();
  const tracked = async <T>(run: (id: string) => Promise<T>): Promise<T> => {
    const id = `unmask-${randomUUID()}`;
    running.add(id);
    try {
      return await run(id);
    } finally {
      running.delete(id);
    }
  };
  return {
    query: (sql) =>
      tracked(async (query_id) => {
        const result = await client.exec({ query: sql, query_id });
        const chunks: Buffer[] = [];
        for await (const chunk of result.stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      }),
    queryToFile: (sql, path) =>
      tracked(async (query_id) => {
        const result = await client.exec({ query: sql, query_id });
        await pipeline(result.stream, createWriteStream(path));
      }),
    insertFile: (insert, path) =>
      tracked(async (query_id) => {
        // Blocks of 100k rows, not 1M: a post is ~600 bytes, and 18.16 splits each block per
        // shard. Synchronous on a Distributed table: the INSERT returns once every shard has its
        // rows, so the OPTIMIZE … FINAL after an ingest sees them (by default they are sent in
        // the background).
        const result = await client.exec({
          query: insert,
          values: createReadStream(path),
          query_id,
          clickhouse_settings: { max_insert_block_size: '100000', insert_distributed_sync: 1 },
        });
        for await (const chunk of result.stream) void chunk;
      }),
    running: () => [...running],
    close: () => client.close(),
  };
}

/** The part of chdb's `Session` we use. */
interface ChdbSession {
  query(sql: string, format: string): string;
  close(): void;
}

/** Whether chdb (embedded ClickHouse) is installed: it is not a dependency (see chdbNode). */
export async function chdbAvailable(): Promise<boolean> {
  try {
    await loadChdb();
    return true;
  } catch {
    return false;
  }
}

// chdb is installed on demand (`npm install --no-save chdb@3`): its package names platform
// binaries that are not all published, so a lock file holding it fails `npm ci` on every machine.
// The name is a variable so the compiler does not need its types.
async function loadChdb(): Promise<{ Session: new (path: string) => ChdbSession }> {
  const name = 'chdb';
  return (await import(name)) as { Session: new (path: string) => ChdbSession };
}

async function chdbNode(path: string): Promise<Node> {
  let Session: new (path: string) => ChdbSession;
  try {
    ({ Session } = await loadChdb());
  } catch {
    throw new ConfigError(
      `chdb:${path}: chdb (embedded ClickHouse) is not installed; run 'npm install --no-save chdb@3' in the unmask folder, or use a clickhouse:// server`,
    );
  }
  const session = new Session(path);
  const query = (sql: string): Promise<string> => {
    try {
      return Promise.resolve(session.query(sql, 'JSONEachRow'));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    query,
    async queryToFile(sql, file) {
      writeFileSync(file, await query(sql));
    },
    async insertFile(insert, file) {
      // Embedded: the server is this process, so it reads the file itself.
      await query(
        insert.replace(
          / FORMAT (\w+)$/,
          (_, format: string) => ` FROM INFILE '${file.replaceAll("'", "\\'")}' FORMAT ${format}`,
        ),
      );
    },
    running: () => [],
    close() {
      session.close();
      return Promise.resolve();
    },
  };
}

/**
 * Opens the ClickHouse case `text` (see {@link parseClickHouseCase}): checks that the server
 * answers, that the cluster exists, and creates the database (on every node) if missing.
 */
export async function openClickHouseCase(text: string): Promise<ClickHouseCase> {
  const spec = parseClickHouseCase(text);
  const main =
    spec.kind === 'chdb'
      ? await chdbNode(spec.path)
      : serverNode(spec.url, spec.user, spec.timeoutMs);
  const nodes: Node[] = [main];
  const fail = (error: unknown): never => {
    throw new InputError(`--case ${spec.text}: ${(error as Error).message.split('\n')[0]}`);
  };
  const rows = async (node: Node, sql: string) =>
    (await node.query(sql.includes('FORMAT ') ? sql : `${sql} FORMAT JSONEachRow`).catch(fail))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  try {
    await rows(main, 'SELECT 1 AS ok');
    if (spec.cluster !== null) {
      const hosts = await rows(
        main,
        `SELECT shard_num, host_address FROM system.clusters WHERE cluster = '${spec.cluster}' AND replica_num = 1 ORDER BY shard_num`,
      );
      if (hosts.length === 0)
        throw new ConfigError(
          `--case ${spec.text}: the server has no cluster '${spec.cluster}' in remote_servers`,
        );
      const port = new URL(spec.url).port;
      const addresses = spec.nodes ?? hosts.map((h) => `${String(h.host_address)}:${port}`);
      if (addresses.length !== hosts.length)
        throw new ConfigError(
          `--case ${spec.text}: nodes= lists ${addresses.length} addresses for ${hosts.length} shards`,
        );
      nodes.length = 0;
      for (const address of addresses)
        nodes.push(serverNode(`http://${address}`, spec.user, spec.timeoutMs));
      // The URL's own server stays the one queries go through (it may be one of the nodes).
      nodes.push(main);
      nodes.reverse();
    }
    for (const node of nodes.slice(spec.cluster === null ? 0 : 1))
      await node.query(`CREATE DATABASE IF NOT EXISTS ${spec.database}`).catch(fail);
  } catch (error) {
    for (const node of nodes) await node.close();
    throw error;
  }
  const each = spec.cluster === null ? nodes : nodes.slice(1);
  const cancel = async () => {
    const ids = nodes.flatMap((node) => node.running());
    if (ids.length === 0) return;
    const list = ids.map((id) => `'${id}'`).join(', ');
    // ASYNC: the answer comes once the kill is asked, not when the query has stopped.
    for (const node of nodes)
      await node
        .query(`KILL QUERY WHERE query_id IN (${list}) OR initial_query_id IN (${list}) ASYNC`)
        .catch(() => undefined);
  };
  const opened: ClickHouseCase = {
    spec,
    database: spec.database,
    cluster: spec.cluster,
    shards: each.length,
    query: (sql) => rows(main, sql),
    queryToFile: (sql, path) => main.queryToFile(`${sql} FORMAT JSONEachRow`, path).catch(fail),
    async command(sql) {
      await main.query(sql).catch(fail);
    },
    async onEachNode(sql) {
      for (const node of each) await node.query(sql).catch(fail);
    },
    cancel,
    async insertCsvFile(table, columns, path) {
      await main
        .insertFile(`INSERT INTO ${table} (${columns.join(', ')}) FORMAT CSV`, path)
        .catch(fail);
    },
    async insertFileOnEachNode(insert, path) {
      for (const node of each) await node.insertFile(insert, path).catch(fail);
    },
    async close() {
      openCases.delete(opened);
      if (openCases.size === 0) stopWatchingSignals();
      await cancel();
      for (const node of nodes) await node.close();
    },
  };
  openCases.add(opened);
  watchSignals();
  return opened;
}

/** The ClickHouse cases open in this process, whose queries an interrupt stops. */
const openCases = new Set<ClickHouseCase>();

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * On Ctrl-C or a kill while a case is open: its queries are stopped on the servers (at most 5 s
 * spent asking), then the signal is raised again with this handler gone, so the process ends as
 * it would have (a detect interrupted at 10M posts left its query running on both servers).
 */
function onSignal(signal: NodeJS.Signals): void {
  stopWatchingSignals();
  const asked = Promise.allSettled([...openCases].map((c) => c.cancel()));
  const waited = new Promise((resolve) => setTimeout(resolve, 5000).unref());
  void Promise.race([asked, waited]).then(() => process.kill(process.pid, signal));
}

function watchSignals(): void {
  for (const signal of SIGNALS)
    if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
}

function stopWatchingSignals(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
