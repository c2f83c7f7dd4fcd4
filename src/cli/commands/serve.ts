// `unmask serve --case <case.duckdb> [--host 127.0.0.1] [--port 8787] [--users FILE | --token-file FILE] [--reviewer NAME] [--allowed-host NAME]…`.
import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';

import { ConfigError } from '../../core/index.js';
import { openCase, saveResults } from '../../pipeline/index.js';
import type { Analyst } from '../../server/index.js';
import {
  allowedHostNames,
  assertCanListen,
  buildApp,
  checkedReviewer,
  checkedToken,
  generateToken,
  listenError,
  readUsersFile,
} from '../../server/index.js';
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
  /** A users file: one `name:token` a line, each analyst's name and access token. */
  readonly users?: string;
  /** The reviewer name of the single token (default: the OS user name); not with --users. */
  readonly reviewer?: string;
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

/** The OS user's name, the default reviewer of the single token. */
function osUserName(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? process.env.USERNAME;
  }
  if (!name)
    throw new ConfigError(
      '--reviewer: the OS user has no name here; give one with --reviewer NAME',
    );
  return checkedReviewer(name, 'the OS user name');
}

/** The analysts of the users file, checked and warned about; refuses a token given besides. */
function usersOf(file: string, flags: ServeFlags, io: CliIo): Analyst[] {
  const besides = [
    flags.tokenFile !== undefined && '--token-file',
    flags.token !== undefined && '--token',
    !!process.env.UNMASK_TOKEN && 'UNMASK_TOKEN',
    flags.reviewer !== undefined && '--reviewer',
  ].filter(Boolean);
  if (besides.length > 0)
    throw new ConfigError(
      `--users ${file}: each analyst's name and token come from the file; drop ${besides.join(', ')}`,
    );
  const analysts = readUsersFile(file);
  // Tokens are passwords: whoever can read the file can decide under any analyst's name.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
    io.stderr.write(
      `unmask serve: --users ${file} can be read by other users of this machine; chmod 600 it\n`,
    );
  return analysts;
}

/** Serves the API until the process is stopped; resolves with the exit code then. */
export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port: expected 0..65535, got '${flags.port}'`);
  let analysts: Analyst[];
  let single: { token: string; generated: boolean } | null = null;
  if (flags.users !== undefined) analysts = usersOf(flags.users, flags, io);
  else {
    single = resolveToken(flags, io);
    const name =
      flags.reviewer !== undefined ? checkedReviewer(flags.reviewer, '--reviewer') : osUserName();
    analysts = [{ name, token: single.token }];
  }
  const allowedHosts = allowedHostNames(flags.host, flags.allowedHost ?? []);
  // A busy port is said now, not after the index build (minutes on a large case).
  await assertCanListen(flags.host, port);
  const store = await openCase(flags.case, { mustExist: true, progress: io.progress });
  const app = await buildApp(store, {
    casePath: flags.case,
    analysts,
    allowedHosts,
    now: io.now,
    onIndexBuild: () =>
      io.stderr.write(
        'unmask serve: indexing posts and signal edges by account (once per change)\n',
      ),
    onFirstPages: ({ written, error, seconds }) =>
      io.stderr.write(
        written
          ? `unmask serve: first account pages written beside the case (${seconds} s; once per change)\n`
          : `unmask serve: first account pages not written beside the case (${error ?? 'unknown reason'}); they come from the index\n`,
      ),
  });
  let address: string;
  try {
    address = await app.listen({ host: flags.host, port });
  } catch (error) {
    await app.close();
    store.close();
    // Taken while the index was built.
    throw listenError(error, flags.host, port) ?? error;
  }
  io.stdout.write(
    `unmask serve: ${flags.case} at ${address} (API under /api, OpenAPI at /openapi.json); every API request needs an access token\n`,
  );
  if (single) {
    // Printed once, as a link to open; the UI keeps the token for the tab and drops it from the URL.
    io.stdout.write(
      `unmask serve: open ${address}/?token=${encodeURIComponent(single.token)} (decisions are recorded as ${analysts[0]!.name}${single.generated ? '; a new token for this run: set UNMASK_TOKEN or --token-file to keep one' : ''})\n`,
    );
  } else {
    io.stdout.write(
      `unmask serve: ${analysts.length} analysts from ${flags.users}; each opens ${address}/?token=<their token>\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  try {
    // On a ClickHouse case the session's review decisions go back to it when the server stops.
    await saveResults(flags.case, store);
  } finally {
    store.close();
  }
  return 0;
}
