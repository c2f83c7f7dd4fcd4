// Starts a two-shard ClickHouse cluster of two `clickhouse-server` processes on loopback for tests
// (own config and data folders under a temp folder, free ports, a `remote_servers` cluster of two
// shards, no ZooKeeper), waits until both answer, and stops them after.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chdbAvailable } from '../../src/store/index.js';

/** Debian's package puts the server here; tests that need it skip (saying so) where it is absent. */
export const CLICKHOUSE_SERVER =
  process.env.UNMASK_CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server';

/** Why ClickHouse tests skip here, or null when the server binary is installed. */
export const clickHouseMissing = existsSync(CLICKHOUSE_SERVER)
  ? null
  : `${CLICKHOUSE_SERVER} is not installed (apt-get install clickhouse-server); ClickHouse cluster tests skipped`;

/** A running two-shard cluster. */
export interface TestCluster {
  /** `--case` URL of a database on it, sharded over both nodes. */
  caseUrl(database: string): string;
  /** HTTP ports of the two nodes. */
  readonly httpPorts: readonly number[];
  /** Runs SQL on node i (0 or 1) and returns the text answer. */
  query(node: number, sql: string): Promise<string>;
  stop(): Promise<void>;
}

/** Time to give {@link TestCluster.stop} in a hook: two servers shutting down under load took more than vitest's default 10 s. */
export const CLUSTER_STOP_MS = 60_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function config(dir: string, http: number, tcp: number, inter: number, tcps: number[]): string {
  const shards = tcps
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`)
    .join('');
  return `<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${http}</http_port><tcp_port>${tcp}</tcp_port><interserver_http_port>${inter}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <max_concurrent_queries>50</max_concurrent_queries>
  <uncompressed_cache_size>67108864</uncompressed_cache_size><mark_cache_size>67108864</mark_cache_size>
  <path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile><default_database>default</default_database>
  <timezone>UTC</timezone><mlock_executable>false</mlock_executable>
  <remote_servers><unmask_test>${shards}</unmask_test></remote_servers>
</yandex>
`;
}

/** Memory limits of each server, in bytes. */
export interface ServerMemory {
  /** A query's most (`max_memory_usage`). */
  readonly query: number;
  /** All queries' most (`max_memory_usage_for_all_queries`). */
  readonly server: number;
  /** GROUP BY and ORDER BY spill to disk past this (`max_bytes_before_external_*`). */
  readonly spill: number;
}

// Memory per server by default: 4 GB a query and 5 GB for all of them, GROUP BY and ORDER BY
// spilling to disk past 1.2 GB, so that the two servers, the DuckDB working case and other work
// share a 24 GB machine. The 10M-post bench gives more (see bench/run.ts).
const DEFAULT_MEMORY: ServerMemory = { query: 4e9, server: 5e9, spill: 1.2e9 };
const users = (m: ServerMemory) => `<yandex>
  <profiles><default><max_memory_usage>${m.query}</max_memory_usage><max_memory_usage_for_all_queries>${m.server}</max_memory_usage_for_all_queries><max_bytes_before_external_group_by>${m.spill}</max_bytes_before_external_group_by><max_bytes_before_external_sort>${m.spill}</max_bytes_before_external_sort><distributed_aggregation_memory_efficient>1</distributed_aggregation_memory_efficient><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/**
 * Sends a query over a connection of its own (no keep-alive): a pooled socket that the server
 * closed while Node's loop was blocked (the bench runs the CLI with spawnSync for minutes) would
 * be reused before its close is seen, and the write fails with EPIPE.
 */
function get(port: number, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          (response.statusCode ?? 500) < 300
            ? resolve(text)
            : reject(new Error(`node :${port}: ${text}`)),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(sql);
  });
}

/** Starts the two nodes and resolves once both answer a query (polled; no fixed sleep). */
export async function startCluster(memory: ServerMemory = DEFAULT_MEMORY): Promise<TestCluster> {
  const root = mkdtempSync(join(tmpdir(), 'unmask-ch-cluster-'));
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const nodes = [0, 1].map((i) => ({
    dir: join(root, `node${i}`),
    http: ports[3 * i]!,
    tcp: ports[3 * i + 1]!,
    inter: ports[3 * i + 2]!,
  }));
  const children: ChildProcess[] = [];
  for (const n of nodes) {
    mkdirSync(n.dir, { recursive: true });
    writeFileSync(join(n.dir, 'users.xml'), users(memory));
    writeFileSync(
      join(n.dir, 'config.xml'),
      config(
        n.dir,
        n.http,
        n.tcp,
        n.inter,
        nodes.map((m) => m.tcp),
      ),
    );
    // The server's stderr goes to a file, not a pipe: a parent that blocks for minutes (the bench
    // runs the CLI with spawnSync) would leave a pipe undrained, and a server whose stderr is full
    // stops answering.
    const stderr = join(n.dir, 'stderr.log');
    const fd = openSync(stderr, 'w');
    const child = spawn(CLICKHOUSE_SERVER, [`--config-file=${join(n.dir, 'config.xml')}`], {
      stdio: ['ignore', 'ignore', fd],
    });
    closeSync(fd);
    children.push(child);
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const n of nodes) {
      for (let attempt = 0; ; attempt++) {
        try {
          await get(n.http, 'SELECT 1');
          break;
        } catch (error) {
          if (children.some((c) => c.exitCode !== null))
            throw new Error(
              `clickhouse-server exited: ${nodes
                .map((m) => join(m.dir, 'stderr.log'))
                .filter((f) => existsSync(f))
                .map((f) => readFileSync(f, 'utf8').slice(-4000))
                .join('')}`,
            );
          if (attempt > 600) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    httpPorts: nodes.map((n) => n.http),
    caseUrl: (database) =>
      `clickhouse://127.0.0.1:${nodes[0]!.http}/${database}?cluster=unmask_test&nodes=${nodes
        .map((n) => `127.0.0.1:${n.http}`)
        .join(',')}`,
    query: (i, sql) => get(nodes[i]!.http, sql),
    stop,
  };
}

/**
 * Why the chdb tests cannot run here, or null: chdb is installed on demand (`.ci/run` does,
 * with `npm install --no-save chdb@3`), not a dependency of the package.
 */
export const chdbMissing = (await chdbAvailable())
  ? null
  : 'chdb is not installed (npm install --no-save chdb@3; CI installs it)';
