// Runs the command line in process with captured output and a fixed clock (tests).
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { silentProgress } from '../../src/core/index.js';
import { FIXED_NOW } from './ingest-fixture.js';

/** Runs `unmask argv…`; returns its exit code and what it printed. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    progress: silentProgress,
    silentProgress,
    now: () => FIXED_NOW,
  };
  return { code: await main(argv, io), out, err };
}
