// Load check of the workspace API on a simulated case, in its own process: bounded loopback load
// (autocannon on its own thread, 10 connections, 10 s per endpoint) on the paged cluster list, 20 clusters and 100
// accounts in turn. Usage: node bench/serve-case.mjs <accounts> <dir>  → prints [{endpoint, rps, p99Ms, errors}]
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import autocannon from 'autocannon';

import { silentProgress } from '../dist/core/index.js';
import { analyze } from '../dist/pipeline/index.js';
import { buildApp, generateToken } from '../dist/server/index.js';
import { simulate } from '../dist/simulate/index.js';
import { openStore, queryRows } from '../dist/store/index.js';

const [accounts, dir] = process.argv.slice(2);
rmSync(dir, { recursive: true, force: true });
const sim = simulate(
  { scenario: 'spamouflage+ira+ring', seed: 1, accounts: Number(accounts) },
  join(dir, 'data'),
);
await analyze(
  [join(dir, 'data')],
  { out: join(dir, 'run') },
  { progress: silentProgress, now: Date.now },
);
const casePath = join(dir, 'run', 'case.duckdb');
const store = await openStore(casePath);
const t0 = performance.now();
const token = generateToken();
const app = await buildApp(store, {
  casePath,
  analysts: [{ name: 'bench', token }],
  now: Date.now,
});
const indexSeconds = (performance.now() - t0) / 1000;
const address = await app.listen({ host: '127.0.0.1', port: 0 });
// Each load cycles through many accounts and clusters, so no answer is served twice in a row.
const clusters = await queryRows(
  store,
  'SELECT cluster_id FROM clusters ORDER BY score DESC, cluster_id LIMIT 20',
);
const members = await queryRows(
  store,
  `SELECT platform, account_id FROM cluster_members WHERE cluster_id IN (${clusters.map((c) => c.cluster_id).join(', ')})
   ORDER BY hash(account_id) LIMIT 100`,
);
const endpoints = [
  { name: '/api/clusters?limit=50&sort=score', paths: ['/api/clusters?limit=50&sort=score'] },
  {
    name: '/api/clusters/:id?limit=50&edges=500 (20 clusters)',
    paths: clusters.map((c) => `/api/clusters/${c.cluster_id}?limit=50&edges=500`),
  },
  {
    name: '/api/accounts/:platform/:id?limit=50 (100 accounts)',
    paths: members.map((m) => `/api/accounts/${m.platform}/${m.account_id}?limit=50`),
  },
];
const results = [];
for (const e of endpoints) {
  const r = await autocannon({
    url: address,
    connections: 10,
    duration: 10,
    // The load generator on its own thread, as a browser is its own process: on the server's
    // event loop, parsing 180 kB answers added its time to every request's latency.
    workers: 1,
    headers: { authorization: `Bearer ${token}` },
    requests: e.paths.map((path) => ({ method: 'GET', path })),
  });
  results.push({
    endpoint: e.name,
    rps: r.requests.average,
    p99Ms: r.latency.p99,
    errors: r.errors + r.non2xx,
  });
}
await app.close();
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ posts: sim.posts, indexSeconds, results }));
