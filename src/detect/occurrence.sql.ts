// A signal's occurrence (its registry's `occurrence`: a SQL condition over `posts`,
// 'observations', or null) turned into SQL, for detect's per-account and per-case questions.
import type { Signal } from '../signals/index.js';

/** What counts as an occurrence of a signal (the registry's `occurrence`). */
export type Occurrence = Signal['occurrence'];

/** Where the occurrences of some signals are, as SQL. */
export interface OccurrenceSql {
  /** A condition over `posts`, true for a post that is an occurrence of any; 'false' for none. */
  readonly posts: string;
  /** Whether each row of `observations` is an occurrence too. */
  readonly observations: boolean;
}

/**
 * Where the occurrences of any of `occurrences` are: the posts that match one of their conditions
 * and, when one of them is 'observations', every observation. A null occurrence (a signal that is
 * not tested) adds neither.
 * @example occurrenceSql(['len(urls) > 0', 'observations'])
 * // → { posts: '(len(urls) > 0)', observations: true }
 */
export function occurrenceSql(occurrences: readonly Occurrence[]): OccurrenceSql {
  const conditions = occurrences.filter(
    (c): c is string => typeof c === 'string' && c !== 'observations',
  );
  return {
    posts: conditions.length > 0 ? conditions.map((c) => `(${c})`).join(' OR ') : 'false',
    observations: occurrences.includes('observations'),
  };
}

/**
 * A SQL boolean: whether the case holds any occurrence of a signal, an EXISTS that stops at its
 * first row. A null occurrence counts as present ('true'): nothing says the signal cannot link.
 */
export function occurrenceExists(occurrence: Occurrence): string {
  if (occurrence === null) return 'true';
  const { posts, observations } = occurrenceSql([occurrence]);
  return observations
    ? 'EXISTS (SELECT 1 FROM observations)'
    : `EXISTS (SELECT 1 FROM posts WHERE ${posts})`;
}
