// co-share:rare against a brute-force SQL oracle (every two shares of an object compared, objects
// named and counted by their strings): on a simulated case and on hand-made posts at the edges of
// the definition (the window's end, 20 and 21 accounts, 200 and 201 shares, equally close
// message pairs, one account id on two platforms, a URL and a hashtag of the same text).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { simulate } from '../simulate/index.js';
import type { Store } from '../store/index.js';
import {
  deleteEdges,
  EDGE_STAGE,
  keyEdgeStatements,
  openStore,
  queryRows,
  scalars,
} from '../store/index.js';
import type { RareCoShareOptions } from './co-share-rare.sql.js';
import { computeRareCoShare, RARE_CO_SHARE_DEFAULTS } from './co-share-rare.sql.js';
import { writeExpected } from './null-model.sql.js';

/** The objects of every co-share type, one row per message and object, named by their type. */
const OBJECTS = `
  SELECT platform, post_id AS msg, account_id AS acc, epoch_ms(created_at) AS t, 'post:' || platform || ':' || shared_post_id AS obj
    FROM posts WHERE shared_post_id IS NOT NULL
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'url:' || unnest(urls) FROM posts
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'domain:' || unnest(domains) FROM posts
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'hashtag:' || unnest(hashtags) FROM posts
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'media:' || unnest(media) FROM posts
  UNION ALL SELECT platform, post_id, account_id, epoch_ms(created_at), 'text:' || text_norm FROM posts
    WHERE length(text_norm) >= 20 AND shared_post_id IS NULL AND kind <> 'reaction'`;

/** A list as '[a, b]'. */
const listed = (list: string) => `'[' || array_to_string(${list}, ', ') || ']'`;

/**
 * The edges by definition: per account pair, the rare objects both shared within the window;
 * weight, mean gap of each object's closest two shares, the first objects (fewest accounts, then
 * name) and their closest message pairs (the smaller message ids among equally close ones).
 */
async function oracle(store: Store, o: RareCoShareOptions): Promise<string[]> {
  const rows = await queryRows(
    store,
    `WITH s AS (SELECT * FROM (${OBJECTS}) WHERE obj IS NOT NULL),
     objects AS (SELECT obj, count(DISTINCT (platform, acc)) AS accounts, count(*) AS shares FROM s GROUP BY obj),
     rare AS (SELECT s.*, o.accounts FROM s JOIN objects o USING (obj) WHERE o.accounts BETWEEN 2 AND ${o.maxAccounts} AND o.shares <= ${o.maxShares}),
     m AS (SELECT a.obj, a.accounts, a.platform AS pa, a.acc AS ua, b.platform AS pb, b.acc AS ub,
             min({'dt': abs(a.t - b.t), 'ma': a.msg, 'mb': b.msg}) AS closest
           FROM rare a JOIN rare b ON a.obj = b.obj AND (a.platform, a.acc) < (b.platform, b.acc) AND abs(a.t - b.t) <= ${o.window * 1000}
           GROUP BY ALL)
     SELECT pa || ':' || ua || '|' || pb || ':' || ub || '|' || count(*) || '|' || round(avg(closest.dt) / 1000, 6) || '|'
       || ${listed(`list(obj ORDER BY accounts, obj)[1:${o.evidenceLimit}]`)} || '|'
       || ${listed(`list(closest.ma || '~' || closest.mb ORDER BY accounts, obj)[1:${o.evidenceLimit}]`)} AS line
     FROM m GROUP BY pa, ua, pb, ub HAVING count(*) >= ${o.minWeight} ORDER BY line`,
  );
  return rows.map((r) => String(r.line));
}

async function ours(store: Store, o: RareCoShareOptions): Promise<string[]> {
  await computeRareCoShare(store, o);
  const rows = await queryRows(
    store,
    `SELECT platform_a || ':' || account_a || '|' || platform_b || ':' || account_b || '|' || weight::BIGINT || '|'
       || round(mean_dt_seconds, 6) || '|' || ${listed('evidence')} || '|' || ${listed('evidence_posts')} AS line
     FROM signal_edges WHERE signal = 'co-share:rare' ORDER BY line`,
  );
  const [tested] = await queryRows(
    store,
    `SELECT count(*) FILTER (WHERE expected > 0 AND observed = weight) AS ok, count(*) AS n FROM signal_edge_weights WHERE signal = 'co-share:rare'`,
  );
  expect(tested!.ok).toBe(tested!.n);
  return rows.map((r) => String(r.line));
}

const T0 = Date.UTC(2024, 1, 5, 12);
const MIN = 60_000;

interface Post {
  platform?: string;
  id: string;
  acc: string;
  t: number;
  kind?: string;
  text?: string;
  urls?: string[];
  hashtags?: string[];
  shared?: string;
}

function postRow(p: Post): string {
  const str = (s: string | undefined) => (s === undefined ? 'NULL' : `'${s}'`);
  const list = (xs: string[] | undefined) =>
    `[${(xs ?? []).map((x) => `'${x}'`).join(', ')}]::VARCHAR[]`;
  return `(${str(p.platform ?? 'x')}, ${str(p.id)}, ${str(p.acc)}, to_timestamp(${p.t / 1000}), ${str(p.kind ?? 'post')},
    ${str(p.text)}, ${str(p.text)}, NULL, ${list(p.urls)}, []::VARCHAR[], []::VARCHAR[], ${list(p.hashtags)},
    []::VARCHAR[], []::VARCHAR[], ${str(p.shared)}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1)`;
}

/** Posts at the edges of the definition. */
function edgePosts(): Post[] {
  const posts: Post[] = [];
  const add = (p: Post) => posts.push(p);
  // The window's end: 120 min apart is in, 120 min and 1 s is out.
  add({ id: 'w1', acc: 'wa', t: T0, urls: ['https://w.example/1'] });
  add({ id: 'w2', acc: 'wb', t: T0 + 120 * MIN, urls: ['https://w.example/1'] });
  add({ id: 'w3', acc: 'wc', t: T0 + 120 * MIN + 1000, urls: ['https://w.example/1'] });
  // Equally close message pairs: tb is 10 min from both of ta's shares.
  add({ id: 'e2', acc: 'ta', t: T0, urls: ['https://tie.example/1'] });
  add({ id: 'e1', acc: 'ta', t: T0 + 20 * MIN, urls: ['https://tie.example/1'] });
  add({
    id: 'e3',
    acc: 'tb',
    t: T0 + 10 * MIN,
    urls: ['https://tie.example/1', 'https://tie.example/1'],
  });
  // 20 accounts keep an object rare, 21 do not; 200 shares do, 201 do not.
  for (let i = 0; i < 21; i++) {
    add({ id: `a20-${i}`, acc: `m${i}`, t: T0 + i * MIN, hashtags: i < 20 ? ['twenty'] : [] });
    add({ id: `a21-${i}`, acc: `m${i}`, t: T0 + i * MIN + 1000, hashtags: ['twentyone'] });
  }
  for (let i = 0; i < 201; i++) {
    const acc = i % 2 ? 'sa' : 'sb';
    add({ id: `s200-${i}`, acc, t: T0 + i * 1000, hashtags: i < 200 ? ['slogan200'] : [] });
    add({ id: `s201-${i}`, acc, t: T0 + i * 1000 + 500, hashtags: ['slogan201'] });
  }
  // One account id on two platforms is two accounts; one shared post id on two platforms is two posts.
  add({ id: 'p1', acc: 'same', t: T0, hashtags: ['both'] });
  add({ id: 'p2', acc: 'same', t: T0 + 5 * MIN, hashtags: ['both'], platform: 'facebook' });
  add({ id: 'p3', acc: 'pa', t: T0, shared: 'orig-1', platform: 'facebook' });
  add({ id: 'p4', acc: 'pb', t: T0 + MIN, shared: 'orig-1' });
  add({ id: 'p5', acc: 'pc', t: T0 + 2 * MIN, shared: 'orig-1', platform: 'facebook' });
  // A URL and a hashtag of the same text never meet; short texts, reactions and shares' texts are no objects.
  add({ id: 'u1', acc: 'ua', t: T0, urls: ['https://same.example/'] });
  add({ id: 'u2', acc: 'ub', t: T0 + MIN, hashtags: ['https://same.example/'] });
  add({ id: 'x1', acc: 'xa', t: T0, text: 'nineteen characters' });
  add({ id: 'x2', acc: 'xb', t: T0 + MIN, text: 'nineteen characters' });
  add({ id: 'x3', acc: 'xa', t: T0, text: 'twenty characters ok' });
  add({ id: 'x4', acc: 'xb', t: T0 + MIN, text: 'twenty characters ok' });
  add({ id: 'x5', acc: 'xc', t: T0 + MIN, text: 'twenty characters ok', kind: 'reaction' });
  add({ id: 'x6', acc: 'xd', t: T0 + MIN, text: 'twenty characters ok', shared: 'orig-2' });
  // An edge of several objects of different rarity: evidence lists the rarest first.
  for (const [k, accs] of [
    ['c', ['ea', 'eb', 'ec', 'ed']],
    ['a', ['ea', 'eb', 'ec']],
    ['b', ['ea', 'eb']],
    ['d', ['ea', 'eb']],
  ] as const)
    accs.forEach((acc, i) =>
      add({ id: `ev-${k}-${acc}`, acc, t: T0 + i * MIN, urls: [`https://ev.example/${k}`] }),
    );
  return posts;
}

describe('co-share:rare', () => {
  let simulated: Store;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-rare-'));
    simulate({ scenario: 'spamouflage+ira', seed: 5, accounts: 150 }, dir);
    simulated = (await ingestInto([dir])).store;
  }, 120_000);
  afterAll(() => simulated?.close());

  it('equals the brute-force edges, mean gaps, evidence and message pairs on a simulated case', async () => {
    const options = { ...RARE_CO_SHARE_DEFAULTS, evidenceLimit: 4 };
    const expected = await oracle(simulated, options);
    expect(expected.length).toBeGreaterThan(100);
    expect(await ours(simulated, options)).toEqual(expected);
  }, 60_000);

  it('computes λ as the SQL null model does over the rare shares and their matched pairs', async () => {
    const o = RARE_CO_SHARE_DEFAULTS;
    await computeRareCoShare(simulated, o);
    const read = async (table: string) =>
      new Map(
        (
          await queryRows(
            simulated,
            `SELECT platform_a || ':' || account_a || '|' || platform_b || ':' || account_b AS k, expected FROM ${table} WHERE signal = 'co-share:rare'`,
          )
        ).map((r) => [String(r.k), Number(r.expected)]),
      );
    const ours = await read('signal_edges');
    await simulated.connection.run(
      `CREATE OR REPLACE TEMP TABLE ${EDGE_STAGE} AS SELECT * FROM signal_edges WHERE signal = 'co-share:rare'`,
    );
    const rare = `WITH s AS (SELECT * FROM (${OBJECTS}) WHERE obj IS NOT NULL),
      o AS (SELECT obj FROM s GROUP BY obj HAVING count(DISTINCT (platform, acc)) BETWEEN 2 AND ${o.maxAccounts} AND count(*) <= ${o.maxShares})
      SELECT s.* FROM s SEMI JOIN o USING (obj)`;
    await writeExpected(simulated, 'co-share:rare', {
      occurrences: `SELECT platform, acc, t FROM (${rare})`,
      pairs: `SELECT min(least(a.t, b.t)) AS t, 1 AS n FROM (${rare}) a JOIN (${rare}) b ON a.obj = b.obj AND abs(a.t - b.t) <= ${o.window * 1000}
        WHERE (a.platform, a.acc) < (b.platform, b.acc) GROUP BY a.obj, a.platform, a.acc, b.platform, b.acc`,
      strata: 'hour-of-week',
    });
    const sql = await read(EDGE_STAGE);
    await simulated.connection.run(`DROP TABLE ${EDGE_STAGE}`);
    expect(sql.size).toBe(ours.size);
    expect(ours.size).toBeGreaterThan(100);
    for (const [key, lam] of sql) expect(ours.get(key)! / lam).toBeCloseTo(1, 8);
  }, 60_000);

  it('keys its edges as the generic staging of the same edges by name does', async () => {
    await computeRareCoShare(simulated, RARE_CO_SHARE_DEFAULTS);
    const c = simulated.connection;
    const tables = ['edge_rows', 'edge_accounts', 'edge_values', 'edge_evidence', 'edge_posts'];
    const [sid = 0] = await scalars(
      simulated,
      `SELECT sid FROM edge_signals WHERE signal = 'co-share:rare'`,
    );
    for (const t of tables)
      await c.run(
        `CREATE OR REPLACE TEMP TABLE ours_${t} AS SELECT * FROM ${t} WHERE sid = ${sid}`,
      );
    // The same edges staged by name and keyed by keyEdgeStatements, under the same signal key.
    await c.run(`CREATE OR REPLACE TEMP TABLE ${EDGE_STAGE} AS
      SELECT * EXCLUDE (signal) FROM signal_edges WHERE signal = 'co-share:rare'`);
    await deleteEdges(simulated, sid);
    for (const statement of keyEdgeStatements(EDGE_STAGE, sid)) await c.run(statement);
    await c.run(`DROP TABLE ${EDGE_STAGE}`);
    for (const t of tables) {
      const [rows = 0, onlyOurs = 0, onlyStaged = 0] = await scalars(
        simulated,
        `SELECT (SELECT count(*) FROM ours_${t}),
           (SELECT count(*) FROM (FROM ours_${t} EXCEPT ALL FROM ${t} WHERE sid = ${sid})),
           (SELECT count(*) FROM (FROM ${t} WHERE sid = ${sid} EXCEPT ALL FROM ours_${t}))`,
      );
      expect(rows, t).toBeGreaterThan(100);
      expect([onlyOurs, onlyStaged], t).toEqual([0, 0]);
    }
  }, 60_000);

  it('equals the brute-force edges at the edges of the definition', async () => {
    const store = await openStore(':memory:');
    try {
      await store.connection.run(
        `INSERT INTO posts VALUES ${edgePosts().map(postRow).join(',\n')}`,
      );
      const options = { ...RARE_CO_SHARE_DEFAULTS, evidenceLimit: 3 };
      const expected = await oracle(store, options);
      const got = await ours(store, options);
      expect(got).toEqual(expected);
      const line = (a: string, b: string) => got.find((l) => l.startsWith(`${a}|${b}|`));
      expect(line('x:wa', 'x:wb')).toBeDefined();
      expect(line('x:wa', 'x:wc')).toBeUndefined();
      expect(line('x:ta', 'x:tb')).toBe('x:ta|x:tb|1|600.0|[url:https://tie.example/1]|[e1~e3]');
      expect(line('x:m0', 'x:m1')).toBe('x:m0|x:m1|1|60.0|[hashtag:twenty]|[a20-0~a20-1]');
      expect(line('x:sa', 'x:sb')?.split('|')[4]).toBe('[hashtag:slogan200]');
      expect(line('facebook:same', 'x:same')).toBe(
        'facebook:same|x:same|1|300.0|[hashtag:both]|[p2~p1]',
      );
      expect(line('facebook:pa', 'facebook:pc')?.split('|')[4]).toBe('[post:facebook:orig-1]');
      expect(got.filter((l) => l.includes('x:pb'))).toEqual([]);
      expect(line('x:ua', 'x:ub')).toBeUndefined();
      expect(line('x:xa', 'x:xb')?.split('|')[4]).toBe('[text:twenty characters ok]');
      expect(got.filter((l) => l.includes('x:xc') || l.includes('x:xd'))).toEqual([]);
      expect(line('x:ea', 'x:eb')?.split('|').slice(2, 5)).toEqual([
        '4',
        '60.0',
        '[url:https://ev.example/b, url:https://ev.example/d, url:https://ev.example/a]',
      ]);
    } finally {
      store.close();
    }
  });
});
