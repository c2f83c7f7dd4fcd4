// Shared infrastructure and activity rhythm, computed in DuckDB.
import type { Store } from '../store/index.js';
import {
  accountKeysTo,
  appendColumns,
  dropTables,
  EDGE_STAGE,
  formulaSafeSql as safe,
  ranked,
  scalar,
  scalars,
  sqlString,
  streamColumns,
} from '../store/index.js';
import { writeExpected } from './null-model.sql.js';
import { replaceSignalRows } from './signal-io.sql.js';
import { groupByKey } from './typed.js';

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
 * value. Writes the edges of 'shared-infrastructure'; returns edges and skipped values.
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
        `CREATE OR REPLACE TEMP TABLE infra_observations AS SELECT DISTINCT platform, account_id, kind, value FROM observations`,
      );
      await c.run(
        `CREATE OR REPLACE TEMP TABLE infra_value_accounts AS SELECT kind, value, count(*) AS n FROM infra_observations GROUP BY ALL`,
      );
      await stageSharedValues(store, signal, options);
      // Null: values reshuffled over all accounts' observation slots (one stratum).
      await writeExpected(store, signal, {
        occurrences: 'SELECT platform, account_id AS acc, 0 AS t FROM infra_observations',
        pairs: `SELECT 0 AS t, n * (n - 1) / 2 AS n FROM infra_value_accounts WHERE n <= ${options.maxAccounts}`,
        strata: 'none',
      });
      const [items = 0, skipped = 0] = (
        (
          await c.runAndReadAll(
            `SELECT (SELECT count(*) FROM infra_value_accounts), (SELECT count(*) FROM infra_value_accounts WHERE n > ${options.maxAccounts})`,
          )
        ).getRows()[0] ?? []
      ).map(Number);
      return { items, skipped };
    });
  } finally {
    await dropTables(store, [
      'infra_observations',
      'infra_value_accounts',
      'infra_accounts',
      'infra_values',
      'infra_keyed',
      'infra_pairs',
    ]);
  }
}

/**
 * Stages the pairs of accounts sharing values observed on 2 to `maxAccounts` accounts. The join
 * and the sums run on integer keys: accounts numbered in (platform, account) order, values in
 * evidence order (fewest accounts first, then kind and value), each value's rarity ln(N / n)
 * computed once. The weight is summed in one order, its terms sorted (commonest value first): a
 * plain sum() adds in the order its threads meet the rows, and the last bits of a weight changed
 * from run to run. On strings, with each pair's evidence sorted inside the aggregate, 540,000
 * observations (1.85M pairs) took 59 s of the statement; on keys 6 s, the same rows.
 */
async function stageSharedValues(
  store: Store,
  signal: string,
  options: InfrastructureOptions,
): Promise<void> {
  const c = store.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_accounts AS
    SELECT (row_number() OVER (ORDER BY platform, account_id))::INTEGER AS ak, platform, account_id
    FROM (SELECT DISTINCT platform, account_id FROM infra_observations)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_values AS
    SELECT (row_number() OVER (ORDER BY n, kind, value))::INTEGER AS vk, kind, value,
      kind || ':' || value AS evidence,
      ln((SELECT greatest(count(*), 2) FROM infra_accounts) / n) AS term
    FROM infra_value_accounts WHERE n BETWEEN 2 AND ${options.maxAccounts}`);
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_keyed AS
    SELECT a.ak, v.vk, v.term
    FROM infra_observations o JOIN infra_accounts a USING (platform, account_id)
      JOIN infra_values v USING (kind, value)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE infra_pairs AS
    SELECT x.ak AS a, y.ak AS b, list_sum(list_sort(list(x.term))) AS weight,
      list_sort(list(x.vk))[1:${options.evidenceLimit}] AS ev, count(*) AS n
    FROM infra_keyed x JOIN infra_keyed y ON x.vk = y.vk AND x.ak < y.ak
    GROUP BY ALL
    HAVING weight > 0 AND weight >= ${options.minWeight}`);
  await stageInfrastructureEdges(store, signal);
}

/**
 * Stages the edges of `infra_pairs` (a, b, weight, ev, n) by name, with `infra_accounts` and
 * `infra_values` naming their keys (shared with the ClickHouse variant, which fills those three
 * tables from the pairs the cluster sends).
 */
export async function stageInfrastructureEdges(store: Store, signal: string): Promise<void> {
  const c = store.connection;
  // Most pairs share one value: their evidence is that value; the few others' lists are built
  // from their keys in order.
  await c.run(`INSERT INTO ${EDGE_STAGE}
    SELECT ${sqlString(signal)}, xa.platform, xa.account_id, xb.platform, xb.account_id, p.weight,
      NULL, NULL, NULL, coalesce(m.evidence, [v.evidence]), []::VARCHAR[], p.n, NULL
    FROM infra_pairs p JOIN infra_accounts xa ON xa.ak = p.a JOIN infra_accounts xb ON xb.ak = p.b
      JOIN infra_values v ON v.vk = p.ev[1]
      LEFT JOIN (
        SELECT a, b, list(v.evidence ORDER BY u.r) AS evidence
        FROM (SELECT a, b, unnest(ev) AS vk, generate_subscripts(ev, 1) AS r FROM infra_pairs WHERE len(ev) > 1) u
          JOIN infra_values v USING (vk)
        GROUP BY a, b) m USING (a, b)`);
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
 *
 * DuckDB counts the profiles and finds the candidate pairs as integer ids; the cosines are taken
 * in JS over one dense 168-bin row per account, as DuckDB's `list_cosine_similarity` computes them
 * (the same bits on 1M simulated posts). Joining each candidate pair to two 168-element lists in SQL took 16 s
 * for 2.4M candidates at 1M posts.
 */
export async function computeRhythm(
  store: Store,
  options: RhythmOptions,
): Promise<{ edges: number; items: number; skipped: number }> {
  const signal = 'rhythm';
  try {
    return await replaceSignalRows(store, signal, options, async () => {
      const { items, skipped, profiled } = await numberProfiledAccounts(store, options.minPosts);
      const profiles = await hourOfWeekProfiles(store, profiled);
      const { first, second } = await candidatePairs(store, signal);
      const similar = similarPairs(profiles, profiled, first, second, options.threshold);
      await store.connection.run(
        'CREATE OR REPLACE TEMP TABLE rhythm_similar_pairs (ia INTEGER, ib INTEGER, cosine DOUBLE)',
      );
      await appendColumns(store, 'rhythm_similar_pairs', similar);
      await store.connection.run(`INSERT INTO ${EDGE_STAGE}
        SELECT ${sqlString(signal)}, a.platform, a.account_id, b.platform, b.account_id, e.cosine, NULL, NULL, NULL,
          ['cosine ' || round(e.cosine, 3)], []::VARCHAR[], NULL, NULL
        FROM rhythm_similar_pairs e JOIN rhythm_accounts a ON a.id = e.ia JOIN rhythm_accounts b ON b.id = e.ib`);
      return { items, skipped };
    });
  } finally {
    await dropTables(store, [
      'rhythm_hour_counts',
      'rhythm_accounts',
      'rhythm_similar_pairs',
      'rhythm_edge_keys',
    ]);
  }
}

/**
 * Counts each account's posts per hour of the week (`rhythm_hour_counts`: how = 0…167, n) and
 * numbers the accounts with a profile, at least `minPosts` posts, 0… (`rhythm_accounts.id`;
 * NULL for the others, which are skipped). Returns the accounts, the skipped and the profiled.
 */
async function numberProfiledAccounts(
  store: Store,
  minPosts: number,
): Promise<{ items: number; skipped: number; profiled: number }> {
  const c = store.connection;
  await c.run(
    `CREATE OR REPLACE TEMP TABLE rhythm_hour_counts AS SELECT platform, account_id, (isodow(created_at) - 1) * 24 + hour(created_at) AS how, count(*)::DOUBLE AS n FROM posts GROUP BY ALL`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE rhythm_accounts AS
        SELECT platform, account_id, sum(n) AS total,
          CASE WHEN sum(n) >= ${minPosts} THEN (row_number() OVER (ORDER BY sum(n) >= ${minPosts} DESC) - 1)::INTEGER END AS id
        FROM rhythm_hour_counts GROUP BY ALL`);
  const [items = 0, skipped = 0, profiled = 0] = await scalars(
    store,
    `SELECT count(*), count(*) FILTER (WHERE id IS NULL), count(id) FROM rhythm_accounts`,
  );
  return { items, skipped, profiled };
}

/** One dense 168-bin row of post counts per profiled account: `profiles[id * 168 + how]`. */
async function hourOfWeekProfiles(store: Store, profiled: number): Promise<Float64Array> {
  const profiles = new Float64Array(profiled * 168);
  for await (const [id, how, n] of streamColumns(
    store,
    `SELECT a.id, h.how::INTEGER, h.n FROM rhythm_hour_counts h JOIN rhythm_accounts a USING (platform, account_id) WHERE a.id IS NOT NULL`,
    ['int', 'int', 'double'],
  ))
    for (let r = 0; r < id!.length; r++) profiles[id![r]! * 168 + how![r]!] = n![r]!;
  return profiles;
}

/**
 * The pairs of profiled accounts that another signal already links, as two columns of profile
 * ids. The other signals' edges are joined on integer keys: each signal's account keys mapped to
 * profile ids first (joined on names through signal_edge_weights, 37M edges at 10M posts).
 */
async function candidatePairs(
  store: Store,
  signal: string,
): Promise<{ first: Int32Array; second: Int32Array }> {
  await accountKeysTo(
    store,
    'rhythm_edge_keys',
    'rhythm_accounts',
    'id',
    `n.id IS NOT NULL AND x.sid IN (SELECT sid FROM edge_signals WHERE signal <> ${sqlString(signal)})`,
  );
  const chunks: Array<[Int32Array, Int32Array]> = [];
  let pairs = 0;
  for await (const [ia, ib] of streamColumns(
    store,
    `SELECT DISTINCT ka.num, kb.num FROM edge_rows r JOIN rhythm_edge_keys ka ON ka.ak = r.a JOIN rhythm_edge_keys kb ON kb.ak = r.b`,
    ['int', 'int'],
  )) {
    chunks.push([(ia as Int32Array).slice(), (ib as Int32Array).slice()]);
    pairs += ia!.length;
  }
  const first = new Int32Array(pairs);
  const second = new Int32Array(pairs);
  for (let at = 0, k = 0; k < chunks.length; at += chunks[k]![0].length, k++) {
    first.set(chunks[k]![0], at);
    second.set(chunks[k]![1], at);
  }
  return { first, second };
}

/**
 * The candidate pairs whose profiles' cosine is at least `threshold`, as columns (first id, second
 * id, cosine). Hot loop: pairs are grouped by their first account so that its profile stays in
 * cache while each second account is read as its nonzero hours only, in hour order: the skipped
 * terms are zeros, so the sum is the dense one's to the bit (at 10M posts, 23.3M pairs: the dense
 * loop over pairs in DuckDB's order took 19 s).
 */
function similarPairs(
  profiles: Float64Array,
  profiled: number,
  first: Int32Array,
  second: Int32Array,
  threshold: number,
): [Int32Array, Int32Array, Float64Array] {
  // Squared norms (DuckDB divides by √(|a|²·|b|²), and so do we: bit-identical cosines) and the
  // count of nonzero hours of each account.
  const squares = new Float64Array(profiled);
  const nonzero = new Int32Array(profiled + 1);
  for (let u = 0; u < profiled; u++) {
    let sq = 0;
    let n = 0;
    for (let h = 0; h < 168; h++) {
      const x = profiles[u * 168 + h]!;
      sq += x * x;
      if (x !== 0) n++;
    }
    squares[u] = sq;
    nonzero[u + 1] = nonzero[u]! + n;
  }
  const hours = new Uint8Array(nonzero[profiled]!);
  const values = new Float64Array(nonzero[profiled]!);
  for (let u = 0, k = 0; u < profiled; u++)
    for (let h = 0; h < 168; h++)
      if (profiles[u * 168 + h] !== 0) {
        hours[k] = h;
        values[k++] = profiles[u * 168 + h]!;
      }
  const { start, rows } = groupByKey(first, profiled, new Uint8Array(first.length).fill(1));
  const keptA: number[] = [];
  const keptB: number[] = [];
  const keptCos: number[] = [];
  for (let u = 0; u < profiled; u++) {
    const x = u * 168;
    for (let r = start[u]!; r < start[u + 1]!; r++) {
      const v = second[rows[r]!]!;
      let dot = 0;
      for (let k = nonzero[v]!; k < nonzero[v + 1]!; k++)
        dot += profiles[x + hours[k]!]! * values[k]!;
      const cosine = Math.max(-1, Math.min(1, dot / Math.sqrt(squares[u]! * squares[v]!)));
      if (cosine >= threshold) {
        keptA.push(u);
        keptB.push(v);
        keptCos.push(cosine);
      }
    }
  }
  return [Int32Array.from(keptA), Int32Array.from(keptB), Float64Array.from(keptCos)];
}

/**
 * Writes a signal's edges to a CSV file (DESIGN.md's `unmask signals` columns, text cells
 * spreadsheet-safe), ordered by the two accounts; returns the row count. Each edge's evidence is joined from the keyed tables once (a
 * list per pair, sorted by rank), and the rows are ordered by their account keys, which follow the
 * accounts' (platform, id) order within a signal. Through the `signal_edges` view (a subquery per
 * edge, then a sort on the names) co-share:url at 10M posts took 36 s and 12.2 GB of peak RSS;
 * this 23 s and 8.1–9.9 GB, the same bytes.
 */
export async function exportSignalEdges(
  store: Store,
  signal: string,
  path: string,
): Promise<number> {
  const c = store.connection;
  const sid = await scalar(
    store,
    `SELECT coalesce(max(sid), -1) FROM edge_signals WHERE signal = ${sqlString(signal)}`,
  );
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE export_edge_evidence AS
      SELECT x.pair, array_to_string(${ranked('x.rank', 'v.value')}, '|') AS evidence
      FROM edge_evidence x JOIN edge_values v ON v.vk = x.vk WHERE x.sid = ${sid} GROUP BY x.pair`);
    await c.run(`COPY (
      SELECT ${safe('xa.platform')} AS platform_a, ${safe('xa.account_id')} AS account_a, ${safe('xb.platform')} AS platform_b,
        ${safe('xb.account_id')} AS account_b, r.weight, r.weight_ab::DOUBLE AS weight_ab, r.weight_ba::DOUBLE AS weight_ba,
        round(r.mean_dt_seconds, 3) AS mean_dt_seconds, ${safe("coalesce(e.evidence, '')")} AS evidence
      FROM edge_rows r JOIN edge_accounts xa ON xa.ak = r.a JOIN edge_accounts xb ON xb.ak = r.b
        LEFT JOIN export_edge_evidence e ON e.pair = r.pair
      WHERE r.sid = ${sid} ORDER BY r.a, r.b) TO ${sqlString(path)} (FORMAT csv, HEADER true)`);
  } finally {
    await dropTables(store, ['export_edge_evidence']);
  }
  return scalar(store, `SELECT count(*) FROM edge_rows WHERE sid = ${sid}`);
}
