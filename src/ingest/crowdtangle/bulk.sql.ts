// CrowdTangle and Meta Content Library CSV exports loaded inside DuckDB: the fast path of the
// crowdtangle adapter.
//
// DuckDB reads the file strictly, in file order (bulk-csv.sql.ts), and each row is mapped in SQL as
// the adapter maps it (index.ts): which columns give the account, its asset type and platform (from
// the header, as the adapter decides), the post's time (the forms parseInstant reads, with the
// zone suffixes' offsets from parseInstant itself), counts, the links and tags in the text
// (text-items.sql.ts). What is JS logic runs once per distinct value with the row path's own code:
// the links canonicalized, the texts SQL reads unlike JS. The rows are staged in the row path's
// shape and merged by its `mergeStaged`, so the case is the same. The check is conservative: a row
// the row path could reject or read in any other way (a missing URL or id, a time without a zone
// or in another form, a count that is not digits) sends the whole file to the row path, which
// reports each reject with its line.
import { parseInstant } from '../../normalize/index.js';
import type { Store } from '../../store/index.js';
import { dropTables, queryRows, scalars, sqlString } from '../../store/index.js';
import { hashtagsInText, urlsInText } from '../build-post.js';
import type { CsvBulkFile } from '../bulk-csv.sql.js';
import { dropCsvCells, headerColumns, readCsvCells } from '../bulk-csv.sql.js';
import { cleanSql, mapCells, NORMALIZE_LIST, normalizedTexts } from '../bulk-native.sql.js';
import type { BulkOutcome } from '../bulk-outcome.js';
import { rowByRow } from '../bulk-outcome.js';
import { LIST, mergeStagedRun } from '../load-records.sql.js';
import {
  firstOfEach,
  HASHTAG_IN_TEXT,
  tagsInTextSql,
  TEXT_ITEMS_JS_CLASS,
  urlsInTextSql,
} from '../text-items.sql.js';

/** How one layout's columns give a post and its account: SQL over the read cells. */
interface Layout {
  /** The columns the adapter reads. */
  readonly used: readonly string[];
  /** Output column → SQL over the cells (`"<column name>"`). */
  readonly values: Readonly<Record<string, string>>;
  /** The columns of timestamps: the post's (required) and the account's (optional). */
  readonly times: { readonly post: string; readonly account: string | null };
  /** SQL of each count the adapter reads (checked: digits with thousands commas). */
  readonly counts: readonly string[];
  /** The link cells, in the adapter's order (before the text's URLs). */
  readonly links: readonly string[];
  /** Conditions the layout adds to a clean row. */
  readonly checks: readonly string[];
}

const cell = (name: string) => `"${name}"`;
const REACTIONS = ['likes', 'love', 'wow', 'haha', 'sad', 'angry', 'care'];
const CT_USED = [
  ...['page name', 'group name', 'account', 'user name', 'facebook id'],
  ...['page admin top country', 'page description', 'page created'],
  ...['likes at posting', 'followers at posting', 'post created', 'type', 'url'],
  ...['message', 'description', 'link', 'final link', 'comments', 'shares'],
  ...['post views', 'views', ...REACTIONS],
];
const MCL_COUNTS = ['share_count', 'comment_count', 'reaction_count', 'views'].map(
  (n) => `statistics.${n}`,
);
const MCL_USED = [
  ...['id', 'creation_time', 'text', 'lang', 'platform', 'link_attachment.link'],
  ...['post_owner.id', 'post_owner.type', 'post_owner.username', 'post_owner.name'],
  ...MCL_COUNTS,
];

/** CrowdTangle's columns (Pages, Groups or Instagram accounts) as mapCrowdTangle reads them. */
function crowdTangleLayout(header: readonly string[]): Layout {
  const has = (name: string) => header.includes(name);
  const instagram = has('account') && !has('page name') && !has('group name');
  const assetType = instagram ? 'instagram_account' : has('group name') ? 'group' : 'page';
  const views = `coalesce(${cell('post views')}, ${cell('views')})`;
  const followers = `coalesce(${cell('followers at posting')}, ${cell('likes at posting')})`;
  const reactions = REACTIONS.map(cell);
  return {
    used: CT_USED,
    values: {
      platform: sqlString(instagram ? 'instagram' : 'facebook'),
      asset_type: sqlString(assetType),
      account_id: `coalesce(${cell('facebook id')}, ${cell('user name')})`,
      handle: cell('user name'),
      display_name: cell(
        instagram ? 'account' : assetType === 'group' ? 'group name' : 'page name',
      ),
      post_id: cell('url'),
      text: `coalesce(${cell('message')}, ${cell('description')})`,
      language: 'NULL::VARCHAR',
      client: cell('type'),
      shares: countOf(cell('shares')),
      comments: countOf(cell('comments')),
      // The sum of the reactions given (NULL when none is).
      reactions: `CASE WHEN ${reactions.map((r) => `${r} IS NOT NULL`).join(' OR ')} THEN ${reactions.map((r) => `coalesce(${countOf(r)}, 0)`).join(' + ')} END`,
      views: countOf(views),
      followers: countOf(followers),
      reported_location: cell('page admin top country'),
      description: cell('page description'),
    },
    times: { post: 'post created', account: 'page created' },
    counts: [cell('shares'), cell('comments'), ...reactions, views, followers],
    links: [cell('final link'), cell('link')],
    checks: [],
  };
}

/** Meta Content Library's columns as mapMcl reads them. */
function mclLayout(header: readonly string[]): Layout {
  const has = (name: string) => header.includes(name);
  const platform = has('post_owner.username') && !has('post_owner.type') ? 'instagram' : 'facebook';
  const ownerType = `lower(${cell('post_owner.type')})`;
  return {
    used: MCL_USED,
    values: {
      platform: `coalesce(lower(${cell('platform')}), ${sqlString(platform)})`,
      asset_type: `CASE ${ownerType} WHEN 'page' THEN 'page' WHEN 'group' THEN 'group' ELSE 'account' END`,
      account_id: cell('post_owner.id'),
      handle: cell('post_owner.username'),
      display_name: cell('post_owner.name'),
      post_id: cell('id'),
      text: cell('text'),
      language: cell('lang'),
      client: 'NULL::VARCHAR',
      shares: countOf(cell('statistics.share_count')),
      comments: countOf(cell('statistics.comment_count')),
      reactions: countOf(cell('statistics.reaction_count')),
      views: countOf(cell('statistics.views')),
      followers: 'NULL::BIGINT',
      reported_location: 'NULL::VARCHAR',
      description: 'NULL::VARCHAR',
    },
    times: { post: 'creation_time', account: null },
    counts: MCL_COUNTS.map(cell),
    links: [cell('link_attachment.link')],
    checks: [
      // lower() is JS's toLowerCase on ASCII; an owner type named like an Object.prototype key
      // ('constructor') the adapter's lookup reads another way.
      `coalesce(regexp_full_match(${cell('platform')}, '[\\x00-\\x7f]*'), true)`,
      `coalesce(regexp_full_match(${cell('post_owner.type')}, '[\\x00-\\x7f]*') AND ${ownerType} NOT IN ('constructor', '__proto__'), true)`,
    ],
  };
}

// A count as optionalCount reads it, for the forms taken here: digits with thousands commas, up
// to 15 digits (exact as a JS number); other forms go row by row.
const COUNT_FORM = `'[0-9][0-9,]*'`;
const countOk = (x: string) =>
  `(${x} IS NULL OR (regexp_full_match(${x}, ${COUNT_FORM}) AND length(replace(${x}, ',', '')) <= 15))`;
function countOf(x: string): string {
  return `try_cast(replace(${x}, ',', '') AS BIGINT)`;
}

// Timestamps as parseInstant reads them, for the forms taken here: a date, a time to the second
// or millisecond, and a zone (Z, an offset or an abbreviation: its offset from parseInstant); or
// integer epoch seconds (9–11 digits) or milliseconds (12–13). A time without a zone, which needs
// --timezone, goes row by row.
const LOCAL_AND_ZONE = `'^([1-9][0-9]{3}-[0-9]{2}-[0-9]{2}(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,3})?)?)?) ?([A-Za-z]{1,5}|[+-][0-9]{2}(?::?[0-9]{2})?)$'`;
const EPOCH = `'-?[0-9]{9,13}'`;
const zoneOf = (x: string) => `regexp_extract(${x}, ${LOCAL_AND_ZONE}, 2)`;

/** SQL of a timestamp cell in epoch ms (NULL when not in a form taken here); `zones` the offsets. */
function instantMs(x: string, zones: ReadonlyMap<string, number>): string {
  const offset = `CASE ${zoneOf(x)} ${[...zones].map(([z, m]) => `WHEN ${sqlString(z)} THEN ${m}`).join(' ')} END`;
  const local = `try_cast(replace(regexp_extract(${x}, ${LOCAL_AND_ZONE}, 1), 'T', ' ') AS TIMESTAMP)`;
  return `CASE WHEN regexp_full_match(${x}, ${EPOCH}) THEN CASE WHEN length(ltrim(${x}, '-')) >= 12 THEN ${x}::BIGINT ELSE ${x}::BIGINT * 1000 END
    ELSE epoch_ms(${local}) - 60000 * (${offset}) END`;
}

/** Each zone suffix the file's timestamps carry → its offset in minutes, as parseInstant reads it. */
async function zoneOffsets(
  store: Store,
  layout: Layout,
  header: readonly string[],
): Promise<Map<string, number>> {
  const byName = headerColumns(header);
  const cells = [layout.times.post, layout.times.account].flatMap((n) => {
    const c = n === null ? undefined : byName?.get(n);
    return c === undefined ? [] : [c];
  });
  if (cells.length === 0) return new Map();
  const rows = await queryRows(
    store,
    // From the raw cells (the view would clean every column for it), each cleaned as the view does.
    cells
      .map((x) => `SELECT DISTINCT ${zoneOf(cleanSql(x, true))} AS zone FROM ct_cells_raw`)
      .join(' UNION '),
  );
  const zones = new Map<string, number>();
  const midnight = Date.UTC(2000, 0, 1);
  for (const { zone } of rows as { zone: string }[]) {
    if (zone === '') continue;
    const r = parseInstant(`2000-01-01 00:00:00 ${zone}`, { timezone: null });
    if (r.ok) zones.set(zone, (midnight - r.ms) / 60_000);
  }
  return zones;
}

/**
 * Loads a clean CrowdTangle or Meta Content Library CSV file in bulk: posts, the accounts as each
 * post shows them, the name history. Returns the counts, or why the file needs the row path
 * (nothing written).
 */
export async function bulkLoadCrowdTangle(store: Store, file: CsvBulkFile): Promise<BulkOutcome> {
  const mcl = file.header.includes('post_owner.id');
  if (!mcl && !file.header.includes('post created')) return rowByRow('columns');
  if (headerColumns(file.header) === null) return rowByRow('columns');
  const layout = mcl ? mclLayout(file.header) : crowdTangleLayout(file.header);
  const c = store.connection;
  try {
    if (!(await readCsvCells(store, file, layout.used, 'ct_cells', { view: true })))
      return rowByRow('not-strict');
    await mapRows(store, layout, await zoneOffsets(store, layout, file.header));
    // The repeated ids too, for the merge (counted there on the staged view, the join computed for
    // it: 4.7 s of 82 at load 10).
    const [read = 0, invalid = 0, postRepeats = 0] = await scalars(
      store,
      'SELECT count(*), count(*) FILTER (WHERE NOT ok), count(*) - count(DISTINCT (platform, post_id)) FROM ct_rows',
    );
    if (invalid > 0 || read === 0) return rowByRow('invalid-row');
    if (!(await mapTextItems(store))) return rowByRow('invalid-row');
    await stageRows(store);
    return await mergeStagedRun(
      store,
      { posts: read, accounts: read },
      {
        runId: file.runId,
        file: file.path,
        format: 'crowdtangle',
        startedAt: file.startedAt,
        read,
      },
      { postRepeats },
    );
  } finally {
    await c.run('DROP VIEW IF EXISTS stage_posts');
    await c.run('DROP VIEW IF EXISTS stage_accounts');
    await dropCsvCells(store, 'ct_cells');
    await dropTables(store, ['ct_rows', 'ct_items', 'map_js_text', 'map_urls', 'map_text']);
  }
}

/** Builds ct_rows: each row's post and account fields, `ok` when the row path reads it the same. */
async function mapRows(
  store: Store,
  layout: Layout,
  zones: ReadonlyMap<string, number>,
): Promise<void> {
  const v = layout.values;
  const post = cell(layout.times.post);
  const account = layout.times.account === null ? null : cell(layout.times.account);
  const ok = [
    `${v.post_id} IS NOT NULL`,
    `${v.account_id} IS NOT NULL`,
    'created_ms IS NOT NULL',
    ...(account === null ? [] : [`(${account} IS NULL OR account_created_ms IS NOT NULL)`]),
    ...layout.counts.map(countOk),
    ...layout.checks,
  ];
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE ct_rows AS SELECT seq,
      ${ok.map((x) => `coalesce(${x}, false)`).join(' AND ')} AS ok,
      ${Object.entries(v)
        .map(([k, x]) => `${x} AS ${k}`)
        .join(', ')},
      created_ms, account_created_ms,
      list_filter([${layout.links.join(', ')}], l -> l IS NOT NULL) AS links
    FROM (SELECT *, ${instantMs(post, zones)} AS created_ms,
        ${account === null ? 'NULL::BIGINT' : instantMs(account, zones)} AS account_created_ms FROM ct_cells)`);
}

/**
 * Builds ct_items (each row's URLs cell and hashtags, as buildPost gets them), map_urls (each
 * distinct URLs cell canonicalized) and map_text (texts normalized in JS); false when a link or a
 * URL in a text holds a control character (the staged lists would split it).
 */
async function mapTextItems(store: Store): Promise<boolean> {
  const c = store.connection;
  // Texts with a character SQL reads unlike JS: their tags and URLs by the row path's functions.
  await mapCells(
    c,
    `(SELECT text AS js_text FROM ct_rows WHERE regexp_matches(text, '${TEXT_ITEMS_JS_CLASS}'))`,
    'js_text',
    (text) => [text],
    ([text = '']) => {
      const urls = urlsInText(text);
      const tags = NORMALIZE_LIST.hashtags(hashtagsInText(text))[0] ?? [];
      // eslint-disable-next-line no-control-regex -- a control character is what is checked for
      return [tags, urls, urls.some((u) => /[\u0000-\u001f]/.test(u)) ? ['bad'] : []];
    },
  );
  // The text's items are columns before firstOfEach reads them (it names its list twice: an
  // expression there would run again for every item).
  const fromText = (sql: string, js: string) =>
    `CASE WHEN r.text IS NULL THEN []::VARCHAR[] WHEN j.cell IS NOT NULL THEN ${LIST(js)} ELSE ${sql} END`;
  await c.run(`CREATE OR REPLACE TEMP TABLE ct_items AS SELECT seq,
      nullif(array_to_string(CASE WHEN js THEN tags ELSE ${firstOfEach('tags')} END, chr(31)), '') AS hashtags,
      bad OR list_bool_or(list_transform(links, u -> regexp_matches(u, '[\\x00-\\x1f]'))) AS bad,
      nullif(array_to_string(links, chr(31)), '') AS urls
    FROM (SELECT r.seq, j.cell IS NOT NULL AS js, coalesce(j.v2 <> '', false) AS bad,
        ${fromText(tagsInTextSql('r.text', HASHTAG_IN_TEXT, '#＃'), 'j.v0')} AS tags,
        list_concat(r.links, ${fromText(urlsInTextSql('r.text'), 'j.v1')}) AS links
      FROM ct_rows r LEFT JOIN map_js_text j ON j.cell = r.text)`);
  const [bad = 0] = await scalars(store, 'SELECT count(*) FILTER (WHERE bad) FROM ct_items');
  if (bad > 0) return false;
  await mapCells(c, 'ct_items', 'urls', (urls) => urls.split('\u001f'), NORMALIZE_LIST.urls);
  return true;
}

/**
 * Stages the posts and the accounts in the row path's shape (STAGE in load-records.sql.ts), as
 * views: the merge reads every column of them once (a copy first cost as much as the insert).
 */
async function stageRows(store: Store): Promise<void> {
  const c = store.connection;
  const norm = await normalizedTexts(store, 'ct_rows', 's.text');
  await c.run(`CREATE OR REPLACE TEMP VIEW stage_posts AS SELECT s.seq, s.platform, s.post_id, s.account_id,
      s.created_ms, 'post' AS kind, s.text, ${norm.value} AS text_norm, s.language,
      mu.v0 AS urls, mu.v1 AS domains, mu.v2 AS short_urls, i.hashtags, NULL::VARCHAR AS mentions, NULL::VARCHAR AS media,
      NULL::VARCHAR AS shared_post_id, NULL::VARCHAR AS shared_account_id, NULL::VARCHAR AS parent_post_id,
      NULL::VARCHAR AS parent_account_id, s.client, s.shares, s.comments, s.reactions, s.views
    FROM ct_rows s JOIN ct_items i ON i.seq = s.seq LEFT JOIN map_urls mu ON mu.cell = i.urls ${norm.join}`);
  await c.run(`CREATE OR REPLACE TEMP VIEW stage_accounts AS SELECT seq, false AS primary_row, platform,
      account_id, handle, display_name, asset_type, account_created_ms AS created_ms,
      followers, NULL::BIGINT AS following, reported_location, NULL::VARCHAR AS language, description, created_ms AS seen_ms
    FROM ct_rows`);
}
