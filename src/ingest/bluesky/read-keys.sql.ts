// Lines whose objects repeat a key the Bluesky bulk path reads, found in SQL with one regular
// expression over DuckDB's text of the objects' keys (json_keys), not a list_distinct per object.
//
// DuckDB's JSON functions read the first value of a repeated key, JSON.parse (the row path) the
// last; a key read from none of the objects cannot make the two paths differ. A key with a
// character DuckDB quotes in a list's text (a comma, bracket, quote, colon, an empty key …) also
// counts as a repeat: such a line goes to the row path's code, which reads it alike anyway.
import { sqlString } from '../../store/index.js';

/**
 * SQL, true when one of the objects at `paths` (JSONPaths without wildcards, e.g. `'$'`,
 * `'$.commit'`) in `json` repeats one of `keys` (as JSON.parse reads keys: escapes decoded), or
 * has a key DuckDB quotes in the text of a list. A path that is absent or no object repeats nothing.
 * @example repeatsReadKeySql('json', ['$', '$.commit'], ['did', 'commit', 'rkey'])
 */
export function repeatsReadKeySql(
  json: string,
  paths: readonly string[],
  keys: readonly string[],
): string {
  const bad = keys.filter((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
  if (bad.length > 0) throw new Error(`repeatsReadKeySql: keys must be plain names: ${bad.join()}`);
  // The text of the keys of each object: `[[did, time_us, kind, commit], [rev, …], NULL, []]`. A
  // key repeated in one object: the key, then (no bracket between: the same object) the key again,
  // each between `[` or `, ` and `, ` or `]`. Plain keys are written as they are, a key with other
  // characters between single quotes (`'a, b'`): any `'` counts as a repeat.
  const twice = keys.map((k) => `(\\[|, )${k}, ([^\\[\\]]*, )?${k}(, |\\])`);
  return `regexp_matches(json_keys(${json}, [${paths.map(sqlString).join(', ')}])::VARCHAR, ${sqlString([...twice, "'"].join('|'))})`;
}
