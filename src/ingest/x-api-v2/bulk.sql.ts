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
import type { FileSample } from '../adapter.js';
import { dropTables, scalars, sqlString } from '../../store/index.js';
import type { BulkOutcome } from '../bulk-outcome.js';
import { rowByRow } from '../bulk-outcome.js';
import { cleanSql, mapCells, NORMALIZE_LIST, normalizedTexts } from '../bulk-native.sql.js';
import type { JsonObject } from '../json-fields.js';
import { firstJsonObject, isJsonLines, quoteLongIntegers } from '../json-units.js';
import { mergeStaged } from '../load-records.sql.js';
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

/** The JSON-lines file to load. */
export interface XApiV2BulkFile {
  readonly path: string;
  /** How the file is compressed (DuckDB decompresses gzip and zstd itself). */
  readonly compression: 'none' | 'gzip' | 'zstd';
  readonly runId: number;
  readonly startedAt: number;
}

// The fields of a line the adapter reads, taken out in one json_extract (f[1], f[2], …).
const FIELDS = [
  'id',
  'author_id',
  'created_at',
  'text',
  'note_tweet',
  'lang',
  'source',
  'in_reply_to_user_id',
  'referenced_tweets',
  'entities',
  'attachments',
  'public_metrics',
  'author',
  'author_user',
  'data',
  'includes',
  'meta',
] as const;
const F = Object.fromEntries(FIELDS.map((name, i) => [name, `f[${i + 1}]`])) as Record<
  (typeof FIELDS)[number],
  string
>;

// SQL over JSON values (NULL when the key is absent).
const type = (x: string) => `coalesce(json_type(${x}), 'NULL')`;
/** The value is absent, null or one of the JSON types. */
const isOneOf = (x: string, ...types: string[]) =>
  `${type(x)} IN (${['NULL', ...types].map((t) => `'${t}'`).join(', ')})`;
/** A string as textAt reads it (trimmed as JS trims; '' → NULL). */
const text = (x: string) => cleanSql(`json_extract_string(${x}, '$')`, true);
/** A string as rawTextAt reads it (as written; '' → NULL). */
const rawText = (x: string) =>
  `CASE WHEN ${type(x)} = 'VARCHAR' THEN nullif(json_extract_string(${x}, '$'), '') END`;
/** A count as countAt reads it (checked before: a non-negative integer, or absent). */
const count = (x: string) =>
  `CASE WHEN ${type(x)} IN ('BIGINT', 'UBIGINT') THEN try_cast(json_extract_string(${x}, '$') AS BIGINT) END`;
const countOk = (x: string) =>
  `(${isOneOf(x, 'BIGINT', 'UBIGINT')} AND coalesce(${count(x)} >= 0, ${type(x)} = 'NULL'))`;
// API v2 timestamps: UTC, `Z`, milliseconds (other forms go row by row).
const API_TIME = `'^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$'`;
const timeOk = (x: string) =>
  `(${type(x)} = 'VARCHAR' AND regexp_full_match(json_extract_string(${x}, '$'), ${API_TIME}) AND try_cast(json_extract_string(${x}, '$') AS TIMESTAMPTZ) IS NOT NULL)`;
const ms = (x: string) =>
  `CASE WHEN ${timeOk(x)} THEN epoch_ms(try_cast(json_extract_string(${x}, '$') AS TIMESTAMPTZ)) END`;
const obj = (x: string) => `CASE WHEN ${type(x)} = 'OBJECT' THEN ${x} END`;

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
    return await mergeTweets(store, file, read);
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
  const paths = FIELDS.map((n) => `'$.${n}'`).join(', ');
  // Insertion order kept, so rowid is the line's rank (the first of a repeated id wins).
  await c.run('SET preserve_insertion_order = true');
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE xv2_lines AS SELECT json_type(json) AS t, json_extract(json, [${paths}]) AS f
      FROM read_json_objects(${sqlString(file.path)}, format = 'newline_delimited', compression = ${sqlString(file.compression === 'none' ? 'uncompressed' : file.compression)})`);
    await c.run(`CREATE OR REPLACE TEMP TABLE xv2_tweets AS ${tweetsSql()}`);
    await c.run('DROP TABLE xv2_lines');
    return true;
  } catch {
    // A line that is not JSON, bytes that are not UTF-8, a count past BIGINT.
    return false;
  } finally {
    await c.run('SET preserve_insertion_order = false');
  }
}

/** The SQL of xv2_tweets over xv2_lines: each line's post and author fields, and `ok`. */
function tweetsSql(): string {
  // The referenced tweets (objects only); the first of each type, as tweetRecords finds them.
  const refs = `CASE WHEN ${type(F.referenced_tweets)} = 'ARRAY' THEN json_extract(${F.referenced_tweets}, '$[*]') ELSE []::JSON[] END`;
  const ref = (kind: string) => `list_filter(refs, r -> ${text("r->'type'")} = '${kind}')[1]`;
  const refOk = `list_bool_and(list_transform(refs, r -> json_type(r) = 'OBJECT' AND json_type(r->'type') = 'VARCHAR'
      AND json_type(r->'id') = 'VARCHAR' AND ${text("r->'id'")} IS NOT NULL AND ${isOneOf("r->'author_id'", 'VARCHAR')}))`;
  const note = obj(F.note_tweet);
  const author = `coalesce(${obj(F.author)}, ${obj(F.author_user)})`;
  const metrics = obj(F.public_metrics);
  const authorMetrics = `author->'public_metrics'`;
  const ok = [
    `t = 'OBJECT'`,
    `${F.data} IS NULL AND ${F.includes} IS NULL AND ${F.meta} IS NULL`,
    `${type(F.id)} = 'VARCHAR' AND ${text(F.id)} IS NOT NULL`,
    `${type(F.author_id)} = 'VARCHAR' AND ${text(F.author_id)} IS NOT NULL`,
    timeOk(F.created_at),
    isOneOf(F.text, 'VARCHAR'),
    isOneOf(F.note_tweet, 'OBJECT'),
    isOneOf(`${note}->'text'`, 'VARCHAR'),
    ...[F.lang, F.source, F.in_reply_to_user_id].map((x) => isOneOf(x, 'VARCHAR')),
    isOneOf(F.referenced_tweets, 'ARRAY'),
    `coalesce(${refOk}, true)`,
    ...[F.entities, F.attachments, F.public_metrics, F.author, F.author_user].map((x) =>
      isOneOf(x, 'OBJECT'),
    ),
    isOneOf(`${note}->'entities'`, 'OBJECT'),
    ...['retweet_count', 'reply_count', 'like_count', 'impression_count'].map((k) =>
      countOk(`${metrics}->'${k}'`),
    ),
    // The author: its id, if any, is the tweet's author_id; text fields are text.
    ...['id', 'username', 'name', 'description', 'location'].map((k) =>
      isOneOf(`author->'${k}'`, 'VARCHAR'),
    ),
    `(${text("author->'id'")} IS NULL OR ${text("author->'id'")} = ${text(F.author_id)})`,
    `(${type("author->'created_at'")} = 'NULL' OR ${timeOk("author->'created_at'")} OR json_extract_string(author->'created_at', '$') = '')`,
    isOneOf(authorMetrics, 'OBJECT'),
    ...['followers_count', 'following_count'].map((k) => countOk(`${authorMetrics}->'${k}'`)),
  ];
  const entities = `CASE WHEN ${note} IS NOT NULL THEN ${note}->'entities' ELSE ${F.entities} END`;
  const sharedEntities = `CASE WHEN rt IS NOT NULL THEN rt->'entities' END`;
  return `SELECT seq, ${ok.map((x) => `coalesce(${x}, false)`).join(' AND ')} AS ok,
      ${text(F.id)} AS post_id, ${text(F.author_id)} AS account_id, ${ms(F.created_at)} AS created_ms,
      CASE WHEN rt IS NOT NULL THEN 'share' WHEN rp IS NOT NULL THEN 'reply' WHEN qt IS NOT NULL THEN 'quote' ELSE 'post' END AS kind,
      coalesce(${rawText(`${note}->'text'`)}, ${rawText(F.text)}) AS text, ${text(F.lang)} AS language,
      '[' || coalesce(${entities}::VARCHAR, 'null') || ',' || coalesce(${sharedEntities}::VARCHAR, 'null') || ']' AS ents,
      ${obj(F.attachments)}::VARCHAR AS attachments,
      ${text("coalesce(rt, qt)->'id'")} AS shared_post_id, ${text("coalesce(rt, qt)->'author_id'")} AS shared_account_id,
      ${text("rp->'id'")} AS parent_post_id, coalesce(${text(F.in_reply_to_user_id)}, ${text("rp->'author_id'")}) AS parent_account_id,
      ${text(F.source)} AS client,
      ${['retweet_count', 'reply_count', 'like_count', 'impression_count'].map((k, i) => `${count(`${metrics}->'${k}'`)} AS m${i}`).join(', ')},
      author IS NOT NULL AS has_author, ${text("author->'username'")} AS handle, ${text("author->'name'")} AS display_name,
      ${ms("author->'created_at'")} AS author_created_ms, ${text("author->'description'")} AS description,
      ${text("author->'location'")} AS reported_location,
      ${count(`${authorMetrics}->'followers_count'`)} AS followers, ${count(`${authorMetrics}->'following_count'`)} AS following
    FROM (SELECT *, ${ref('retweeted')} AS rt, ${ref('quoted')} AS qt, ${ref('replied_to')} AS rp
      FROM (SELECT rowid AS seq, t, f, ${refs} AS refs, ${author} AS author FROM xv2_lines))`;
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

/** Merges the staged posts and accounts and records the run, in one transaction. */
async function mergeTweets(store: Store, file: XApiV2BulkFile, read: number): Promise<BulkOutcome> {
  const c = store.connection;
  const [accounts = 0] = await scalars(store, 'SELECT count(*) FROM stage_accounts');
  await c.run('BEGIN TRANSACTION');
  try {
    const { loaded, duplicates } = await mergeStaged(
      store,
      {
        posts: read,
        accounts,
        observations: 0,
        media_files: 0,
        follows: 0,
        labels: 0,
        indicators: 0,
      },
      file.runId,
    );
    await c.run(
      `INSERT INTO ingest_runs VALUES (${file.runId}, ${sqlString(file.path)}, 'x-api-v2', epoch_ms(${file.startedAt})::TIMESTAMPTZ, now(), ${read}, ${loaded}, 0, ${duplicates})`,
    );
    await c.run('COMMIT');
    return { mode: 'bulk', read, loaded, duplicates };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
