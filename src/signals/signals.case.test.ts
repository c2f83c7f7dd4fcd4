// The contract every signal passes, and the exact meaning of each, on tiny inline cases.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { exportAndReference } from '../../test/helpers/export-check.js';
import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { simulate } from '../simulate/index.js';
import type { Store } from '../store/index.js';
import { queryRows } from '../store/index.js';
import { directedCoShare } from './co-share.sql.js';
import { foldForSimilarity, resolveSignalOptions, signalFor, SIGNALS } from './index.js';
import { computeRhythm } from './infra-rhythm.sql.js';
import { edgeEvidence } from './signal-io.sql.js';

const POSTS = `platform,post_id,account_id,created_at,kind,text,language,urls,hashtags,shared_post_id,parent_post_id
x,p1,a,2024-01-01T00:00:00Z,share,,,,,o1,
x,p2,b,2024-01-01T00:01:00Z,share,,,,,o1,
x,p3,c,2024-01-01T00:01:01Z,share,,,,,o1,
x,p4,a,2024-01-01T01:00:00Z,share,,,,,o2,
x,p5,a,2024-01-01T01:00:30Z,share,,,,,o2,
x,p6,b,2024-01-01T01:00:40Z,share,,,,,o2,
x,q1,a,2024-01-02T09:00:00Z,post,"The US bombed the Nord Stream pipeline, the first step of the plan to destroy Europe",en,https://news.example/ns?utm_source=a,NordStream,,
x,q2,b,2024-01-02T09:00:20Z,post,"Wake up! The US bombed the Nord Stream pipeline, the first step of the plan to destroy Europe!!",en,https://news.example/ns,nordstream,,
x,q3,c,2024-01-05T09:00:00Z,post,"美国炸毁了北溪管道，这是摧毁欧洲经济计划的第一步",zh,,,,
x,q4,d,2024-01-05T09:03:00Z,post,"真相: 美国炸毁了北溪管道，这是摧毁欧洲经济计划的第一步",zh,,,,
x,q5,e,2024-01-05T09:03:00Z,post,"My tomatoes finally ripened after weeks of rain in the garden",en,,,,
x,r1,c,2024-01-06T10:00:00Z,reply,So true,en,,,,q1
x,r2,d,2024-01-06T10:00:30Z,reply,Exactly right,en,,,,q1
`;
const OBS = `platform,account_id,kind,value
x,c,ip,203.0.113.7
x,d,ip,203.0.113.7
x,a,asn,AS1
x,b,asn,AS1
x,c,asn,AS1
x,d,asn,AS1
x,e,asn,AS1
`;

// More activity for the contract, so that every signal has edges to check: shared media and an
// identical text (f, g), and two accounts posting every morning for a month who share the same
// post seconds apart each day (h, i: rhythm scores pairs another signal links).
const DAY = 86_400_000;
const MORE = [
  'platform,post_id,account_id,created_at,kind,text,media,shared_post_id',
  'x,m1,f,2024-01-07T08:00:00Z,post,,img-7f3a,',
  'x,m2,g,2024-01-07T08:00:30Z,post,,img-7f3a,',
  'x,m3,f,2024-01-07T09:00:00Z,post,,img-a1,',
  'x,m4,g,2024-01-09T09:00:00Z,post,,img-a2,',
  'x,t1,f,2024-01-08T12:00:00Z,post,Stand with the farmers today and every day,,',
  'x,t2,g,2024-01-08T12:00:10Z,post,Stand with the farmers today and every day,,',
  ...Array.from({ length: 30 }, (_, d) => {
    const at = (ms: number) => new Date(Date.UTC(2024, 1, 1) + d * DAY + ms).toISOString();
    return [
      `x,h${d},h,${at(8 * 3_600_000)},share,,,o${d + 10}`,
      `x,i${d},i,${at(8 * 3_600_000 + 5_000)},share,,,o${d + 10}`,
    ].join('\n');
  }),
].join('\n');

async function caseWith(more = false): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-signals-'));
  writeFileSync(join(dir, 'posts.csv'), POSTS);
  writeFileSync(join(dir, 'observations.csv'), OBS);
  const mediaDirs: string[] = [];
  if (more) {
    writeFileSync(join(dir, 'posts-more.csv'), `${MORE}\n`);
    // The pictures of m3 and m4: one drawing and a half-size copy of it (near-duplicate image).
    const media = mkdtempSync(join(tmpdir(), 'unmask-signals-media-'));
    const picture = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150"><rect width="200" height="150" fill="#2a6"/><circle cx="70" cy="60" r="45" fill="#c22"/><rect x="120" y="80" width="60" height="50" fill="#fd0"/></svg>',
      ),
    )
      .jpeg()
      .toBuffer();
    await sharp(picture).toFile(join(media, 'img-a1.jpg'));
    await sharp(picture).resize(100).jpeg({ quality: 40 }).toFile(join(media, 'img-a2.jpg'));
    mediaDirs.push(media);
  }
  const { store, summary } = await ingestInto([dir], { mediaDirs });
  expect(summary.rejected).toBe(0);
  expect(summary.media.rejected).toBe(0);
  return store;
}

async function edges(store: Store, signal: string): Promise<Record<string, unknown>[]> {
  return queryRows(
    store,
    `SELECT account_a, account_b, weight, weight_ab, weight_ba, evidence FROM signal_edges WHERE signal = '${signal}' ORDER BY account_a, account_b`,
  );
}

describe.each(SIGNALS.map((s) => [s.name]))('signal %s', (name) => {
  it('writes ordered pairs of distinct accounts with evidence, and replaces its rows on re-run', async () => {
    const store = await caseWith(true);
    try {
      const signal = signalFor(name);
      // Rhythm only scores pairs another signal links: give it some.
      if (name === 'rhythm')
        await signalFor('co-share:post').compute(store, resolveSignalOptions({}));
      const first = await signal.compute(store, resolveSignalOptions({}));
      const again = await signal.compute(store, resolveSignalOptions({}));
      expect(again).toEqual(first);
      const rows = await queryRows(
        store,
        `SELECT platform_a, account_a, platform_b, account_b, weight, evidence, observed, expected FROM signal_edges WHERE signal = '${name}'`,
      );
      expect(rows.length).toBe(first.edges);
      // Every signal has edges on this case, so every assertion below runs for each.
      expect(first.edges).toBeGreaterThan(0);
      for (const r of rows) {
        // Tested signals carry the count their test uses and its expectation under the null.
        if (signal.tested) {
          expect(Number(r.observed)).toBeGreaterThanOrEqual(1);
          expect(Number(r.expected)).toBeGreaterThan(0);
        } else expect([r.observed, r.expected]).toEqual([null, null]);
        expect(`${r.platform_a}\u0000${r.account_a}` < `${r.platform_b}\u0000${r.account_b}`).toBe(
          true,
        );
        expect(Number(r.weight)).toBeGreaterThan(0);
        expect((r.evidence as unknown[]).length).toBeGreaterThan(0);
      }
      // `unmask signals --out` writes what the signal_edges view gives, byte for byte.
      const { written, reference, rows: exported } = await exportAndReference(store, name);
      expect(exported).toBe(first.edges);
      expect(written).toBe(reference);
      expect(written.trim().split('\n')).toHaveLength(first.edges + 1);
    } finally {
      store.close();
    }
  });
});

describe('co-share:post', () => {
  it('links shares of one post within the window (inclusive); a message never matches itself', async () => {
    const store = await caseWith();
    try {
      await signalFor('co-share:post').compute(store, resolveSignalOptions({ window: 60 }));
      // a–b: o1 at Δ60 s (inclusive) and o2; b–c: o1 at Δ1 s; a–c: o1 at Δ61 s is outside.
      expect(await edges(store, 'co-share:post')).toEqual([
        {
          account_a: 'a',
          account_b: 'b',
          weight: 2,
          weight_ab: 3,
          weight_ba: 2,
          evidence: ['x:o1', 'x:o2'],
        },
        {
          account_a: 'b',
          account_b: 'c',
          weight: 1,
          weight_ab: 1,
          weight_ba: 1,
          evidence: ['x:o1'],
        },
      ]);
      // Directed, as the QUT toolkit: a's two shares of o2 within 30 s make a self-loop.
      const directed = await directedCoShare(store, 'co-share:post', 60);
      expect(directed.find((e) => e.accountA === 'a' && e.accountB === 'a')?.weight).toBe(2);
      // The posts behind an edge, in either account order.
      expect(await edgeEvidence(store, 'co-share:post', 'x', 'c', 'x', 'b')).toEqual([
        {
          a: { postId: 'p2', createdAt: '2024-01-01T00:01:00Z', text: null, urls: [] },
          b: { postId: 'p3', createdAt: '2024-01-01T00:01:01Z', text: null, urls: [] },
          dtSeconds: 1,
        },
      ]);
      expect(await edgeEvidence(store, 'co-share:post', 'x', 'a', 'x', 'c')).toEqual([]);
      await signalFor('co-share:post').compute(
        store,
        resolveSignalOptions({ window: 60, minWeight: 2 }),
      );
      expect(
        (await edges(store, 'co-share:post')).map((e) => `${e.account_a}-${e.account_b}`),
      ).toEqual(['a-b']);
    } finally {
      store.close();
    }
  });

  it('refuses a negative window or minimum weight', () => {
    expect(() => resolveSignalOptions({ window: -1 })).toThrow(/--window/);
    expect(() => resolveSignalOptions({ minWeight: Number.NaN })).toThrow(/--min-weight/);
    expect(() => signalFor('co-share:vibes')).toThrow(/unknown signal 'co-share:vibes'/);
  });
});

describe('co-share:url, co-share:hashtag, co-reply', () => {
  it('match canonical URLs and folded hashtags, and replies to one parent', async () => {
    const store = await caseWith();
    try {
      for (const s of ['co-share:url', 'co-share:hashtag', 'co-reply'])
        await signalFor(s).compute(store, resolveSignalOptions({ window: 60 }));
      expect(await edges(store, 'co-share:url')).toMatchObject([
        { account_a: 'a', account_b: 'b', evidence: ['https://news.example/ns'] },
      ]);
      expect(await edges(store, 'co-share:hashtag')).toMatchObject([
        { account_a: 'a', account_b: 'b', evidence: ['nordstream'] },
      ]);
      expect(await edges(store, 'co-reply')).toMatchObject([
        { account_a: 'c', account_b: 'd', evidence: ['x:q1'] },
      ]);
    } finally {
      store.close();
    }
  });
});

describe('near-duplicate-text', () => {
  it('links copy-paste variants in Latin and Chinese script and nothing else', async () => {
    const store = await caseWith();
    try {
      await signalFor('near-duplicate-text').compute(store, resolveSignalOptions({}));
      expect(
        (await edges(store, 'near-duplicate-text')).map((e) => `${e.account_a}-${e.account_b}`),
      ).toEqual(['a-b', 'c-d']);
    } finally {
      store.close();
    }
  });

  it('folds homoglyphs, width and case before comparing', () => {
    expect(foldForSimilarity('Тhе US bоmbеd @someone https://x.example/a Ｎｏｒｄ Stream!')).toBe(
      'the us bombed nord stream',
    );
  });
});

describe('shared-infrastructure', () => {
  it('weights a value by its rarity: a rare IP links strongly, a common ASN weakly', async () => {
    const store = await caseWith();
    try {
      await signalFor('shared-infrastructure').compute(store, resolveSignalOptions({}));
      const rows = await edges(store, 'shared-infrastructure');
      const cd = rows.find((r) => r.account_a === 'c' && r.account_b === 'd');
      const ab = rows.find((r) => r.account_a === 'a' && r.account_b === 'b');
      // 5 accounts with observations: the IP on 2 adds ln(5/2), the ASN on 5 adds ln(5/5) = 0.
      expect(Number(cd?.weight)).toBeCloseTo(Math.log(5 / 2), 6);
      expect(cd?.evidence).toEqual(['ip:203.0.113.7', 'asn:AS1']);
      expect(ab).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it("sums a pair's rarity weights in one order, commonest value first, to the bit", async () => {
    // p and q share seven IPs, seen on 17, 13, … 2 accounts (fillers make up the rest; 46
    // accounts in all). Added from the commonest, the weights sum to …072; from the rarest, to
    // …074. A plain sum() added them as the rows came (…074 here), and on large cases its last
    // bits changed from run to run.
    const seenOn = [17, 13, 11, 7, 5, 3, 2];
    const rows = ['platform,account_id,kind,value'];
    let filler = 0;
    for (const n of seenOn) {
      rows.push(`x,p,ip,10.0.0.${n}`, `x,q,ip,10.0.0.${n}`);
      for (let k = 2; k < n; k++) rows.push(`x,f${filler++},ip,10.0.0.${n}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'unmask-infra-order-'));
    writeFileSync(join(dir, 'observations.csv'), `${rows.join('\n')}\n`);
    const { store } = await ingestInto([dir]);
    try {
      await signalFor('shared-infrastructure').compute(store, resolveSignalOptions({}));
      const pq = (await edges(store, 'shared-infrastructure')).find(
        (r) => r.account_a === 'p' && r.account_b === 'q',
      );
      const commonestFirst = seenOn.reduce((sum, n) => sum + Math.log(46 / n), 0);
      expect(filler + 2).toBe(46);
      expect(Number(pq?.weight)).toBe(commonestFirst);
    } finally {
      store.close();
    }
  });
});

describe('rhythm', () => {
  it("equals DuckDB's list_cosine_similarity over the profiles, pair for pair and bit for bit", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-rhythm-'));
    simulate({ scenario: 'spamouflage+ira', seed: 5, accounts: 150 }, dir);
    const { store } = await ingestInto([dir]);
    try {
      for (const name of ['co-share:hashtag', 'co-share:url', 'co-share:post'])
        await signalFor(name).compute(store, resolveSignalOptions({ minWeight: 1 }));
      const options = { minPosts: 10, threshold: 0.5 };
      const r = await computeRhythm(store, options);
      const oracle = await queryRows(
        store,
        `WITH h AS (SELECT platform, account_id, (isodow(created_at) - 1) * 24 + hour(created_at) AS how, count(*)::DOUBLE AS n FROM posts GROUP BY ALL),
         v AS (SELECT platform, account_id, sum(n) AS total, list_transform(range(168), i -> coalesce(map_extract(map(list(how), list(n)), i)[1], 0.0)) AS v FROM h GROUP BY ALL),
         c AS (SELECT DISTINCT platform_a, account_a, platform_b, account_b FROM signal_edges WHERE signal <> 'rhythm'),
         s AS (SELECT c.*, list_cosine_similarity(a.v, b.v) AS cosine FROM c
           JOIN v a ON a.platform = c.platform_a AND a.account_id = c.account_a AND a.total >= 10
           JOIN v b ON b.platform = c.platform_b AND b.account_id = c.account_b AND b.total >= 10)
         SELECT account_a, account_b, cosine AS weight, ['cosine ' || round(cosine, 3)] AS evidence FROM s WHERE cosine >= 0.5 ORDER BY ALL`,
      );
      expect(oracle.length).toBeGreaterThan(100);
      expect(r.edges).toBe(oracle.length);
      expect(
        await queryRows(
          store,
          `SELECT account_a, account_b, weight, evidence FROM signal_edges WHERE signal = 'rhythm' ORDER BY ALL`,
        ),
      ).toEqual(oracle);
    } finally {
      store.close();
    }
  });

  it('scores pairs another signal links by hour-of-week cosine, and a re-run replaces its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-rhythm-'));
    const lines = ['platform,post_id,account_id,created_at,kind,shared_post_id'];
    // u and v post at 09:00 and 14:00 UTC on weekdays; w at 21:00; all three share o1 together.
    for (let d = 1; d <= 20; d++) {
      const day = `2024-01-${String(d).padStart(2, '0')}`;
      for (const [acc, hours] of [
        ['u', [9, 14]],
        ['v', [9, 14]],
        ['w', [21, 22]],
      ] as const) {
        for (const h of hours)
          lines.push(`x,${acc}${d}-${h},${acc},${day}T${String(h).padStart(2, '0')}:10:00Z,post,`);
      }
    }
    for (const acc of ['u', 'v', 'w'])
      lines.push(
        `x,${acc}-share,${acc},2024-01-21T12:00:0${acc === 'u' ? 0 : acc === 'v' ? 1 : 2}Z,share,o1`,
      );
    writeFileSync(join(dir, 'posts.csv'), `${lines.join('\n')}\n`);
    const { store } = await ingestInto([dir]);
    try {
      await signalFor('co-share:post').compute(store, resolveSignalOptions({}));
      const first = await signalFor('rhythm').compute(store, resolveSignalOptions({}));
      const again = await signalFor('rhythm').compute(store, resolveSignalOptions({}));
      expect(again).toEqual(first);
      const rows = await edges(store, 'rhythm');
      expect(rows.map((r) => `${r.account_a}-${r.account_b}`)).toEqual(['u-v']);
      expect(Number(rows[0]?.weight)).toBeGreaterThan(0.95);
    } finally {
      store.close();
    }
  });
});
