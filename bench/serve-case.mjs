// Load check of the workspace API on a simulated case, in its own process: bounded loopback load
// (autocannon, 10 connections, 10 s per endpoint) on the paged cluster list, one cluster and one
// account. Usage: node bench/serve-case.mjs <accounts> <dir>  → prints [{endpoint, rps, p99Ms, errors}]
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import autocannon from 'autocannon';

import { analyze, silentProgress } from '../dist/pipeline/index.js';
import { buildApp } from '../dist/server/index.js';
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
const app = await buildApp(store, { casePath, token: null, now: Date.now });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const [top] = await queryRows(store, 'SELECT cluster_id FROM clusters ORDER BY score DESC LIMIT 1');
const [member] = await queryRows(
  store,
  `SELECT platform, account_id FROM cluster_members WHERE cluster_id = ${top.cluster_id} LIMIT 1`,
);
const endpoints = [
  '/api/clusters?limit=50&sort=score',
  `/api/clusters/${top.cluster_id}?limit=50&edges=500`,
  `/api/accounts/${member.platform}/${member.account_id}?limit=50`,
];
const results = [];
for (const path of endpoints) {
  const r = await autocannon({ url: `${address}${path}`, connections: 10, duration: 10 });
  results.push({
    endpoint: path.replace(/\d{6,}/g, ':id'),
    rps: r.requests.average,
    p99Ms: r.latency.p99,
    errors: r.errors + r.non2xx,
  });
}
await app.close();
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ posts: sim.posts, results }));
