// Load check of the workspace: the real server (`unmask serve`, its own process, on 127.0.0.1)
// over a simulated case built once and kept in <dir> for the next run. Per server build: one
// reader of the account page alone (what a request costs on the machine as it is now), then 10
// readers of the account page (as the UI asks for it) and 2 writers posting review decisions side
// by side, then the same with each account page followed by its first link's evidence, as the UI
// opens it. Each phase opens its own 100 accounts; first visits and repeated ones are counted apart
// (the server keeps pages it has read).
// Usage: [BENCH_SERVE_BASELINE=other/bin/unmask.js] node bench/serve-case.mjs <accounts> <dir> [seconds]
//   → prints {posts, reused, seconds, runs: [{round, bin, startSeconds, routes: [{route, requests, p50,
//     p95, p99, max, status5xx, otherErrors}], audit: {entries, verified}}]}
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

// What to ask for, read before the server takes the case: 300 members of the top clusters, spread
// over them (as an analyst opens them), 100 for each phase (disjoint, so that no phase finds pages
// another one read), and the clusters.
const store = await openStore(casePath);
const members = await queryRows(
  store,
  `SELECT m.platform, m.account_id, m.cluster_id FROM cluster_members m
   WHERE m.cluster_id IN (SELECT cluster_id FROM clusters ORDER BY flagged DESC, score DESC, cluster_id LIMIT 20)
   ORDER BY hash(m.account_id) LIMIT 300`,
);
store.close();
const loadAccounts = members.slice(0, 100);
const aloneAccounts = members.slice(100, 200);
const uiAccounts = members.slice(200, 300);
const clusters = [...new Set(members.map((m) => Number(m.cluster_id)))];

// The account page as the UI asks for it: a page of posts, of signal links and of significant
// links, then the evidence of its strongest link (the signal the page opens first).
const accountUrl = (m) =>
  `/api/accounts/${encodeURIComponent(m.platform)}/${encodeURIComponent(m.account_id)}?limit=50&offset=0&edgeLimit=100&edgeOffset=0&linkLimit=20&linkOffset=0`;
const NOT_POSTS = new Set(['shared-infrastructure', 'rhythm']);
const ACTIONS = [
  ['include-account', 'exclude-account'],
  ['confirm-cluster', 'dismiss-cluster'],
];

/** Runs one server build (`bin`, an unmask.js) over the case: one reader alone, then the load. */
async function measure(bin) {
  const token = generateToken();
  const t0 = performance.now();
  const server = spawn(
    process.execPath,
    [bin, 'serve', '--case', casePath, '--port', '0', '--reviewer', 'bench'],
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
    let body = null;
    try {
      const r = await fetch(`${origin}${url}`, { ...init, headers: { ...auth, ...init.headers } });
      body = await r.text();
      status = r.status;
    } catch {
      status = -1;
    }
    const s = stats.get(route) ?? { ms: [], statuses: [] };
    s.ms.push(performance.now() - t);
    s.statuses.push(status);
    stats.set(route, s);
    return status === 200 ? body : null;
  }

  /** Readers open account pages in turn (with its first evidence: `evidence`) until `until`. */
  const visited = new Set();
  const readers = (phase, accounts, n, until, evidence = false) =>
    Array.from({ length: n }, async (_, i) => {
      for (let k = i; performance.now() < until; k += n) {
        const m = accounts[k % accounts.length];
        const again = visited.has(m.account_id);
        visited.add(m.account_id);
        const visit = again ? 'again' : 'first visit';
        const page = await timed(`${phase}: GET account (${visit})`, accountUrl(m));
        // Parsed only where its evidence is asked for: 50 kB parsed after every page held the
        // load generator's one thread, and the other readers' answers waited to be timed.
        if (!evidence || page === null) continue;
        const link = JSON.parse(page).links[0];
        if (!link) continue;
        const signal = (link.signals.find((s) => !NOT_POSTS.has(s.signal)) ?? link.signals[0])
          ?.signal;
        await timed(
          `${phase}: GET evidence (${visit})`,
          `/api/evidence?signal=${encodeURIComponent(signal)}&platformA=${encodeURIComponent(m.platform)}&accountA=${encodeURIComponent(m.account_id)}&platformB=${encodeURIComponent(link.other.platform)}&accountB=${encodeURIComponent(link.other.account_id)}`,
        );
      }
    });
  const writers = (phase, n, until) =>
    Array.from({ length: n }, async (_, i) => {
      for (let k = 0; performance.now() < until; k++) {
        const onCluster = k % 4 === 3;
        const m = loadAccounts[(k * 7 + i) % loadAccounts.length];
        await timed(`${phase}: POST review`, '/api/review', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            action: ACTIONS[onCluster ? 1 : 0][k % 2],
            target: onCluster
              ? `cluster:${clusters[k % clusters.length]}`
              : `account:${m.platform}:${m.account_id}`,
            rationale: `bench writer ${i}, decision ${k}`,
          }),
        });
      }
    });

  // One reader alone first (what a request costs on this machine now), then the load: the account
  // page alone (the target), then the account page with its first link's evidence, as the UI
  // opens it.
  const load = `${READERS} readers + ${WRITERS} writers`;
  await Promise.all(readers('1 reader', aloneAccounts, 1, performance.now() + seconds * 500));
  const until = performance.now() + seconds * 1000;
  await Promise.all([
    ...readers(load, loadAccounts, READERS, until),
    ...writers(load, WRITERS, until),
  ]);
  const uiUntil = performance.now() + seconds * 500;
  await Promise.all([
    ...readers(`${load}, as the UI`, uiAccounts, READERS, uiUntil, true),
    ...writers(`${load}, as the UI`, WRITERS, uiUntil),
  ]);
  const audit = await (await fetch(`${origin}/api/audit?limit=1`, { headers: auth })).json();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('close', resolve));

  const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (x) => Math.round(x * 10) / 10;
  const summary = (route, ms, statuses) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return {
      route,
      requests: sorted.length,
      p50: round(pct(sorted, 0.5)),
      p95: round(pct(sorted, 0.95)),
      p99: round(pct(sorted, 0.99)),
      max: round(sorted[sorted.length - 1]),
      status5xx: statuses.filter((x) => x >= 500).length,
      otherErrors: statuses.filter((x) => x < 200 || (x >= 300 && x < 500)).length,
    };
  };
  const routes = [...stats].map(([route, s]) => summary(route, s.ms, s.statuses));
  // The account page over all its visits, first or again, per phase (the target's figure).
  for (const phase of ['1 reader', load, `${load}, as the UI`]) {
    const all = [...stats].filter(([r]) => r.startsWith(`${phase}: GET account`));
    routes.push(
      summary(
        `${phase}: GET account (all)`,
        all.flatMap(([, s]) => s.ms),
        all.flatMap(([, s]) => s.statuses),
      ),
    );
  }
  routes.sort((x, y) => (x.route < y.route ? -1 : 1));
  return {
    bin,
    startSeconds,
    routes,
    audit: { entries: audit.verified.entries, verified: audit.verified.ok },
  };
}

// BENCH_SERVE_BASELINE: another build's bin/unmask.js (e.g. a checkout of main) measured first on
// the same case in the same run, so that before and after meet the same machine load.
// BENCH_SERVE_ROUNDS (default 1) runs the builds in turn that many times: the load other work puts
// on the machine then falls on both alike.
const bins = [
  ...(process.env.BENCH_SERVE_BASELINE ? [process.env.BENCH_SERVE_BASELINE] : []),
  join(import.meta.dirname, '..', 'bin', 'unmask.js'),
];
const runs = [];
for (let round = 0; round < Number(process.env.BENCH_SERVE_ROUNDS ?? 1); round++)
  for (const bin of round % 2 === 0 ? bins : [...bins].reverse())
    runs.push({ round, ...(await measure(bin)) });
console.log(JSON.stringify({ posts, reused, seconds, runs }));
