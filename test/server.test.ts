// The workspace API in process (Fastify inject, no port): every route, bad input, injection
// attempts, page bounds, the audit chain and its tamper check, decisions in the takedown list.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FirstPagesOutcome } from '../src/server/account-page-file.js';
import { FIRST_PAGES, FirstPages } from '../src/server/account-page-file.js';
import { buildApp } from '../src/server/index.js';
import { ensureWorkspaceIndex } from '../src/server/index.js';
import type { AccountPageParts } from '../src/server/server.sql.js';
import { accountPage, accountPageParts, loadAccountKeys } from '../src/server/server.sql.js';
import { computeCoShare, SIGNALS } from '../src/signals/index.js';
import type { Store } from '../src/store/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import { analyzedCase } from './helpers/analyzed-case.js';
import { FIXED_NOW } from './helpers/ingest-fixture.js';

const TOKEN = 'test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const BO = { authorization: 'Bearer token-of-bo-0123456789' };
const ANALYSTS = [
  { name: 'ana', token: TOKEN },
  { name: 'bo', token: 'token-of-bo-0123456789' },
];

describe('workspace API', () => {
  let store: Store;
  let app: FastifyInstance;
  let casePath: string;
  let pristine: string;

  beforeAll(async () => {
    const made = await analyzedCase('unmask-server-', { scenario: 'ring', seed: 2, accounts: 300 });
    casePath = made.casePath;
    pristine = join(made.root, 'pristine.duckdb');
    copyFileSync(casePath, pristine);
    store = await openStore(casePath);
    // A clock that moves a second per reading: the audit log's times then show its order.
    let tick = 0;
    app = await buildApp(store, {
      casePath,
      analysts: ANALYSTS,
      now: () => FIXED_NOW + 1000 * tick++,
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    store?.close();
  });

  /** A request with the access token. */
  const call = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...AUTH, ...(opts.headers ?? {}) } });
  const get = async (url: string) => {
    const r = await call({ method: 'GET', url });
    return {
      status: r.statusCode,
      body: String(r.headers['content-type']).includes('json') ? r.json() : r.body,
    };
  };

  /**
   * An app of its own over a fresh copy of the analysed case, for the tests that record decisions
   * (or tamper with the log): each sees only its own, whatever order the tests run in.
   */
  async function ownApp(log?: (line: string) => void) {
    const ownPath = join(mkdtempSync(join(tmpdir(), 'unmask-server-own-')), 'case.duckdb');
    copyFileSync(pristine, ownPath);
    const ownStore = await openStore(ownPath);
    let tick = 0;
    const ownServer = await buildApp(ownStore, {
      casePath: ownPath,
      analysts: ANALYSTS,
      now: () => FIXED_NOW + 1000 * tick++,
      ...(log ? { log } : {}),
    });
    const ownCall = (opts: InjectOptions) =>
      ownServer.inject({ ...opts, headers: { ...AUTH, ...(opts.headers ?? {}) } });
    return {
      store: ownStore,
      casePath: ownPath,
      call: ownCall,
      get: async (url: string) => {
        const r = await ownCall({ method: 'GET', url });
        return {
          status: r.statusCode,
          body: String(r.headers['content-type']).includes('json') ? r.json() : r.body,
        };
      },
      close: async () => {
        await ownServer.close();
        ownStore.close();
      },
    };
  }

  it('describes itself (OpenAPI) and the case', async () => {
    const openapi = await get('/openapi.json');
    expect(openapi.status).toBe(200);
    for (const p of [
      '/api/clusters',
      '/api/clusters/{id}',
      '/api/accounts/{platform}/{accountId}',
      '/api/review',
      '/api/audit',
      '/api/search',
      '/api/signals',
    ])
      expect(Object.keys(openapi.body.paths)).toContain(p);
    const s = await get('/api/summary');
    expect(s.status).toBe(200);
    expect(Number(s.body.flagged_accounts)).toBe(40);
  });

  it('serves the signal registry: every signal once, with its family and a colour', async () => {
    const r = await get('/api/signals');
    expect(r.status).toBe(200);
    const names = r.body.signals.map((s: { name: string }) => s.name);
    expect(names).toEqual(SIGNALS.map((s) => s.name));
    expect(new Set(names).size).toBe(names.length);
    for (const s of r.body.signals) {
      expect(s.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(['timing', 'content', 'infrastructure', 'supporting']).toContain(s.family);
    }
    expect(r.body.signals.find((s: { name: string }) => s.name === 'co-share:text').family).toBe(
      'content',
    );
  });

  it('pages clusters, opens one with members, profile and network edges, and an account', async () => {
    const list = await get('/api/clusters?limit=5&sort=size');
    expect(list.status).toBe(200);
    const ring = list.body.items.find((c: { flagged: boolean }) => c.flagged);
    expect(ring.size).toBe(40);
    const one = await get(`/api/clusters/${ring.id}?limit=10`);
    expect(one.status).toBe(200);
    expect(one.body.members).toHaveLength(10);
    expect(one.body.profile.clock).toBeDefined();
    expect(one.body.edges.length).toBe(780);
    const bounded = await get(`/api/clusters/${ring.id}?limit=1&edges=5&neighbours=0`);
    expect(bounded.body.edges).toHaveLength(5);
    expect(bounded.body.neighbourhood).toEqual([]);
    expect((await get(`/api/clusters/${ring.id}?neighbours=1001`)).status).toBe(400);
    const m = one.body.members[0];
    const acc = await get(`/api/accounts/${m.platform}/${m.account_id}`);
    expect(acc.status).toBe(200);
    expect(acc.body.membership.cluster_id).toBe(ring.id);
    expect(acc.body.edges.some((e: { signal: string }) => e.signal === 'co-share:post')).toBe(true);
    const e = one.body.edges[0];
    const ev = await get(
      `/api/evidence?signal=co-share:post&platformA=${e.platform_a}&accountA=${e.account_a}&platformB=${e.platform_b}&accountB=${e.account_b}`,
    );
    expect(ev.status).toBe(200);
    expect(ev.body.pairs.length).toBeGreaterThan(0);
    expect(ev.body.pairs[0].dtSeconds).toBeLessThanOrEqual(60);
  });

  it("pages an account's links and posts from the index, which follows the case's edges", async () => {
    // Its own app: it recomputes a signal, which the other tests must not see.
    const own = await ownApp();
    const { store, get } = own;
    try {
      const ring = (await get('/api/clusters?sort=size&limit=1')).body.items[0];
      const m = (await get(`/api/clusters/${ring.id}?limit=1`)).body.members[0];
      const url = `/api/accounts/${m.platform}/${m.account_id}`;
      const [truth] = await queryRows(
        store,
        `SELECT count(*) AS edges FROM signal_edges WHERE (platform_a = '${m.platform}' AND account_a = '${m.account_id}') OR (platform_b = '${m.platform}' AND account_b = '${m.account_id}')`,
      );
      const first = (await get(`${url}?edgeLimit=5&limit=3`)).body;
      const total = first.edgeCounts.reduce((n: number, c: { edges: number }) => n + c.edges, 0);
      expect(total).toBe(Number(truth!.edges));
      expect(first.edges).toHaveLength(5);
      expect(first.posts).toHaveLength(3);
      // The links themselves, as the case's edges give them: by signal, strongest first, then the
      // other account; the first three evidence objects.
      const me = `('${m.platform}', '${m.account_id}')`;
      const links = await queryRows(
        store,
        `SELECT signal, other_platform, other_account, weight, expected, evidence[1:3] AS evidence FROM (
         SELECT *, CASE WHEN (platform_a, account_a) = ${me} THEN platform_b ELSE platform_a END AS other_platform,
           CASE WHEN (platform_a, account_a) = ${me} THEN account_b ELSE account_a END AS other_account
         FROM signal_edges WHERE (platform_a, account_a) = ${me} OR (platform_b, account_b) = ${me})
       ORDER BY signal, weight DESC, other_platform, other_account`,
      );
      expect(links.length).toBeGreaterThan(5);
      const page = (await get(`${url}?edgeLimit=${Math.min(links.length, 500)}`)).body.edges;
      expect(page).toEqual(links.slice(0, 500));
      expect(links.some((l) => (l.evidence as string[]).length === 3)).toBe(true);
      const [posts] = await queryRows(
        store,
        `SELECT count(*) AS n FROM posts WHERE platform = '${m.platform}' AND account_id = '${m.account_id}'`,
      );
      expect(first.postsTotal).toBe(Number(posts!.n));
      const second = (await get(`${url}?edgeLimit=5&edgeOffset=5`)).body;
      const key = (e: { signal: string; other_account: string }) =>
        `${e.signal}/${e.other_account}`;
      expect(second.edges.map(key)).not.toContain(key(first.edges[0]));
      expect((await get(`${url}?edgeLimit=1000`)).status).toBe(400);
      // A signal recomputed with other parameters: the next start rebuilds the index.
      expect(await ensureWorkspaceIndex(store)).toBe(false);
      await computeCoShare(store, 'co-share:hashtag', {
        window: 60,
        minWeight: 1e9,
        evidenceLimit: 20,
      });
      expect(await ensureWorkspaceIndex(store)).toBe(true);
      // So do new profiles (an account page shows its cluster's operator clock).
      await store.connection.run(`INSERT INTO profiles VALUES ('group-test', 'op', '{}')`);
      expect(await ensureWorkspaceIndex(store)).toBe(true);
      await store.connection.run(`DELETE FROM profiles WHERE group_id = 'group-test'`);
      expect(await ensureWorkspaceIndex(store)).toBe(true);
      const after = (await get(`${url}?edgeLimit=200`)).body;
      expect(after.edgeCounts.map((c: { signal: string }) => c.signal)).not.toContain(
        'co-share:hashtag',
      );
    } finally {
      await own.close();
    }
  });

  it("keeps every account's first page in a file beside the case, the same as the index gives it, and writes it again for another state of the case", async () => {
    const keys = await loadAccountKeys(store);
    const dir = mkdtempSync(join(tmpdir(), 'unmask-pages-'));
    const path = join(dir, 'case.duckdb.pages');
    const pages = await FirstPages.start(store, keys, path);
    await pages.ready;
    const file = pages.current;
    expect(file).not.toBeNull();
    try {
      expect(file!.accounts).toBe(keys.names.length);
      // Parts but their size estimate (the file's counts the record's bytes).
      const withoutSize = (p: AccountPageParts | null) => p && { ...p, bytes: 0 };
      for (const [ak, [platform, accountId]] of keys.names.entries())
        expect(
          withoutSize(file!.parts(ak, platform, accountId)),
          `${platform}:${accountId}`,
        ).toEqual(
          withoutSize(await accountPageParts(store, keys, platform, accountId, FIRST_PAGES)),
        );
      // The app answers the first page from it (other pages from the index), as the index gives it.
      const m = (await get('/api/clusters?limit=1&sort=score')).body.items[0];
      const member = (await get(`/api/clusters/${m.id}?limit=1`)).body.members[0];
      const url = `/api/accounts/${member.platform}/${member.account_id}`;
      const first = (await get(url)).body;
      expect(first.links.length).toBeGreaterThan(0);
      const parts = await accountPageParts(
        store,
        keys,
        member.platform,
        member.account_id,
        FIRST_PAGES,
      );
      expect(first).toEqual(JSON.parse(accountPage(parts!, new Map(), first.operation)));
      expect((await get(`${url}?linkLimit=19`)).body.links).toEqual(first.links.slice(0, 19));
    } finally {
      await pages.close();
    }
    // Another state of the case (its header says which): written again.
    writeFileSync(path, 'stale\n');
    const again = await FirstPages.start(store, keys, path);
    await again.ready;
    expect(again.current?.accounts).toBe(keys.names.length);
    await again.close();
    // A folder it cannot write to: none, the pages come from the index.
    const refused = await FirstPages.start(store, keys, join(dir, 'missing', 'case.pages'));
    await refused.ready;
    expect(refused.current).toBeNull();
  });

  it('writes the first pages in the background when the case changed, and opens a current file at once', async () => {
    const keys = await loadAccountKeys(store);
    const dir = mkdtempSync(join(tmpdir(), 'unmask-first-pages-'));
    const path = join(dir, 'case.duckdb.pages');
    const outcomes: FirstPagesOutcome[] = [];
    // No file yet: the server starts without it and the write goes on beside it.
    const pages = await FirstPages.start(store, keys, path, (o) => outcomes.push(o));
    expect(pages.current).toBeNull();
    await pages.ready;
    expect(outcomes).toEqual([{ written: true, seconds: expect.any(Number) }]);
    expect(pages.current?.accounts).toBe(keys.names.length);
    await pages.close();
    // A current file: open at once, nothing written or told.
    const again = await FirstPages.start(store, keys, path, (o) => outcomes.push(o));
    expect(again.current?.accounts).toBe(keys.names.length);
    await again.close();
    expect(outcomes).toHaveLength(1);
    // Closed while writing (another state of the case): not opened, not told, no temporary file.
    writeFileSync(path, 'stale\n');
    const stopped = await FirstPages.start(store, keys, path, (o) => outcomes.push(o));
    await stopped.close();
    expect(stopped.current).toBeNull();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(outcomes).toHaveLength(1);
    // A folder it cannot write to: told why; the pages come from the index.
    const refused = await FirstPages.start(store, keys, join(dir, 'missing', 'case.pages'), (o) =>
      outcomes.push(o),
    );
    await refused.ready;
    expect(refused.current).toBeNull();
    expect(outcomes[1]).toMatchObject({ written: false, error: expect.stringMatching(/ENOENT/) });
  });

  it('answers bad requests with 4xx and a message, never a crash', async () => {
    expect((await get('/api/clusters/999999')).status).toBe(404);
    expect((await get('/api/clusters/abc')).status).toBe(400);
    expect((await get('/api/clusters?limit=100000')).status).toBe(400);
    expect((await get('/api/clusters?sort=score;DROP')).status).toBe(400);
    expect((await get('/api/accounts/x/nobody-here')).status).toBe(404);
    expect((await get('/api/search')).status).toBe(400);
    const bad = await call({
      method: 'POST',
      url: '/api/review',
      payload: '{"action":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBeTruthy();
    const wrong = await call({
      method: 'POST',
      url: '/api/review',
      payload: { action: 'confirm-cluster', target: 'account:x:1', rationale: 'r' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/does not apply/);
    expect((await get('/api/export/nothing')).status).toBe(400);
  });

  it('logs each 500 with its route and error, never the query string (a download may carry the token)', async () => {
    const lines: string[] = [];
    const own = await ownApp((line) => lines.push(line));
    try {
      expect((await own.get('/api/summary')).status).toBe(200);
      expect(lines).toEqual([]);
      // A case the server cannot read any more: the summary and the takedown list fail.
      await own.store.connection.run('DROP TABLE cluster_members');
      const r = await own.get('/api/summary');
      expect(r.status).toBe(500);
      expect(r.body.message).not.toMatch(/cluster_members/);
      const d = await own.call({ method: 'GET', url: `/api/export/takedown?token=${TOKEN}` });
      expect(d.statusCode).toBe(500);
      expect(lines).toHaveLength(2);
      const [summary, download] = lines.map((l) => l.split('\n'));
      expect(summary?.[0]).toMatch(/ 500 GET \/api\/summary \(\/api\/summary\): .*cluster_members/);
      expect(download?.[0]).toMatch(
        / 500 GET \/api\/export\/:what \(\/api\/export\/takedown\): .*cluster_members/,
      );
      // The rest of the message (and the stack, where the error has one) follows, indented.
      expect(summary?.slice(1).every((l) => l.startsWith('  '))).toBe(true);
      expect(lines.join('\n')).not.toContain(TOKEN);
    } finally {
      await own.close();
    }
  });

  it('treats injection attempts in searches as text', async () => {
    for (const q of ["'; DROP TABLE posts; --", "%' OR 1=1 --", '\\', '_%_'])
      for (const kind of ['handle', 'text', 'url', 'hashtag']) {
        const r = await get(`/api/search?kind=${kind}&q=${encodeURIComponent(q)}`);
        expect(r.status, `${kind} ${q}`).toBe(200);
        expect(r.body.items).toEqual([]);
      }
    expect(await queryRows(store, 'SELECT count(*) > 0 AS ok FROM posts')).toEqual([{ ok: true }]);
    const ring = (await get('/api/clusters?sort=size&limit=1')).body.items[0];
    const member = (await get(`/api/clusters/${ring.id}?limit=1`)).body.members[0];
    const found = await get(
      `/api/search?kind=handle&q=${encodeURIComponent(member.handle.slice(0, 6))}`,
    );
    expect(
      found.body.items.some((i: { account_id: string }) => i.account_id === member.account_id),
    ).toBe(true);
  });

  it('records the reviewer from the token and refuses a reviewer in the body', async () => {
    expect((await get('/api/me')).body).toEqual({ reviewer: 'ana' });
    const asBo = await call({ method: 'GET', url: '/api/me', headers: BO });
    expect(asBo.json()).toEqual({ reviewer: 'bo' });
    const before = (await get('/api/audit?limit=200')).body.items.length;
    const ring = (await get('/api/clusters?sort=size&limit=1')).body.items[0];
    const named = await call({
      method: 'POST',
      url: '/api/review',
      payload: {
        reviewer: 'someone else',
        action: 'confirm-cluster',
        target: `cluster:${ring.id}`,
        rationale: 'r',
      },
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().message).toMatch(/must not have 'reviewer'.*access token.*\/api\/me/);
    const unknown = await call({
      method: 'POST',
      url: '/api/review',
      payload: { action: 'confirm-cluster', target: `cluster:${ring.id}`, rationale: 'r', x: 1 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe("body must not have 'x'");
    expect((await get('/api/audit?limit=200')).body.items).toHaveLength(before);
  });

  it('records 20 decisions sent at once, one after another: all 201, numbered and timed in turn, the chain verifies', async () => {
    const own = await ownApp();
    const { call, get } = own;
    try {
      const ring = (await get('/api/clusters?sort=size&limit=1')).body.items[0];
      const before = (await get('/api/audit?limit=200')).body.items.length as number;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call({
            method: 'POST',
            url: '/api/review',
            headers: i % 2 ? BO : AUTH,
            payload: {
              action: 'confirm-cluster',
              target: `cluster:${ring.id}`,
              rationale: `decision ${i}`,
            },
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(new Array(20).fill(201));
      const audit = await get(`/api/audit?offset=${before}&limit=200`);
      const items = audit.body.items as Array<Record<string, string | number>>;
      expect(items.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => before + 1 + i));
      for (let i = 1; i < items.length; i++) {
        expect(items[i]!.prevHash).toBe(items[i - 1]!.hash);
        expect(String(items[i]!.at) > String(items[i - 1]!.at)).toBe(true);
      }
      // Each client was told the entry that was recorded, under the name of its token.
      for (const r of responses) {
        const told = r.json();
        expect(items.find((e) => e.seq === told.seq)).toEqual(told);
        const i = Number(/decision (\d+)/.exec(told.rationale)![1]);
        expect(told.reviewer).toBe(i % 2 ? 'bo' : 'ana');
      }
      expect(audit.body.verified).toEqual({ ok: true, entries: before + 20, brokenAt: null });
    } finally {
      await own.close();
    }
  });

  it('records decisions in a hash-chained audit log that shows tampering, the takedown list and the pages follow them', async () => {
    const own = await ownApp();
    const { store, casePath, call, get } = own;
    try {
      const clusters = (await get('/api/clusters?sort=size&limit=5')).body.items as Array<{
        id: number;
        flagged: boolean;
        category: string;
      }>;
      const ring = clusters.find((c) => c.flagged) as { id: number };
      const bots = clusters.find((c) => c.category === 'automated') as { id: number };
      const post = (payload: object, headers: Record<string, string> = AUTH) =>
        call({ method: 'POST', url: '/api/review', payload, headers });
      const before = (await get('/api/audit?limit=200')).body.items.length as number;
      const first = await post({
        action: 'confirm-cluster',
        target: `cluster:${ring.id}`,
        rationale: 'same post within 10 s, 150 times',
      });
      expect(first.statusCode).toBe(201);
      const ringMembers = (await get(`/api/clusters/${ring.id}?limit=200`)).body.members as Array<{
        platform: string;
        account_id: string;
      }>;
      const spared = ringMembers[0] as { platform: string; account_id: string };
      expect(
        (
          await post({
            action: 'exclude-account',
            target: `account:${spared.platform}:${spared.account_id}`,
            rationale: 'verified journalist',
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await post(
            {
              action: 'dismiss-cluster',
              target: `cluster:${bots.id}`,
              rationale: 'news feeds on a timer',
            },
            BO,
          )
        ).statusCode,
      ).toBe(201);
      const audit = await get('/api/audit?limit=200');
      const mine = audit.body.items.slice(before);
      expect(mine.map((e: { reviewer: string }) => e.reviewer)).toEqual(['ana', 'ana', 'bo']);
      expect(audit.body.verified).toEqual({ ok: true, entries: before + 3, brokenAt: null });
      expect(mine[1].prevHash).toBe(mine[0].hash);

      const takedown = await get('/api/export/takedown');
      expect(takedown.status).toBe(200);
      const lines = String(takedown.body).trim().split('\n');
      expect(lines).toHaveLength(40);
      expect(String(takedown.body)).toContain(
        'confirm-cluster by ana,"same post within 10 s, 150 times"',
      );
      expect(String(takedown.body)).not.toContain(`,${spared.account_id},`);

      await store.connection.run(
        `UPDATE audit_log SET rationale = 'nothing to see' WHERE seq = ${before + 2}`,
      );
      expect((await get('/api/audit')).body.verified).toEqual({
        ok: false,
        entries: before + 3,
        brokenAt: before + 2,
      });

      // The latest decision on each cluster and account: status, reviewer and time.
      {
        const clusters = (await get('/api/clusters?sort=size&limit=200')).body.items as Array<{
          id: number;
          flagged: boolean;
          category: string;
          review: Record<string, unknown> | null;
        }>;
        const ring = clusters.find((c) => c.flagged)!;
        const bots = clusters.find((c) => c.category === 'automated')!;
        const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(ring.review).toMatchObject({
          status: 'confirmed',
          action: 'confirm-cluster',
          reviewer: 'ana',
          rationale: 'same post within 10 s, 150 times',
          at: iso,
        });
        expect(bots.review).toMatchObject({ status: 'dismissed', reviewer: 'bo', at: iso });
        expect(
          clusters.filter((c) => c.id !== ring.id && c.id !== bots.id).map((c) => c.review),
        ).toEqual(clusters.filter((c) => c.id !== ring.id && c.id !== bots.id).map(() => null));
        const detail = (await get(`/api/clusters/${ring.id}?limit=2`)).body;
        expect(detail.review).toEqual(ring.review);
        const [spared, other] = detail.members as Array<{ platform: string; account_id: string }>;
        const account = async (m: { platform: string; account_id: string }) =>
          (await get(`/api/accounts/${m.platform}/${m.account_id}?limit=1&edgeLimit=1`)).body;
        const a = await account(spared!);
        expect(a.review).toMatchObject({
          status: 'excluded',
          action: 'exclude-account',
          reviewer: 'ana',
        });
        expect(a.clusterReview).toEqual(ring.review);
        const b = await account(other!);
        expect(b.review).toBeNull();
        expect(b.clusterReview).toEqual(ring.review);
        // A server started later reads them from the audit log.
        const again = await buildApp(store, { casePath, analysts: ANALYSTS, now: () => FIXED_NOW });
        try {
          const list = (
            await again.inject({
              method: 'GET',
              url: '/api/clusters?sort=size&limit=200',
              headers: AUTH,
            })
          ).json().items as typeof clusters;
          expect(list.map((c) => c.review)).toEqual(clusters.map((c) => c.review));
        } finally {
          await again.close();
        }
      }
    } finally {
      await own.close();
    }
  });

  it("lists an account outside the clusters that an analyst included, with the decision's reviewer and note; search shows decisions", async () => {
    const own = await ownApp();
    try {
      const [outside] = await queryRows(
        own.store,
        `SELECT a.platform, a.account_id, a.handle FROM accounts a
         WHERE (a.platform, a.account_id) NOT IN (SELECT (platform, account_id) FROM cluster_members)
           AND a.handle IS NOT NULL
         ORDER BY a.account_id LIMIT 1`,
      );
      const { platform, account_id, handle } = outside as Record<string, string>;
      const target = `account:${platform}:${account_id}`;
      const takedown = async () => String((await own.get('/api/export/takedown')).body);
      expect(await takedown()).not.toContain(`,${account_id},`);
      const found = async () =>
        (await own.get(`/api/search?kind=handle&q=${encodeURIComponent(handle!)}`)).body
          .items as Array<Record<string, unknown>>;
      expect((await found()).find((i) => i.account_id === account_id)).toMatchObject({
        cluster: null,
        review: null,
        clusterReview: null,
      });

      const decided = await own.call({
        method: 'POST',
        url: '/api/review',
        headers: BO,
        payload: {
          action: 'include-account',
          target,
          rationale: 'posts the same leaflet, by hand',
        },
      });
      expect(decided.statusCode).toBe(201);
      const rows = (await takedown()).trim().split('\n');
      const row = rows.find((l) => l.includes(`,${account_id},`));
      expect(row).toBeDefined();
      expect(row).toContain(`${platform},`);
      expect(row).toContain(`,${handle},`);
      expect(row).toMatch(/,include-account by bo,"posts the same leaflet, by hand"$/);
      // The members are listed as before (40 flagged) and the included account after them.
      expect(rows).toHaveLength(1 + 40 + 1);
      expect(rows.at(-1)).toBe(row);
      expect((await found()).find((i) => i.account_id === account_id)?.review).toMatchObject({
        status: 'included',
        reviewer: 'bo',
      });

      // Excluded again: off the list.
      await own.call({
        method: 'POST',
        url: '/api/review',
        payload: { action: 'exclude-account', target, rationale: 'a local newspaper after all' },
      });
      expect(await takedown()).not.toContain(`,${account_id},`);

      // A member shows its cluster's decision until it has its own.
      const ring = (await own.get('/api/clusters?limit=1')).body.items[0] as { id: number };
      const member = (await own.get(`/api/clusters/${ring.id}?limit=1`)).body.members[0] as {
        account_id: string;
        handle: string;
      };
      await own.call({
        method: 'POST',
        url: '/api/review',
        payload: { action: 'confirm-cluster', target: `cluster:${ring.id}`, rationale: 'ring' },
      });
      const hit = (
        await own.get(`/api/search?kind=handle&q=${encodeURIComponent(member.handle)}`)
      ).body.items.find((i: { account_id: string }) => i.account_id === member.account_id);
      expect(hit).toMatchObject({ cluster: ring.id, review: null });
      expect(hit.clusterReview).toMatchObject({ status: 'confirmed', reviewer: 'ana' });
    } finally {
      await own.close();
    }
  });

  it('serves the report, STIX and graphs as downloads', async () => {
    const report = await call({ method: 'GET', url: '/api/export/report' });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('<svg');
    const stix = await call({ method: 'GET', url: '/api/export/stix' });
    expect(stix.json().type).toBe('bundle');
    const gexf = await call({ method: 'GET', url: '/api/export/gexf' });
    expect(gexf.body).toContain('<gexf');
  });

  it('never changes the case from a GET: exports leave every table as it was, with profiles stored or not', async () => {
    /** Each table of the case: its row count and a hash of its rows. */
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          (
            await queryRows(
              store,
              `SELECT table_name FROM information_schema.tables
               WHERE table_type = 'BASE TABLE' AND table_catalog <> 'temp' ORDER BY table_name`,
            )
          ).map(async ({ table_name: t }) => {
            const [r] = await queryRows(
              store,
              `SELECT count(*) AS n, bit_xor(hash(t)) AS h FROM "${String(t)}" t`,
            );
            return [String(t), `${r!.n}/${r!.h}`] as const;
          }),
        ),
      );
    const downloads = ['report', 'stix', 'takedown', 'gexf', 'graphml'];
    const fetchAll = async (server: FastifyInstance) => {
      const bodies: Record<string, string> = {};
      for (const what of downloads) {
        const r = await server.inject({ method: 'GET', url: `/api/export/${what}`, headers: AUTH });
        expect(r.statusCode, what).toBe(200);
        bodies[what] = r.body;
      }
      return bodies;
    };
    const stored = await snapshot();
    expect(Number(stored.profiles!.split('/')[0])).toBeGreaterThan(0);
    const withProfiles = await fetchAll(app);
    expect(await snapshot()).toEqual(stored);
    // Without stored profiles, the exports compute them in memory and still write nothing.
    await store.connection.run('CREATE OR REPLACE TEMP TABLE kept_profiles AS FROM profiles');
    await store.connection.run('DELETE FROM profiles');
    const fresh = await buildApp(store, { casePath, analysts: ANALYSTS, now: () => FIXED_NOW });
    try {
      const empty = await snapshot();
      expect(empty.profiles).toMatch(/^0\//);
      const computed = await fetchAll(fresh);
      expect(await snapshot()).toEqual(empty);
      expect(computed.stix).toBe(withProfiles.stix);
      expect(computed.takedown).toBe(withProfiles.takedown);
    } finally {
      await fresh.close();
      await store.connection.run('INSERT INTO profiles FROM kept_profiles');
    }
  }, 60_000);

  it('answers 401 on every API route without the token, with a wrong one, or with the path percent-encoded', async () => {
    const spec = (await call({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({
        method: m.toUpperCase() as 'GET' | 'POST',
        url: path
          .replace('{id}', '1')
          .replace('{platform}', 'x')
          .replace('{accountId}', 'a')
          .replace('{what}', 'takedown'),
      })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(9);
    expect(routes).toContainEqual({ method: 'POST', url: '/api/review' });
    const auditBefore = (await get('/api/audit')).body.items.length;
    const decision = {
      action: 'dismiss-cluster',
      target: 'cluster:0',
      rationale: 'nothing here',
    };
    // The router decodes percent-escapes, so each spelling below reaches a real route.
    const spell = (url: string) => [
      url,
      url.replace('/api/', '/%61pi/'),
      url.replace('/api/', '/%61%70%69/'),
      url.replace(/\/api\/(.)/, (_m, c: string) => `/api/%${c.charCodeAt(0).toString(16)}`),
    ];
    for (const r of routes)
      for (const url of spell(r.url))
        for (const headers of [
          {},
          { authorization: 'Bearer wrong-token-0123456789abcdef' },
          { authorization: `Basic ${TOKEN}` },
          { authorization: `Bearer ${TOKEN}x` },
        ]) {
          const res = await app.inject({
            method: r.method,
            url,
            headers,
            ...(r.method === 'POST' ? { payload: decision } : {}),
          });
          expect(res.statusCode, `${r.method} ${url} ${JSON.stringify(headers)}`).toBe(401);
        }
    expect((await get('/api/audit')).body.items.length).toBe(auditBefore);
    // With the token the same encoded spellings are served: the check sees the routed path.
    expect((await get('/%61pi/summary')).status).toBe(200);
    expect((await get('/api/%73ummary')).status).toBe(200);
  });

  it('takes the token in the query only for downloads, and the scheme name in any case', async () => {
    const q = `token=${encodeURIComponent(TOKEN)}`;
    expect((await app.inject({ method: 'GET', url: `/api/export/takedown?${q}` })).statusCode).toBe(
      200,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/%61pi/export/takedown?${q}` })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/export/takedown?token=wrong' })).statusCode,
    ).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/summary?${q}` })).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/summary',
          headers: { authorization: `bearer ${TOKEN}` },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a Host header it was not started for (DNS rebinding), on every path', async () => {
    for (const host of ['evil.example', 'evil.example:8787', '127.0.0.1.evil.example'])
      for (const url of ['/api/summary', '/', '/openapi.json']) {
        const r = await call({ method: 'GET', url, headers: { host } });
        expect(r.statusCode, `${host} ${url}`).toBe(421);
      }
    for (const host of ['127.0.0.1:8787', 'localhost', 'LOCALHOST:1', '[::1]:8787'])
      expect(
        (await call({ method: 'GET', url: '/api/summary', headers: { host } })).statusCode,
      ).toBe(200);
  });
});

describe('unmask serve', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
        env: { ...process.env, TZ: 'UTC', UNMASK_TOKEN: '' },
      });
      let out = '';
      child.stdout.on('data', (d) => (out += String(d)));
      child.stderr.on('data', (d) => (out += String(d)));
      child.on('close', (code) => resolve({ code, out }));
    });

  /** Starts `unmask serve` on a new empty case; resolves with its printed lines once it listens. */
  const startServer = async (args: string[], env: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-serve-'));
    const casePath = join(dir, 'c.duckdb');
    (await openStore(casePath)).close();
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--case', casePath, '--port', '0', ...args],
      { env: { ...process.env, TZ: 'UTC', UNMASK_TOKEN: '', ...env } },
    );
    let out = '';
    const link = await new Promise<string>((resolve, reject) => {
      const seen = (d: Buffer) => {
        out += String(d);
        const m = /opens? (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      };
      server.stdout.on('data', seen);
      server.stderr.on('data', seen);
      server.on('close', () => reject(new Error(`serve exited: ${out}`)));
    });
    return { server, casePath, link: new URL(link), out: () => out };
  };

  it('generates a token when none is given, prints it once as a link, and HTTP requests need it', async () => {
    const { server, link, out } = await startServer(['--reviewer', 'Ana Lima']);
    try {
      const token = link.searchParams.get('token') as string;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(out().split(token).length - 1).toBe(1);
      const base = link.origin;
      expect((await fetch(`${base}/api/summary`)).status).toBe(401);
      expect((await fetch(`${base}/%61pi/summary`)).status).toBe(401);
      const denied = await fetch(`${base}/%61pi/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'confirm-cluster',
          target: 'cluster:0',
          rationale: 'r',
        }),
      });
      expect(denied.status).toBe(401);
      const ok = await fetch(`${base}/%61pi/summary`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.status).toBe(200);
      expect(out()).toContain('(decisions are recorded as Ana Lima; a new token for this run');
      const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ reviewer: 'Ana Lima' });
    } finally {
      server.kill('SIGTERM');
    }
  }, 60_000);

  it('reads the token from a file or UNMASK_TOKEN, never needing it on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-token-'));
    const file = join(dir, 'token');
    writeFileSync(file, 'from-a-file-0123456789\n');
    const fromFile = await startServer(['--token-file', file]);
    try {
      expect(fromFile.link.searchParams.get('token')).toBe('from-a-file-0123456789');
      expect(fromFile.out()).not.toMatch(/a new token/);
      // Without --reviewer, decisions are the OS user's.
      const me = await fetch(`${fromFile.link.origin}/api/me`, {
        headers: { authorization: 'Bearer from-a-file-0123456789' },
      });
      expect(await me.json()).toEqual({ reviewer: userInfo().username });
    } finally {
      fromFile.server.kill('SIGTERM');
    }
    const fromEnv = await startServer([], { UNMASK_TOKEN: 'from-the-environment-42' });
    try {
      const r = await fetch(`${fromEnv.link.origin}/api/summary`, {
        headers: { authorization: 'Bearer from-the-environment-42' },
      });
      expect(r.status).toBe(200);
    } finally {
      fromEnv.server.kill('SIGTERM');
    }
    writeFileSync(file, 'short\n');
    const bad = await cli(['serve', '--case', join(dir, 'c.duckdb'), '--token-file', file]);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--token-file .*token: an access token needs at least 16/);
  }, 60_000);

  it('names the analysts from a users file: each token is accepted and stands for its name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-users-'));
    const file = join(dir, 'users.txt');
    writeFileSync(
      file,
      '# analysts of this case\nAna Lima:ana-token-0123456789\n\nbo:bo:token:with:colons\n',
      { mode: 0o600 },
    );
    const { server, link, out } = await startServer(['--users', file]);
    try {
      expect(out()).toMatch(
        /2 analysts from .*users\.txt; each opens http:\/\/127\.0\.0\.1:\d+\/\?token=<their token>/,
      );
      expect(out()).not.toMatch(/ana-token|bo:token|can be read by other users/);
      const me = async (token: string) => {
        const r = await fetch(`${link.origin}/api/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return r.status === 200 ? ((await r.json()) as { reviewer: string }).reviewer : r.status;
      };
      expect(await me('ana-token-0123456789')).toBe('Ana Lima');
      expect(await me('bo:token:with:colons')).toBe('bo');
      expect(await me('ana-token-012345678')).toBe(401);
    } finally {
      server.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a bad users file, naming its line, and a token given besides it (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-users-'));
    const casePath = join(dir, 'c.duckdb');
    const file = join(dir, 'users.txt');
    writeFileSync(file, 'ana:ana-token-0123456789\nbo:short\n');
    const bad = await cli(['serve', '--case', casePath, '--users', file]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain(`${file}: line 2: an access token needs at least 16`);
    writeFileSync(file, 'ana:ana-token-0123456789\n');
    const both = await cli(['serve', '--case', casePath, '--users', file, '--reviewer', 'x']);
    expect(both.code).toBe(2);
    expect(both.out).toMatch(
      /--users .*users\.txt: each analyst's name and token come from the file; drop --reviewer/,
    );
  }, 60_000);

  it('says a busy port is in use (exit 2) before it builds the index', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'unmask-port-'));
      // A new case: serving it would build the workspace index first.
      const casePath = join(dir, 'c.duckdb');
      (await openStore(casePath)).close();
      const r = await cli(['serve', '--case', casePath, '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.out).toContain(`unmask: 127.0.0.1:${port} is in use by another program`);
      expect(r.out).not.toMatch(/indexing|internal error/);
    } finally {
      busy.close();
    }
  }, 60_000);

  it('holds the case: another command says who has it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-serve-'));
    const casePath = join(dir, 'c.duckdb');
    (await openStore(casePath)).close();
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--case', casePath, '--port', '0'],
      {
        env: { ...process.env, TZ: 'UTC' },
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (d) => String(d).includes('unmask serve:') && resolve());
        server.on('close', () => reject(new Error('serve exited')));
      });
      const r = await cli(['ingest', 'examples/sample-posts.csv', '--case', casePath]);
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/in use by another process/);
    } finally {
      server.kill('SIGTERM');
    }
  }, 60_000);
});
