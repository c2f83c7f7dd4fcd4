// Co-share on ClickHouse where accounts share the same object several times within the window,
// and posts carry several links: the (object, pair) groups of more than one matched share (which
// ClickHouse groups, where the groups of one share skip the grouping) and messages counted once
// across objects must give DuckDB's edges. The simulator's cases have almost no such shares.
// Above minimum weight 1 ClickHouse takes its two passes (every pair's weight first, then the kept
// pairs' counts and evidence), which must give DuckDB's edges at that weight too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, expect, it } from 'vitest';

import { Rng } from '../src/core/index.js';
import { computeCoShare, computeCoShareOnClickHouse } from '../src/signals/index.js';
import type { Store } from '../src/store/index.js';
import { openClickHouseCase, openStore, queryRows } from '../src/store/index.js';
import { describeOnBothEngines } from './helpers/clickhouse-engines.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-repeats-'));
const SIGNALS = ['co-share:url', 'co-share:domain', 'co-share:post'];
/** Minimum weights per signal: 1, and its pairs' median weight at 1 (set before the tests). */
const weights = new Map<string, number[]>();
const options = (minWeight: number) => ({ window: 60, minWeight, evidenceLimit: 3 });
const START = Date.UTC(2024, 3, 1);
const iso = (t: number) => new Date(t).toISOString();

/**
 * 12 accounts and 40 links: each link is shared by a few accounts within two minutes, some of
 * them two or three times, a third of the posts with a second link, and the same original post
 * reshared several times by one account.
 */
function lines(): string[] {
  const rng = new Rng('repeats');
  const out = ['platform,post_id,account_id,created_at,kind,text,urls,shared_post_id'];
  let id = 0;
  for (let k = 0; k < 40; k++) {
    const base = START + k * 3_600_000;
    for (let a = 0; a < 12; a++) {
      if (rng.next() < 0.5) continue;
      const times = rng.next() < 0.4 ? rng.int(2, 3) : 1;
      for (let r = 0; r < times; r++) {
        const t = base + Math.floor(rng.next() * 120_000);
        const second = rng.next() < 0.33 ? `|https://other${rng.int(1, 3)}.example/${k % 5}` : '';
        out.push(
          `x,p${id++},acc${String(a).padStart(2, '0')},${iso(t)},post,,https://site${k % 4}.example/story/${k}${second},`,
        );
        if (rng.next() < 0.5)
          out.push(`x,p${id++},acc${String(a).padStart(2, '0')},${iso(t + 500)},share,,,orig${k}`);
      }
    }
  }
  return out;
}

/** The signal's edges (weights each way, Δt, evidence, λ) and its run's parameters in `store`. */
async function edges(store: Store, signal: string) {
  return queryRows(
    store,
    `SELECT platform_a, account_a, platform_b, account_b, weight, weight_ab, weight_ba,
       mean_dt_seconds, evidence, observed, expected
     FROM signal_edges WHERE signal = '${signal}' ORDER BY ALL`,
  );
}

const reference = new Map<string, unknown[]>();

beforeAll(async () => {
  writeFileSync(join(dir, 'posts.csv'), `${lines().join('\n')}\n`);
  const r = await runCli(['ingest', join(dir, 'posts.csv'), '--case', join(dir, 'case.duckdb')]);
  expect(r.code, r.err).toBe(0);
  const store = await openStore(join(dir, 'case.duckdb'), { mustExist: true });
  try {
    for (const signal of SIGNALS) {
      await computeCoShare(store, signal, options(1));
      const all = await edges(store, signal);
      const sorted = all.map((e) => Number(e.weight)).sort((x, y) => x - y);
      const median = Math.max(2, sorted[Math.floor(sorted.length / 2)] ?? 2);
      weights.set(signal, [1, median]);
      reference.set(`${signal} 1`, all);
      await computeCoShare(store, signal, options(median));
      reference.set(`${signal} ${median}`, await edges(store, signal));
    }
    // The case has what this test is about: an account sharing a link again within the window
    // of another's share, and pairs whose messages each way are fewer than their objects.
    const [repeats] = await queryRows(
      store,
      `SELECT count(*) AS n FROM signal_edges
       WHERE signal = 'co-share:url' AND (weight_ab <> weight OR weight_ba <> weight)`,
    );
    expect(Number(repeats!.n)).toBeGreaterThan(0);
  } finally {
    store.close();
  }
}, 120_000);

function sameEdges(url: () => string) {
  for (const signal of SIGNALS)
    for (const which of ['1', 'the median weight'])
      it(`${signal}, minimum weight ${which}: DuckDB's edges`, async () => {
        const w = weights.get(signal)![which === '1' ? 0 : 1]!;
        const want = reference.get(`${signal} ${w}`)!;
        expect(want.length).toBeGreaterThan(10);
        if (w > 1) expect(want.length).toBeLessThan(reference.get(`${signal} 1`)!.length);
        const ch = await openClickHouseCase(url());
        const store = await openStore(':memory:');
        try {
          await computeCoShareOnClickHouse(ch, store, signal, options(w));
          expect(await edges(store, signal)).toEqual(want);
        } finally {
          store.close();
          await ch.close();
        }
      });
  // Two runs on one case at once (two analysts, or `signals` beside a detect) each keep to their
  // own scratch tables.
  it('two signals computed at once on one case: each its own edges', async () => {
    const run = async (signal: string) => {
      const ch = await openClickHouseCase(url());
      const store = await openStore(':memory:');
      try {
        await computeCoShareOnClickHouse(ch, store, signal, options(1));
        return await edges(store, signal);
      } finally {
        store.close();
        await ch.close();
      }
    };
    const [a, b] = await Promise.all([run('co-share:url'), run('co-share:domain')]);
    expect(a).toEqual(reference.get('co-share:url 1'));
    expect(b).toEqual(reference.get('co-share:domain 1'));
  });
}

describeOnBothEngines('repeated shares', join(dir, 'posts.csv'), 'repeats', dir, sameEdges);
