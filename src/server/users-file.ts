// Reads the workspace's users file: one `name:token` a line, naming the line of any bad one.
import { readFileSync } from 'node:fs';

import { ConfigError } from '../core/index.js';
import { type Analyst, checkedReviewer, checkedToken } from './auth.js';

/**
 * The analysts listed in a users file's text: one `name:token` a line (split at the first colon,
 * so a name has none and a token may), blank lines and `#` comments ignored. Throws a ConfigError
 * naming `file` and the line of a bad entry, a token given twice, or a file with no analysts.
 *
 * @example
 * parseUsers('# reviewers of case 12\nAna Lima:3q2+478cbd1e6f0a9\n', 'users.txt')
 * // → [{ name: 'Ana Lima', token: '3q2+478cbd1e6f0a9' }]
 */
export function parseUsers(text: string, file: string): Analyst[] {
  const analysts: Analyst[] = [];
  const lineOf = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const where = `${file}: line ${line}`;
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) return;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new ConfigError(`${where}: expected name:token, found no ':'`);
    const name = checkedReviewer(entry.slice(0, colon), where);
    const token = checkedToken(entry.slice(colon + 1).trim(), where);
    const first = lineOf.get(token);
    if (first !== undefined)
      throw new ConfigError(
        `${where}: the same token as line ${first}; each token must name one analyst`,
      );
    lineOf.set(token, line);
    analysts.push({ name, token });
  });
  if (analysts.length === 0) throw new ConfigError(`${file}: no analysts (one name:token a line)`);
  return analysts;
}

/** The analysts of the users file at `path` (see {@link parseUsers}); a ConfigError if unreadable. */
export function readUsersFile(path: string): Analyst[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`--users ${path}: ${(e as Error).message}`);
  }
  return parseUsers(text, path);
}
