// Co-share on ClickHouse keeps the pair budget the sweep on DuckDB keeps: past it, the minimum
// weight is raised to the same weight (detect) or the signal stops with the same error
// (`signals`), and the edges — weights, evidence, λ — and the run's parameters are the DuckDB
// case's. The budget is made small here so that the cluster takes its two-pass path (counts by
// weight and hour first, then only the pairs kept), which a real case takes past 50M pairs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, expect, it } from 'vitest';

import {
  type ClickHouseCoShareOptions,
  computeCoShare,
  computeCoShareOnClickHouse,
  PairBudgetError,
} from '../src/signals/index.js';
import { simulate } from '../src/simulate/index.js';
import type { Store } from '../src/store/index.js';
import { openClickHouseCase, openStore, queryRows } from '../src/store/index.js';
import { describeOnBothEngines } from './helpers/clickhouse-engines.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-budget-'));
const data = join(dir, 'data');
const SIGNAL = 'co-share:url';
const BASE = { window: 60, minWeight: 1, evidenceLimit: 5 };

/** The signal's edges (weights, Δt, evidence, λ) and its run's parameters in `store`. */
async function edgesAndParams(store: Store): Promise<{ edges: unknown[]; params: unknown }> {
  const edges = await queryRows(
    store,
    `SELECT platform_a, account_a, platform_b, account_b, weight, mean_dt_seconds, evidence,
       observed, expected
     FROM signal_edges WHERE signal = '${SIGNAL}' ORDER BY ALL`,
  );
  const [run] = await queryRows(
    store,
    `SELECT params FROM signal_runs WHERE signal = '${SIGNAL}' ORDER BY computed_at DESC LIMIT 1`,
  );
  return { edges, params: JSON.parse(String(run!.params)) as unknown };
}

/** The signal on the DuckDB case: edges and parameters, or the error's message. */
async function onDuckDb(options: ClickHouseCoShareOptions) {
  const store = await openStore(join(dir, 'case.duckdb'), { mustExist: true });
  try {
    const r = await computeCoShare(store, SIGNAL, options);
    return { minWeight: r.minWeight, ...(await edgesAndParams(store)) };
  } catch (error) {
    return { error: error instanceof PairBudgetError ? error.message : String(error) };
  } finally {
    store.close();
  }
}

/** The signal computed in ClickHouse case `url`, into an in-memory working case. */
async function onClickHouse(url: string, options: ClickHouseCoShareOptions) {
  const ch = await openClickHouseCase(url);
  const store = await openStore(':memory:');
  try {
    const r = await computeCoShareOnClickHouse(ch, store, SIGNAL, options);
    return { minWeight: r.minWeight, ...(await edgesAndParams(store)) };
  } catch (error) {
    return { error: error instanceof PairBudgetError ? error.message : String(error) };
  } finally {
    // The fetch's scratch tables (keyed occurrences, account keys) are gone, answer or error.
    const [left] = await ch.query(
      `SELECT count() AS n FROM system.tables WHERE database = '${ch.database}' AND name LIKE 'co_share_%'`,
    );
    expect(Number(left?.n)).toBe(0);
    store.close();
    await ch.close();
  }
}

/** Pairs of the signal at weight ≥ 1 and ≥ 2 on the DuckDB case (no budget in the way). */
let pairsAt1 = 0;
let pairsAt2 = 0;

beforeAll(async () => {
  simulate({ scenario: 'spamouflage', seed: 3, accounts: 60 }, data);
  const r = await runCli(['ingest', data, '--case', join(dir, 'case.duckdb')]);
  expect(r.code, r.err).toBe(0);
  const all = await onDuckDb(BASE);
  pairsAt1 = (all as { edges: unknown[] }).edges.length;
  pairsAt2 = ((await onDuckDb({ ...BASE, minWeight: 2 })) as { edges: unknown[] }).edges.length;
}, 120_000);

/** The budget cases, each on both engines. */
const CASES: Array<[string, () => ClickHouseCoShareOptions]> = [
  [
    'past the budget, detect raises the minimum weight to the same weight',
    () => ({ ...BASE, maxPairs: pairsAt1 - 1, raiseMinWeight: true }),
  ],
  [
    'at the budget exactly, nothing is raised and every pair comes (two passes)',
    () => ({ ...BASE, maxPairs: pairsAt1, raiseMinWeight: true }),
  ],
  [
    'at minimum weight 2 within the budget, only the kept pairs travel',
    () => ({ ...BASE, minWeight: 2, maxPairs: pairsAt2 }),
  ],
  [
    'past the budget, signals stops with the same error',
    () => ({ ...BASE, maxPairs: pairsAt1 - 1 }),
  ],
  [
    'messages keyed by their ids (as after a collision of their hashes), the same edges',
    () => ({ ...BASE, hashMessages: false }),
  ],
];

function checkCases(engine: () => string) {
  for (const [what, options] of CASES)
    it(
      what,
      async () => {
        expect(pairsAt1).toBeGreaterThan(pairsAt2);
        expect(pairsAt2).toBeGreaterThan(10);
        const reference = await onDuckDb(options());
        const answer = await onClickHouse(engine(), options());
        expect(answer).toEqual(reference);
        if (what.includes('raises')) {
          expect(reference).toMatchObject({ minWeight: 2, params: { minWeightUsed: 2 } });
        } else if (what.includes('error')) {
          expect(reference).toHaveProperty('error');
          expect((reference as { error: string }).error).toContain('more than');
        } else {
          expect(reference).not.toHaveProperty('error');
        }
      },
      120_000,
    );
}

describeOnBothEngines('co-share pair budget', data, 'budget', dir, checkCases);
