// `unmask serve --case <case.duckdb> [--host 127.0.0.1] [--port 8787] [--token-file FILE] [--allowed-host NAME]…`.
import { readFileSync } from 'node:fs';

import { ConfigError } from '../../errors.js';
import { allowedHostNames, buildApp, generateToken } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';

/** Flags of serve. */
export interface ServeFlags {
  readonly case: string;
  readonly host: string;
  readonly port: string;
  /** Deprecated: visible to every user of the machine in `ps`; use UNMASK_TOKEN or --token-file. */
  readonly token?: string;
  /** A file whose first line is the access token. */
  readonly tokenFile?: string;
  /** Further host names the Host header may name (a reverse proxy's or the machine's name). */
  readonly allowedHost?: readonly string[];
}

/** A token of at least 16 visible ASCII characters, or a ConfigError naming where it came from. */
function checkedToken(token: string, source: string): string {
  if (!/^[\x21-\x7e]{16,}$/.test(token))
    throw new ConfigError(
      `${source}: an access token needs at least 16 visible ASCII characters, no spaces`,
    );
  return token;
}

/** The access token: the token file, UNMASK_TOKEN, --token (deprecated), or a new random one. */
function resolveToken(flags: ServeFlags, io: CliIo): { token: string; generated: boolean } {
  if (flags.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.tokenFile, 'utf8');
    } catch (e) {
      throw new ConfigError(`--token-file ${flags.tokenFile}: ${(e as Error).message}`);
    }
    const first = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
    return { token: checkedToken(first, `--token-file ${flags.tokenFile}`), generated: false };
  }
  const env = process.env.UNMASK_TOKEN;
  if (env) return { token: checkedToken(env, 'UNMASK_TOKEN'), generated: false };
  if (flags.token) {
    io.stderr.write(
      'unmask serve: --token is visible to every user of this machine (ps); use UNMASK_TOKEN or --token-file\n',
    );
    return { token: checkedToken(flags.token, '--token'), generated: false };
  }
  return { token: generateToken(), generated: true };
}

/** Serves the API until the process is stopped; resolves with the exit code then. */
export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port: expected 0..65535, got '${flags.port}'`);
  const { token, generated } = resolveToken(flags, io);
  const allowedHosts = allowedHostNames(flags.host, flags.allowedHost ?? []);
  const store = await openStore(flags.case, { mustExist: true });
  const app = await buildApp(store, {
    casePath: flags.case,
    token,
    allowedHosts,
    now: io.now,
    onIndexBuild: () =>
      io.stderr.write(
        'unmask serve: indexing posts and signal edges by account (once per change)\n',
      ),
  });
  const address = await app.listen({ host: flags.host, port });
  io.stdout.write(
    `unmask serve: ${flags.case} at ${address} (API under /api, OpenAPI at /openapi.json); every API request needs the access token\n`,
  );
  // Printed once, as a link to open; the UI keeps the token for the tab and drops it from the URL.
  io.stdout.write(
    `unmask serve: open ${address}/?token=${encodeURIComponent(token)}${generated ? ' (a new token for this run; set UNMASK_TOKEN or --token-file to keep one)' : ''}\n`,
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
