// Whether the server can listen where it was told, asked before the slow start (the index build).
import { createServer } from 'node:net';

import { ConfigError } from '../core/index.js';

/**
 * A ConfigError for a failed listen on `host:port` that says why in the user's words (in use, not
 * an address of this machine, needs privileges); null for any other error.
 */
export function listenError(error: unknown, host: string, port: number): ConfigError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      `${where} is in use by another program; stop it or choose another --port`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ConfigError(`${where}: --host ${host} is not an address of this machine`);
  if (code === 'EACCES')
    return new ConfigError(`${where}: no permission to listen there (ports below 1024 need it)`);
  return null;
}

/**
 * Resolves once `host:port` is known to be free: listens there for a moment and closes again.
 * Rejects with {@link listenError}'s ConfigError when it is not. Port 0 (any free port) always is.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(listenError(error, host, port) ?? error));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
