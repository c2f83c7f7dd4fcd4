// Signals benchmark in its own process: simulate ~N posts, ingest, then time the given signals.
// Usage: node bench/signals-case.mjs <accounts> <dir> [signal,signal,…]
//   → prints {posts, ingestSeconds, signals: [{signal, seconds, edges}], peakRssMb}
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { ingestFiles, silentProgress } from '../dist/pipeline/index.js';
import { resolveSignalOptions, SIGNALS } from '../dist/signals/index.js';
import { simulate } from '../dist/simulate/index.js';
import { openStore } from '../dist/store/index.js';

const accounts = Number(process.argv[2]);
const dir = process.argv[3];
const only = process.argv[4] ? new Set(process.argv[4].split(',')) : null;
rmSync(dir, { recursive: true, force: true });
const sim = simulate({ scenario: 'spamouflage+ira+ring', seed: 1, accounts }, join(dir, 'data'));
// The store's default memory limit (half of RAM), as `unmask` runs.
const store = await openStore(join(dir, 'case.duckdb'));
const t0 = performance.now();
await ingestFiles(
  store,
  [join(dir, 'data')],
  { format: 'auto', platform: null, timezone: null, rejectsPath: join(dir, 'rejects.csv') },
  { progress: silentProgress, now: Date.now },
);
const ingestSeconds = (performance.now() - t0) / 1000;
const signals = [];
for (const s of SIGNALS) {
  if (only && !only.has(s.name)) continue;
  const t = performance.now();
  // As `unmask detect` runs them: past the pair budget the minimum weight is raised, not an error.
  const r = await s.compute(store, { ...resolveSignalOptions({}), raiseMinWeight: true });
  signals.push({
    signal: s.name,
    seconds: (performance.now() - t) / 1000,
    edges: r.edges,
    minWeightUsed: r.minWeightUsed ?? null,
  });
  process.stderr.write(`bench: ${s.name} ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    posts: sim.posts,
    ingestSeconds,
    signals,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
