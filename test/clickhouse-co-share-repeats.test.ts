// Co-share on ClickHouse where accounts share the same object several times within the window,
// and posts carry several links: the (object, pair) groups of more than one matched share (which
// ClickHouse groups, where the groups of one share skip the grouping) and messages counted once
// across objects must give DuckDB's edges. The simulator's cases have almost no such shares.
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
const OPTIONS = { window: 60, minWeight: 1, evidenceLimit: 3 };
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
      await computeCoShare(store, signal, OPTIONS);
      reference.set(signal, await edges(store, signal));
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
    it(`${signal}: DuckDB's edges`, async () => {
      expect(reference.get(signal)!.length).toBeGreaterThan(10);
      const ch = await openClickHouseCase(url());
      const store = await openStore(':memory:');
      try {
        await computeCoShareOnClickHouse(ch, store, signal, OPTIONS);
        expect(await edges(store, signal)).toEqual(reference.get(signal));
      } finally {
        store.close();
        await ch.close();
      }
    });
}

describeOnBothEngines('repeated shares', join(dir, 'posts.csv'), 'repeats', dir, sameEdges);
