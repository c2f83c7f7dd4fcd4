// Near-duplicate text on a ClickHouse case. At ingest our code folds and signs each text (the same
// fold and MinHash as on DuckDB) and sends two kinds of rows: each post's text key, and each text's
// LSH bands as occurrences (band, band hash, text key) sharded by the band hash, so that every
// shard forms the buckets of its own hashes. At detect only the members of buckets of two or more
// texts come out of the cluster; the candidates are verified (exact Jaccard of shingle sets) and
// joined into families here, by the DuckDB signal's own code (joinFamilies), and the families'
// account pairs written by its SQL: the same edges as on DuckDB.
//
// The SQL runs on 18.16 and current ClickHouse: the buckets come from an `IN` over the local
// table, which each shard evaluates on its own rows (a bucket's hash lives on one shard).
import type { ClickHouseCase, MirroredTable, Store } from '../store/index.js';
import {
  appendColumns,
  createMirrorTable,
  hasTable,
  pullQueryInto,
  pushRows,
  scalar,
  streamColumns,
  tableNames,
} from '../store/index.js';
import { MinHasher } from './minhash.js';
import {
  dropNearDuplicateStage,
  streamTextRecords,
  writeNearDuplicateEdges,
} from './near-duplicate.sql.js';
import { BatchFolder } from './near-duplicate-fold.js';
import type { Buckets, NearDuplicateOptions, ShingleSets } from './near-duplicate-text.js';
import { joinFamilies, NEAR_DUPLICATE_DEFAULTS, sharedFamilies } from './near-duplicate-text.js';
import { Column, intColumn } from './typed.js';

/** Each post's folded-text key (posts over the length floor only). */
export const TEXT_KEYS: MirroredTable = {
  name: 'text_keys',
  key: ['platform', 'post_id'],
  shardBy: ['platform', 'post_id'],
};

/** Each distinct text's LSH bands, sharded by (band, hash): one bucket lives on one shard. */
export const TEXT_BANDS: MirroredTable = {
  name: 'text_bands',
  key: ['band', 'h', 'kh', 'kl'],
  shardBy: ['band', 'h'],
};

/** The fold and MinHash options the signatures are made with at ingest (the signal's defaults). */
const SIGNED_WITH = {
  minChars: NEAR_DUPLICATE_DEFAULTS.minChars,
  minhash: NEAR_DUPLICATE_DEFAULTS.minhash,
};

/** Whether signatures made at ingest serve `options` (same length floor and MinHash). */
export function signedFor(options: NearDuplicateOptions): boolean {
  return (
    options.minChars === SIGNED_WITH.minChars &&
    JSON.stringify(options.minhash) === JSON.stringify(SIGNED_WITH.minhash)
  );
}

/**
 * Folds and signs the texts of a DuckDB case (the scratch case of an ingest) and sends each post's
 * text key and each distinct text's bands to ClickHouse; returns the posts sent.
 */
export async function pushTextSignatures(store: Store, ch: ClickHouseCase): Promise<number> {
  const b = SIGNED_WITH.minhash.bands;
  const folder = new BatchFolder(SIGNED_WITH.minChars, SIGNED_WITH.minhash);
  const rows = new Column((n) => new Float64Array(n));
  const keyHigh = intColumn();
  const keyLow = intColumn();
  const bands = Array.from({ length: b }, intColumn);
  for await (const records of streamTextRecords(store)) {
    const out = folder.foldRecords(records);
    for (let i = 0; i < out.count; i++) {
      if (out.short[i]) continue;
      rows.push(out.rows[i]!);
      keyHigh.push(out.keyHigh[i]!);
      keyLow.push(out.keyLow[i]!);
      for (let j = 0; j < b; j++) bands[j]!.push(out.bands[i * b + j]!);
    }
  }
  const hashes = bands.map((_, j) => `b${j}`);
  const c = store.connection;
  await c.run(
    `CREATE OR REPLACE TEMP TABLE near_dup_signed (rid DOUBLE, kh INTEGER, kl INTEGER, ${hashes.map((h) => `${h} INTEGER`).join(', ')})`,
  );
  try {
    await appendColumns(store, 'near_dup_signed', [
      rows.view(),
      keyHigh.view(),
      keyLow.view(),
      ...bands.map((x) => x.view()),
    ]);
    await createMirrorTable(ch, TEXT_KEYS, 'platform String, post_id String, kh Int32, kl Int32');
    await createMirrorTable(ch, TEXT_BANDS, 'band Int32, h Int32, kh Int32, kl Int32');
    const sent = await pushRows(
      store,
      ch,
      `SELECT p.platform, p.post_id, s.kh, s.kl FROM near_dup_signed s JOIN posts p ON p.rowid = s.rid::BIGINT`,
      tableNames(ch, TEXT_KEYS.name).all,
    );
    await pushRows(
      store,
      ch,
      `SELECT DISTINCT band::INTEGER AS band, h, kh, kl FROM (
         SELECT kh, kl, unnest(range(${b})) AS band, unnest([${hashes.join(', ')}]) AS h FROM near_dup_signed)`,
      tableNames(ch, TEXT_BANDS.name).all,
    );
    return sent;
  } finally {
    await c.run('DROP TABLE IF EXISTS near_dup_signed');
  }
}

/** The temp tables of the ClickHouse variant (beside the DuckDB signal's own). */
const STAGE = ['near_dup_ch_posts', 'near_dup_ch_texts', 'near_dup_ch_buckets'];

/**
 * Pulls the texts' keys and the LSH buckets of two or more texts from ClickHouse into temp tables
 * of the working case: each post's row id and key, each distinct text's rank (in key order, as
 * the DuckDB signal numbers them) and one post holding it, and each bucket's members, ordered as
 * the DuckDB signal visits them (band, then hash unsigned, then rank).
 */
async function pullKeysAndBuckets(ch: ClickHouseCase, store: Store): Promise<void> {
  const keys = tableNames(ch, TEXT_KEYS.name);
  const bands = tableNames(ch, TEXT_BANDS.name);
  const unsigned = (x: string) => `(${x}::BIGINT + 4294967296) % 4294967296`;
  await pullQueryInto(
    ch,
    store,
    `SELECT platform, post_id, kh, kl FROM ${keys.all}`,
    'near_dup_ch_posts',
    [
      ['platform', 'VARCHAR'],
      ['post_id', 'VARCHAR'],
      ['kh', 'INTEGER'],
      ['kl', 'INTEGER'],
    ],
    (source) => `SELECT p.rowid::DOUBLE AS rid, k.kh, k.kl FROM (SELECT DISTINCT * FROM ${source}) k
      JOIN posts p ON p.platform = k.platform AND p.post_id = k.post_id
      WHERE p.text IS NOT NULL AND p.kind NOT IN ('share', 'reaction')`,
  );
  await store.connection.run(`CREATE OR REPLACE TEMP TABLE near_dup_ch_texts AS
    SELECT kh, kl, (row_number() OVER (ORDER BY ${unsigned('kh')}, ${unsigned('kl')}) - 1)::INTEGER AS r,
      min(rid) AS rid
    FROM near_dup_ch_posts GROUP BY kh, kl`);
  // A bucket's hash lives on one shard, so the IN over the local table is evaluated per shard.
  await pullQueryInto(
    ch,
    store,
    `SELECT band, h, kh, kl FROM ${bands.all}
     WHERE (band, h) IN (SELECT band, h FROM ${bands.local} GROUP BY band, h HAVING uniqExact(kh, kl) >= 2)`,
    'near_dup_ch_buckets',
    [
      ['band', 'INTEGER'],
      ['h', 'INTEGER'],
      ['kh', 'INTEGER'],
      ['kl', 'INTEGER'],
    ],
    // Texts no post holds any more (a later ingest replaced them) are left out, as on DuckDB.
    (source) => `SELECT band, ${unsigned('h')} AS hu, t.r FROM (SELECT DISTINCT * FROM ${source}) b
      JOIN near_dup_ch_texts t USING (kh, kl)
      QUALIFY count(*) OVER (PARTITION BY band, h) >= 2`,
  );
}

/** The buckets as the DuckDB signal forms them (members by rank, buckets in its visiting order). */
async function readBuckets(store: Store, texts: number): Promise<Buckets> {
  const start = intColumn();
  const member = intColumn();
  const candidate = new Uint8Array(texts);
  let band = -1;
  let hash = -1;
  for await (const [b, h, r] of streamColumns(
    store,
    'SELECT band, hu::DOUBLE, r FROM near_dup_ch_buckets ORDER BY band, hu, r',
    ['int', 'double', 'int'],
  ))
    for (let i = 0; i < b!.length; i++) {
      if (b![i] !== band || h![i] !== hash) {
        start.push(member.length);
        band = b![i]!;
        hash = h![i]!;
      }
      member.push(r![i]!);
      candidate[r![i]!] = 1;
    }
  start.push(member.length);
  return { start: start.view(), member: member.view(), candidate };
}

/**
 * Folds the candidates' texts again (one post each) and takes their shingle sets, by rank; checks
 * that each folds to the key it was signed with at ingest.
 */
async function candidateSets(
  store: Store,
  texts: number,
  candidate: Uint8Array,
): Promise<ShingleSets> {
  const reader = await store.connection.runAndReadAll(`
    SELECT t.r, t.kh, t.kl, p.text FROM near_dup_ch_texts t JOIN posts p ON p.rowid = t.rid::BIGINT
    WHERE t.r IN (SELECT r FROM near_dup_ch_buckets) ORDER BY t.r`);
  const found = reader.getRows();
  const folder = new BatchFolder(SIGNED_WITH.minChars, SIGNED_WITH.minhash);
  const folded = folder.fold(
    Float64Array.from(found, (row) => Number(row[0])),
    found.map((row) => String(row[3])),
  );
  const hasher = new MinHasher(SIGNED_WITH.minhash);
  const from = new Int32Array(texts);
  const size = new Int32Array(texts);
  let total = 0;
  for (let i = 0; i < found.length; i++)
    total += hasher.shingleCount(folded.unitsFrom[i + 1]! - folded.unitsFrom[i]!);
  const hashes = new Int32Array(total);
  let at = 0;
  found.forEach((row, i) => {
    const r = Number(row[0]);
    if (folded.keyHigh[i] !== Number(row[1]) || folded.keyLow[i] !== Number(row[2]))
      throw new Error(
        `near-duplicate text on ClickHouse: a text no longer folds to the key it was signed with at ingest (text rank ${r}); ingest the case again`,
      );
    const units = folded.unitsFrom[i + 1]! - folded.unitsFrom[i]!;
    from[r] = at;
    size[r] = hasher.shingleSetOf(folded.units, folded.unitsFrom[i]!, units, hashes, at);
    at += hasher.shingleCount(units);
  });
  return {
    candidates: candidate.reduce((n, x) => n + x, 0),
    arrays: [hashes],
    batch: new Int32Array(texts),
    from,
    size,
  };
}

/** Each pulled post's row id and its family (the root rank of its text's family). */
async function postFamilies(
  store: Store,
  root: Int32Array,
): Promise<{ rows: Float64Array; family: Int32Array }> {
  const rows = new Column((n) => new Float64Array(n));
  const family = intColumn();
  for await (const [rid, r] of streamColumns(
    store,
    'SELECT p.rid, t.r FROM near_dup_ch_posts p JOIN near_dup_ch_texts t USING (kh, kl)',
    ['double', 'int'],
  ))
    for (let i = 0; i < rid!.length; i++) {
      rows.push(rid![i]!);
      family.push(root[r![i]!]!);
    }
  return { rows: rows.view(), family: family.view() };
}

/**
 * Computes 'near-duplicate-text' on a ClickHouse case into its DuckDB working case `store` (which
 * holds its posts): buckets from the cluster, verification and families here, the edges written
 * as the DuckDB signal writes them. Null where the case has no signatures or `options` need
 * others than ingest made (the signal then runs on the working case as on DuckDB).
 */
export async function nearDuplicateTextOnClickHouse(
  ch: ClickHouseCase,
  store: Store,
  options: NearDuplicateOptions,
): Promise<{ edges: number; items: number; skippedShort: number } | null> {
  if (!signedFor(options) || !(await hasTable(ch, TEXT_BANDS.name))) return null;
  try {
    await pullKeysAndBuckets(ch, store);
    const texts = await scalar(store, 'SELECT count(*) FROM near_dup_ch_texts');
    const buckets = await readBuckets(store, texts);
    const sets = await candidateSets(store, texts, buckets.candidate);
    const { root } = joinFamilies(buckets, sets, options);
    const posts = await postFamilies(store, root);
    // The texts the DuckDB signal reads (streamTextRecords), short ones included.
    const items = await scalar(
      store,
      `SELECT count(*) FROM posts WHERE text IS NOT NULL AND kind NOT IN ('share', 'reaction')`,
    );
    const skippedShort = items - posts.rows.length;
    const written = await writeNearDuplicateEdges(
      store,
      { ...posts, shared: sharedFamilies(posts.family) },
      options,
      { items, skipped: skippedShort },
    );
    return { edges: written.edges, items, skippedShort };
  } finally {
    await dropNearDuplicateStage(store);
    for (const table of STAGE) await store.connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
