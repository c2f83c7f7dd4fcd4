// Shared infrastructure and activity rhythm, computed in DuckDB.
import { writeExpected } from './null-model.js';
import type { Store } from './open-store.js';
import { replaceSignalRows } from './signal-io.js';
import { dropTables, sqlString } from './sql.js';

/** Options of {@link computeSharedInfrastructure}. */
export interface InfrastructureOptions {
  /** Values observed on more accounts than this are too common to link anyone; default 50. */
  readonly maxAccounts: number;
  /** Smallest summed rarity weight for an edge; default 0 (any shared rare value). */
  readonly minWeight: number;
  readonly evidenceLimit: number;
}

/**
 * Links accounts that share an observation value (IP, ASN, device, user agent …), weighted by
 * rarity: each shared value adds ln(N / n), N the accounts with observations, n those with the
 * value. Writes `signal_edges` rows of 'shared-infrastructure'; returns edges and skipped values.
 */
export async function computeSharedInfrastructure(
  store: Store,
  options: InfrastructureOptions,
): Promise<{ edges: number; items: number; skipped: number }> {
  const c = store.connection;
  const signal = 'shared-infrastructure';
  try {
    return await replaceSignalRows(store, signal, options, async () => {
      await c.run(
        `CREATE OR REPLACE TEMP TABLE infra_obs AS SELECT DISTINCT platform, account_id, kind, value FROM observations`,
      );
      await c.run(
        `CREATE OR REPLACE TEMP TABLE infra_cnt AS SELECT kind, value, count(*) AS n FROM infra_obs GROUP BY ALL`,
      );
      await c.run(`INSERT INTO signal_edges
      WITH total AS (SELECT greatest(count(DISTINCT (platform, account_id)), 2) AS n FROM infra_obs)
      SELECT ${sqlString(signal)}, a.platform, a.account_id, b.platform, b.account_id,
        sum(ln(total.n / k.n)) AS weight, NULL, NULL, NULL,
        list(a.kind || ':' || a.value ORDER BY k.n, a.kind, a.value)[1:${options.evidenceLimit}], []::VARCHAR[],
        count(*), NULL
      FROM infra_obs a JOIN infra_obs b ON a.kind = b.kind AND a.value = b.value AND (a.platform, a.account_id) < (b.platform, b.account_id)
        JOIN infra_cnt k ON k.kind = a.kind AND k.value = a.value, total
      WHERE k.n <= ${options.maxAccounts}
      GROUP BY ALL HAVING sum(ln(total.n / k.n)) > 0 AND sum(ln(total.n / k.n)) >= ${options.minWeight}`);
      // Null: values reshuffled over all accounts' observation slots (one stratum).
      await writeExpected(store, signal, {
        occurrences: 'SELECT platform, account_id AS acc, 0 AS t FROM infra_obs',
        pairs: `SELECT 0 AS t, n * (n - 1) / 2 AS n FROM infra_cnt WHERE n <= ${options.maxAccounts}`,
        strata: 'none',
      });
      const [items = 0, skipped = 0] = (
        (
          await c.runAndReadAll(
            `SELECT (SELECT count(*) FROM infra_cnt), (SELECT count(*) FROM infra_cnt WHERE n > ${options.maxAccounts})`,
          )
        ).getRows()[0] ?? []
      ).map(Number);
      return { items, skipped };
    });
  } finally {
    await dropTables(store, ['infra_obs', 'infra_cnt']);
  }
}

/** Options of {@link computeRhythm}. */
export interface RhythmOptions {
  /** Accounts with fewer posts have no reliable profile and are skipped; default 30. */
  readonly minPosts: number;
  /** Smallest cosine similarity of hour-of-week profiles; default 0.8. */
  readonly threshold: number;
}

/**
 * Supporting evidence: cosine similarity of the hour-of-week (UTC, 168 bins) activity profiles of
 * account pairs that another signal already links. Writes 'rhythm' rows (weight = cosine).
 */
export async function computeRhythm(
  store: Store,
  options: RhythmOptions,
): Promise<{ edges: number; items: number; skipped: number }> {
  const c = store.connection;
  const signal = 'rhythm';
  try {
    return await replaceSignalRows(store, signal, options, async () => {
      await c.run(
        `CREATE OR REPLACE TEMP TABLE rh_h AS SELECT platform, account_id, (isodow(created_at) - 1) * 24 + hour(created_at) AS how, count(*)::DOUBLE AS n FROM posts GROUP BY ALL`,
      );
      // One 168-bin vector per account; cosine per candidate pair, vectorized.
      await c.run(`CREATE OR REPLACE TEMP TABLE rh_a AS
      SELECT platform, account_id, sum(n) AS total,
        list_transform(range(168), i -> coalesce(map_extract(map(list(how), list(n)), i)[1], 0.0)) AS v
      FROM rh_h GROUP BY ALL`);
      await c.run(`INSERT INTO signal_edges
      WITH cand AS (SELECT DISTINCT platform_a, account_a, platform_b, account_b FROM signal_edges WHERE signal <> ${sqlString(signal)}),
      ok AS (SELECT * FROM rh_a WHERE total >= ${options.minPosts}),
      sims AS (
        SELECT c.platform_a, c.account_a, c.platform_b, c.account_b, list_cosine_similarity(oa.v, ob.v) AS cosine
        FROM cand c JOIN ok oa ON oa.platform = c.platform_a AND oa.account_id = c.account_a
          JOIN ok ob ON ob.platform = c.platform_b AND ob.account_id = c.account_b)
      SELECT ${sqlString(signal)}, platform_a, account_a, platform_b, account_b, cosine, NULL, NULL, NULL, ['cosine ' || round(cosine, 3)], []::VARCHAR[], NULL, NULL
      FROM sims WHERE cosine >= ${options.threshold}`);
      const [items = 0, skipped = 0] = (
        (
          await c.runAndReadAll(
            `SELECT (SELECT count(*) FROM rh_a), (SELECT count(*) FROM rh_a WHERE total < ${options.minPosts})`,
          )
        ).getRows()[0] ?? []
      ).map(Number);
      return { items, skipped };
    });
  } finally {
    await dropTables(store, ['rh_h', 'rh_a']);
  }
}

/** Writes a signal's edges to a CSV file (DESIGN.md's `unmask signals` columns); returns the row count. */
export async function exportSignalEdges(
  store: Store,
  signal: string,
  path: string,
): Promise<number> {
  await store.connection
    .run(`COPY (SELECT platform_a, account_a, platform_b, account_b, weight, weight_ab, weight_ba, round(mean_dt_seconds, 3) AS mean_dt_seconds,
      array_to_string(evidence, '|') AS evidence
    FROM signal_edges WHERE signal = ${sqlString(signal)} ORDER BY platform_a, account_a, platform_b, account_b) TO ${sqlString(path)} (FORMAT csv, HEADER true)`);
  const rows = (
    await store.connection.runAndReadAll(
      `SELECT count(*) FROM signal_edges WHERE signal = ${sqlString(signal)}`,
    )
  ).getRows();
  return Number(rows[0]?.[0] ?? 0);
}
