// Bulk load of native posts files (CSV, Parquet) inside DuckDB: the fast path of ingest.
//
// JS parsing and mapping reach ~70k rows/s here; DuckDB's read_csv ~1.2M rows/s. So a clean native
// posts file is parsed, validated and normalized in SQL. Values whose normalization is JS logic
// (canonical URLs, folded hashtags and mentions) are mapped once per distinct cell in JS. When any
// row fails validation, or DuckDB cannot parse the file strictly, this says why and the caller
// reads the file row by row (exact line numbers for every reject). See bench/ingest.bench.ts.
import { closeSync, openSync, readSync } from 'node:fs';

import type { DuckDBConnection } from '@duckdb/node-api';

import { POST_KINDS } from '../model/index.js';
import {
  canonicalUrl,
  listCell,
  normalizeHandle,
  normalizeHashtag,
  normalizeText,
  WHITESPACE_CHARS,
} from '../normalize/index.js';
import type { Store } from '../store/index.js';
import { dropTables, scalars, sqlString } from '../store/index.js';
import type { BulkOutcome } from './bulk-outcome.js';
import { rowByRow } from './bulk-outcome.js';
import { recordIngestRun } from './load-records.sql.js';
import { forEachPage } from './paged-rows.sql.js';
import { TEXT_NORM_GUARD_CLASS } from './sql-text-guard.js';
import { stagedItems } from './stage-writer.js';

/** What the bulk loader needs to know about the file. */
export interface BulkFile {
  readonly path: string;
  /** 'native' posts columns, or CooRTweet's four columns mapped onto them. */
  readonly layout: 'native' | 'coortweet';
  readonly parquet: boolean;
  /** How the CSV file is compressed (DuckDB decompresses gzip and zstd itself). */
  readonly compression: 'none' | 'gzip' | 'zstd';
  /** CSV delimiter. */
  readonly delimiter: string;
  /** Platform for rows without one; default 'unknown'. */
  readonly platform: string | null;
  /** IANA zone for naive timestamps; null makes them invalid (→ row-by-row path). */
  readonly timezone: string | null;
  readonly runId: number;
  readonly startedAt: number;
}

// Optional text and count columns of a native posts file (as in the posts table).
const REFERENCE_COLUMNS = [
  'shared_post_id',
  'shared_account_id',
  'parent_post_id',
  'parent_account_id',
  'client',
];
const TEXT_COLUMNS = [
  'text',
  'language',
  'urls',
  'hashtags',
  'mentions',
  'media',
  ...REFERENCE_COLUMNS,
];
const COUNT_COLUMNS = ['shares', 'comments', 'reactions', 'views'];

// Columns the fast path handles; a file with any other column goes row by row.
const POST_COLUMNS = new Set([
  'platform',
  'post_id',
  'account_id',
  'created_at',
  'kind',
  ...TEXT_COLUMNS,
  ...COUNT_COLUMNS,
]);

// Mirrors normalizeText in src/normalize/normalize-text.ts.
const hexClass = (chars: string) =>
  [...chars].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('');
const INVISIBLE = '[\\x{200b}-\\x{200f}\\x{202a}-\\x{202e}\\x{2060}-\\x{2064}\\x{feff}]';
// White space that collapses: a run of two or more, or one that is not a plain space (replacing
// every single space by itself, as `[ws]+` does, cost a quarter of the normalization).
const WS_TO_SPACE = `[${hexClass(WHITESPACE_CHARS)}]{2,}|[${hexClass(WHITESPACE_CHARS.replace(' ', ''))}]`;
/**
 * SQL of normalizeText (src/normalize/normalize-text.ts) over a column. After the collapse at most
 * one space is left at either end, so trim() removes what JS's `/^ | $/` does.
 */
export const TEXT_NORM_SQL = (col: string) =>
  `nullif(trim(regexp_replace(lower(regexp_replace(nfc_normalize(${col}), '${INVISIBLE}', '', 'g')), '${WS_TO_SPACE}', ' ', 'g'), ' '), '')`;

/** What JS's `String.prototype.trim` removes (the row-by-row path trims cells with it). */
const JS_WHITESPACE = `${WHITESPACE_CHARS}\ufeff`;

const WHITESPACE_CODES = [...JS_WHITESPACE].map((c) => c.codePointAt(0)).join(', ');

/**
 * A cell as the row path reads it: trimmed as JS trims, '' → NULL. `exact` trims, with JS's
 * whitespace set (DuckDB's `trim(x, chars)` removes the same characters), the cells whose first or
 * last character is in it (trimming every cell took 3 s for 1M Parquet rows × 10 text columns, the
 * test 0.35 s), after a cheaper test most cells pass (ids, names, URLs): a first and last character
 * in U+0021–U+007E is no whitespace, so the cell stays as it is (the Bluesky read's CPU 3.83 →
 * 3.47 s at 300k events); otherwise only cells with a space at an end are trimmed, which is the
 * same for files where no other whitespace can end a cell ({@link mayHaveOtherWhitespace}) and
 * cheaper still.
 */
export const cleanSql = (x: string, exact: boolean) =>
  exact
    ? `CASE WHEN unicode(${x}) BETWEEN 33 AND 126 AND unicode(right(${x}, 1)) BETWEEN 33 AND 126 THEN ${x}
      WHEN unicode(${x}) IN (${WHITESPACE_CODES}) OR unicode(right(${x}, 1)) IN (${WHITESPACE_CODES}) THEN nullif(trim(${x}, ${sqlString(JS_WHITESPACE)}), '') ELSE nullif(${x}, '') END`
    : `CASE WHEN starts_with(${x}, ' ') OR ends_with(${x}, ' ') THEN nullif(trim(${x}), '') ELSE nullif(${x}, '') END`;

// UTF-8 of the whitespace JS trims besides ' ', '\n' and '\r' (U+2000–U+200A, U+2028, U+2029 and
// U+202F share the lead bytes E2 80 and are checked by their third byte), and the quote, since
// only a quoted cell can hold a line break.
const OTHER_WHITESPACE = [
  [0x09],
  [0x0b],
  [0x0c],
  [0x22],
  [0xc2, 0xa0],
  [0xe1, 0x9a, 0x80],
  [0xe2, 0x81, 0x9f],
  [0xe3, 0x80, 0x80],
  [0xef, 0xbb, 0xbf],
].map((b) => Buffer.from(b));
const E2_80 = Buffer.from([0xe2, 0x80]);
const isE280Space = (b: number) =>
  (b >= 0x80 && b <= 0x8a) || b === 0xa8 || b === 0xa9 || b === 0xaf;

/**
 * Whether any cell of a CSV file could start or end with whitespace other than a space: one scan
 * of its bytes (a leading byte-order mark aside) in 256 KB chunks that stay in cache: ~4 ms for
 * the 9.5 MB ring file (8 MB chunks: 9 ms), where trimming every cell in SQL cost 100.
 */
export function mayHaveOtherWhitespace(path: string, chunkBytes = 1 << 18): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = Math.max(3, chunkBytes);
    const buffer = Buffer.allocUnsafe(size + 2);
    let kept = 0; // the previous chunk's last bytes, in front: a pattern may straddle two chunks
    for (let position = 0; ;) {
      const n = readSync(fd, buffer, kept, size, position);
      if (n === 0) return false;
      const end = kept + n;
      const bom = position === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
      const view = buffer.subarray(bom ? 3 : 0, end);
      if (OTHER_WHITESPACE.some((p) => view.includes(p))) return true;
      for (let at = view.indexOf(E2_80); at >= 0; at = view.indexOf(E2_80, at + 1))
        if (at + 2 < view.length && isE280Space(view[at + 2]!)) return true;
      position += n;
      kept = Math.min(2, end);
      buffer.copyWithin(0, end - kept, end);
    }
  } finally {
    closeSync(fd);
  }
}

/** Returns true when every column of the header is one the bulk path handles. */
export function bulkEligible(header: readonly string[]): boolean {
  return header.includes('post_id') && header.every((h) => POST_COLUMNS.has(h));
}

/**
 * Loads a clean native posts file in bulk and returns its counts, or why it needs the row-by-row
 * path (bad values, malformed CSV). Nothing is written in that case.
 */
export async function bulkLoadNativePosts(store: Store, file: BulkFile): Promise<BulkOutcome> {
  // Parquet cells and compressed files can't be scanned as bytes: they are trimmed exactly.
  const exact = file.parquet || file.compression !== 'none' || mayHaveOtherWhitespace(file.path);
  const clean = (x: string) => cleanSql(x, exact);
  const source = nativeSource(file, clean);
  try {
    const columns = await fileColumns(store, file, source);
    if (columns === null) return rowByRow('not-strict');
    const names = [...columns.keys()];
    if (!names.every((k) => POST_COLUMNS.has(k)) || !columns.has('post_id'))
      return rowByRow('columns');
    if (!columns.has('created_at')) return rowByRow('columns');
    const plan = postValues(columns, file, clean);
    if (!(await stageFileRows(store, plan.staged, file.timezone, source)))
      return rowByRow('not-strict');
    const { read, invalid, distinct } = await checkStagedRows(store, plan, columns.has('platform'));
    if (invalid > 0) return rowByRow('invalid-row');
    if (distinct !== read) return rowByRow('repeated-id');
    const lists = await normalizedLists(store, columns);
    const text = columns.has('text') ? await normalizedTexts(store, 'native_rows', 'b.text') : null;
    return await insertStagedRows(store, file, plan.values, lists, read, text);
  } finally {
    await dropTables(store, [
      'native_rows',
      'map_urls',
      'map_hashtags',
      'map_mentions',
      'map_media',
      'map_text',
    ]);
  }
}

/** A file's columns by their lower-cased, trimmed name: the name as written and DuckDB's type. */
type FileColumns = ReadonlyMap<string, { readonly name: string; readonly type: string }>;

/** The SQL the rows are read from: the reader, or for CooRTweet its columns mapped onto ours. */
function nativeSource(file: BulkFile, clean: (x: string) => string): string {
  const reader = file.parquet
    ? `read_parquet(${sqlString(file.path)})`
    : `read_csv(${sqlString(file.path)}, header = true, all_varchar = true, delim = ${sqlString(file.delimiter)}, quote = '"', escape = '"', strict_mode = true, null_padding = false, parallel = true, compression = ${sqlString(file.compression)})`;
  // CooRTweet rows are shares of object_id; the post id keeps each (content, object) pair (see docs/formats.md).
  return file.layout === 'coortweet'
    ? `(SELECT ${clean('content_id')} || '@' || ${clean('object_id')} AS post_id, account_id, timestamp_share AS created_at,
          object_id AS shared_post_id FROM ${reader})`
    : reader;
}

/** The file's columns, or null when DuckDB cannot read it strictly. */
async function fileColumns(
  store: Store,
  file: BulkFile,
  source: string,
): Promise<FileColumns | null> {
  // CooRTweet's columns are known (all text); a native file's come from DuckDB (Parquet types).
  let described: (readonly [string, string])[];
  if (file.layout === 'coortweet') {
    described = ['post_id', 'account_id', 'created_at', 'shared_post_id'].map(
      (n) => [n, 'VARCHAR'] as const,
    );
  } else {
    try {
      described = (await store.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
        .getRows()
        .map((r) => [String(r[0]), String(r[1])] as const);
    } catch {
      return null; // the row-by-row reader reports each line
    }
  }
  return new Map(
    described.map(([name, type]) => [
      name
        .trim()
        .toLowerCase()
        .replace(/^\ufeff/, ''),
      { name, type },
    ]),
  );
}

/** The SQL of each posts column over the staged rows, and the staged columns' SQL over the file. */
interface PostValues {
  /** Posts column → its SQL in the insert: `b.<column>` when staged, else a constant. */
  readonly values: Readonly<Record<string, string>>;
  /** Staged column → its SQL over the file (only the file's own columns, and `bad_count`). */
  readonly staged: ReadonlyMap<string, string>;
  /** The count columns the file has. */
  readonly counts: readonly string[];
}

/** How each posts column is read from the file's columns (cleaned, typed) or set when absent. */
function postValues(
  columns: FileColumns,
  file: BulkFile,
  clean: (x: string) => string,
): PostValues {
  const col = (name: string) => {
    const found = columns.get(name);
    if (!found) return 'NULL::VARCHAR';
    const ref = `"${found.name.replace(/"/g, '""')}"`;
    if (found.type.endsWith('[]')) return `array_to_string(${ref}, chr(31))`;
    if (found.type.startsWith('TIMESTAMP WITH TIME ZONE'))
      return `strftime(${ref}, '%Y-%m-%dT%H:%M:%S.%fZ')`;
    // CooRTweet's post id is built from cleaned cells already.
    if (file.layout === 'coortweet' && name === 'post_id') return ref;
    return clean(`${ref}::VARCHAR`);
  };
  const count = (name: string) => `try_cast(${col(name)} AS BIGINT)`;
  // Only the file's own columns are staged; the others are constants in the statements below
  // (staging 24 columns for CooRTweet's four took a third of the ring file's ingest).
  const staged = new Map<string, string>();
  const stage = (name: string, expr: string, fallback: string) => {
    if (columns.has(name)) staged.set(name, expr);
    return columns.has(name) ? `b.${name}` : fallback;
  };
  const counts = COUNT_COLUMNS.filter((n) => columns.has(n));
  const values = {
    platform: stage(
      'platform',
      `coalesce(lower(${col('platform')}), ${sqlString(file.platform ?? 'unknown')})`,
      sqlString(file.platform ?? 'unknown'),
    ),
    post_id: stage('post_id', col('post_id'), 'NULL'),
    account_id: stage('account_id', col('account_id'), 'NULL'),
    kind: stage(
      'kind',
      `coalesce(lower(${col('kind')}), 'post')`,
      file.layout === 'coortweet' ? `'share'` : `'post'`,
    ),
    ...Object.fromEntries(TEXT_COLUMNS.map((n) => [n, stage(n, col(n), 'NULL::VARCHAR')])),
    ...Object.fromEntries(COUNT_COLUMNS.map((n) => [n, stage(n, count(n), 'NULL::BIGINT')])),
  } as Record<string, string>;
  if (counts.length > 0)
    staged.set(
      'bad_count',
      counts
        .map((n) => `(${col(n)} IS NOT NULL AND (${count(n)} IS NULL OR ${count(n)} < 0))`)
        .join(' OR '),
    );
  staged.set('created_at', col('created_at'));
  return { values, staged, counts };
}

/** SQL of the post time from `created_at`: epoch seconds or ms, ISO with offset, or naive in `timezone`. */
function createdAtSql(timezone: string | null): string {
  const naive = `NOT regexp_matches(created_at, '(Z|z|[+-]\\d{2}(:?\\d{2})?)$')`;
  return `CASE
        WHEN regexp_full_match(created_at, '-?\\d{9,11}(\\.\\d+)?') THEN to_timestamp(created_at::DOUBLE)
        WHEN regexp_full_match(created_at, '-?\\d{12,13}') THEN epoch_ms(created_at::BIGINT)::TIMESTAMPTZ
        WHEN ${naive} THEN ${timezone ? `timezone(${sqlString(timezone)}, try_cast(created_at AS TIMESTAMP))` : 'NULL'}
        ELSE try_cast(created_at AS TIMESTAMPTZ) END`;
}

/** Reads the file into the temp table `native_rows` (its staged columns and `ts`); false when DuckDB cannot read it strictly. */
async function stageFileRows(
  store: Store,
  staged: ReadonlyMap<string, string>,
  timezone: string | null,
  source: string,
): Promise<boolean> {
  try {
    await store.connection
      .run(`CREATE OR REPLACE TEMP TABLE native_rows AS SELECT * EXCLUDE (created_at), ${createdAtSql(timezone)} AS ts FROM (
        SELECT ${[...staged].map(([name, expr]) => `${expr} AS ${name}`).join(', ')} FROM ${source})`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The staged rows, the invalid ones and the distinct post ids. Any invalid row, or a post id
 * repeated within the file (first occurrence wins, which needs file order), sends the file to the
 * row-by-row path. (Bytes that are not UTF-8 make read_csv fail, which does too; U+FFFD is text.)
 */
async function checkStagedRows(
  store: Store,
  { values: v, counts }: PostValues,
  hasPlatform: boolean,
): Promise<{ read: number; invalid: number; distinct: number }> {
  const kinds = POST_KINDS.map((k) => sqlString(k)).join(', ');
  const [read = 0, invalid = 0, distinct = 0] = await scalars(
    store,
    `SELECT count(*), count(*) FILTER (WHERE ${v.post_id} IS NULL OR ${v.account_id} IS NULL OR ts IS NULL
        OR ${v.kind} NOT IN (${kinds})${counts.length > 0 ? ' OR bad_count' : ''}),
      count(DISTINCT ${hasPlatform ? `(${v.platform}, ${v.post_id})` : v.post_id}) FROM native_rows b`,
  );
  return { read, invalid, distinct };
}

/** The joins to the normalized list cells (`map_<column>`) and the list values of the insert, in posts column order. */
async function normalizedLists(
  store: Store,
  columns: FileColumns,
): Promise<{ joins: readonly string[]; values: readonly string[] }> {
  const joins: string[] = [];
  const values: string[] = [];
  for (const [name, normalize] of Object.entries(NORMALIZE_LIST)) {
    const width = normalize([]).length;
    if (!columns.has(name)) {
      for (let k = 0; k < width; k++) values.push('[]::VARCHAR[]');
      continue;
    }
    // Parquet lists arrive joined by \x1f; CSV cells are '|'-separated or bracketed.
    const bracketed = !columns.get(name)!.type.endsWith('[]');
    await mapCells(
      store.connection,
      'native_rows',
      name,
      (cell) => listCell(cell, bracketed ? '|' : '\u001f'),
      normalize,
    );
    joins.push(`LEFT JOIN map_${name} ON map_${name}.cell = b.${name}`);
    for (let k = 0; k < width; k++)
      values.push(`coalesce(string_split(nullif(map_${name}.v${k}, ''), chr(31)), []::VARCHAR[])`);
  }
  return { joins, values };
}

/** The SQL of a normalized text column, and the join it needs (none when SQL reads every text as JS). */
export interface TextNorm {
  readonly value: string;
  readonly join: string;
}

/**
 * How the texts of `<table>.text` are normalized: in SQL ({@link TEXT_NORM_SQL}), but for the texts
 * with a character DuckDB lower-cases or composes unlike JS (TEXT_NORM_GUARD_CLASS: Turkish İ, Σ
 * at the end of a word, letters newer than DuckDB's Unicode), which normalizeText maps once per
 * distinct text into map_text. `text` is the column's SQL in the insert (`b.text`).
 */
export async function normalizedTexts(
  store: Store,
  table: string,
  text: string,
): Promise<TextNorm> {
  await mapCells(
    store.connection,
    `(SELECT text FROM ${table} WHERE regexp_matches(text, '${TEXT_NORM_GUARD_CLASS}'))`,
    'text',
    (cell) => [cell],
    ([cell]) => [[normalizeText(cell ?? null) ?? '']],
    { lists: false },
  );
  const [guarded = 0] = await scalars(store, 'SELECT count(*) FROM map_text');
  // Most files have none: then no join (probing every text's hash cost more than the test).
  if (guarded === 0) return { value: TEXT_NORM_SQL(text), join: '' };
  return {
    value: `CASE WHEN map_text.cell IS NOT NULL THEN nullif(map_text.v0, '') ELSE ${TEXT_NORM_SQL(text)} END`,
    join: `LEFT JOIN map_text ON map_text.cell = ${text}`,
  };
}

/** Inserts the staged rows' new posts and accounts and the run, in one transaction; returns the counts. */
async function insertStagedRows(
  store: Store,
  file: BulkFile,
  v: Readonly<Record<string, string>>,
  lists: { joins: readonly string[]; values: readonly string[] },
  read: number,
  text: TextNorm | null,
): Promise<BulkOutcome> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    // Rows already in the case are duplicates; into an empty table (a first ingest) the
    // anti-join is skipped (it cost a fifth of the ring file's insert).
    const [postsBefore = 0, accountsBefore = 0] = await scalars(
      store,
      'SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM accounts)',
    );
    const inserted =
      await c.run(`INSERT INTO posts SELECT ${v.platform}, ${v.post_id}, ${v.account_id}, b.ts, ${v.kind}, ${v.text}, ${text?.value ?? 'NULL'}, ${v.language},
          ${lists.values.join(', ')},
          ${[...REFERENCE_COLUMNS, ...COUNT_COLUMNS].map((n) => v[n]).join(', ')}, ${file.runId}
        FROM native_rows b ${lists.joins.join(' ')} ${text?.join ?? ''}
        ${postsBefore > 0 ? `WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = ${v.platform} AND p.post_id = ${v.post_id})` : ''}`);
    await c.run(`INSERT INTO accounts (platform, account_id, asset_type)
        SELECT DISTINCT ${v.platform}, ${v.account_id}, 'account' FROM native_rows b
        ${accountsBefore > 0 ? `WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = ${v.platform} AND a.account_id = ${v.account_id})` : ''}`);
    const loaded = Number(inserted.rowsChanged);
    await recordIngestRun(store, {
      runId: file.runId,
      file: file.path,
      format: file.layout,
      startedAt: file.startedAt,
      read,
      loaded,
      rejected: 0,
      duplicates: read - loaded,
    });
    await c.run('COMMIT');
    return { mode: 'bulk', read, loaded, duplicates: read - loaded };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * How each list column is normalized, once per distinct cell: URLs to canonical URLs, their
 * domains and the shortened ones (as buildPost does), hashtags and handles folded and unique.
 */
export const NORMALIZE_LIST = {
  urls: (items: string[]) => {
    const urls: string[] = [];
    const domains: string[] = [];
    const short: string[] = [];
    for (const raw of items) {
      const u = canonicalUrl(raw);
      if (!u || urls.includes(u.url)) continue;
      urls.push(u.url);
      if (!domains.includes(u.domain)) domains.push(u.domain);
      if (u.shortener) short.push(u.url);
    }
    return [urls, domains, short];
  },
  hashtags: (items: string[]) => [fold(items, normalizeHashtag)],
  mentions: (items: string[]) => [fold(items, normalizeHandle)],
  media: (items: string[]) => [items],
};

function fold(items: readonly string[], f: (v: string) => string | null): string[] {
  const out: string[] = [];
  for (const v of items) {
    const x = f(v);
    if (x !== null && !out.includes(x)) out.push(x);
  }
  return out;
}

/**
 * Builds map_<name>(cell, v0, v1, …): each distinct cell of `<table>.<name>` → \x1f-joined
 * normalized lists (JS logic, run once per distinct cell); `lists: false` for a single text.
 */
export async function mapCells(
  c: DuckDBConnection,
  table: string,
  name: string,
  split: (cell: string) => string[],
  normalize: (items: string[]) => string[][],
  { lists = true }: { lists?: boolean } = {},
): Promise<void> {
  const width = normalize([]).length;
  // List items as the row path stages them (control characters as spaces); a text as it is.
  const cellOf = (list: string[]) => (lists ? stagedItems(list) : list).join('\u001f');
  await c.run(
    `CREATE OR REPLACE TEMP TABLE map_${name} (cell VARCHAR, ${Array.from({ length: width }, (_, i) => `v${i} VARCHAR`).join(', ')})`,
  );
  const appender = await c.createAppender(`map_${name}`, 'main', 'temp');
  try {
    await forEachPage(
      c,
      `SELECT DISTINCT ${name} FROM ${table} WHERE ${name} IS NOT NULL`,
      (rows) => {
        for (const [cell] of rows as [string][]) {
          appender.appendVarchar(cell);
          for (const list of normalize(split(cell))) appender.appendVarchar(cellOf(list));
          appender.endRow();
        }
      },
    );
  } finally {
    appender.closeSync();
  }
}
