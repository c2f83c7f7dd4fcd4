// The set work of near-duplicate text in DuckDB: exact-duplicate collapse, LSH buckets, and the
// account pairs of each copy-paste family. The text work (folding, shingles, MinHash) is JS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { writeExpected } from './null-model.js';
import type { Store } from './open-store.js';
import { replaceSignalRows } from './signal-io.js';
import { dropTables, readStage, scalar } from './sql.js';
import { StageWriter } from './stage-writer.js';

/** Per-post rows the JS side stages: the folded text's key and its LSH band hashes. */
export class NearDuplicateStage {
  private readonly dir = mkdtempSync(join(tmpdir(), 'unmask-nd-'));
  private readonly posts = new StageWriter(this.dir, 'nd_posts');
  private families: StageWriter | null = null;

  constructor(private readonly bands: number) {}

  /** Stages one post: its text key (exact duplicates share it) and band hashes. */
  add(
    platform: string,
    postId: string,
    accountId: string,
    t: number,
    key: string,
    bandHashes: readonly number[],
  ): void {
    this.posts.write([platform, postId, accountId, t, key, ...bandHashes]);
  }

  /** Loads the staged posts and returns the LSH buckets holding two or more distinct texts. */
  async buckets(store: Store): Promise<string[][]> {
    this.posts.close();
    const c = store.connection;
    const bandCols = Array.from({ length: this.bands }, (_, i) => `b${i}`);
    const columns: Record<string, string> = {
      platform: 'VARCHAR',
      post_id: 'VARCHAR',
      account_id: 'VARCHAR',
      t: 'BIGINT',
      k: 'VARCHAR',
    };
    for (const b of bandCols) columns[b] = 'UBIGINT';
    await c.run(
      `CREATE OR REPLACE TEMP TABLE nd_posts AS SELECT * FROM ${readStage(this.posts.path, columns)}`,
    );
    await c.run(
      `CREATE OR REPLACE TEMP TABLE nd_texts AS SELECT k, ${bandCols.map((b) => `any_value(${b}) AS ${b}`).join(', ')} FROM nd_posts GROUP BY k`,
    );
    const reader = await c.runAndReadAll(
      `SELECT list(k ORDER BY k) FROM (UNPIVOT nd_texts ON ${bandCols.join(', ')} INTO NAME band VALUE h) GROUP BY band, h HAVING count(*) >= 2 ORDER BY ALL`,
    );
    return reader.getRowsJson().map((r) => (r as unknown as [string[]])[0]);
  }

  /** Yields (key, one original text) for the given text keys, in batches. */
  async *texts(
    store: Store,
    keys: readonly string[],
  ): AsyncGenerator<Array<readonly [string, string]>> {
    const c = store.connection;
    const wanted = new StageWriter(this.dir, 'nd_wanted');
    for (const k of keys) wanted.write([k]);
    wanted.close();
    await c.run(
      `CREATE OR REPLACE TEMP TABLE nd_wanted AS SELECT * FROM ${readStage(wanted.path, { k: 'VARCHAR' })}`,
    );
    const result = await c.stream(
      `SELECT w.k, any_value(p.text) FROM nd_wanted w JOIN nd_posts n ON n.k = w.k JOIN posts p ON p.platform = n.platform AND p.post_id = n.post_id GROUP BY w.k ORDER BY w.k`,
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const ks = chunk.getColumnValues(0) as string[];
      const ts = chunk.getColumnValues(1) as string[];
      yield ks.map((k, i) => [k, ts[i] as string] as const);
    }
  }

  /** Stages a text's family (the root text key it was joined to). */
  family(key: string, root: string): void {
    this.families ??= new StageWriter(this.dir, 'nd_families');
    this.families.write([key, root]);
  }

  /**
   * Writes the 'near-duplicate-text' edges: accounts linked by each family both posted in
   * (within `window` seconds when set), families over `maxAccounts` accounts skipped.
   */
  async writeEdges(
    store: Store,
    params: {
      window: number | null;
      maxAccounts: number;
      minWeight: number;
      evidenceLimit: number;
    },
    counts: { items: number; skipped: number },
  ): Promise<{ edges: number; skippedFamilies: number }> {
    const c = store.connection;
    if (this.families) {
      this.families.close();
      await c.run(
        `CREATE OR REPLACE TEMP TABLE nd_fam AS SELECT * FROM ${readStage(this.families.path, { k: 'VARCHAR', f: 'VARCHAR' })}`,
      );
    } else {
      await c.run(`CREATE OR REPLACE TEMP TABLE nd_fam (k VARCHAR, f VARCHAR)`);
    }
    await c.run(
      `CREATE OR REPLACE TEMP TABLE nd_occ AS SELECT n.platform, n.post_id, n.account_id, n.t, coalesce(m.f, n.k) AS f FROM nd_posts n LEFT JOIN nd_fam m ON m.k = n.k`,
    );
    await c.run(
      `CREATE OR REPLACE TEMP TABLE nd_size AS SELECT f, count(DISTINCT (platform, account_id)) AS accounts FROM nd_occ GROUP BY f`,
    );
    const skippedFamilies = await scalar(
      store,
      `SELECT count(*) FROM nd_size WHERE accounts > ${params.maxAccounts}`,
    );
    const k = Math.max(1, Math.floor(params.evidenceLimit));
    // Without a window each account's first post in the family stands for it.
    const occ =
      params.window === null
        ? `(SELECT platform, account_id, f, arg_min(post_id, t) AS post_id, min(t) AS t FROM nd_occ WHERE f IN (SELECT f FROM nd_size WHERE accounts BETWEEN 2 AND ${params.maxAccounts}) GROUP BY ALL)`
        : `(SELECT * FROM nd_occ WHERE f IN (SELECT f FROM nd_size WHERE accounts BETWEEN 2 AND ${params.maxAccounts}))`;
    const within =
      params.window === null ? '' : `AND abs(a.t - b.t) <= ${Math.round(params.window * 1000)}`;
    const r = await replaceSignalRows(store, 'near-duplicate-text', params, async () => {
      await c.run(`INSERT INTO signal_edges
        WITH o AS ${occ},
        pairs AS (SELECT a.platform AS pa, a.account_id AS ua, b.platform AS pb, b.account_id AS ub, a.f, a.post_id AS ma, b.post_id AS mb, abs(a.t - b.t) AS dt
          FROM o a JOIN o b ON a.f = b.f AND (a.platform, a.account_id) < (b.platform, b.account_id) ${within}),
        sample AS (SELECT o.f, left(any_value(p.text), 120) AS text FROM o JOIN posts p ON p.platform = o.platform AND p.post_id = o.post_id WHERE o.f IN (SELECT DISTINCT f FROM pairs) GROUP BY o.f)
        SELECT 'near-duplicate-text', pa, ua, pb, ub, count(DISTINCT pairs.f), NULL, NULL, avg(dt) / 1000.0,
          list(DISTINCT s.text ORDER BY s.text)[1:${k}], list(ma || '~' || mb ORDER BY ma, mb)[1:${k}],
          count(DISTINCT pairs.f), NULL
        FROM pairs JOIN sample s ON s.f = pairs.f GROUP BY pa, ua, pb, ub HAVING count(DISTINCT pairs.f) >= ${params.minWeight}`);
      // Null: authors of all texts over the length floor reshuffled; matches are the account pairs
      // of the families that can link (2..maxAccounts accounts), as the edge weight counts families.
      await writeExpected(store, 'near-duplicate-text', {
        occurrences: 'SELECT platform, account_id AS acc, t FROM nd_posts',
        pairs: `SELECT 0 AS t, accounts * (accounts - 1) / 2 AS n FROM nd_size WHERE accounts BETWEEN 2 AND ${params.maxAccounts}`,
        strata: 'none',
      });
      return counts;
    });
    return { edges: r.edges, skippedFamilies };
  }

  /** Drops the temporary tables and files. */
  async dispose(store: Store): Promise<void> {
    await dropTables(store, ['nd_posts', 'nd_texts', 'nd_wanted', 'nd_fam', 'nd_occ', 'nd_size']);
    this.posts.close();
    this.families?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
