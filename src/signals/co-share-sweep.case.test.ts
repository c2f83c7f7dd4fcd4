// The typed-array co-share sweep against a brute-force SQL oracle (every pair of shares of an
// object compared), on a simulated case: weights, directed weights, mean Δt, evidence objects.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exportAndReference } from '../../test/helpers/export-check.js';
import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { simulate } from '../simulate/index.js';
import type { Store } from '../store/index.js';
import { EDGE_STAGE, queryRows } from '../store/index.js';
import { dropShares, loadObjectShares, loadShares } from './co-share.sql.js';
import { CO_SHARE_OBJECTS } from './co-share-objects.js';
import { prepareSweep, weightHistogram } from './co-share-sweep.js';
import { computeCoShare, coShareSweep, PairBudgetError, sweepShares } from './index.js';
import { writeExpected } from './null-model.sql.js';
import { currentSignalRun, edgeEvidence } from './signal-io.sql.js';

const WINDOW = 60;
const K = 3;

/** Every pair of shares of the same object within the window, compared one by one. */
async function oracle(store: Store, signal: string): Promise<string[]> {
  const source = CO_SHARE_OBJECTS[signal]!.source;
  const rows = await queryRows(
    store,
    `WITH s AS (SELECT * FROM (${source}) WHERE obj IS NOT NULL),
     m AS (SELECT a.platform AS pa, a.acc AS ua, a.msg AS ma, b.platform AS pb, b.acc AS ub, b.msg AS mb, a.obj, abs(a.t - b.t) AS dt
       FROM s a JOIN s b ON a.obj = b.obj AND abs(a.t - b.t) <= ${WINDOW * 1000}
       WHERE (a.platform, a.acc) <> (b.platform, b.acc)),
     d AS (SELECT pa, ua, pb, ub, count(DISTINCT (pa, ma)) AS w FROM m GROUP BY ALL)
     SELECT u.pa || ':' || u.ua || '|' || u.pb || ':' || u.ub || '|' || u.n || '|' || ab.w || '|' || ba.w || '|' || round(u.dt, 6) || '|' || u.ev AS line
     FROM (SELECT pa, ua, pb, ub, count(DISTINCT obj) AS n, avg(dt) / 1000 AS dt, list(DISTINCT obj ORDER BY obj)[1:${K}]::VARCHAR AS ev
       FROM m WHERE (pa, ua) < (pb, ub) GROUP BY ALL) u
     JOIN d ab ON ab.pa = u.pa AND ab.ua = u.ua AND ab.pb = u.pb AND ab.ub = u.ub
     JOIN d ba ON ba.pa = u.pb AND ba.ua = u.ub AND ba.pb = u.pa AND ba.ub = u.ua
     ORDER BY line`,
  );
  return rows.map((r) => String(r.line));
}

async function ours(store: Store, signal: string): Promise<string[]> {
  const rows = await queryRows(
    store,
    `SELECT platform_a || ':' || account_a || '|' || platform_b || ':' || account_b || '|' || weight::BIGINT || '|' || weight_ab::BIGINT || '|' || weight_ba::BIGINT
       || '|' || round(mean_dt_seconds, 6) || '|' || evidence::VARCHAR AS line
     FROM signal_edges WHERE signal = '${signal}' ORDER BY line`,
  );
  return rows.map((r) => String(r.line));
}

describe('co-share sweep', () => {
  let store: Store;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-sweep-'));
    simulate({ scenario: 'spamouflage+ira', seed: 4, accounts: 150 }, dir);
    store = (await ingestInto([dir])).store;
  }, 120_000);
  afterAll(() => store?.close());

  it.each(['co-share:post', 'co-share:hashtag', 'co-share:url', 'co-share:text', 'co-reply'])(
    '%s equals the brute-force pairs, directed weights, mean Δt and evidence',
    async (signal) => {
      const expected = await oracle(store, signal);
      expect(expected.length).toBeGreaterThan(20);
      await computeCoShare(store, signal, { window: WINDOW, minWeight: 1, evidenceLimit: K });
      expect(await ours(store, signal)).toEqual(expected);
      const [e] = await queryRows(
        store,
        `SELECT count(*) FILTER (WHERE expected > 0) AS with_expected, count(*) AS n FROM signal_edges WHERE signal = '${signal}'`,
      );
      expect(e).toEqual({ with_expected: e!.n, n: e!.n });
      // The posts behind an edge are found again on demand: each pair within the window.
      const sample = await queryRows(
        store,
        `SELECT platform_a, account_a, platform_b, account_b, weight FROM signal_edges WHERE signal = '${signal}' ORDER BY weight DESC, account_a, account_b LIMIT 3`,
      );
      for (const x of sample) {
        const pairs = await edgeEvidence(
          store,
          signal,
          String(x.platform_b),
          String(x.account_b),
          String(x.platform_a),
          String(x.account_a),
        );
        expect(pairs.length).toBeGreaterThanOrEqual(Math.min(Number(x.weight), 100));
        for (const pair of pairs) expect(pair.dtSeconds).toBeLessThanOrEqual(WINDOW);
      }
    },
    60_000,
  );

  it("computes the null model's λ as the SQL null model does", async () => {
    const signal = 'co-share:hashtag';
    await computeCoShare(store, signal, { window: WINDOW, minWeight: 1, evidenceLimit: K });
    const read = async (table: string) =>
      new Map(
        (
          await queryRows(
            store,
            `SELECT account_a || '|' || account_b AS k, expected FROM ${table} WHERE signal = '${signal}'`,
          )
        ).map((r) => [String(r.k), Number(r.expected)]),
      );
    const ours = await read('signal_edges');
    // The SQL null model sets λ on staged edges: the same edges, staged.
    await store.connection.run(
      `CREATE OR REPLACE TEMP TABLE ${EDGE_STAGE} AS SELECT * FROM signal_edges WHERE signal = '${signal}'`,
    );
    const source = `SELECT * FROM (${CO_SHARE_OBJECTS[signal]!.source}) WHERE obj IS NOT NULL`;
    await writeExpected(store, signal, {
      occurrences: `SELECT platform, acc, t FROM (${source})`,
      pairs: `SELECT min(a.t) AS t, 1 AS n FROM (${source}) a JOIN (${source}) b ON a.obj = b.obj AND abs(a.t - b.t) <= ${WINDOW * 1000}
        WHERE (a.platform, a.acc) < (b.platform, b.acc) GROUP BY a.obj, a.platform, a.acc, b.platform, b.acc`,
      strata: 'hour-of-week',
    });
    const sql = await read(EDGE_STAGE);
    await store.connection.run(`DROP TABLE ${EDGE_STAGE}`);
    expect(ours.size).toBe(sql.size);
    for (const [key, lam] of sql) expect(ours.get(key)! / lam).toBeCloseTo(1, 8);
  });

  it('computes λ on a worker thread as on this one', async () => {
    const options = { window: WINDOW, minWeight: 1, evidenceLimit: K };
    const expected = async () =>
      queryRows(
        store,
        `SELECT account_a, account_b, expected FROM signal_edges WHERE signal = 'co-share:url' ORDER BY ALL`,
      );
    await computeCoShare(store, 'co-share:url', { ...options, workerPairs: Infinity });
    const here = await expected();
    await computeCoShare(store, 'co-share:url', { ...options, workerPairs: 0 });
    expect(await expected()).toEqual(here);
    expect(here.length).toBeGreaterThan(20);
  });

  it('stops with a clear error past its pair budget, leaving the stored edges as they were', async () => {
    await computeCoShare(store, 'co-share:post', {
      window: WINDOW,
      minWeight: 1,
      evidenceLimit: K,
    });
    const before = await ours(store, 'co-share:post');
    expect(before.length).toBeGreaterThan(10);
    await expect(
      computeCoShare(store, 'co-share:post', {
        window: WINDOW,
        minWeight: 1,
        evidenceLimit: K,
        maxPairs: 10,
      }),
    ).rejects.toThrow(
      /^co-share:post: more than 10 account pairs at minimum weight 1 .*--min-weight/,
    );
    expect(await ours(store, 'co-share:post')).toEqual(before);
  });

  it('past its budget in detection, raises the minimum weight: exactly the edges at the raised weight', async () => {
    const all = await oracle(store, 'co-share:hashtag');
    const maxPairs = Math.floor(all.length / 3);
    const r = await computeCoShare(store, 'co-share:hashtag', {
      window: WINDOW,
      minWeight: 1,
      evidenceLimit: K,
      maxPairs,
      raiseMinWeight: true,
    });
    expect(r.minWeight).toBeGreaterThan(1);
    const atLeast = (w: number) => all.filter((l) => Number(l.split('|')[2]) >= w);
    const kept = atLeast(r.minWeight);
    // Within the budget, and raised no further than needed (one less is past it).
    expect(kept.length).toBeLessThanOrEqual(maxPairs);
    expect(atLeast(r.minWeight - 1).length).toBeGreaterThan(maxPairs);
    expect(await ours(store, 'co-share:hashtag')).toEqual(kept);
    // The run records the raised weight and counts as current for the requested parameters.
    const requested = { window: WINDOW, minWeight: 1, evidenceLimit: K };
    expect(await currentSignalRun(store, 'co-share:hashtag', requested)).toEqual({
      ...requested,
      minWeightUsed: r.minWeight,
    });
    expect(await currentSignalRun(store, 'co-share:hashtag', { ...requested, minWeight: 2 })).toBe(
      null,
    );
  });

  it('split over two threads, sweeps to the same pairs, weights, evidence and matches', async () => {
    for (const signal of ['co-share:post', 'co-share:url', 'co-share:hashtag', 'co-reply']) {
      const shares = await loadShares(store, signal);
      try {
        const options = { windowMs: WINDOW * 1000, minWeight: 1, evidenceLimit: K };
        const one = coShareSweep(shares, options);
        const two = await sweepShares(shares, options, 2);
        expect(one.pairs).toBeGreaterThan(20);
        // Both parts hold pairs (the split is not all on one side).
        for (const index of [0, 1])
          expect(
            coShareSweep(shares, { ...options, part: { index, of: 2 } }).pairs,
          ).toBeGreaterThan(0);
        expect(two).toEqual(one);
      } finally {
        await dropShares(store);
      }
    }
  });

  it('split over two threads, keeps the budget as one sweep: an error past it, or a raised weight', async () => {
    const shares = await loadShares(store, 'co-share:hashtag');
    try {
      const options = { windowMs: WINDOW * 1000, minWeight: 1, evidenceLimit: K };
      const total = coShareSweep(shares, options).pairs;
      const larger = Math.max(
        ...[0, 1].map(
          (index) => coShareSweep(shares, { ...options, part: { index, of: 2 } }).pairs,
        ),
      );
      // Each part within the budget, both together past it.
      expect(larger).toBeLessThan(total);
      await expect(sweepShares(shares, { ...options, maxPairs: larger }, 2)).rejects.toThrow(
        PairBudgetError,
      );
      const maxPairs = Math.floor(total / 3);
      const raised = await sweepShares(shares, { ...options, maxPairs, raiseMinWeight: true }, 2);
      expect(raised.minWeight).toBeGreaterThan(1);
      expect(raised.pairs).toBeLessThanOrEqual(maxPairs);
      // The parts' histograms added up give one sweep's weight: the smallest that fits.
      const below = coShareSweep(shares, { ...options, minWeight: raised.minWeight - 1 });
      expect(below.pairs).toBeGreaterThan(maxPairs);
      expect(raised).toEqual(coShareSweep(shares, { ...options, maxPairs, raiseMinWeight: true }));
      // Raised to 2 with room for the partners the weight count kept: the pairs come from those,
      // without a counting pass of their own, and equal one sweep's at weight 2.
      const atTwo = coShareSweep(shares, { ...options, minWeight: 2 });
      expect(total).toBeGreaterThan(atTwo.pairs);
      const toTwo = { ...options, maxPairs: atTwo.pairs, raiseMinWeight: true };
      expect(await sweepShares(shares, toTwo, 2)).toEqual(atTwo);
      expect(coShareSweep(shares, toTwo)).toEqual(atTwo);
      // Exactly the pairs of one sweep at the raised weight.
      expect(raised).toEqual(coShareSweep(shares, { ...options, minWeight: raised.minWeight }));
    } finally {
      await dropShares(store);
    }
  });

  it("counts the pairs by weight as the sweep's pairs are, on the whole and on each part", async () => {
    for (const signal of ['co-share:hashtag', 'co-share:url']) {
      const shares = await loadShares(store, signal);
      try {
        for (const part of [undefined, { index: 0, of: 2 }, { index: 1, of: 2 }]) {
          const options = { windowMs: WINDOW * 1000, minWeight: 1, evidenceLimit: K, part };
          const pairs = coShareSweep(shares, options);
          const expected = new Map<number, number>();
          for (const c of pairs.objects) expected.set(c, (expected.get(c) ?? 0) + 1);
          const histogram = weightHistogram(prepareSweep(shares, options));
          const counted = new Map<number, number>();
          histogram.forEach((n, c) => {
            if (n !== 0) counted.set(c, n);
          });
          expect(counted).toEqual(expected);
          expect(expected.size).toBeGreaterThan(2);
        }
      } finally {
        await dropShares(store);
      }
    }
  });

  it('exports the edges as the signal_edges view gives them, byte for byte', async () => {
    for (const signal of ['co-share:url', 'co-share:hashtag']) {
      const r = await computeCoShare(store, signal, {
        window: WINDOW,
        minWeight: 1,
        evidenceLimit: K,
      });
      expect(r.edges).toBeGreaterThan(20);
      const { written, reference, rows } = await exportAndReference(store, signal);
      expect(rows).toBe(r.edges);
      expect(written).toBe(reference);
      expect(written).toContain('|');
    }
  });

  it('keeps only pairs with the minimum weight of distinct objects', async () => {
    const all = await oracle(store, 'co-share:hashtag');
    await computeCoShare(store, 'co-share:hashtag', {
      window: WINDOW,
      minWeight: 3,
      evidenceLimit: K,
    });
    expect(await ours(store, 'co-share:hashtag')).toEqual(
      all.filter((l) => Number(l.split('|')[2]) >= 3),
    );
  });

  it('stages objects grouped by hash first as it stages them by string', async () => {
    // Texts are staged by hash first; links by string. Both ways, for an object of one share per
    // post (texts) and one of several (links): the shared rows in sweep order, and the same
    // occurrences (account and hour) in all.
    for (const signal of ['co-share:text', 'co-share:url']) {
      const object = CO_SHARE_OBJECTS[signal]!;
      const stage = async (rarelyShared: boolean) => {
        try {
          return await loadObjectShares(store, { ...object, rarelyShared });
        } finally {
          await dropShares(store);
        }
      };
      const [byHash, byString] = [await stage(true), await stage(false)];
      expect(byHash.obj.length).toBeGreaterThan(20);
      expect(byHash.items).toBeGreaterThan(byHash.obj.length);
      const { occurrences: a, ...sharedA } = byHash;
      const { occurrences: b, ...sharedB } = byString;
      expect(sharedA).toEqual(sharedB);
      const counts = (o: typeof a) => [...o.acc].map((acc, i) => `${acc}@${o.hour[i]}`).sort();
      expect(counts(a)).toEqual(counts(b));
    }
  });
});
