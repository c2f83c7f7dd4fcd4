// Objects that repeat a key, found in SQL: DuckDB's JSON functions (json_extract, json_transform)
// read the first value of a repeated key, JSON.parse (the row paths) the last, so a bulk path
// leaves such a line to the row path's code (or the file to the row path).
import { sqlString } from '../store/index.js';

/**
 * SQL, true when one of the objects at `paths` (JSONPaths without wildcards, e.g. `'$'`,
 * `'$.commit'`) in `json` repeats a key, or when the one `path` with a wildcard (`'$[*]'`) gives
 * objects of which one does; keys compare as JSON.parse reads them (escapes decoded). A path that
 * is absent or no object repeats nothing.
 */
export function repeatsKeySql(json: string, paths: readonly string[] | string): string {
  const keys =
    typeof paths === 'string'
      ? `json_keys(${json}, ${sqlString(paths)})`
      : `json_keys(${json}, [${paths.map(sqlString).join(', ')}])`;
  return `coalesce(list_bool_or(list_transform(${keys}, k -> len(k) <> len(list_distinct(k)))), false)`;
}
