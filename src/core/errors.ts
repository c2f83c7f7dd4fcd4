// The small set of errors stages throw; the CLI maps them to exit codes, the server to HTTP status.

/** Bad input data or an unusable file: names the file, line or field and the reason. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A bad option or flag value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A file, case, cluster or account that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The case file is locked by another process (e.g. `unmask serve`). */
export class CaseLockedError extends Error {
  override readonly name = 'CaseLockedError';
}
