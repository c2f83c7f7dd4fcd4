// X API v2 JSON lines (twarc2's flattened tweets) loaded inside DuckDB: the fast path of x-api-v2.
//
// The row path parses each line with JSON.parse and maps it in JS. Here DuckDB reads the file
// (read_json_objects) and takes each field the adapter reads out of the line in one json_extract,
// the posts' scalar fields are mapped in SQL as tweetRecords maps them, and the parts whose mapping
// is JS logic run in JS once per distinct value: the entities (URLs canonicalized, tags folded, by
// the adapter's own entityItems), the media keys, and the texts SQL normalizes unlike JS. The rows
// are staged in the row path's shape and merged by its `mergeStaged`, so the case is the same.
// The check is conservative: a line the row path could reject or read in any other way (a page
// of the raw API form, a number where text is expected, a timestamp in another form, an odd
// count) sends the whole file to the row path, which reports each reject with its line.
import type { Store } from '../../store/index.js';
import { dropTables, scalars, sqlString } from '../../store/index.js';
import { isMappedItem } from '../4cat/map-item.js';
import type { FileSample } from '../adapter.js';
import { cleanSql, mapCells, NORMALIZE_LIST, normalizedTexts } from '../bulk-native.sql.js';
import type { BulkOutcome } from '../bulk-outcome.js';
import { rowByRow } from '../bulk-outcome.js';
import type { JsonObject } from '../json-fields.js';
import { repeatsKeySql } from '../json-repeated-keys.sql.js';
import { firstJsonObject, isJsonLines, quoteLongIntegers } from '../json-units.js';
import { mergeStagedRun } from '../load-records.sql.js';
import { entityItems, mediaKeys } from './tweet-records.js';

/** True for a JSON-lines input whose first line is a flattened tweet (what this path reads). */
export function xApiV2BulkEligible(sample: FileSample): boolean {
  const first = firstJsonObject(sample);
  return (
    sample.source.container !== 'zip' &&
    isJsonLines(sample) &&
    first !== null &&
    typeof first.id === 'string' &&
    'author_id' in first &&
    !('data' in first)
  );
}

/**
 * True for a 4CAT NDJSON input whose first line is one of its Twitter API v2 tweets (`author_user`,
 * not a mapped item): the 4cat adapter reads those lines as x-api-v2 reads flattened tweets.
 */
export function fourCatTweetsBulkEligible(sample: FileSample): boolean {
  const first = firstJsonObject(sample);
  return (
    first !== null &&
    'author_user' in first &&
    xApiV2BulkEligible(sample) &&
    !isMappedItem((n) => n in first)
  );
}

/** The JSON-lines file to load. */
export interface XApiV2BulkFile {
  /** The format it is ingested as: x-api-v2, or 4cat for 4CAT's NDJSON of tweets. */
  readonly format: 'x-api-v2' | '4cat';
  readonly path: string;
  /** How the file is compressed (DuckDB decompresses gzip and zstd itself). */
  readonly compression: 'none' | 'gzip' | 'zstd';
  readonly runId: number;
  readonly startedAt: number;
}

// The values of a line the adapter reads, taken out in one json_extract (their JSON types, f[k])
// and one json_extract_string (their text, s[k]): every later step works on these, since each
// json_type or ->> of a nested object parses it again (done so, 20k tweets took 14 s, now ~1).
const AUTHOR_FIELDS = [
  'id',
  'username',
  'name',
  'description',
  'location',
  'created_at',
  'public_metrics',
  'public_metrics.followers_count',
  'public_metrics.following_count',
];
const METRICS = ['retweet_count', 'reply_count', 'like_count', 'impression_count'];
const PATHS = [
  'id',
  'author_id',
  'created_at',
  'text',
  'note_tweet',
  'note_tweet.text',
  'note_tweet.entities',
  'lang',
  'source',
  'in_reply_to_user_id',
  'referenced_tweets',
  'entities',
  'attachments',
  'public_metrics',
  ...METRICS.map((m) => `public_metrics.${m}`),
  'author',
  'author_user',
  // 4CAT's mapped items (read another way by the 4cat adapter) have these with `author`.
  'thread_id',
  'body',
  'timestamp',
  'unix_timestamp',
  'data',
  'includes',
  'meta',
  ...AUTHOR_FIELDS.map((k) => `author.${k}`),
  ...AUTHOR_FIELDS.map((k) => `author_user.${k}`),
];
const PATHS_SQL = `[${PATHS.map((n) => `'$.${n}'`).join(', ')}]`;
// The objects the paths above go through (the objects read whole are parsed again in JS, as the
// row path reads them): one that repeats a key is read by DuckDB with the key's first value, by
// JSON.parse with its last, so its file is left to the row path.
const PATH_OBJECTS = [
  '$',
  '$.note_tweet',
  '$.public_metrics',
  ...['author', 'author_user'].flatMap((a) => [`$.${a}`, `$.${a}.public_metrics`]),
];
const at = (path: string) => {
  const i = PATHS.indexOf(path);
  if (i < 0) throw new Error(`no path ${path}`);
  return i + 1;
};
// Each value's JSON type from its first character (json_type would parse every object again),
// and its text: a string's unescaped (a small parse of the string alone), anything else as written.
const VALUE_TYPES = `list_transform(v, x -> CASE WHEN x IS NULL THEN NULL ELSE CASE left(x, 1) WHEN '"' THEN 'VARCHAR' WHEN '{' THEN 'OBJECT'
    WHEN '[' THEN 'ARRAY' WHEN 'n' THEN 'NULL' WHEN 't' THEN 'BOOLEAN' WHEN 'f' THEN 'BOOLEAN'
    ELSE CASE WHEN regexp_matches(x, '[.eE]') THEN 'DOUBLE' WHEN left(x, 1) = '-' THEN 'BIGINT' ELSE 'UBIGINT' END END END)`;
const VALUE_TEXTS = `list_transform(v, x -> CASE WHEN left(x, 1) = '"' THEN json_extract_string(x, '$') WHEN x <> 'null' THEN x END)`;
/** The JSON type of a value ('NULL' when absent or null). */
const type = (path: string) => `coalesce(f[${at(path)}], 'NULL')`;
/** The value is absent, null or one of the JSON types. */
const isOneOf = (path: string, ...types: string[]) =>
  `${type(path)} IN (${['NULL', ...types].map((t) => `'${t}'`).join(', ')})`;
/** A value's text (an object's or array's JSON). */
const raw = (path: string) => `s[${at(path)}]`;
/** A string as textAt reads it (trimmed as JS trims; '' → NULL). */
const text = (path: string) => cleanSql(raw(path), true);
/** A string as rawTextAt reads it (as written; '' → NULL). */
const rawText = (path: string) =>
  `CASE WHEN ${type(path)} = 'VARCHAR' THEN nullif(${raw(path)}, '') END`;
/** A count as countAt reads it (checked before: a non-negative integer, or absent). */
const count = (path: string) =>
  `CASE WHEN ${type(path)} IN ('BIGINT', 'UBIGINT') THEN try_cast(${raw(path)} AS BIGINT) END`;
const countOk = (path: string) =>
  `(${isOneOf(path, 'BIGINT', 'UBIGINT')} AND coalesce(${count(path)} >= 0, ${type(path)} = 'NULL'))`;
// API v2 timestamps: UTC, `Z`, milliseconds, years 1000–2999 (JS's Date.UTC reads years 0–99 as
// 1900–1999) and no 24:00 or leap second, which DuckDB reads otherwise (other forms go row by row).
const API_TIME = `'^[12]\\d{3}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,3})?Z$'`;
const timeOk = (path: string) =>
  `(${type(path)} = 'VARCHAR' AND regexp_full_match(${raw(path)}, ${API_TIME}) AND try_cast(${raw(path)} AS TIMESTAMPTZ) IS NOT NULL)`;
const ms = (path: string) =>
  `CASE WHEN ${timeOk(path)} THEN epoch_ms(try_cast(${raw(path)} AS TIMESTAMPTZ)) END`;

/**
 * Loads a file of flattened API v2 tweets in bulk: posts, the authors as each tweet shows them, the
 * name history. Returns the counts, or why the file needs the row path (nothing written).
 */
export async function bulkLoadXApiV2Tweets(
  store: Store,
  file: XApiV2BulkFile,
): Promise<BulkOutcome> {
  try {
    if (!(await readTweets(store, file))) return rowByRow('not-strict');
    const [read = 0, invalid = 0] = await scalars(
      store,
      'SELECT count(*), count(*) FILTER (WHERE NOT ok) FROM xv2_tweets',
    );
    if (invalid > 0 || read === 0) return rowByRow('invalid-row');
    await mapEntityCells(store);
    const [badEntities = 0] = await scalars(
      store,
      "SELECT count(*) FROM xv2_tweets s JOIN map_ents m ON m.cell = s.ents WHERE m.v5 <> ''",
    );
    if (badEntities > 0) return rowByRow('invalid-row');
    await stageTweets(store);
    const [accounts = 0] = await scalars(store, 'SELECT count(*) FROM stage_accounts');
    return await mergeStagedRun(
      store,
      { posts: read, accounts },
      {
        runId: file.runId,
        file: file.path,
        format: file.format,
        startedAt: file.startedAt,
        read,
      },
    );
  } finally {
    await dropTables(store, [
      'xv2_lines',
      'xv2_tweets',
      'map_ents',
      'map_attachments',
      'map_text',
      'stage_posts',
      'stage_accounts',
    ]);
  }
}

/** Reads the file into xv2_tweets, one row per line in file order; false when DuckDB cannot read it. */
async function readTweets(store: Store, file: XApiV2BulkFile): Promise<boolean> {
  const c = store.connection;
  // Insertion order kept, so rowid is the line's rank (the first of a repeated id wins).
  await c.run('SET preserve_insertion_order = true');
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE xv2_lines AS SELECT CASE WHEN left(ltrim(json::VARCHAR), 1) = '{' THEN 'OBJECT' END AS t, ${VALUE_TYPES} AS f, ${VALUE_TEXTS} AS s,
        ${repeatsKeySql('json', PATH_OBJECTS)} AS repeats
      FROM (SELECT json, json_extract(json, ${PATHS_SQL})::VARCHAR[] AS v FROM read_json_objects(${sqlString(file.path)}, format = 'newline_delimited', compression = ${sqlString(file.compression === 'none' ? 'uncompressed' : file.compression)}))`);
    await c.run(`CREATE OR REPLACE TEMP TABLE xv2_tweets AS ${tweetsSql(file.format)}`);
    await c.run('DROP TABLE xv2_lines');
    return true;
  } catch {
    // A line that is not JSON, bytes that are not UTF-8, a count past BIGINT.
    return false;
  } finally {
    await c.run('SET preserve_insertion_order = false');
  }
}

/**
 * What the 4cat adapter adds to a clean line: it reads a line as a tweet only when it has
 * `author_user` and `author_id` and is not a mapped item (whose columns `present` tests).
 */
function fourCatTweetOk(): string {
  const present = (path: string) => `f[${at(path)}] IS NOT NULL`;
  const mapped = [present('thread_id'), present('author'), present('body')].join(' AND ');
  return `${present('author_user')} AND NOT (${mapped} AND (${present('timestamp')} OR ${present('unix_timestamp')}))`;
}

/** The SQL of xv2_tweets over xv2_lines: each line's post and author fields, and `ok`. */
function tweetsSql(format: XApiV2BulkFile['format']): string {
  // The referenced tweets, the first of each type as tweetRecords finds them; their ids, types
  // and authors must be text (a regular expression over the array's JSON checks it).
  const refs = `json_transform(${raw('referenced_tweets')}, '[{"type": "VARCHAR", "id": "VARCHAR", "author_id": "VARCHAR", "entities": "JSON"}]')`;
  const ref = (kind: string) =>
    `list_filter(refs, r -> ${cleanSql('r.type', true)} = '${kind}')[1]`;
  const refsOk = `(${type('referenced_tweets')} = 'NULL' OR (${type('referenced_tweets')} = 'ARRAY'
      AND NOT ${repeatsKeySql(raw('referenced_tweets'), '$[*]')}
      AND NOT regexp_matches(${raw('referenced_tweets')}, '"(type|id|author_id)":\\s*[^"\\s]')
      AND list_bool_and(list_transform(refs, r -> r IS NOT NULL AND ${cleanSql('r.id', true)} IS NOT NULL)) IS NOT false))`;
  // The author: `author`, else 4CAT's `author_user` (objects only), checked as userAccount reads it.
  const authorOk = (p: string) =>
    [
      ...['id', 'username', 'name', 'description', 'location'].map((k) =>
        isOneOf(`${p}.${k}`, 'VARCHAR'),
      ),
      `(${text(`${p}.id`)} IS NULL OR ${text(`${p}.id`)} = ${text('author_id')})`,
      `(${type(`${p}.created_at`)} = 'NULL' OR ${timeOk(`${p}.created_at`)} OR ${raw(`${p}.created_at`)} = '')`,
      isOneOf(`${p}.public_metrics`, 'OBJECT'),
      countOk(`${p}.public_metrics.followers_count`),
      countOk(`${p}.public_metrics.following_count`),
    ].join(' AND ');
  const ok = [
    `t = 'OBJECT' AND NOT repeats`,
    `${type('data')} = 'NULL' AND ${type('includes')} = 'NULL' AND ${type('meta')} = 'NULL'`,
    `${type('id')} = 'VARCHAR' AND ${text('id')} IS NOT NULL`,
    `${type('author_id')} = 'VARCHAR' AND ${text('author_id')} IS NOT NULL`,
    timeOk('created_at'),
    isOneOf('text', 'VARCHAR'),
    isOneOf('note_tweet', 'OBJECT'),
    isOneOf('note_tweet.text', 'VARCHAR'),
    isOneOf('note_tweet.entities', 'OBJECT'),
    ...['lang', 'source', 'in_reply_to_user_id'].map((x) => isOneOf(x, 'VARCHAR')),
    refsOk,
    ...['entities', 'attachments', 'public_metrics', 'author', 'author_user'].map((x) =>
      isOneOf(x, 'OBJECT'),
    ),
    ...METRICS.map((m) => countOk(`public_metrics.${m}`)),
    `(CASE WHEN ${type('author')} = 'OBJECT' THEN ${authorOk('author')} WHEN ${type('author_user')} = 'OBJECT' THEN ${authorOk('author_user')} ELSE true END)`,
    ...(format === '4cat' ? [fourCatTweetOk()] : []),
  ];
  const pick = (k: string, f: (p: string) => string) =>
    `CASE WHEN ${type('author')} = 'OBJECT' THEN ${f(`author.${k}`)} ELSE ${f(`author_user.${k}`)} END`;
  const note = `${type('note_tweet')} = 'OBJECT'`;
  const entities = `CASE WHEN ${note} THEN ${raw('note_tweet.entities')} ELSE ${raw('entities')} END`;
  const shared = 'coalesce(rt, qt)';
  return `SELECT seq, ${ok.map((x) => `coalesce(${x}, false)`).join(' AND ')} AS ok,
      ${text('id')} AS post_id, ${text('author_id')} AS account_id, ${ms('created_at')} AS created_ms,
      CASE WHEN rt IS NOT NULL THEN 'share' WHEN rp IS NOT NULL THEN 'reply' WHEN qt IS NOT NULL THEN 'quote' ELSE 'post' END AS kind,
      coalesce(CASE WHEN ${note} THEN ${rawText('note_tweet.text')} END, ${rawText('text')}) AS text, ${text('lang')} AS language,
      '[' || coalesce(${entities}, 'null') || ',' || coalesce(rt.entities::VARCHAR, 'null') || ']' AS ents,
      CASE WHEN ${type('attachments')} = 'OBJECT' THEN ${raw('attachments')} END AS attachments,
      ${cleanSql(`${shared}.id`, true)} AS shared_post_id, ${cleanSql(`${shared}.author_id`, true)} AS shared_account_id,
      ${cleanSql('rp.id', true)} AS parent_post_id, coalesce(${text('in_reply_to_user_id')}, ${cleanSql('rp.author_id', true)}) AS parent_account_id,
      ${text('source')} AS client,
      ${METRICS.map((m, i) => `CASE WHEN ${type('public_metrics')} = 'OBJECT' THEN ${count(`public_metrics.${m}`)} END AS m${i}`).join(', ')},
      ${type('author')} = 'OBJECT' OR ${type('author_user')} = 'OBJECT' AS has_author,
      ${pick('username', text)} AS handle, ${pick('name', text)} AS display_name,
      ${pick('created_at', ms)} AS author_created_ms, ${pick('description', text)} AS description,
      ${pick('location', text)} AS reported_location,
      ${pick('public_metrics.followers_count', count)} AS followers, ${pick('public_metrics.following_count', count)} AS following
    FROM (SELECT *, ${ref('retweeted')} AS rt, ${ref('quoted')} AS qt, ${ref('replied_to')} AS rp
      FROM (SELECT rowid AS seq, t, repeats, f, s, CASE WHEN ${type('referenced_tweets')} = 'ARRAY' THEN ${refs} END AS refs FROM xv2_lines))`;
}

/**
 * Builds map_ents (each distinct entities cell → URLs, domains, shortened URLs, hashtags and
 * mentions, normalized as buildPost does, and v5 ≠ '' when entityItems rejects it) and
 * map_attachments (each distinct attachments object → its media keys).
 */
async function mapEntityCells(store: Store): Promise<void> {
  const c = store.connection;
  const parse = (cell: string) =>
    JSON.parse(/\d{16}/.test(cell) ? quoteLongIntegers(cell) : cell) as unknown;
  const asObject = (v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : null;
  await mapCells(
    c,
    'xv2_tweets',
    'ents',
    (cell) => [cell],
    ([cell]) => {
      if (cell === undefined) return [[], [], [], [], [], []];
      try {
        const items = entityItems((parse(cell) as unknown[]).map(asObject));
        return [
          ...NORMALIZE_LIST.urls(items.urls),
          ...NORMALIZE_LIST.hashtags(items.hashtags),
          ...NORMALIZE_LIST.mentions(items.mentions),
          [],
        ];
      } catch {
        return [[], [], [], [], [], ['bad']];
      }
    },
  );
  await mapCells(
    c,
    'xv2_tweets',
    'attachments',
    (cell) => [cell],
    ([cell]) => [cell === undefined ? [] : mediaKeys(asObject(parse(cell)))],
  );
}

/** Stages the posts and the authors in the row path's shape (STAGE in load-records.sql.ts). */
async function stageTweets(store: Store): Promise<void> {
  const c = store.connection;
  const norm = await normalizedTexts(store, 'xv2_tweets', 's.text');
  await c.run(`CREATE OR REPLACE TEMP TABLE stage_posts AS SELECT s.seq, 'x' AS platform, s.post_id, s.account_id,
      s.created_ms, s.kind, s.text, ${norm.value} AS text_norm, s.language,
      me.v0 AS urls, me.v1 AS domains, me.v2 AS short_urls, me.v3 AS hashtags, me.v4 AS mentions, ma.v0 AS media,
      s.shared_post_id, s.shared_account_id, s.parent_post_id, s.parent_account_id, s.client,
      s.m0 AS shares, s.m1 AS comments, s.m2 AS reactions, s.m3 AS views
    FROM xv2_tweets s LEFT JOIN map_ents me ON me.cell = s.ents
      LEFT JOIN map_attachments ma ON ma.cell = s.attachments ${norm.join}`);
  await c.run(`CREATE OR REPLACE TEMP TABLE stage_accounts AS SELECT seq, false AS primary_row, 'x' AS platform,
      account_id, handle, display_name, 'account' AS asset_type, author_created_ms AS created_ms,
      followers, following, reported_location, NULL::VARCHAR AS language, description, created_ms AS seen_ms
    FROM xv2_tweets WHERE has_author`);
}
