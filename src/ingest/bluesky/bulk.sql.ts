// Bluesky Jetstream events as JSON lines loaded inside DuckDB: the fast path of the bluesky format.
//
// DuckDB reads the file (read_json_objects, one row per non-blank line in file order) and takes
// each value the adapter reads out of the line in one json_extract. The feed records (posts,
// reposts, likes: nearly all of a capture) are mapped in SQL as feedPost maps them, with what is
// JS logic run once per distinct value by the adapter's own code (postItems: the facets, embed,
// tags and langs; URLs canonicalized and tags folded as buildPost does; the texts SQL normalizes
// unlike JS). Every other line (identities, profiles, follows, deletes, account events, other
// record types) and every line SQL cannot vouch for (a value of another type, a time in another
// form, a NUL character) is read by the row path's own code (eventItem), only those lines, with
// their exact line numbers: rejects keep their line and reason. Both sets are staged in the row
// path's shape with their rank as `seq` and merged by its merge, so the case is the same.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
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
import { isJsonLines, jsonLinesAt } from '../json-units.js';
import { mergeStagedRun, RecordLoader } from '../load-records.sql.js';
import { LIKE, POST, postItems, REPOST } from './feed-records.js';
import { bluesky, eventItem } from './index.js';

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

// The values of a line SQL reads: json_extract of all at once, then each value's JSON type (from
// its first character) and text (a string unescaped), as the x-api-v2 bulk path does.
const RECORD = 'commit.record';
const PATHS = [
  'did',
  'kind',
  'type',
  'commit',
  'commit.operation',
  'commit.type',
  'commit.collection',
  'commit.rkey',
  RECORD,
  `${RECORD}.createdAt`,
  `${RECORD}.text`,
  `${RECORD}.reply.parent.uri`,
  `${RECORD}.subject.uri`,
  `${RECORD}.facets`,
  `${RECORD}.embed`,
  `${RECORD}.tags`,
  `${RECORD}.langs`,
];
const PATHS_SQL = `[${PATHS.map((n) => `'$.${n}'`).join(', ')}]`;
const at = (path: string) => PATHS.indexOf(path) + 1;
const type = (path: string) =>
  `CASE WHEN v[${at(path)}] IS NULL THEN 'NULL' ELSE CASE left(v[${at(path)}], 1) WHEN '"' THEN 'VARCHAR' WHEN '{' THEN 'OBJECT' WHEN '[' THEN 'ARRAY' WHEN 'n' THEN 'NULL' ELSE 'OTHER' END END`;
/** A string value unescaped; any other value as its JSON; NULL when absent or null. */
const raw = (path: string) =>
  `CASE WHEN left(v[${at(path)}], 1) = '"' THEN json_extract_string(v[${at(path)}], '$') ELSE nullif(v[${at(path)}], 'null') END`;
/** A string as textAt reads it (trimmed as JS trims; '' → NULL). */
const text = (path: string) => cleanSql(raw(path), true);
const isText = (path: string, ...values: string[]) =>
  `(${type(path)} = 'VARCHAR' AND ${text(path)} IN (${values.map(sqlString).join(', ')}))`;
const isOneOf = (path: string, ...types: string[]) =>
  `${type(path)} IN (${['NULL', ...types].map(sqlString).join(', ')})`;
// createdAt as clients write it: UTC, `Z`, up to milliseconds, years 1000–2999 (JS's Date.UTC reads
// years 0–99 as 1900–1999) and no 24:00 or leap second; other forms go to the row path's code.
const TIME = `'^[12]\\d{3}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,3})?Z$'`;
const createdMs = `CASE WHEN ${type(`${RECORD}.createdAt`)} = 'VARCHAR' AND regexp_full_match(${raw(`${RECORD}.createdAt`)}, ${TIME})
  THEN epoch_ms(try_cast(${raw(`${RECORD}.createdAt`)} AS TIMESTAMPTZ)) END`;
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
  try {
    if (!(await readEvents(store, file))) return rowByRow('not-strict');
    const [read = 0] = await scalars(store, 'SELECT count(*) FROM bsky_events');
    if (read === 0) return rowByRow('invalid-row');
    await mapPostItems(store);
    const rejectsPath = join(dir, 'rejects.jsonl');
    const js = await readOtherLines(store, file, loader, rejectsPath);
    if (js.records !== read) return rowByRow('not-strict');
    const staged = await loader.stageTables();
    await stageFeedRecords(store);
    const [posts = 0] = await scalars(store, 'SELECT count(*) FROM stage_posts');
    const outcome = await mergeStagedRun(
      store,
      { ...staged, posts },
      {
        runId: file.runId,
        file: file.sample.path,
        format: 'bluesky',
        startedAt: file.startedAt,
        read,
        rejected: js.rejected,
      },
    );
    await replayRejects(rejectsPath, onReject);
    return outcome.mode === 'bulk' ? { ...outcome, byRowCode: js.lines } : outcome;
  } finally {
    loader.discard();
    rmSync(dir, { recursive: true, force: true });
    await dropTables(store, [
      'bsky_lines',
      'bsky_events',
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

/** Reads the file into bsky_events (seq: the line's rank); false when DuckDB cannot read it. */
async function readEvents(store: Store, file: BlueskyBulkFile): Promise<boolean> {
  const c = store.connection;
  const compression = file.compression === 'none' ? 'uncompressed' : file.compression;
  // Insertion order kept, so rowid is the line's rank among the non-blank lines.
  await c.run('SET preserve_insertion_order = true');
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE bsky_lines AS SELECT left(ltrim(json::VARCHAR), 1) = '{' AS is_object,
        contains(json::VARCHAR, '\\u0000') AS nul, json_extract(json, ${PATHS_SQL})::VARCHAR[] AS v
      FROM read_json_objects(${sqlString(file.sample.source.path)}, format = 'newline_delimited', compression = ${sqlString(compression)})`);
    await c.run(`CREATE OR REPLACE TEMP TABLE bsky_events AS ${eventsSql()}`);
    await c.run('DROP TABLE bsky_lines');
    return true;
  } catch {
    // A line that is not JSON, bytes that are not UTF-8, a byte-order mark.
    return false;
  } finally {
    await c.run('SET preserve_insertion_order = false');
  }
}

/** The SQL of bsky_events over bsky_lines: each feed record's fields, and `ok` (SQL maps it). */
function eventsSql(): string {
  const kindOk = `(${isText('kind', 'commit')} OR (${type('kind')} = 'NULL' AND ${isText('type', 'com')}))`;
  const operationOk = `(${isText('commit.operation', 'create', 'update')} OR (${type('commit.operation')} = 'NULL' AND ${isText('commit.type', 'c', 'u')}))`;
  const subjectOk = `(${type(`${RECORD}.subject.uri`)} = 'VARCHAR' AND ${text(`${RECORD}.subject.uri`)} IS NOT NULL)`;
  const postOk = [
    isOneOf(`${RECORD}.text`, 'VARCHAR'),
    isOneOf(`${RECORD}.reply.parent.uri`, 'VARCHAR'),
    isOneOf(`${RECORD}.facets`, 'ARRAY'),
    isOneOf(`${RECORD}.embed`, 'OBJECT'),
    isOneOf(`${RECORD}.tags`, 'ARRAY'),
    isOneOf(`${RECORD}.langs`, 'ARRAY'),
  ].join(' AND ');
  const ok = [
    'is_object AND NOT nul',
    `${type('did')} = 'VARCHAR' AND ${text('did')} IS NOT NULL`,
    kindOk,
    `${type('commit')} = 'OBJECT'`,
    isText('commit.collection', POST, REPOST, LIKE),
    `${type('commit.rkey')} = 'VARCHAR' AND ${text('commit.rkey')} IS NOT NULL`,
    operationOk,
    `${type(RECORD)} = 'OBJECT'`,
    `${createdMs} IS NOT NULL`,
    `CASE WHEN ${text('commit.collection')} = '${POST}' THEN ${postOk} ELSE ${subjectOk} END`,
  ];
  const cell = ['facets', 'embed', 'tags', 'langs']
    .map((k) => `coalesce(v[${at(`${RECORD}.${k}`)}], 'null')`)
    .join(" || ',' || ");
  return `SELECT rowid AS seq, ${ok.map((x) => `coalesce(${x}, false)`).join(' AND ')} AS ok,
      ${text('did')} AS did, ${text('commit.collection')} AS collection, ${text('commit.rkey')} AS rkey,
      ${createdMs} AS created_ms, nullif(${raw(`${RECORD}.text`)}, '') AS text,
      ${text(`${RECORD}.reply.parent.uri`)} AS parent_uri, ${text(`${RECORD}.subject.uri`)} AS subject,
      CASE WHEN ${text('commit.collection')} = '${POST}' THEN '[' || ${cell} || ']' END AS items
    FROM bsky_lines`;
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
 * Reads the lines SQL does not map (not ok) with the row path's code, in file order: their records
 * staged by `loader` at their rank, their rejects written to `rejectsPath`. Returns the number of
 * non-blank lines seen, of rejects and of the lines read.
 */
async function readOtherLines(
  store: Store,
  file: BlueskyBulkFile,
  loader: RecordLoader,
  rejectsPath: string,
): Promise<{ records: number; rejected: number; lines: number }> {
  const ranks = (
    await store.connection.runAndReadAll('SELECT seq FROM bsky_events WHERE NOT ok ORDER BY seq')
  )
    .getRows()
    .map((r) => Number(r[0]));
  const counted = { records: 0 };
  let rejected = 0;
  const fd = openSync(rejectsPath, 'w');
  try {
    if (ranks.length === 0) return { records: await countRecords(store), rejected, lines: 0 };
    const wanted = new Set(ranks);
    for await (const batch of jsonLinesAt(
      file.sample,
      file.context,
      (r) => wanted.has(r),
      counted,
    )) {
      let out = '';
      for (const { rank, unit } of batch) {
        const item = 'value' in unit ? eventItem(unit, file.context) : unit;
        if (item.reject === undefined) {
          loader.add(item, rank);
        } else {
          rejected++;
          out += `${JSON.stringify({ line: item.line, ...item.reject })}\n`;
        }
      }
      if (out) writeSync(fd, out);
    }
    return { records: counted.records, rejected, lines: ranks.length };
  } finally {
    closeSync(fd);
  }
}

async function countRecords(store: Store): Promise<number> {
  const [n = 0] = await scalars(store, 'SELECT count(*) FROM bsky_events');
  return n;
}

/** Stages the feed records SQL maps (ok) into stage_posts, in the row path's shape. */
async function stageFeedRecords(store: Store): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE bsky_feed AS SELECT e.*, m.v0, m.v1, m.v2, m.v3, m.v4, m.v5,
      nullif(m.v6, '') AS quoted, nullif(m.v7, '') AS language
    FROM bsky_events e LEFT JOIN map_items m ON m.cell = e.items WHERE e.ok`);
  const norm = await normalizedTexts(store, 'bsky_feed', 's.text');
  const isPost = `s.collection = '${POST}'`;
  const kind = `CASE s.collection WHEN '${REPOST}' THEN 'share' WHEN '${LIKE}' THEN 'reaction'
      ELSE CASE WHEN s.parent_uri IS NOT NULL THEN 'reply' WHEN s.quoted IS NOT NULL THEN 'quote' ELSE 'post' END END`;
  const shared = `CASE WHEN s.collection = '${REPOST}' THEN s.subject WHEN ${isPost} THEN s.quoted END`;
  const parent = `CASE WHEN s.collection = '${LIKE}' THEN s.subject WHEN ${isPost} THEN s.parent_uri END`;
  const list = (v: string) => `CASE WHEN ${isPost} THEN s.${v} ELSE '' END`;
  await c.run(`INSERT INTO stage_posts SELECT s.seq, 'bluesky', 'at://' || s.did || '/' || s.collection || '/' || s.rkey,
      s.did, s.created_ms, ${kind}, CASE WHEN ${isPost} THEN s.text END, CASE WHEN ${isPost} THEN ${norm.value} END,
      s.language, ${['v0', 'v1', 'v2', 'v3', 'v4', 'v5'].map(list).join(', ')},
      ${shared}, ${didOf(shared)}, ${parent}, ${didOf(parent)}, NULL, NULL, NULL, NULL, NULL
    FROM bsky_feed s ${norm.join}`);
  await c.run('DROP TABLE bsky_feed');
}

/** Hands the rejects written by {@link readOtherLines} to `onReject`, in file order. */
async function replayRejects(path: string, onReject: (r: LineReject) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') onReject(JSON.parse(line) as LineReject);
}
