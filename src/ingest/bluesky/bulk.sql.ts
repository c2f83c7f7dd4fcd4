// Bluesky Jetstream events as JSON lines loaded inside DuckDB: the fast path of the bluesky format.
//
// DuckDB reads the file (read_json_objects, one row per non-blank line in file order) and takes
// each value the adapter reads out of the line in one json_transform. The feed records (posts,
// reposts, likes: nearly all of a capture) are mapped in SQL as feedPost maps them, with what is
// JS logic run once per distinct value by the adapter's own code (postItems: the facets, embed,
// tags and langs; URLs canonicalized and tags folded as buildPost does; the texts SQL normalizes
// unlike JS); follows, identities and profiles are mapped in SQL too, and deletes, account events
// and other record types rejected with the row path's field and reason. Every line SQL cannot
// vouch for (a value of another type, a time in another form, a NUL character, a repeated key)
// is read by the row path's own code (eventItem), only those lines,
// with their exact line numbers: rejects keep their line and reason. Both sets are staged in the
// row path's shape with their rank as `seq` and merged by its merge, so the case is the same.
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { Store } from '../../store/index.js';
import { dropTables, scalars, sqlString } from '../../store/index.js';
import type { AdapterContext, FileSample, RejectedItem } from '../adapter.js';
import { cleanSql, mapCells, NORMALIZE_LIST, normalizedTexts } from '../bulk-native.sql.js';
import type { BulkOutcome } from '../bulk-outcome.js';
import { rowByRow } from '../bulk-outcome.js';
import type { JsonObject } from '../json-fields.js';
import type { JsonUnit } from '../json-units.js';
import { isJsonLines, jsonLinesAt, jsonLineUnit, lineBreaks, noBlankLines } from '../json-units.js';
import { mergeStagedRun, RecordLoader, STAGE } from '../load-records.sql.js';
import { LIKE, PLATFORM, POST, postItems, REPOST } from './feed-records.js';
import {
  accountEventReason,
  bluesky,
  deleteReason,
  eventItem,
  FOLLOW,
  otherRecordReason,
  PROFILE,
} from './index.js';
import { repeatsReadKeySql } from './read-keys.sql.js';

/** True for a Jetstream JSON-lines input DuckDB can read itself (plain, gzip or zstd). */
export function blueskyBulkEligible(sample: FileSample): boolean {
  return (
    sample.source.container !== 'zip' &&
    !sample.parquet &&
    isJsonLines(sample) &&
    bluesky.recognize(sample)
  );
}

/** The JSON-lines file to load. */
export interface BlueskyBulkFile {
  /** The input (read again, in JS, for the lines SQL leaves to the row path's code). */
  readonly sample: FileSample;
  /** How the file is compressed (DuckDB decompresses gzip and zstd itself). */
  readonly compression: 'none' | 'gzip' | 'zstd';
  /** The row path's context: `--timezone` for the lines it reads. */
  readonly context: AdapterContext;
  readonly runId: number;
  readonly startedAt: number;
}

/** A rejected line, for the rejects file. */
export type LineReject = RejectedItem['reject'] & { readonly line: number };

// The values of a line SQL reads, taken out of it by one json_transform (their JSON, column vK: the
// type from the first character; JSON null is NULL, as absent is); sK is a string value's text,
// unescaped. json_transform, like json_extract, reads a repeated key's first value. One walk of
// the line's objects instead of json_extract's 15 path lookups: the read's CPU 3.8 → 3.5 s at
// 300k events (6 alternated runs, load 5).
const RECORD = 'commit.record';
const PATHS = [
  'did',
  'kind',
  'type',
  'commit.operation',
  'commit.type',
  'commit.collection',
  'commit.rkey',
  `${RECORD}.createdAt`,
  `${RECORD}.text`,
  `${RECORD}.reply.parent.uri`,
  `${RECORD}.subject.uri`,
  `${RECORD}.facets`,
  `${RECORD}.embed`,
  `${RECORD}.tags`,
  `${RECORD}.langs`,
];
// The paths as one structure for json_transform, each value as its JSON text ('JSON').
const STRUCTURE: Record<string, unknown> = {};
for (const path of PATHS) {
  const keys = path.split('.');
  let node = STRUCTURE;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = 'JSON';
}
// The values as columns (every test indexing a list of them, and a list of the strings, cost
// about a tenth of the read's CPU at 300k events).
const VALUES_SQL = PATHS.map(
  (path, i) =>
    `t${path
      .split('.')
      .map((k) => `."${k}"`)
      .join('')} AS v${i + 1}`,
).join(', ');
// Each string value unescaped from its JSON (vK), not from the line: a second json_extract_string
// of the whole line parsed every line again (about a tenth of the read's CPU at 300k events).
const STRINGS_SQL = PATHS.map((path, i) =>
  /facets|embed|tags|langs/.test(path)
    ? []
    : [
        `CASE WHEN starts_with(v${i + 1}, '"') THEN json_extract_string(v${i + 1}, '$') END AS s${i + 1}`,
      ],
)
  .flat()
  .join(', ');
// The objects the paths above (and an account event's) go through, and the keys SQL reads in them:
// one that repeats such a key is read by DuckDB with the key's first value, by JSON.parse with its
// last, so its line is left to the row path's code. Only the read keys: testing every key of every
// object for a repeat (list_distinct of each object's keys) took a third of the read's CPU at 300k
// events, 1.07 of 2.9 s.
const PATH_OBJECTS = [
  '$',
  '$.commit',
  `$.${RECORD}`,
  `$.${RECORD}.reply`,
  `$.${RECORD}.reply.parent`,
  `$.${RECORD}.subject`,
  '$.account',
  '$.identity',
];
const READ_KEYS = [
  ...new Set([
    ...PATHS.flatMap((path) => path.split('.')),
    ...['reply', 'parent', 'subject', 'uri'],
    ...['account', 'active', 'status'],
    ...['identity', 'handle', 'time_us', 'displayName', 'description'],
  ]),
];
const at = (path: string) => PATHS.indexOf(path) + 1;
/** The value is absent or null. */
const absent = (path: string) => `coalesce(v${at(path)} = 'null', true)`;
/** The value starts with `char`: '"' a string, '{' an object, '[' an array (starts_with tests a
 * byte; left() counts characters). */
const starts = (path: string, char: string) => `starts_with(v${at(path)}, '${char}')`;
/** A string value as textAt reads it (trimmed as JS trims, '' → NULL); NULL for other values. */
const text = (path: string) => cleanSql(`s${at(path)}`, true);
/** As {@link text}, testing first for the `values` SQL compares it with (cleaning keeps them as
 * they are; the test is cheaper than cleanSql's of the first and last character). */
const knownText = (path: string, values: readonly string[]) =>
  `CASE WHEN s${at(path)} IN (${values.map(sqlString).join(', ')}) THEN s${at(path)} ELSE ${text(path)} END`;
/** Absent, null, or of the JSON type `char` starts. */
const absentOr = (path: string, char: string) => `(${absent(path)} OR ${starts(path, char)})`;
// createdAt as clients write it: UTC, `Z`, up to milliseconds, years 1000–2999 (JS's Date.UTC reads
// years 0–99 as 1900–1999) and no 24:00 or leap second; other forms go to the row path's code.
const TIME = `'^[12]\\d{3}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,3})?Z$'`;
const CREATED = `s${at(`${RECORD}.createdAt`)}`;
const CREATED_MS = `CASE WHEN regexp_full_match(${CREATED}, ${TIME})
  THEN epoch_ms(try_cast(${CREATED} AS TIMESTAMPTZ)) END`;
/** A feed record's post id, its AT URI, over bsky_events' columns (of the table `alias`). */
const postIdSql = (alias: string) =>
  `'at://' || ${alias}.did || '/' || ${alias}.collection || '/' || ${alias}.rkey`;
/** The DID of an AT URI, as didOfUri reads it. */
const didOf = (uri: string) => `nullif(regexp_extract(${uri}, '^at://(did:[^/]+)/', 1), '')`;

/**
 * Loads a Jetstream JSON-lines file in bulk; the lines SQL leaves are read by the row path's code.
 * Returns the counts, or why the whole file needs the row path (nothing written then).
 */
export async function bulkLoadBluesky(
  store: Store,
  file: BlueskyBulkFile,
  onReject: (reject: LineReject) => void,
): Promise<BulkOutcome> {
  const loader = new RecordLoader(store, file.runId);
  const dir = mkdtempSync(join(tmpdir(), 'unmask-bsky-'));
  // The line breaks of a compressed file are counted (in JS) while DuckDB reads it: DuckDB's read
  // keeps about one of the two cores busy. A plain file's size tells whether it has blank lines
  // (linesOnly), which saves that read of it (0.37 s of CPU at 300k events).
  const breaks = file.compression === 'none' ? null : lineBreaks(file.sample.source);
  breaks?.catch(() => undefined);
  try {
    if (!(await readEvents(store, file))) return rowByRow('not-strict');
    const [read = 0] = await scalars(store, 'SELECT count(*) FROM bsky_events');
    if (read === 0) return rowByRow('invalid-row');
    await mapPostItems(store);
    const rejectsPath = join(dir, 'rejects.jsonl');
    const blankless = async () =>
      breaks === null
        ? (await linesOnly(store, file.sample.source.path, read)) ||
          noBlankLines(file.sample.source, read)
        : noBlankLines(file.sample.source, read, breaks);
    const js = await readOtherLines(store, file, loader, rejectsPath, blankless);
    if (js.records !== read) return rowByRow('not-strict');
    const staged = await loader.stageTables();
    await stageFeedRecords(store);
    const [posts = 0, follows = 0, accounts = 0, postRepeats = 0] = await scalars(
      store,
      `SELECT (SELECT count(*) FROM bsky_row_posts) + (SELECT count(*) FROM bsky_events WHERE ok AND mapped = 'post'),
        (SELECT count(*) FROM stage_follows), (SELECT count(*) FROM stage_accounts),
        (SELECT count(*) - count(DISTINCT (platform, post_id)) FROM (SELECT platform, post_id FROM bsky_row_posts
          UNION ALL SELECT '${PLATFORM}', ${postIdSql('e')} FROM bsky_events e WHERE ok AND mapped = 'post'))`,
    );
    const outcome = await mergeStagedRun(
      store,
      { ...staged, posts, follows, accounts },
      {
        runId: file.runId,
        file: file.sample.path,
        format: 'bluesky',
        startedAt: file.startedAt,
        read,
        rejected: js.rejected,
      },
      { postRepeats },
    );
    if (js.rejected > 0) await replayRejects(rejectsPath, onReject);
    return outcome.mode === 'bulk' ? { ...outcome, byRowCode: js.lines } : outcome;
  } finally {
    loader.discard();
    rmSync(dir, { recursive: true, force: true });
    await store.connection.run('DROP VIEW IF EXISTS stage_posts');
    await dropTables(store, [
      'bsky_events',
      'bsky_row_posts',
      'map_items',
      'map_text',
      'stage_posts',
      'stage_accounts',
      'stage_observations',
      'stage_follows',
      'stage_labels',
      'stage_indicators',
      'stage_media_files',
    ]);
  }
}

/**
 * Reads the file into bsky_events, one row per non-blank line in file order (rowid: the line's
 * rank); the text of each line SQL does not map is kept (`line`). False when DuckDB cannot read it.
 */
async function readEvents(store: Store, file: BlueskyBulkFile): Promise<boolean> {
  const c = store.connection;
  const compression = file.compression === 'none' ? 'uncompressed' : file.compression;
  const source = `read_json_objects(${sqlString(file.sample.source.path)}, format = 'newline_delimited', compression = ${sqlString(compression)})`;
  // Insertion order kept, so rowid is the line's rank among the non-blank lines. Only where the
  // plan has no join: DuckDB rewrites an IN list of many constants (cleanSql's white space) into a
  // join, which let rowids and lines drift apart from about 16 MB on (a 300k-line file read by two
  // threads: 12,526 of 15,243 rejects named other lines). WITH ORDINALITY numbers the lines too,
  // but doubled the read's CPU.
  const [disabled = ''] = (
    await c.runAndReadAll("SELECT current_setting('disabled_optimizers')")
  ).getRows()[0] as string[];
  await c.run('SET preserve_insertion_order = true');
  await c.run(
    `SET disabled_optimizers = ${sqlString(disabled ? `${disabled},in_clause` : 'in_clause')}`,
  );
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE bsky_events AS SELECT * EXCLUDE (json), CASE WHEN NOT ok OR mapped = 'reject' THEN json END AS line, strlen(json) AS bytes
      FROM (${eventsSql()} FROM (SELECT *, ${STRINGS_SQL} FROM (SELECT json, ${VALUES_SQL}
        FROM (SELECT json::VARCHAR AS json, json_transform(json, ${sqlString(JSON.stringify(STRUCTURE))}) AS t FROM ${source})))))))))))`);
    return true;
  } catch {
    // A line that is not JSON, bytes that are not UTF-8, a byte-order mark, a lone surrogate.
    return false;
  } finally {
    await c.run(`SET disabled_optimizers = ${sqlString(disabled)}`);
    await c.run('SET preserve_insertion_order = false');
  }
}

// A reject SQL writes is one the row path's code would write: its raw text is the line as
// DuckDB read it (trimmed as JS trims) when not clipped (the row path keeps 500 characters).
const MAX_SQL_REJECT_BYTES = 500;

/**
 * SQL of a reject reason: `reason` (the row path's own) with SQL expressions for its text
 * arguments, each where that text stands in the reason; an argument '' is the empty text itself.
 */
function reasonSql(reason: (...texts: string[]) => string, ...args: string[]): string {
  const marks = args.map((arg, i) => (arg === '' ? '' : `\u0000${i}\u0000`));
  return args.reduce(
    (sql, arg, i) => (arg === '' ? sql : sql.replaceAll(marks[i]!, `' || ${arg} || '`)),
    sqlString(reason(...marks)),
  );
}

/**
 * The SELECT of what SQL makes of each line over `json` and `v`, `s` (each value computed once in
 * an inner SELECT, then tested): `mapped` 'post' (a feed record), 'follow', 'account' (an identity
 * or a profile) or 'reject' (a delete, an account event, a record of another type, with the row
 * path's `field` and `reason`), NULL for
 * a line the row path's code reads; `ok` where SQL maps it (no key repeated on its paths).
 */
function eventsSql(): string {
  const items = ['facets', 'embed', 'tags', 'langs'].map((k) => `${RECORD}.${k}`);
  const fields = {
    // A NUL character (`\u0000`) is staged by the row path's code.
    plain: `starts_with(json, '{') AND NOT contains(json, '\\u0000')`,
    did: text('did'),
    kind: knownText('kind', ['commit', 'identity', 'account']),
    kind_absent: absent('kind'),
    old_kind: knownText('type', ['com', 'id', 'acc']),
    operation: knownText('commit.operation', ['create', 'update', 'delete']),
    operation_absent: absent('commit.operation'),
    old_operation: knownText('commit.type', ['c', 'u', 'd']),
    collection: knownText('commit.collection', [POST, REPOST, LIKE, FOLLOW, PROFILE]),
    rkey: text('commit.rkey'),
    created_ms: CREATED_MS,
    text: `nullif(s${at(`${RECORD}.text`)}, '')`,
    text_ok: absentOr(`${RECORD}.text`, '"'),
    parent_uri: text(`${RECORD}.reply.parent.uri`),
    parent_ok: absentOr(`${RECORD}.reply.parent.uri`, '"'),
    subject: text(`${RECORD}.subject.uri`),
    items_ok: items.map((k, i) => absentOr(k, i === 1 ? '{' : '[')).join(' AND '),
    items: `'[' || ${items.map((k) => `coalesce(v${at(k)}, 'null')`).join(" || ',' || ")} || ']'`,
  };
  // eventRecords' kinds and commitRecords' operations, old names too (a value under commit is
  // found only when commit is an object).
  const kinds = {
    is_commit: `(kind = 'commit' OR (kind_absent AND old_kind = 'com'))`,
    is_account: `(kind = 'account' OR (kind_absent AND old_kind = 'acc'))`,
    is_identity: `(kind = 'identity' OR (kind_absent AND old_kind = 'id'))`,
    creates: `(operation IN ('create', 'update') OR (operation_absent AND old_operation IN ('c', 'u')))`,
    deletes: `(operation = 'delete' OR (operation_absent AND old_operation = 'd'))`,
  };
  // Read again only on their own lines: a follow's subject (a DID; other records' subject is an
  // object), an account event's `active` and `status`, an identity's object, handle and time_us,
  // a profile's record, displayName and description.
  const follows = `collection = '${FOLLOW}'`;
  const others = {
    follow_v: `CASE WHEN ${follows} THEN json_extract(json, '$.${RECORD}.subject')::VARCHAR END`,
    account_v: `CASE WHEN is_account THEN json_extract(json, ['$.account.active', '$.account.status'])::VARCHAR[] END`,
    identity_v: `CASE WHEN is_identity THEN json_extract(json, ['$.identity', '$.identity.handle', '$.time_us'])::VARCHAR[] END`,
    profile_v: `CASE WHEN collection = '${PROFILE}' THEN json_extract(json, ['$.${RECORD}', '$.${RECORD}.displayName', '$.${RECORD}.description'])::VARCHAR[] END`,
  };
  const valueText = (v: string) =>
    `CASE WHEN starts_with(${v}, '"') THEN ${cleanSql(`json_extract_string(${v}, '$')`, true)} END`;
  // The follow's subject staged as the row path stages it: a control character goes there.
  const followed = `CASE WHEN NOT regexp_matches(f, '[\\x00-\\x1f]') THEN f END`;
  const accountText = (i: number) => `CASE WHEN coalesce(account_v[${i}] = 'null', true) THEN true
      WHEN starts_with(account_v[${i}], '"') THEN NOT regexp_matches(json_extract_string(account_v[${i}], '$'), '[\\x00-\\x1f]')
      ELSE ${i === 1 ? `account_v[1] IN ('true', 'false')` : 'false'} END`;
  const active = `CASE WHEN starts_with(account_v[1], '"') THEN ${valueText('account_v[1]')} WHEN account_v[1] IN ('true', 'false') THEN account_v[1] END`;
  const status = valueText('account_v[2]');
  // An identity: its handle (required) and when Jetstream saw it, time_us (µs; floor(time_us /
  // 1000) || null as JS computes it, for an integer JSON.parse reads exactly, else absent or null;
  // other forms go to the row path's code).
  const seenOk = `(coalesce(identity_v[3] = 'null', true) OR (regexp_full_match(identity_v[3], '0|[1-9][0-9]{0,15}')
      AND identity_v[3]::HUGEINT <= ${Number.MAX_SAFE_INTEGER}))`;
  const seen = `CASE WHEN regexp_full_match(identity_v[3], '[0-9]{1,16}') THEN nullif(identity_v[3]::BIGINT // 1000, 0) END`;
  const identityOk = `starts_with(identity_v[1], '{') AND handle IS NOT NULL AND ${seenOk}`;
  // A profile: its record (an object) and texts (optional: absent, null or text; others go to the
  // row path's code).
  const optionalText = (v: string) => `(coalesce(${v} = 'null', true) OR starts_with(${v}, '"'))`;
  const profileOk = `starts_with(profile_v[1], '{') AND ${optionalText('profile_v[2]')} AND ${optionalText('profile_v[3]')}`;
  const feed = `created_ms IS NOT NULL AND CASE WHEN collection = '${POST}' THEN text_ok AND parent_ok AND items_ok ELSE subject IS NOT NULL END`;
  const mapped = `CASE WHEN NOT coalesce(plain AND did IS NOT NULL, false) THEN NULL
      WHEN is_commit AND collection IS NOT NULL AND rkey IS NOT NULL THEN CASE
        WHEN deletes THEN 'reject'
        WHEN NOT creates THEN NULL
        WHEN collection IN ('${POST}', '${REPOST}', '${LIKE}') THEN CASE WHEN ${feed} THEN 'post' END
        WHEN ${follows} THEN CASE WHEN followed IS NOT NULL AND created_ms IS NOT NULL THEN 'follow' END
        WHEN collection = '${PROFILE}' THEN CASE WHEN ${profileOk} THEN 'account' END
        WHEN created_ms IS NOT NULL THEN 'reject' END
      WHEN is_account AND account_ok THEN 'reject'
      WHEN is_identity AND ${identityOk} THEN 'account' END`;
  const reject = `CASE WHEN is_account THEN CASE WHEN status IS NULL
        THEN ${reasonSql(accountEventReason, "coalesce(active, '?')", '')}
        ELSE ${reasonSql(accountEventReason, "coalesce(active, '?')", 'status')} END
      WHEN deletes THEN ${reasonSql(deleteReason, 'collection')}
      ELSE ${reasonSql(otherRecordReason, 'collection')} END`;
  const rejectField = `CASE WHEN is_account THEN 'account' WHEN deletes THEN 'commit.operation' ELSE 'commit.collection' END`;
  // A line that repeats a key SQL reads is read by the row path's code: tested only on the lines
  // otherwise mapped here (a CASE runs its THEN on those rows alone), since json_keys parses the
  // line again.
  const repeats = repeatsReadKeySql('json', PATH_OBJECTS, READ_KEYS);
  const rejectShown = `strlen(json) <= ${MAX_SQL_REJECT_BYTES} AND right(json, 1) = '}'`;
  const select = (columns: Record<string, string>) =>
    Object.entries(columns)
      .map(([name, sql]) => `${sql} AS ${name}`)
      .join(', ');
  return `SELECT json, ok, CASE WHEN ok THEN mapped END AS mapped,
      CASE WHEN ok AND mapped = 'reject' THEN ${rejectField} END AS field,
      CASE WHEN ok AND mapped = 'reject' THEN ${reject} END AS reason,
      did, collection, rkey, created_ms, text, parent_uri, subject, followed,
      CASE WHEN mapped = 'post' AND collection = '${POST}' THEN items END AS items,
      CASE WHEN mapped = 'account' THEN handle END AS handle,
      CASE WHEN mapped = 'account' THEN display_name END AS display_name,
      CASE WHEN mapped = 'account' THEN description END AS description,
      CASE WHEN mapped = 'account' THEN seen_ms END AS seen_ms
    FROM (SELECT *, CASE WHEN mapped IS NOT NULL AND (mapped <> 'reject' OR (${rejectShown}))
        THEN NOT ${repeats} ELSE false END AS ok
      FROM (SELECT *, ${mapped} AS mapped
        FROM (SELECT *, ${followed} AS followed, ${accountText(1)} AND ${accountText(2)} AS account_ok,
            ${active} AS active, ${status} AS status, ${valueText('identity_v[2]')} AS handle, ${seen} AS seen_ms,
            ${valueText('profile_v[2]')} AS display_name, ${valueText('profile_v[3]')} AS description
          FROM (SELECT *, ${valueText('follow_v')} AS f
            FROM (SELECT *, ${select(others)}
              FROM (SELECT *, ${select(kinds)}
                FROM (SELECT json, ${select(fields)}`;
}

/**
 * Builds map_items: each distinct `[facets, embed, tags, langs]` of a post → its URLs, domains,
 * shortened URLs, hashtags, mentions and media (normalized as buildPost does), the quoted post,
 * the language, and v8 ≠ '' where the row path's code would reject it or stage it otherwise.
 */
async function mapPostItems(store: Store): Promise<void> {
  const width = 9;
  const bad = Array.from({ length: width }, (_, i) => (i === width - 1 ? ['bad'] : []));
  // A value with a control character is staged as the row path stages a text, not a list item.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const plain = (v: string | null) => v === null || !/[\u0000-\u001f]/.test(v);
  await mapCells(
    store.connection,
    '(SELECT items FROM bsky_events WHERE ok)',
    'items',
    (cell) => [cell],
    ([cell]) => {
      if (cell === undefined) return bad;
      try {
        const [facets, embed, tags, langs] = JSON.parse(cell) as unknown[];
        const items = postItems({ facets, embed, tags, langs } as JsonObject);
        if (!plain(items.quoted) || !plain(items.language)) return bad;
        return [
          ...NORMALIZE_LIST.urls(items.urls),
          ...NORMALIZE_LIST.hashtags(items.hashtags),
          ...NORMALIZE_LIST.mentions(items.mentions),
          items.media,
          items.quoted === null ? [] : [items.quoted],
          items.language === null ? [] : [items.language],
          [],
        ];
      } catch {
        return bad;
      }
    },
  );
  await store.connection.run(`UPDATE bsky_events SET ok = false
    FROM map_items m WHERE m.cell = bsky_events.items AND m.v8 <> ''`);
}

/**
 * Whether a plain file holds its `read` lines (as DuckDB read them: trimmed, blank ones skipped)
 * and line breaks only: then it has no blank line (nor white space around a line, nor CR). Its
 * size is their bytes plus a line break after each (or but the last).
 */
async function linesOnly(store: Store, path: string, read: number): Promise<boolean> {
  const [bytes = 0] = await scalars(store, 'SELECT coalesce(sum(bytes), 0) FROM bsky_events');
  const size = statSync(path).size;
  if (size === 0 || (size !== bytes + read && size !== bytes + read - 1)) return false;
  const last = Buffer.alloc(1);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, last, 0, 1, size - 1);
  } finally {
    closeSync(fd);
  }
  return (last[0] === 10) === (size === bytes + read);
}

const PAGE_RANKS = 200_000;

/** What the row path's code did with the lines SQL left. */
interface OtherLines {
  /** The file's non-blank lines as counted here (must be the rows DuckDB read). */
  readonly records: number;
  /** The lines rejected (by SQL and by the row path's code). */
  readonly rejected: number;
  /** The lines the row path's code read. */
  readonly lines: number;
}

/** The rejects' fields SQL writes, by the digit its reason starts with in a page (see linesPage). */
const REJECT_FIELDS = ['account', 'commit.operation', 'commit.collection'];

/**
 * Reads the lines SQL does not map (not ok) with the row path's code, in file order: their records
 * staged by `loader` at their rank, their rejects written to `rejectsPath` with those SQL made
 * (mapped 'reject'). The texts DuckDB kept, numbered by rank when the file has no blank line; else
 * (or where a text was not kept) the file is read again, only those lines parsed (SQL's rejects
 * too: the row path's code gives them alike).
 */
async function readOtherLines(
  store: Store,
  file: BlueskyBulkFile,
  loader: RecordLoader,
  rejectsPath: string,
  blankless: () => Promise<boolean>,
): Promise<OtherLines> {
  const [read = 0, lines = 0, textless = 0, sqlRejects = 0] = await scalars(
    store,
    `SELECT count(*), count(*) FILTER (WHERE NOT ok), count(*) FILTER (WHERE NOT ok AND line IS NULL),
      count(*) FILTER (WHERE mapped = 'reject') FROM bsky_events`,
  );
  if (lines + sqlRejects === 0) return { records: read, rejected: 0, lines };
  const fd = openSync(rejectsPath, 'w');
  let rejected = 0;
  const rejectLine = (line: number, reject: RejectedItem['reject']) => {
    rejected++;
    return `${JSON.stringify({ line, ...reject })}\n`;
  };
  const take = (rank: number, unit: JsonUnit | RejectedItem): string => {
    const item = 'value' in unit ? eventItem(unit, file.context) : unit;
    if (item.reject === undefined) {
      loader.add(item, rank);
      return '';
    }
    return rejectLine(item.line, item.reject);
  };
  try {
    if (textless === 0 && (await blankless())) {
      // Pages by rank (rowid runs 0 … read − 1), each in file order.
      for (let first = 0; first < read; first += PAGE_RANKS) {
        const page = await linesPage(store, first, first + PAGE_RANKS);
        const out = page.map(([rank, line, field, reason]) => {
          if (field !== null) return rejectLine(rank + 1, { field, reason: reason!, raw: line });
          const unit = jsonLineUnit(line, rank + 1);
          return unit === null ? '' : take(rank, unit);
        });
        writeSync(fd, out.join(''));
      }
      return { records: read, rejected, lines };
    }
    const ranks = (
      await store.connection.runAndReadAll(
        "SELECT rowid FROM bsky_events WHERE NOT ok OR mapped = 'reject'",
      )
    )
      .getRows()
      .map((r) => Number(r[0]));
    const wanted = new Set(ranks);
    const counted = { records: 0 };
    for await (const batch of jsonLinesAt(file.sample, file.context, (r) => wanted.has(r), counted))
      writeSync(fd, batch.map(({ rank, unit }) => take(rank, unit)).join(''));
    return { records: counted.records, rejected, lines };
  } finally {
    closeSync(fd);
  }
}

// A page's lines as one string (rank, space, line; a line break between lines) when it is under
// 256 MB: read row by row, DuckDB's values cost half of the row path's time on these lines.
const PAGE_TEXT_BYTES = 1 << 28;

/** A kept line: its rank, its text, and the field and reason of the reject SQL made of it. */
type PageLine = [rank: number, line: string, field: string | null, reason: string | null];

/** The kept lines (not ok, or rejected by SQL) of the ranks [from, to), in file order. */
async function linesPage(store: Store, from: number, to: number): Promise<PageLine[]> {
  const where = `(NOT ok OR mapped = 'reject') AND rowid >= ${from} AND rowid < ${to}`;
  const [lines = 0, bytes = 0] = await scalars(
    store,
    `SELECT count(*), coalesce(sum(strlen(line) + coalesce(strlen(reason), 0)), 0) FROM bsky_events WHERE ${where}`,
  );
  if (lines === 0) return [];
  const fieldOf = (digit: string) => REJECT_FIELDS[Number(digit)] ?? null;
  // The field as its digit in REJECT_FIELDS, then the reason; '' for a line the row path reads.
  const coded = `CASE field ${REJECT_FIELDS.map((f, i) => `WHEN '${f}' THEN '${i}'`).join(' ')} ELSE '' END || coalesce(reason, '')`;
  if (bytes + 24 * lines < PAGE_TEXT_BYTES) {
    const [text, codes] = (
      await store.connection.runAndReadAll(
        `SELECT string_agg(rowid || ' ' || line, chr(10) ORDER BY rowid), string_agg(${coded}, chr(10) ORDER BY rowid) FROM bsky_events WHERE ${where}`,
      )
    ).getRows()[0] as [string, string];
    const parts = text.split('\n');
    const rejects = codes.split('\n');
    // A line break inside a line or reason would split it: then the page is read row by row.
    if (parts.length === lines && rejects.length === lines)
      return parts.map((p, i) => {
        const space = p.indexOf(' ');
        const code = rejects[i]!;
        const field = code === '' ? null : fieldOf(code[0]!);
        return [Number(p.slice(0, space)), p.slice(space + 1), field, field && code.slice(1)];
      });
  }
  const page = await store.connection.runAndReadAll(
    `SELECT rowid, line, field, reason FROM bsky_events WHERE ${where} ORDER BY rowid`,
  );
  return page
    .getRows()
    .map(([rank, line, field, reason]) => [
      Number(rank),
      line as string,
      field as string | null,
      reason as string | null,
    ]);
}

/**
 * Stages the feed records SQL maps beside the row path's code's posts (stage_posts, renamed
 * bsky_row_posts) as the view stage_posts, in the row path's shape, so the merge's insert maps them
 * as it reads them (a table of them first: its insert cost ~1 s of CPU at 300k events, as much as
 * the merge's), and the follows into stage_follows.
 */
async function stageFeedRecords(store: Store): Promise<void> {
  const c = store.connection;
  await c.run('ALTER TABLE stage_posts RENAME TO bsky_row_posts');
  const feed = `(SELECT e.rowid AS seq, e.*, m.v0, m.v1, m.v2, m.v3, m.v4, m.v5,
      nullif(m.v6, '') AS quoted, nullif(m.v7, '') AS language
    FROM bsky_events e LEFT JOIN map_items m ON m.cell = e.items WHERE e.ok AND e.mapped = 'post')`;
  const norm = await normalizedTexts(
    store,
    "(SELECT text FROM bsky_events WHERE ok AND mapped = 'post')",
    's.text',
  );
  const isPost = `s.collection = '${POST}'`;
  const kind = `CASE s.collection WHEN '${REPOST}' THEN 'share' WHEN '${LIKE}' THEN 'reaction'
      ELSE CASE WHEN s.parent_uri IS NOT NULL THEN 'reply' WHEN s.quoted IS NOT NULL THEN 'quote' ELSE 'post' END END`;
  const shared = `CASE WHEN s.collection = '${REPOST}' THEN s.subject WHEN ${isPost} THEN s.quoted END`;
  const parent = `CASE WHEN s.collection = '${LIKE}' THEN s.subject WHEN ${isPost} THEN s.parent_uri END`;
  const list = (v: string) => `CASE WHEN ${isPost} THEN s.${v} ELSE '' END`;
  const values = [
    's.seq',
    "'bluesky'",
    postIdSql('s'),
    's.did',
    's.created_ms',
    kind,
    `CASE WHEN ${isPost} THEN s.text END`,
    `CASE WHEN ${isPost} THEN ${norm.value} END`,
    's.language',
    ...['v0', 'v1', 'v2', 'v3', 'v4', 'v5'].map(list),
    shared,
    didOf(shared),
    parent,
    didOf(parent),
    'NULL',
    'NULL',
    'NULL',
    'NULL',
    'NULL',
  ];
  const columns = Object.keys(STAGE.posts);
  await c.run(`CREATE OR REPLACE TEMP VIEW stage_posts AS SELECT * FROM bsky_row_posts
    UNION ALL SELECT ${values.map((v, i) => `${v} AS ${columns[i]}`).join(', ')} FROM ${feed} s ${norm.join}`);
  await c.run(`INSERT INTO stage_follows SELECT rowid, '${PLATFORM}', did, followed, created_ms
    FROM bsky_events WHERE ok AND mapped = 'follow'`);
  // Identities and profiles: an account row each, as the row path's code stages them (account()).
  await c.run(`INSERT INTO stage_accounts SELECT rowid, true, '${PLATFORM}', did, handle, display_name, 'account',
      NULL, NULL, NULL, NULL, NULL, description, seen_ms
    FROM bsky_events WHERE ok AND mapped = 'account'`);
}

/** Hands the rejects written by {@link readOtherLines} to `onReject`, in file order. */
async function replayRejects(path: string, onReject: (r: LineReject) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') onReject(JSON.parse(line) as LineReject);
}
