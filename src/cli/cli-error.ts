// Maps errors to exit codes: 2 for unusable invocation or input; unexpected errors rethrown.
import { CaseLockedError, ConfigError, InputError, NotFoundError } from '../core/index.js';

/** Exit codes of the command line. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Returns the exit code and message for a known error, or null for an unexpected one. */
export function exitFor(error: unknown): { code: number; message: string } | null {
  if (
    error instanceof InputError ||
    error instanceof ConfigError ||
    error instanceof NotFoundError ||
    error instanceof CaseLockedError
  ) {
    return { code: EXIT.usage, message: error.message };
  }
  return null;
}
