// The workspace API in process (Fastify inject, no port): every route, bad input, injection
// attempts, page bounds, the audit chain and its tamper check, decisions in the takedown list.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyze, silentProgress } from '../src/pipeline/index.js';
import { buildApp } from '../src/server/index.js';
import { computeCoShare } from '../src/signals/index.js';
import { simulate } from '../src/simulate/index.js';
import type { Store } from '../src/store/index.js';
import { ensureWorkspaceIndex, openStore, queryRows } from '../src/store/index.js';
import { FIXED_NOW } from './helpers/ingest-fixture.js';

const TOKEN = 'test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };

describe('workspace API', () => {
  let store: Store;
  let app: FastifyInstance;
  let casePath: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'unmask-server-'));
    simulate({ scenario: 'ring', seed: 2, accounts: 300 }, join(root, 'data'));
    await analyze(
      [join(root, 'data')],
      { out: join(root, 'run') },
      { progress: silentProgress, now: () => FIXED_NOW },
    );
    casePath = join(root, 'run', 'case.duckdb');
    store = await openStore(casePath);
    app = await buildApp(store, { casePath, token: TOKEN, now: () => FIXED_NOW });
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
    ])
      expect(Object.keys(openapi.body.paths)).toContain(p);
    const s = await get('/api/summary');
    expect(s.status).toBe(200);
    expect(Number(s.body.flagged_accounts)).toBe(40);
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
    const key = (e: { signal: string; other_account: string }) => `${e.signal}/${e.other_account}`;
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
      payload: '{"reviewer":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBeTruthy();
    const wrong = await call({
      method: 'POST',
      url: '/api/review',
      payload: { reviewer: 'a', action: 'confirm-cluster', target: 'account:x:1', rationale: 'r' },
    });
    expect(wrong.statusCode).toBe(400);
    expect((await get('/api/export/nothing')).status).toBe(400);
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

  it('records decisions in a hash-chained audit log that shows tampering, and the takedown list follows them', async () => {
    const clusters = (await get('/api/clusters?sort=size&limit=5')).body.items as Array<{
      id: number;
      flagged: boolean;
      category: string;
    }>;
    const ring = clusters.find((c) => c.flagged) as { id: number };
    const bots = clusters.find((c) => c.category === 'automated') as { id: number };
    const post = (payload: object) => call({ method: 'POST', url: '/api/review', payload });
    const first = await post({
      reviewer: 'ana',
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
          reviewer: 'ana',
          action: 'exclude-account',
          target: `account:${spared.platform}:${spared.account_id}`,
          rationale: 'verified journalist',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post({
          reviewer: 'bo',
          action: 'dismiss-cluster',
          target: `cluster:${bots.id}`,
          rationale: 'news feeds on a timer',
        })
      ).statusCode,
    ).toBe(201);
    const audit = await get('/api/audit');
    expect(audit.body.items).toHaveLength(3);
    expect(audit.body.verified).toEqual({ ok: true, entries: 3, brokenAt: null });
    expect(audit.body.items[1].prevHash).toBe(audit.body.items[0].hash);

    const takedown = await get('/api/export/takedown');
    expect(takedown.status).toBe(200);
    const lines = String(takedown.body).trim().split('\n');
    expect(lines).toHaveLength(40);
    expect(String(takedown.body)).toContain(
      'confirm-cluster by ana,"same post within 10 s, 150 times"',
    );
    expect(String(takedown.body)).not.toContain(`,${spared.account_id},`);

    await store.connection.run("UPDATE audit_log SET rationale = 'nothing to see' WHERE seq = 2");
    expect((await get('/api/audit')).body.verified).toEqual({ ok: false, entries: 3, brokenAt: 2 });
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
      reviewer: 'mallory',
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
        const m = /open (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      };
      server.stdout.on('data', seen);
      server.stderr.on('data', seen);
      server.on('close', () => reject(new Error(`serve exited: ${out}`)));
    });
    return { server, casePath, link: new URL(link), out: () => out };
  };

  it('generates a token when none is given, prints it once as a link, and HTTP requests need it', async () => {
    const { server, link, out } = await startServer([]);
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
          reviewer: 'x',
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
