// co-share:rare — slow co-sharing of rare objects. Operators amplify minutes to hours after the
// seed post, not within seconds, and what they amplify is mostly seen only by their own accounts.
// A link shared by 1,000 people within two hours says nothing about any pair of them; one shared
// by four accounts within two hours, again and again, does. The tight co-share signals catch the
// same second; this one catches the slow amplification of things almost nobody else shares.
//
// Cost: almost every object is shared once (most texts, most links), so the objects are first
// counted by a 64-bit hash of (kind, object), integers only; only the rows of hashes seen twice
// or more are kept with their strings and counted exactly (a hash collision only keeps more
// rows, never fewer). The rare objects, accounts and messages then get integer keys, the window
// join and the edges run on those, and the edges are written into the keyed edge tables on those
// keys: names come back only for the accounts, objects and message pairs the edges use
// (docs/detection.md, "Cost": 127 s at 10M posts as one string-keyed pass).
import type { Store } from '../store/index.js';
import {
  appendColumns,
  dropTables,
  NEXT_ACCOUNT_KEY,
  NEXT_VALUE_KEY,
  scalars,
  streamColumns,
} from '../store/index.js';
import { expectedByHourOfWeek } from './hour-of-week.js';
import { replaceSignalRows } from './signal-io.sql.js';

/** Options of {@link computeRareCoShare}. */
export interface RareCoShareOptions {
  /** Largest |Δt| between the two shares, seconds; default 7200 (two hours). */
  readonly window: number;
  /** An object shared by more accounts than this in the case is not rare; default 20. */
  readonly maxAccounts: number;
  /** An object with more shares than this is not rare either (one account's slogan); default 200. */
  readonly maxShares: number;
  /** Smallest count of rare objects co-shared for an edge; default 1. */
  readonly minWeight: number;
  readonly evidenceLimit: number;
}

/** Defaults of {@link RareCoShareOptions}. */
export const RARE_CO_SHARE_DEFAULTS: RareCoShareOptions = {
  window: 7200,
  maxAccounts: 20,
  maxShares: 200,
  minWeight: 1,
  evidenceLimit: 20,
};

/**
 * The object kinds, numbered in the order of their names' prefixes, so that (kind, key) sorts as
 * the evidence string `prefix || key` does (the six prefixes differ in their first letter).
 */
const KIND_PREFIXES = ['domain:', 'hashtag:', 'media:', 'post:', 'text:', 'url:'];

/**
 * The objects of every co-share type, one row per message and object, as (kind, key) and the
 * given columns of `posts`: shared posts, URLs, domains, hashtags, media, and identical texts (20+
 * normalized characters) of posts that name no shared post. A retweet whose export lacks the
 * retweeted id still carries the retweeted text, which stands for the post. A shared post's key
 * names its platform (post ids are per platform); the others do not.
 */
const objects = (columns: string) => `
  SELECT 3::UTINYINT AS kind, platform || ':' || shared_post_id AS key, ${columns} FROM posts WHERE shared_post_id IS NOT NULL
  UNION ALL SELECT 5::UTINYINT, unnest(urls), ${columns} FROM posts WHERE len(urls) > 0
  UNION ALL SELECT 0::UTINYINT, unnest(domains), ${columns} FROM posts WHERE len(domains) > 0
  UNION ALL SELECT 1::UTINYINT, unnest(hashtags), ${columns} FROM posts WHERE len(hashtags) > 0
  UNION ALL SELECT 2::UTINYINT, unnest(media), ${columns} FROM posts WHERE len(media) > 0
  UNION ALL SELECT 4::UTINYINT, text_norm, ${columns} FROM posts
    WHERE text_norm IS NOT NULL AND length(text_norm) >= 20 AND shared_post_id IS NULL AND kind <> 'reaction'`;

const TABLES = [
  'rare_hashes',
  'rare_candidates',
  'rare_counts',
  'rare_objects',
  'rare_accounts',
  'rare_named_shares',
  'rare_shares',
  'rare_pairs',
  'rare_edges',
  'rare_expected',
  'rare_edge_accounts',
  'rare_numbered',
  'rare_evidence',
  'rare_values',
];

/**
 * Links accounts u ≠ v that shared the same rare object (at most `maxAccounts` accounts and
 * `maxShares` shares in the case) within `window` seconds of each other. Weight = distinct rare
 * objects co-shared; `observed` the same, tested against the co-share null (hour-of-week strata).
 * Writes the edges of 'co-share:rare'.
 */
export async function computeRareCoShare(
  store: Store,
  options: RareCoShareOptions,
): Promise<{ edges: number; items: number; skipped: number }> {
  const signal = 'co-share:rare';
  try {
    // Computed before the write's transaction, which holds the case's write turn (signals are
    // computed side by side in detect).
    const counts = await countObjects(store, options);
    await keyShares(store);
    await matchPairs(store, Math.round(options.window * 1000));
    await keepEdges(store, options.minWeight);
    await writeExpected(store);
    return await replaceSignalRows(store, signal, options, async (sid) => {
      await writeEdges(store, sid, options);
      return counts;
    });
  } finally {
    await dropTables(store, TABLES);
  }
}

/**
 * Counts every object shared twice or more (shares, distinct accounts) into `rare_counts` and
 * keeps the rare ones in `rare_objects`, keyed `oid` in evidence order (fewest accounts first,
 * then by name). Returns the objects shared by two accounts or more and those of them not rare.
 * A NULL list entry (ingest writes none) is no object.
 */
async function countObjects(
  store: Store,
  options: RareCoShareOptions,
): Promise<{ items: number; skipped: number }> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_hashes AS
    SELECT h FROM (SELECT hash(kind, key) AS h FROM (${objects('1 AS one')}) WHERE key IS NOT NULL)
    GROUP BY h HAVING count(*) >= 2`);
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_candidates AS
    SELECT * FROM (${objects('platform, account_id AS acc, post_id AS msg, epoch_ms(created_at) AS t')})
    WHERE key IS NOT NULL AND hash(kind, key) IN (SELECT h FROM rare_hashes)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_counts AS
    SELECT kind, key, count(DISTINCT (platform, acc)) AS accounts, count(*) AS shares
    FROM rare_candidates GROUP BY kind, key`);
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_objects AS
    SELECT kind, key, accounts, (row_number() OVER (ORDER BY accounts, kind, key) - 1)::INTEGER AS oid
    FROM rare_counts WHERE accounts BETWEEN 2 AND ${options.maxAccounts} AND shares <= ${options.maxShares}`);
  const [items = 0, rare = 0] = await scalars(
    store,
    `SELECT (SELECT count(*) FROM rare_counts WHERE accounts >= 2), (SELECT count(*) FROM rare_objects)`,
  );
  return { items, skipped: items - rare };
}

/**
 * The shares of rare objects as integers (`rare_shares`: oid, ak, mk, t, and the message's id):
 * accounts keyed `ak` in (platform, account) order, so ak_u < ak_v exactly when u sorts before
 * v, and shares `mk` in message order, so the smaller key is the message that sorts first.
 */
async function keyShares(store: Store): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_named_shares AS
    SELECT o.oid, s.platform, s.acc, s.msg, s.t FROM rare_candidates s JOIN rare_objects o USING (kind, key)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_accounts AS
    SELECT platform, acc, (row_number() OVER (ORDER BY platform, acc) - 1)::INTEGER AS ak
    FROM (SELECT DISTINCT platform, acc FROM rare_named_shares)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_shares AS
    SELECT s.oid, a.ak, (row_number() OVER (ORDER BY s.msg, a.ak, s.oid) - 1)::INTEGER AS mk, s.msg, s.t
    FROM rare_named_shares s JOIN rare_accounts a USING (platform, acc)`);
}

/**
 * One matched pair per object and account pair (`rare_pairs`): the closest two shares (the
 * earliest-stored messages among equally close ones), their gap, and the earliest of the pair's
 * shares of the object.
 */
async function matchPairs(store: Store, windowMs: number): Promise<void> {
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE rare_pairs AS
    SELECT a.oid, a.ak AS a, b.ak AS b, min(abs(a.t - b.t)) AS dt, min(least(a.t, b.t)) AS t,
      min({'dt': abs(a.t - b.t), 'ma': a.mk, 'mb': b.mk}) AS closest
    FROM rare_shares a JOIN rare_shares b ON a.oid = b.oid AND a.ak < b.ak AND abs(a.t - b.t) <= ${windowMs}
    GROUP BY a.oid, a.ak, b.ak`);
}

/** The account pairs with enough rare objects (`rare_edges`): weight and mean gap in seconds. */
async function keepEdges(store: Store, minWeight: number): Promise<void> {
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE rare_edges AS
    SELECT a, b, count(*)::DOUBLE AS weight, avg(dt) / 1000 AS mean_dt FROM rare_pairs
    GROUP BY a, b HAVING count(*) >= ${minWeight}`);
}

/**
 * λ of each edge under the co-share null (docs/signals.md, "Significance"): accounts reshuffled
 * over the rare shares within hours of the week, keeping each hour's matched pairs (one per
 * object and account pair, at its earliest share). Computed on the integer keys as the typed-array
 * co-share signals do (`rare_expected`); the SQL null model's join of every edge to the hours of
 * both its accounts took 62 s of 358 at 10M posts.
 */
async function writeExpected(store: Store): Promise<void> {
  const hour = '(((((t // 3600000) + 72) % 168) + 168) % 168)::INTEGER';
  const [accounts = 0, edges = 0, cells = 0] = await scalars(
    store,
    `SELECT (SELECT count(*) FROM rare_accounts), (SELECT count(*) FROM rare_edges),
       (SELECT count(*) FROM (SELECT DISTINCT ak, ${hour} FROM rare_shares))`,
  );
  const a = new Int32Array(edges);
  const b = new Int32Array(edges);
  await readInto(store, 'SELECT a, b FROM rare_edges ORDER BY a, b', [a, b]);
  // Shares per account and hour as sparse rows by account.
  const ak = new Int32Array(cells);
  const h = new Int32Array(cells);
  const count = new Float64Array(cells);
  await readInto(
    store,
    `SELECT ak, ${hour} AS h, count(*)::DOUBLE FROM rare_shares GROUP BY ALL ORDER BY ak, h`,
    [ak, h, count],
  );
  const start = new Int32Array(accounts + 1);
  const volume = new Float64Array(168);
  for (let x = 0; x < cells; x++) {
    start[ak[x]! + 1]! += 1;
    volume[h[x]!]! += count[x]!;
  }
  for (let u = 0; u < accounts; u++) start[u + 1]! += start[u]!;
  const hours = new Int32Array(168);
  const pairs = new Float64Array(168);
  await readInto(store, `SELECT ${hour} AS h, count(*)::DOUBLE FROM rare_pairs GROUP BY h`, [
    hours,
    pairs,
  ]);
  const matches = new Float64Array(168);
  hours.forEach((x, i) => (matches[x] += pairs[i]!));
  const counts = { start, hour: Uint8Array.from(h), count, volume };
  const lam = expectedByHourOfWeek(a, b, counts, matches);
  await store.connection.run(
    'CREATE OR REPLACE TEMP TABLE rare_expected (a INTEGER, b INTEGER, lam DOUBLE)',
  );
  await appendColumns(store, 'rare_expected', [a, b, lam]);
}

/** Reads a query's numeric columns into the arrays given (one per column, in row order). */
async function readInto(
  store: Store,
  sql: string,
  into: readonly (Int32Array | Float64Array)[],
): Promise<void> {
  const types = into.map((x) => (x instanceof Int32Array ? 'int' : 'double') as 'int' | 'double');
  let at = 0;
  for await (const columns of streamColumns(store, sql, types)) {
    columns.forEach((column, i) => into[i]!.set(column, at));
    at += columns[0]!.length;
  }
}

/**
 * Writes the edges with evidence, message pairs and λ straight into the keyed edge tables under
 * `sid`, on the integer keys, with the keys {@link keyEdgeStatements} would give the same edges
 * staged by name: pairs numbered in account-name order (ak follows (platform, account) order),
 * the edges' accounts and evidence values given the next free keys in name order, evidence ranked
 * fewest accounts first (oid order). Staged by name, the 2.5M edges of 10M posts were sorted and
 * joined on strings twice (their evidence lists built of names, then keyed again).
 */
async function writeEdges(store: Store, sid: number, options: RareCoShareOptions): Promise<void> {
  const c = store.connection;
  const [accountKey = 0, valueKey = 0] = await scalars(
    store,
    `SELECT ${NEXT_ACCOUNT_KEY}, ${NEXT_VALUE_KEY}`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_edge_accounts AS
    SELECT ak, (row_number() OVER (ORDER BY ak) - 1)::INTEGER AS k
    FROM (SELECT a AS ak FROM rare_edges UNION SELECT b FROM rare_edges)`);
  await c.run(`INSERT INTO edge_accounts SELECT ${sid}, ${accountKey} + u.k, r.platform, r.acc
    FROM rare_edge_accounts u JOIN rare_accounts r USING (ak)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_numbered AS
    SELECT (row_number() OVER (ORDER BY a, b) - 1)::INTEGER AS pair, a, b FROM rare_edges`);
  await c.run(`INSERT INTO edge_rows
    SELECT ${sid}, n.pair, ${accountKey} + ua.k, ${accountKey} + ub.k, e.weight, NULL, NULL, e.mean_dt, e.weight, x.lam
    FROM rare_numbered n JOIN rare_edges e USING (a, b) JOIN rare_expected x USING (a, b)
      JOIN rare_edge_accounts ua ON ua.ak = n.a JOIN rare_edge_accounts ub ON ub.ak = n.b`);
  // The first `evidenceLimit` objects of each edge, fewest accounts first, and their messages.
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_evidence AS
    SELECT n.pair, p.oid, p.rank, p.closest.ma AS ma, p.closest.mb AS mb
    FROM (SELECT *, row_number() OVER (PARTITION BY a, b ORDER BY oid)::INTEGER AS rank
          FROM rare_pairs SEMI JOIN rare_edges USING (a, b)
          QUALIFY rank <= ${options.evidenceLimit}) p
      JOIN rare_numbered n USING (a, b)`);
  const prefixes = `[${KIND_PREFIXES.map((p) => `'${p}'`).join(', ')}]`;
  await c.run(`CREATE OR REPLACE TEMP TABLE rare_values AS
    SELECT oid, (row_number() OVER (ORDER BY value) - 1)::INTEGER AS k, value
    FROM (SELECT oid, ${prefixes}[kind + 1] || key AS value FROM rare_objects SEMI JOIN rare_evidence USING (oid))`);
  await c.run(`INSERT INTO edge_values SELECT ${sid}, ${valueKey} + k, value FROM rare_values`);
  await c.run(`INSERT INTO edge_evidence SELECT ${sid}, e.pair, e.rank, ${valueKey} + v.k
    FROM rare_evidence e JOIN rare_values v USING (oid)`);
  await c.run(`INSERT INTO edge_posts SELECT ${sid}, e.pair, e.rank, ma.msg || '~' || mb.msg
    FROM rare_evidence e JOIN rare_shares ma ON ma.mk = e.ma JOIN rare_shares mb ON mb.mk = e.mb`);
}
