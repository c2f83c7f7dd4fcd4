// `unmask serve --case <case.duckdb> [--host 127.0.0.1] [--port 8787] [--token T]`.
import { ConfigError } from '../../errors.js';
import { buildApp } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Flags of serve. */
export interface ServeFlags {
  readonly case: string;
  readonly host: string;
  readonly port: string;
  readonly token?: string;
}

/** Serves the API until the process is stopped; resolves with the exit code then. */
export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  const token = flags.token || process.env.UNMASK_TOKEN || null; // an empty token is none
  if (!LOOPBACK.has(flags.host) && !token)
    throw new ConfigError(
      `--host ${flags.host}: serving beyond this machine needs an access token (--token or UNMASK_TOKEN); refusing to start`,
    );
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port: expected 0..65535, got '${flags.port}'`);
  const store = await openStore(flags.case, { mustExist: true });
  const app = await buildApp(store, {
    casePath: flags.case,
    token,
    now: io.now,
    onIndexBuild: () =>
      io.stderr.write(
        'unmask serve: indexing posts and signal edges by account (once per change)\n',
      ),
  });
  const address = await app.listen({ host: flags.host, port });
  io.stdout.write(
    `unmask serve: ${flags.case} at ${address} (API under /api, OpenAPI at /openapi.json)${token ? '; requests need the bearer token' : ''}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  store.close();
  return 0;
}
