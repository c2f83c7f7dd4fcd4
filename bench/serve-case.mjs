// Load check of the workspace: the real server (`unmask serve`, its own process, on 127.0.0.1)
// over a simulated case built once and kept in <dir> for the next run; 10 readers of the account
// page (as the UI asks for it) and 2 writers posting review decisions, side by side for a bounded
// time; then a short pass over the evidence of the accounts' strongest links, one at a time.
// Usage: node bench/serve-case.mjs <accounts> <dir> [seconds]
//   → prints {posts, reused, startSeconds, seconds, routes: [{route, requests, p50, p95, p99, max,
//     status5xx, otherErrors}], audit: {entries, verified}}
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { analyze } from '../dist/pipeline/index.js';
import { generateToken } from '../dist/server/index.js';
import { simulate } from '../dist/simulate/index.js';
import { openStore, queryRows } from '../dist/store/index.js';

const READERS = 10;
const WRITERS = 2;
const [accounts, dir, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 20);
const casePath = join(dir, 'run', 'case.duckdb');
const marker = join(dir, 'case.json');

// The case: simulated and analyzed once per size, then reused (a 1M-post case takes minutes).
const made = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : null;
const reused = made?.accounts === Number(accounts) && existsSync(casePath);
let posts = made?.posts;
if (!reused) {
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
  rmSync(join(dir, 'data'), { recursive: true, force: true });
  posts = sim.posts;
  writeFileSync(marker, JSON.stringify({ accounts: Number(accounts), posts }));
}

// What to ask for, read before the server takes the case: 100 members of the top clusters, spread
// over them (as an analyst opens them), the clusters, and each account's strongest link.
const store = await openStore(casePath);
const members = await queryRows(
  store,
  `SELECT m.platform, m.account_id, m.cluster_id FROM cluster_members m
   WHERE m.cluster_id IN (SELECT cluster_id FROM clusters ORDER BY flagged DESC, score DESC, cluster_id LIMIT 20)
   ORDER BY hash(m.account_id) LIMIT 100`,
);
const links = await queryRows(
  store,
  `SELECT p.*, (SELECT w.signal FROM signal_edge_weights w WHERE w.platform_a = p.platform_a AND w.account_a = p.account_a
       AND w.platform_b = p.platform_b AND w.account_b = p.account_b ORDER BY w.signal LIMIT 1) AS signal
   FROM (SELECT platform_a, account_a, platform_b, account_b FROM detect_pairs ORDER BY hash(account_a, account_b) LIMIT 50) p`,
);
store.close();
const clusters = [...new Set(members.map((m) => Number(m.cluster_id)))];

// The real server, as an analyst starts it.
const token = generateToken();
const t0 = performance.now();
const server = spawn(
  process.execPath,
  [
    join(import.meta.dirname, '..', 'bin', 'unmask.js'),
    'serve',
    '--case',
    casePath,
    '--port',
    '0',
    '--reviewer',
    'bench',
  ],
  { env: { ...process.env, UNMASK_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] },
);
const origin = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += String(d);
    const m = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (m) resolve(m[1]);
  });
  server.on('close', (code) => reject(new Error(`unmask serve exited (${code}): ${out}`)));
});
const startSeconds = (performance.now() - t0) / 1000;
const auth = { authorization: `Bearer ${token}` };

/** Latencies (ms) and statuses per route. */
const stats = new Map();
async function timed(route, url, init = {}) {
  const t = performance.now();
  let status = 0;
  try {
    const r = await fetch(`${origin}${url}`, { ...init, headers: { ...auth, ...init.headers } });
    await r.arrayBuffer();
    status = r.status;
  } catch {
    status = -1;
  }
  const s = stats.get(route) ?? { ms: [], statuses: [] };
  s.ms.push(performance.now() - t);
  s.statuses.push(status);
  stats.set(route, s);
}

// The account page as the UI asks for it: a page of posts, of signal links and of significant links.
const accountUrl = (m) =>
  `/api/accounts/${encodeURIComponent(m.platform)}/${encodeURIComponent(m.account_id)}?limit=50&offset=0&edgeLimit=100&edgeOffset=0&linkLimit=20&linkOffset=0`;
const until = performance.now() + seconds * 1000;
const reader = async (i) => {
  for (let n = i; performance.now() < until; n += READERS)
    await timed('GET /api/accounts/:platform/:id', accountUrl(members[n % members.length]));
};
const ACTIONS = [
  ['include-account', 'exclude-account'],
  ['confirm-cluster', 'dismiss-cluster'],
];
const writer = async (i) => {
  for (let n = 0; performance.now() < until; n++) {
    const onCluster = n % 4 === 3;
    const target = onCluster
      ? `cluster:${clusters[n % clusters.length]}`
      : `account:${members[(n * 7 + i) % members.length].platform}:${members[(n * 7 + i) % members.length].account_id}`;
    await timed('POST /api/review', '/api/review', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: ACTIONS[onCluster ? 1 : 0][n % 2],
        target,
        rationale: `bench writer ${i}, decision ${n}`,
      }),
    });
  }
};
await Promise.all([
  ...Array.from({ length: READERS }, (_, i) => reader(i)),
  ...Array.from({ length: WRITERS }, (_, i) => writer(i)),
]);
// The evidence the account page loads for its first link, one request at a time, after the load.
for (const l of links)
  await timed(
    'GET /api/evidence (after the load, 1 at a time)',
    `/api/evidence?signal=${encodeURIComponent(l.signal)}&platformA=${l.platform_a}&accountA=${encodeURIComponent(l.account_a)}&platformB=${l.platform_b}&accountB=${encodeURIComponent(l.account_b)}`,
  );
const audit = await (await fetch(`${origin}/api/audit?limit=1`, { headers: auth })).json();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('close', resolve));

const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (x) => Math.round(x * 10) / 10;
const routes = [...stats].map(([route, s]) => {
  const ms = [...s.ms].sort((a, b) => a - b);
  return {
    route,
    requests: ms.length,
    p50: round(pct(ms, 0.5)),
    p95: round(pct(ms, 0.95)),
    p99: round(pct(ms, 0.99)),
    max: round(ms[ms.length - 1]),
    status5xx: s.statuses.filter((x) => x >= 500).length,
    otherErrors: s.statuses.filter((x) => x < 200 || (x >= 300 && x < 500)).length,
  };
});
console.log(
  JSON.stringify({
    posts,
    reused,
    startSeconds,
    seconds,
    routes,
    audit: { entries: audit.verified.entries, verified: audit.verified.ok },
  }),
);
