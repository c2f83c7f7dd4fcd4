// The account page's "why" in the workspace API (in process, on a simulated case with co-replies
// and shared infrastructure): significant links with the other account named, observed against
// expected, evidence with the parent post and shared values, operations drawn together.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  AccountDetail,
  EvidenceResponse,
  OperationDetail,
  OperationRow,
} from '../src/server/api-types.js';
import { buildApp } from '../src/server/index.js';
import type { Store } from '../src/store/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import { analyzedCase } from './helpers/analyzed-case.js';
import { FIXED_NOW } from './helpers/ingest-fixture.js';

const TOKEN = 'why-token-0123456789abcdef';

describe("the account page's why", () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    const { casePath } = await analyzedCase('unmask-why-', {
      scenario: 'spamouflage+ira+ring',
      seed: 1,
      accounts: 200,
    });
    store = await openStore(casePath);
    app = await buildApp(store, {
      casePath,
      analysts: [{ name: 'ana', token: TOKEN }],
      now: () => FIXED_NOW,
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    store?.close();
  });

  const get = async <T>(url: string): Promise<T> => {
    const r = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };
  const account = (platform: string, id: string, query = '') =>
    get<AccountDetail>(
      `/api/accounts/${platform}/${encodeURIComponent(id)}?limit=1&edgeLimit=1${query}`,
    );
  /** A pair of accounts with an edge of `signal` that detection found significant. */
  const pairWith = async (signal: string) => {
    const [p] = await queryRows(
      store,
      `SELECT d.platform_a, d.account_a, d.platform_b, d.account_b FROM detect_pairs d
       JOIN signal_edge_weights w USING (platform_a, account_a, platform_b, account_b)
       WHERE w.signal = '${signal}' ORDER BY d.log10_p, d.account_a, d.account_b LIMIT 1`,
    );
    expect(p, `a significant pair with ${signal}`).toBeDefined();
    return p as { platform_a: string; account_a: string; platform_b: string; account_b: string };
  };

  it('lists every significant link of an account, strongest first, with the other account named and each signal against chance', async () => {
    const p = await pairWith('co-share:post');
    const page = await account(p.platform_a, p.account_a, '&linkLimit=200');
    const [{ n }] = (await queryRows(
      store,
      `SELECT count(*)::INTEGER AS n FROM detect_pairs WHERE (platform_a = '${p.platform_a}' AND account_a = '${p.account_a}')
         OR (platform_b = '${p.platform_a}' AND account_b = '${p.account_a}')`,
    )) as [{ n: number }];
    expect(page.linksTotal).toBe(n);
    expect(page.links).toHaveLength(Math.min(n, 200));
    const ps = page.links.map((l) => l.log10_p);
    expect(ps).toEqual([...ps].sort((a, b) => a - b));
    const link = page.links.find(
      (l) => l.other.platform === p.platform_b && l.other.account_id === p.account_b,
    );
    expect(link).toBeDefined();
    const [other] = (await queryRows(
      store,
      `SELECT a.handle, m.cluster_id FROM accounts a LEFT JOIN cluster_members m USING (platform, account_id)
       WHERE a.platform = '${p.platform_b}' AND a.account_id = '${p.account_b}'`,
    )) as [{ handle: string; cluster_id: number | null }];
    expect(link!.other.handle).toBe(other.handle);
    expect(link!.other.cluster_id).toBe(other.cluster_id);
    const post = link!.signals.find((s) => s.signal === 'co-share:post')!;
    const [edge] = (await queryRows(
      store,
      `SELECT observed, expected FROM signal_edge_weights WHERE signal = 'co-share:post'
       AND account_a = '${p.account_a}' AND account_b = '${p.account_b}'`,
    )) as [{ observed: number; expected: number }];
    expect(post.observed).toBe(edge.observed);
    expect(post.expected).toBeCloseTo(edge.expected, 6);
    expect(post.log10_p).toBeLessThanOrEqual(0);
    // A signal detection counts as significant for the pair has its own p ≤ 0.01 (significance.ts).
    for (const s of link!.signals)
      if (link!.significant.includes(s.signal)) expect(s.log10_p).toBeLessThanOrEqual(-2);
    const sp = link!.signals.map((s) => s.log10_p ?? 0);
    expect(sp).toEqual([...sp].sort((a, b) => a - b));
    // The account's cluster names its operation.
    expect(page.operation).toMatch(/^operation-\d+$/);
  });

  it('pages the links', async () => {
    const p = await pairWith('co-share:post');
    const all = await account(p.platform_a, p.account_a, '&linkLimit=200');
    const second = await account(p.platform_a, p.account_a, '&linkLimit=2&linkOffset=2');
    expect(second.links).toEqual(all.links.slice(2, 4));
  });

  it("shows both posts of a co-reply with the parent post, the page's account on the left", async () => {
    const p = await pairWith('co-reply');
    // Asked from B's side: B's replies come first in each pair.
    const r = await get<EvidenceResponse>(
      `/api/evidence?signal=co-reply&platformA=${p.platform_b}&accountA=${p.account_b}&platformB=${p.platform_a}&accountB=${p.account_a}`,
    );
    expect(r.pairs.length).toBeGreaterThan(0);
    const first = r.pairs[0]!;
    const [a] = (await queryRows(
      store,
      `SELECT account_id, parent_post_id FROM posts WHERE platform = '${p.platform_b}' AND post_id = '${first.a.postId}'`,
    )) as [{ account_id: string; parent_post_id: string }];
    expect(a.account_id).toBe(p.account_b);
    expect(first.parent?.postId).toBe(a.parent_post_id);
    expect(first.parent?.text).toBeTruthy();
    expect(first.dtSeconds).toBeGreaterThanOrEqual(0);
  });

  it('shows the infrastructure values two accounts share, and how many accounts have each', async () => {
    const p = await pairWith('shared-infrastructure');
    const r = await get<EvidenceResponse>(
      `/api/evidence?signal=shared-infrastructure&platformA=${p.platform_a}&accountA=${p.account_a}&platformB=${p.platform_b}&accountB=${p.account_b}`,
    );
    expect(r.pairs).toEqual([]);
    expect(r.values.length).toBeGreaterThan(0);
    for (const v of r.values) {
      const [{ n, both }] = (await queryRows(
        store,
        `SELECT count(DISTINCT (platform, account_id))::INTEGER AS n,
           count(*) FILTER (WHERE account_id IN ('${p.account_a}', '${p.account_b}'))::INTEGER AS both
         FROM observations WHERE kind = '${v.kind}' AND value = '${v.value}'`,
      )) as [{ n: number; both: number }];
      expect(v.accounts).toBe(n);
      expect(both).toBeGreaterThanOrEqual(2);
    }
    const counts = r.values.map((v) => v.accounts);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it("draws an operation's clusters together with the links between them", async () => {
    const ops = await get<{ items: OperationRow[] }>('/api/operations');
    const profiled = await queryRows(store, 'SELECT DISTINCT operation FROM profiles');
    expect(ops.items.map((o) => o.name).sort()).toEqual(profiled.map((r) => r.operation).sort());
    const many = ops.items.find((o) => o.clusters.length > 1);
    expect(many, 'an operation of several clusters').toBeDefined();
    const op = await get<OperationDetail>(`/api/operations/${many!.name}`);
    expect(op.clusters.map((c) => c.id)).toEqual(many!.clusters);
    expect(new Set(op.members.map((m) => m.cluster))).toEqual(new Set(many!.clusters));
    expect(op.between.length).toBeGreaterThan(0);
    for (const e of op.between) {
      expect(e.cluster_a).not.toBe(e.cluster_b);
      expect(many!.clusters).toContain(e.cluster_a);
      expect(many!.clusters).toContain(e.cluster_b);
    }
    const r = await app.inject({
      method: 'GET',
      url: '/api/operations/no-such-operation',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(r.statusCode).toBe(404);
  });

  it("shows a decision on the other account of a link on the account's page", async () => {
    const p = await pairWith('co-share:post');
    const r = await app.inject({
      method: 'POST',
      url: '/api/review',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: {
        action: 'exclude-account',
        target: `account:${p.platform_b}:${p.account_b}`,
        rationale: 'a news outlet',
      },
    });
    expect(r.statusCode).toBe(201);
    const page = await account(p.platform_a, p.account_a, '&linkLimit=200');
    const link = page.links.find((l) => l.other.account_id === p.account_b)!;
    expect(link.other.review).toMatchObject({ status: 'excluded', reviewer: 'ana' });
  });
});
