// Every API route's live answer, on a simulated case, against the schema the route declares
// (ANSWERS in src/server/api-schemas.ts, held to api-types.ts by the type checker): no property
// the schema does not list, none missing, each of its type. The OpenAPI document lists the same
// routes with the same shapes.

import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ANSWERS } from '../src/server/api-schemas.js';
import { buildApp } from '../src/server/index.js';
import type { Store } from '../src/store/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import { analyzedCase } from './helpers/analyzed-case.js';
import { FIXED_NOW } from './helpers/ingest-fixture.js';

const TOKEN = 'test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };

describe('API answers against their schemas', () => {
  let store: Store;
  let app: FastifyInstance;
  /** Live answers by route, several per route where the case gives different shapes. */
  const answers = new Map<string, Array<{ url: string; status: number; body: unknown }>>();

  beforeAll(async () => {
    // Three operations: co-shares, co-replies with their parent posts, shared infrastructure.
    const { casePath } = await analyzedCase('unmask-schemas-', {
      scenario: 'spamouflage+ira+ring',
      seed: 1,
      accounts: 200,
    });
    store = await openStore(casePath);
    // What to ask for: an account per shape (in a cluster with links; outside any cluster), a
    // link per signal, an operation with several clusters, a handle and a word to search.
    const [member] = await queryRows(
      store,
      `SELECT platform, account_id, cluster_id FROM cluster_members ORDER BY score DESC, account_id LIMIT 1`,
    );
    const [loner] = await queryRows(
      store,
      `SELECT platform, account_id FROM accounts ANTI JOIN cluster_members USING (platform, account_id) ORDER BY account_id LIMIT 1`,
    );
    const links = await queryRows(
      store,
      `SELECT DISTINCT ON (signal) signal, platform_a, account_a, platform_b, account_b
       FROM signal_edge_weights w SEMI JOIN detect_pairs p USING (platform_a, account_a, platform_b, account_b)
       ORDER BY signal, weight DESC, account_a, account_b`,
    );
    const [op] = await queryRows(
      store,
      `SELECT operation FROM profiles GROUP BY ALL ORDER BY count(*) DESC, operation LIMIT 1`,
    );
    const [handle] = await queryRows(
      store,
      `SELECT handle FROM accounts WHERE handle IS NOT NULL ORDER BY account_id LIMIT 1`,
    );
    app = await buildApp(store, {
      casePath,
      analysts: [{ name: 'ana', token: TOKEN }],
      now: () => FIXED_NOW,
    });
    const call = async (route: string, method: 'GET' | 'POST', url: string, body?: object) => {
      const r = await app.inject({
        method,
        url,
        headers: AUTH,
        ...(body ? { payload: body } : {}),
      });
      const list = answers.get(route) ?? [];
      list.push({ url, status: r.statusCode, body: r.json() });
      answers.set(route, list);
    };
    const account = (m: Record<string, unknown>) =>
      `/api/accounts/${String(m.platform)}/${encodeURIComponent(String(m.account_id))}`;
    // A decision first, so that the pages carry a review object too.
    await call('POST /review', 'POST', '/api/review', {
      action: 'confirm-cluster',
      target: `cluster:${String(member!.cluster_id)}`,
      rationale: 'same posts within seconds',
    });
    await call('POST /review', 'POST', '/api/review', {
      action: 'exclude-account',
      target: `account:${String(member!.platform)}:${String(member!.account_id)}`,
      rationale: 'a journalist',
    });
    await call('GET /me', 'GET', '/api/me');
    await call('GET /summary', 'GET', '/api/summary');
    await call('GET /signals', 'GET', '/api/signals');
    await call('GET /clusters', 'GET', '/api/clusters?limit=200');
    await call('GET /clusters/:id', 'GET', `/api/clusters/${String(member!.cluster_id)}`);
    await call('GET /accounts/:platform/:accountId', 'GET', account(member!));
    await call('GET /accounts/:platform/:accountId', 'GET', account(loner!));
    for (const l of links)
      await call(
        'GET /evidence',
        'GET',
        `/api/evidence?${new URLSearchParams({
          signal: String(l.signal),
          platformA: String(l.platform_a),
          accountA: String(l.account_a),
          platformB: String(l.platform_b),
          accountB: String(l.account_b),
        }).toString()}`,
      );
    await call('GET /operations', 'GET', '/api/operations');
    await call('GET /operations/:name', 'GET', `/api/operations/${String(op!.operation)}`);
    await call('GET /search', 'GET', `/api/search?kind=handle&q=${String(handle!.handle)}`);
    for (const kind of ['text', 'url', 'hashtag'])
      await call('GET /search', 'GET', `/api/search?kind=${kind}&q=a`);
    await call('GET /audit', 'GET', '/api/audit');
    // Refusals answer the error object.
    await call('GET /clusters/:id', 'GET', '/api/clusters/999999');
    await call('GET /export/:what', 'GET', '/api/export/nothing');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    store?.close();
  });

  it('asks every route the API has (so none is left unchecked)', () => {
    const paths = Object.entries(
      (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (m) => `${m.toUpperCase()} ${path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(paths.sort()).toEqual(Object.keys(ANSWERS).sort());
    expect([...answers.keys()].sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  it("answers each route's declared schema: every property listed, of its type, none extra", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const problems: string[] = [];
    const error = ajv.compile({
      type: 'object',
      additionalProperties: false,
      required: ['error', 'message'],
      properties: { error: { type: 'string' }, message: { type: 'string' } },
    });
    for (const [route, list] of answers) {
      const schema = ANSWERS[route as keyof typeof ANSWERS];
      for (const a of list) {
        const ok = a.status < 300;
        const validate = ok && schema ? ajv.compile(schema) : error;
        if (!validate(a.body))
          problems.push(`${route} ${a.url} (${a.status}): ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(problems).toEqual([]);
    // The case gave the shapes that matter: post pairs with a parent, shared values, reviews.
    const evidence = answers.get('GET /evidence')!.map((a) => a.body as Record<string, unknown[]>);
    expect(evidence.some((e) => (e.values ?? []).length > 0)).toBe(true);
    expect(
      evidence.some((e) => (e.pairs ?? []).some((p) => (p as { parent?: unknown }).parent)),
    ).toBe(true);
    const cluster = answers.get('GET /clusters/:id')![0]!.body as {
      review: unknown;
      members: Array<{ review: unknown }>;
    };
    expect(cluster.review).not.toBeNull();
    expect(cluster.members.filter((m) => m.review !== null)).toHaveLength(1);
  });

  it('describes the real shapes in its OpenAPI document', () => {
    const doc = app.swagger() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const account = doc.paths['/api/accounts/{platform}/{accountId}']!.get!.responses['200'] as {
      content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(account.content['application/json'].schema.properties).sort()).toEqual(
      Object.keys(ANSWERS['GET /accounts/:platform/:accountId'].properties).sort(),
    );
  });
});
