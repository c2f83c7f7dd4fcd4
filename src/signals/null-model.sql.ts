// The null model behind each signal's p-values: who made which occurrence is shuffled within time
// strata, keeping each account's weekly rhythm and volume and each stratum's volume and matches.
//
// In stratum h there are S_h occurrences (messages with an object, texts, observed values) and
// P_h matched pairs of occurrences by different accounts. If the accounts of the occurrences in h
// were reassigned at random, keeping each account's count n_uh, a given matched pair would belong
// to {u, v} with probability 2·n_uh·n_vh / S_h². So the expected count of matched pairs for
// {u, v} is λ_uv = Σ_h 2·P_h·n_uh·n_vh / S_h².
//
// The strata of the time-windowed signals are the 168 hours of the week (UTC), pooled over the
// weeks of the case: an account keeps its weekly rhythm, but not the exact hours it acted in.
// Strata of absolute hours were tried first and fail where an operation dominates its hours (a
// 40-account ring in a crowd of 300: the hours it acts in are the hours it coordinates, so
// conditioning on them explains the ring away; 129 matches observed, 103 expected). Pooled over
// weeks, a breaking-news burst still makes P_h large in its hour of the week, so accounts that
// merely took part in one or two are expected to match; accounts that match again and again are not.
//
// λ is computed as a sparse dot product of per-account vectors x_uh = n_uh·√(2·P_h) / S_h over
// the strata with matches, for the signal's edges only. It is floored by the unstratified
// expectation (one stratum for the whole case), so no edge gets λ = 0.
import type { Store } from '../store/index.js';
import { dropTables, EDGE_STAGE, scalar, sqlString } from '../store/index.js';

/** Strata of the null model. */
export type NullStrata = 'hour-of-week' | 'none';

/** What the null model needs from a signal, as SQL over its temporary tables. */
export interface NullModelInput {
  /** Yields (platform, acc, t) per occurrence; t in epoch ms (any value for 'none'). */
  readonly occurrences: string;
  /** Yields (t, n): matched cross-account occurrence pairs, n of them at time t (epoch ms). */
  readonly pairs: string;
  /** The 168 hours of the week, or one stratum over the whole case. */
  readonly strata: NullStrata;
}

/** Sets `expected` (λ of the null model) on every staged edge of `signal` ({@link EDGE_STAGE}). */
export async function writeExpected(
  store: Store,
  signal: string,
  input: NullModelInput,
): Promise<void> {
  const c = store.connection;
  // Epoch 0 is a Thursday; +72 h makes stratum 0 Monday 00:00 UTC.
  const h = input.strata === 'none' ? '0' : '(((t // 3600000) + 72) % 168)';
  const sig = sqlString(signal);
  try {
    await c.run(
      `CREATE OR REPLACE TEMP TABLE null_occurrences AS SELECT platform, acc, ${h} AS h, count(*)::DOUBLE AS n FROM (${input.occurrences}) GROUP BY ALL`,
    );
    // Accounts keyed by integers, so the strata are joined on (key, hour) and not on names.
    await c.run(`CREATE OR REPLACE TEMP TABLE null_keys AS
      SELECT platform, acc, (row_number() OVER ())::INTEGER AS k FROM (SELECT DISTINCT platform, acc FROM null_occurrences)`);
    await c.run(
      `CREATE OR REPLACE TEMP TABLE null_stratum_occurrences AS SELECT h, sum(n) AS s FROM null_occurrences GROUP BY h`,
    );
    await c.run(
      `CREATE OR REPLACE TEMP TABLE null_stratum_pairs AS SELECT ${h} AS h, sum(n)::DOUBLE AS p FROM (${input.pairs}) GROUP BY ALL`,
    );
    await c.run(`CREATE OR REPLACE TEMP TABLE null_account_rates AS
      SELECT k.k, o.h, o.n * sqrt(2 * p.p) / s.s AS x
      FROM null_occurrences o JOIN null_keys k USING (platform, acc)
        JOIN null_stratum_occurrences s ON s.h = o.h JOIN null_stratum_pairs p ON p.h = o.h`);
    await c.run(`CREATE OR REPLACE TEMP TABLE null_account_occurrences AS
      SELECT k.k, sum(o.n) AS n FROM null_occurrences o JOIN null_keys k USING (platform, acc) GROUP BY k.k`);
    const total = await scalar(store, 'SELECT coalesce(sum(s), 0) FROM null_stratum_occurrences');
    const pairs = await scalar(store, 'SELECT coalesce(sum(p), 0) FROM null_stratum_pairs');
    const global = total > 0 ? (2 * pairs) / (total * total) : 0;
    await c.run(`CREATE OR REPLACE TEMP TABLE null_edge_keys AS
      SELECT e.platform_a, e.account_a, e.platform_b, e.account_b, ka.k AS ka, kb.k AS kb FROM ${EDGE_STAGE} e
        LEFT JOIN null_keys ka ON ka.platform = e.platform_a AND ka.acc = e.account_a
        LEFT JOIN null_keys kb ON kb.platform = e.platform_b AND kb.acc = e.account_b
      WHERE e.signal = ${sig}`);
    // Two steps (the first materialized), so the planner can't join the strata to themselves
    // first (accounts² per stratum); as a CTE, not a table (a table of 4.7M rows took 2 s at 1M).
    await c.run(`CREATE OR REPLACE TEMP TABLE null_edge_expected AS
      WITH ea AS MATERIALIZED (
        SELECT e.ka, e.kb, xa.h, xa.x FROM null_edge_keys e JOIN null_account_rates xa ON xa.k = e.ka),
      strat AS (
        SELECT ea.ka, ea.kb, sum(ea.x * xb.x) AS lam
        FROM ea JOIN null_account_rates xb ON xb.k = ea.kb AND xb.h = ea.h
        GROUP BY ALL)
      SELECT e.platform_a, e.account_a, e.platform_b, e.account_b,
        greatest(coalesce(strat.lam, 0), ${global} * coalesce(ta.n, 1) * coalesce(tb.n, 1)) AS lam
      FROM null_edge_keys e LEFT JOIN strat ON strat.ka = e.ka AND strat.kb = e.kb
        LEFT JOIN null_account_occurrences ta ON ta.k = e.ka
        LEFT JOIN null_account_occurrences tb ON tb.k = e.kb`);
    // Parallel sums differ in the last bits from run to run; 10 significant digits keep reruns identical.
    await c.run(`UPDATE ${EDGE_STAGE} SET expected = CASE WHEN l.lam > 0 THEN round(l.lam, 9 - floor(log10(l.lam))::INTEGER) ELSE l.lam END FROM null_edge_expected l
      WHERE ${EDGE_STAGE}.signal = ${sig} AND ${EDGE_STAGE}.platform_a = l.platform_a AND ${EDGE_STAGE}.account_a = l.account_a
        AND ${EDGE_STAGE}.platform_b = l.platform_b AND ${EDGE_STAGE}.account_b = l.account_b`);
  } finally {
    await dropTables(store, [
      'null_occurrences',
      'null_keys',
      'null_edge_keys',
      'null_stratum_occurrences',
      'null_stratum_pairs',
      'null_account_rates',
      'null_account_occurrences',
      'null_edge_expected',
    ]);
  }
}
