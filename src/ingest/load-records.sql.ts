// Loads one file's normalized records into the case: stage to CSV, then merge in one transaction.
//
// The merge is all-or-nothing per file: a killed ingest leaves the case as it was before that
// file, and a re-run loads it again. Rows already in the case (same key) count as duplicates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
  Account,
  Follow,
  Indicator,
  Label,
  MediaFile,
  Observation,
  Post,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { dropTables, readStage, scalar, scalars, sqlString } from '../store/index.js';
import type { BulkOutcome } from './bulk-outcome.js';
import type { StageValue } from './stage-writer.js';
import { StageWriter } from './stage-writer.js';

/** The records of one ingested row, in the shape the loader takes. */
export interface RecordSet {
  readonly post?: Post;
  readonly account?: Account;
  readonly observation?: Observation;
  readonly follow?: Follow;
  readonly label?: Label;
  readonly indicator?: Indicator;
  readonly mediaFiles?: readonly MediaFile[];
}

/** How many staged rows became new rows and how many were already there. */
export interface MergeCounts {
  readonly loaded: number;
  readonly duplicates: number;
}

// Staging schemas: column name → DuckDB type, in write order. `seq` keeps file order.
export const STAGE = {
  posts: {
    seq: 'BIGINT',
    platform: 'VARCHAR',
    post_id: 'VARCHAR',
    account_id: 'VARCHAR',
    created_ms: 'BIGINT',
    kind: 'VARCHAR',
    text: 'VARCHAR',
    text_norm: 'VARCHAR',
    language: 'VARCHAR',
    urls: 'VARCHAR',
    domains: 'VARCHAR',
    short_urls: 'VARCHAR',
    hashtags: 'VARCHAR',
    mentions: 'VARCHAR',
    media: 'VARCHAR',
    shared_post_id: 'VARCHAR',
    shared_account_id: 'VARCHAR',
    parent_post_id: 'VARCHAR',
    parent_account_id: 'VARCHAR',
    client: 'VARCHAR',
    shares: 'BIGINT',
    comments: 'BIGINT',
    reactions: 'BIGINT',
    views: 'BIGINT',
  },
  accounts: {
    seq: 'BIGINT',
    primary_row: 'BOOLEAN',
    platform: 'VARCHAR',
    account_id: 'VARCHAR',
    handle: 'VARCHAR',
    display_name: 'VARCHAR',
    asset_type: 'VARCHAR',
    created_ms: 'BIGINT',
    followers: 'BIGINT',
    following: 'BIGINT',
    reported_location: 'VARCHAR',
    language: 'VARCHAR',
    description: 'VARCHAR',
    seen_ms: 'BIGINT',
  },
  observations: {
    seq: 'BIGINT',
    platform: 'VARCHAR',
    account_id: 'VARCHAR',
    kind: 'VARCHAR',
    value: 'VARCHAR',
    first_ms: 'BIGINT',
    last_ms: 'BIGINT',
  },
  follows: {
    seq: 'BIGINT',
    platform: 'VARCHAR',
    follower_id: 'VARCHAR',
    followed_id: 'VARCHAR',
    first_ms: 'BIGINT',
  },
  labels: { seq: 'BIGINT', platform: 'VARCHAR', account_id: 'VARCHAR', label: 'VARCHAR' },
  indicators: {
    seq: 'BIGINT',
    network: 'VARCHAR',
    kind: 'VARCHAR',
    value: 'VARCHAR',
    platform: 'VARCHAR',
    count: 'BIGINT',
    tactic: 'VARCHAR',
    technique: 'VARCHAR',
    procedure: 'VARCHAR',
    note: 'VARCHAR',
    published_ms: 'BIGINT',
  },
  media_files: {
    seq: 'BIGINT',
    platform: 'VARCHAR',
    post_id: 'VARCHAR',
    account_id: 'VARCHAR',
    media_id: 'VARCHAR',
    path: 'VARCHAR',
  },
} as const;

/** The staged tables, `stage_<name>`. */
export type StageName = keyof typeof STAGE;

/** Stages records of one file, then merges them into the case with {@link RecordLoader.commit}. */
export class RecordLoader {
  private readonly dir: string;
  private readonly writers: Record<StageName, StageWriter>;
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly runId: number,
    tempRoot: string = tmpdir(),
  ) {
    this.dir = mkdtempSync(join(tempRoot, 'unmask-stage-'));
    this.writers = Object.fromEntries(
      Object.keys(STAGE).map((name) => [name, new StageWriter(this.dir, name)]),
    ) as Record<StageName, StageWriter>;
  }

  /** Stages the records of one row; `seq` (file order) defaults to the next row's. */
  add(records: RecordSet, seq = this.seq++): void {
    const { post: p, account: a, observation: o, follow: f, label: l, indicator: i } = records;
    if (p) this.writers.posts.write(postCells(seq, p));
    // A row with only an account (e.g. a users file) counts as loaded or duplicate itself.
    if (a) this.writers.accounts.write(accountCells(seq, !p && !o && !f && !l && !i, a));
    if (o)
      this.writers.observations.write([
        seq,
        o.platform,
        o.accountId,
        o.kind,
        o.value,
        o.firstSeen,
        o.lastSeen,
      ]);
    if (f) this.writers.follows.write([seq, f.platform, f.followerId, f.followedId, f.firstSeen]);
    if (l) this.writers.labels.write([seq, l.platform, l.accountId, l.label]);
    if (i) this.writers.indicators.write(indicatorCells(seq, i));
    for (const m of records.mediaFiles ?? [])
      this.writers.media_files.write([seq, m.platform, m.postId, m.accountId, m.mediaId, m.path]);
  }

  /** Merges everything staged into the case in one transaction and removes the staging files. */
  async commit(run: {
    file: string;
    format: string;
    startedAt: number;
    read: number;
    rejected: number;
  }): Promise<MergeCounts> {
    for (const w of Object.values(this.writers)) w.close();
    const c = this.store.connection;
    try {
      await c.run('BEGIN TRANSACTION');
      let loaded = 0;
      let duplicates = 0;
      for (const name of Object.keys(STAGE) as StageName[]) {
        if (this.writers[name].rows === 0) continue;
        await c.run(
          `CREATE OR REPLACE TEMP TABLE stage_${name} AS SELECT * FROM ${readStage(this.writers[name].path, STAGE[name], this.writers[name].maxLineBytes)}`,
        );
      }
      const r = await mergeStaged(
        this.store,
        Object.fromEntries(
          Object.entries(this.writers).map(([name, w]) => [name, w.rows]),
        ) as Record<StageName, number>,
        this.runId,
      );
      loaded += r.loaded;
      duplicates += r.duplicates;
      await recordIngestRun(this.store, {
        runId: this.runId,
        file: run.file,
        format: run.format,
        startedAt: run.startedAt,
        read: run.read,
        loaded,
        rejected: run.rejected,
        duplicates,
      });
      await c.run('COMMIT');
      return { loaded, duplicates };
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await dropTables(
        this.store,
        Object.keys(STAGE).map((name) => `stage_${name}`),
      );
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /**
   * Creates the staged tables `stage_<name>` (every one, empty where nothing was staged) from the
   * rows added, for a bulk path to add its own rows to before {@link mergeStagedRun}; returns the
   * row counts. The caller drops the tables and calls {@link discard}.
   */
  async stageTables(): Promise<Record<StageName, number>> {
    for (const w of Object.values(this.writers)) w.close();
    const c = this.store.connection;
    for (const name of Object.keys(STAGE) as StageName[]) {
      const columns = Object.entries(STAGE[name]).map(([n, t]) => `${n} ${t}`);
      await c.run(`CREATE OR REPLACE TEMP TABLE stage_${name} (${columns.join(', ')})`);
      const w = this.writers[name];
      if (w.rows > 0)
        await c.run(
          `INSERT INTO stage_${name} SELECT * FROM ${readStage(w.path, STAGE[name], w.maxLineBytes)}`,
        );
    }
    return Object.fromEntries(
      Object.entries(this.writers).map(([name, w]) => [name, w.rows]),
    ) as Record<StageName, number>;
  }

  /** Removes the staging files without loading anything. */
  discard(): void {
    for (const w of Object.values(this.writers)) {
      try {
        w.close();
      } catch {
        // already closed
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A post's cells in `stage_posts` column order ({@link STAGE}). */
function postCells(seq: number, p: Post): StageValue[] {
  return [
    seq,
    p.platform,
    p.postId,
    p.accountId,
    p.createdAt,
    p.kind,
    p.text,
    p.textNorm,
    p.language,
    p.urls,
    p.domains,
    p.shortUrls,
    p.hashtags,
    p.mentions,
    p.media,
    p.sharedPostId,
    p.sharedAccountId,
    p.parentPostId,
    p.parentAccountId,
    p.client,
    p.shares,
    p.comments,
    p.reactions,
    p.views,
  ];
}

/** An account's cells in `stage_accounts` column order; `primary` when the row holds only it. */
function accountCells(seq: number, primary: boolean, a: Account): StageValue[] {
  return [
    seq,
    primary,
    a.platform,
    a.accountId,
    a.handle,
    a.displayName,
    a.assetType,
    a.createdAt,
    a.followers,
    a.following,
    a.reportedLocation,
    a.language,
    a.description,
    a.seenAt,
  ];
}

/** An indicator's cells in `stage_indicators` column order. */
function indicatorCells(seq: number, i: Indicator): StageValue[] {
  return [
    seq,
    i.network,
    i.kind,
    i.value,
    i.platform,
    i.count,
    i.tactic,
    i.technique,
    i.procedure,
    i.note,
    i.published,
  ];
}

/** Returns the next ingest run id of the case. */
export async function nextRunId(store: Store): Promise<number> {
  return scalar(store, 'SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs');
}

/** SQL of a staged \x1f-joined list cell as a list (NULL or empty: none). */
export const LIST = (col: string) =>
  `CASE WHEN ${col} IS NULL OR ${col} = '' THEN []::VARCHAR[] ELSE string_split(${col}, chr(31)) END`;
/** SQL of a staged epoch-ms cell as a TIMESTAMPTZ. */
export const TS = (col: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL ELSE epoch_ms(${col})::TIMESTAMPTZ END`;

/**
 * Merges the staged temp tables `stage_<name>` (the {@link STAGE} columns; `rows[name]` rows each,
 * 0 or absent where a table was not staged) into the case: posts deduplicated on (platform, post_id) with the
 * first in file order winning, accounts merged field by field, name history, every posting account
 * as an account. Runs inside the caller's transaction. Also the X archive's bulk path's merge.
 * `postRepeats`: how many staged posts repeat an earlier one's (platform, post_id), where the
 * caller knows it (counted on `stage_posts` otherwise; where that is a view, counting it costs
 * nearly what the insert does).
 */
export async function mergeStaged(
  store: Store,
  staged: Readonly<Partial<Record<StageName, number>>>,
  runId: number,
  { postRepeats }: { postRepeats?: number } = {},
): Promise<MergeCounts> {
  const rows = (name: StageName) => staged[name] ?? 0;
  const counts: MergeCounts[] = [];
  if (rows('posts') > 0)
    counts.push(await mergeStagedPosts(store, rows('posts'), runId, postRepeats));
  if (rows('accounts') > 0) counts.push(await mergeStagedAccounts(store));
  // Every posting account exists as an account row, even when the export has no profile.
  if (rows('posts') > 0)
    await store.connection.run(`INSERT INTO accounts (platform, account_id, asset_type)
      SELECT DISTINCT platform, account_id, 'account' FROM stage_posts s
      WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = s.platform AND a.account_id = s.account_id)`);
  for (const name of ['observations', 'follows', 'labels', 'indicators'] as const) {
    if (rows(name) === 0) continue;
    const loaded = await countInserted(store, INSERT_FIRST_NEW[name]);
    counts.push({ loaded, duplicates: rows(name) - loaded });
  }
  // Image files of posts (not counted as rows: they come with their post); hashed later.
  if (rows('media_files') > 0)
    await store.connection
      .run(`INSERT INTO post_media (platform, post_id, account_id, media_id, path, run_id)
      SELECT DISTINCT platform, post_id, account_id, media_id, path, ${runId} FROM stage_media_files s
      WHERE NOT EXISTS (SELECT 1 FROM post_media m WHERE m.platform = s.platform AND m.post_id = s.post_id AND m.media_id = s.media_id)`);
  return {
    loaded: counts.reduce((sum, n) => sum + n.loaded, 0),
    duplicates: counts.reduce((sum, n) => sum + n.duplicates, 0),
  };
}

/** Inserts the staged posts not in the case yet, the first in file order of a repeated id. */
async function mergeStagedPosts(
  store: Store,
  staged: number,
  runId: number,
  knownRepeats: number | undefined,
): Promise<MergeCounts> {
  // First occurrence wins within a file; skip the window (a sort of every row) when no id repeats.
  const repeats =
    knownRepeats ??
    (await scalar(store, 'SELECT count(*) - count(DISTINCT (platform, post_id)) FROM stage_posts'));
  const firsts =
    repeats > 0
      ? '(SELECT *, row_number() OVER (PARTITION BY platform, post_id ORDER BY seq) AS rn FROM stage_posts)'
      : '(SELECT *, 1 AS rn FROM stage_posts)';
  // Into an empty posts table (a first ingest) the anti-join against the case is skipped.
  const [before = 0] = await scalars(store, 'SELECT count(*) FROM (SELECT 1 FROM posts LIMIT 1)');
  const loaded = await countInserted(
    store,
    `INSERT INTO posts SELECT platform, post_id, account_id, ${TS('created_ms')}, kind, text, text_norm, language,
        ${LIST('urls')}, ${LIST('domains')}, ${LIST('short_urls')}, ${LIST('hashtags')}, ${LIST('mentions')}, ${LIST('media')},
        shared_post_id, shared_account_id, parent_post_id, parent_account_id, client, shares, comments, reactions, views, ${runId}
       FROM ${firsts} s
       WHERE rn = 1 ${before > 0 ? 'AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = s.platform AND p.post_id = s.post_id)' : ''}`,
  );
  return { loaded, duplicates: staged - loaded };
}

// The newest sighting first, then the later row: exact (a DOUBLE key, seen_ms * 1e6 + seq, is
// ~1.4e18 for today's instants, where a double's step is 256, so rows of one minute tied and
// DuckDB's threads picked either: in a 946k-tweet file 7 of 840 accounts had such ties with
// different profiles, and the bulk and row paths gave different accounts tables).
const NEWEST = 'coalesce(seen_ms, 0)::HUGEINT * 1099511627776 + seq';

/**
 * Merges the staged accounts field by field (the newest sighting's handle, name and counts) and
 * their name history. Account-only rows (e.g. a users file) count as loaded when the account is new.
 */
async function mergeStagedAccounts(store: Store): Promise<MergeCounts> {
  const c = store.connection;
  const primary = await scalar(store, 'SELECT count(*) FROM stage_accounts WHERE primary_row');
  const fresh = await scalar(
    store,
    `SELECT count(DISTINCT (platform, account_id)) FROM stage_accounts s WHERE primary_row
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = s.platform AND a.account_id = s.account_id)`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE stage_accounts_merged AS
      SELECT platform, account_id,
        arg_max(handle, ${NEWEST}) FILTER (handle IS NOT NULL) AS handle,
        arg_max(display_name, ${NEWEST}) FILTER (display_name IS NOT NULL) AS display_name,
        arg_max(asset_type, seq) FILTER (asset_type <> 'account') AS asset_type,
        min(created_ms) AS created_ms,
        arg_max(followers, ${NEWEST}) FILTER (followers IS NOT NULL) AS followers,
        arg_max(following, ${NEWEST}) FILTER (following IS NOT NULL) AS following,
        arg_max(reported_location, seq) FILTER (reported_location IS NOT NULL) AS reported_location,
        arg_max(language, seq) FILTER (language IS NOT NULL) AS language,
        arg_max(description, seq) FILTER (description IS NOT NULL) AS description
      FROM stage_accounts GROUP BY platform, account_id`);
  await c.run(`UPDATE accounts a SET
        handle = coalesce(m.handle, a.handle), display_name = coalesce(m.display_name, a.display_name),
        asset_type = coalesce(m.asset_type, a.asset_type), created_at = coalesce(a.created_at, ${TS('m.created_ms')}),
        followers = coalesce(m.followers, a.followers), following = coalesce(m.following, a.following),
        reported_location = coalesce(m.reported_location, a.reported_location),
        language = coalesce(m.language, a.language), description = coalesce(m.description, a.description)
      FROM stage_accounts_merged m WHERE a.platform = m.platform AND a.account_id = m.account_id`);
  await c.run(`INSERT INTO accounts SELECT platform, account_id, handle, display_name, coalesce(asset_type, 'account'),
        ${TS('created_ms')}, followers, following, reported_location, language, description
      FROM stage_accounts_merged m
      WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = m.platform AND a.account_id = m.account_id)`);
  await c.run('DROP TABLE stage_accounts_merged');
  await mergeStagedNames(store);
  return { loaded: fresh, duplicates: primary - fresh };
}

/** Adds every (handle, display name) the staged accounts show to the name history, with when. */
async function mergeStagedNames(store: Store): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE stage_names AS
      SELECT platform, account_id, handle, display_name, ${TS('min(seen_ms)')} AS first_seen, ${TS('max(seen_ms)')} AS last_seen
      FROM stage_accounts WHERE handle IS NOT NULL OR display_name IS NOT NULL GROUP BY ALL`);
  await c.run(`UPDATE account_names n SET first_seen = least(n.first_seen, s.first_seen), last_seen = greatest(n.last_seen, s.last_seen)
      FROM stage_names s WHERE n.platform = s.platform AND n.account_id = s.account_id
        AND n.handle IS NOT DISTINCT FROM s.handle AND n.display_name IS NOT DISTINCT FROM s.display_name`);
  await c.run(`INSERT INTO account_names SELECT * FROM stage_names s WHERE NOT EXISTS (
        SELECT 1 FROM account_names n WHERE n.platform = s.platform AND n.account_id = s.account_id
          AND n.handle IS NOT DISTINCT FROM s.handle AND n.display_name IS NOT DISTINCT FROM s.display_name)`);
  await c.run('DROP TABLE stage_names');
}

/** Per staged table: inserts the first of each repeated row (file order) that the case lacks. */
const INSERT_FIRST_NEW = {
  observations: `INSERT INTO observations SELECT platform, account_id, kind, value, ${TS('first_ms')}, ${TS('last_ms')}
       FROM (SELECT *, row_number() OVER (PARTITION BY platform, account_id, kind, value, first_ms, last_ms ORDER BY seq) AS rn FROM stage_observations) s
       WHERE rn = 1 AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.platform = s.platform AND o.account_id = s.account_id
         AND o.kind = s.kind AND o.value = s.value AND o.first_seen IS NOT DISTINCT FROM ${TS('s.first_ms')} AND o.last_seen IS NOT DISTINCT FROM ${TS('s.last_ms')})`,
  follows: `INSERT INTO follows SELECT platform, follower_id, followed_id, ${TS('first_ms')}
       FROM (SELECT *, row_number() OVER (PARTITION BY platform, follower_id, followed_id ORDER BY seq) AS rn FROM stage_follows) s
       WHERE rn = 1 AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.platform = s.platform AND f.follower_id = s.follower_id AND f.followed_id = s.followed_id)`,
  labels: `INSERT INTO labels SELECT platform, account_id, label
       FROM (SELECT *, row_number() OVER (PARTITION BY platform, account_id ORDER BY seq) AS rn FROM stage_labels) s
       WHERE rn = 1 AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.platform = s.platform AND l.account_id = s.account_id)`,
  indicators: `INSERT INTO indicators SELECT network, kind, value, platform, count, tactic, technique, procedure, note, ${TS('published_ms')}
       FROM (SELECT *, row_number() OVER (PARTITION BY network, kind, value, tactic, technique, procedure ORDER BY seq) AS rn FROM stage_indicators) s
       WHERE rn = 1 AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.network = s.network AND i.kind = s.kind AND i.value = s.value
         AND i.tactic IS NOT DISTINCT FROM s.tactic AND i.technique IS NOT DISTINCT FROM s.technique AND i.procedure IS NOT DISTINCT FROM s.procedure)`,
};

async function countInserted(store: Store, insertSql: string): Promise<number> {
  const result = await store.connection.run(insertSql);
  return Number(result.rowsChanged);
}

/** One file's ingest run as `ingest_runs` records it. */
export interface IngestRunRow {
  readonly runId: number;
  readonly file: string;
  readonly format: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly duplicates: number;
}

/** Records a file's ingest run (finished now), inside the caller's transaction. */
export async function recordIngestRun(store: Store, r: IngestRunRow): Promise<void> {
  await store.connection.run(
    `INSERT INTO ingest_runs VALUES (${r.runId}, ${sqlString(r.file)}, ${sqlString(r.format)}, epoch_ms(${r.startedAt})::TIMESTAMPTZ, now(), ${r.read}, ${r.loaded}, ${r.rejected}, ${r.duplicates})`,
  );
}

/**
 * A bulk path's end: merges its staged tables (`staged`: their row counts) and records the run,
 * in one transaction; returns the file's counts (`run.rejected`: the lines a bulk path left to the
 * row path's code that it rejected; none by default; `options` as {@link mergeStaged} takes them).
 */
export async function mergeStagedRun(
  store: Store,
  staged: Readonly<Partial<Record<StageName, number>>>,
  run: Omit<IngestRunRow, 'loaded' | 'rejected' | 'duplicates'> & { readonly rejected?: number },
  options: { postRepeats?: number } = {},
): Promise<BulkOutcome> {
  const rejected = run.rejected ?? 0;
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    const { loaded, duplicates } = await mergeStaged(store, staged, run.runId, options);
    await recordIngestRun(store, { ...run, loaded, rejected, duplicates });
    await c.run('COMMIT');
    return { mode: 'bulk', read: run.read, loaded, rejected, duplicates };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
