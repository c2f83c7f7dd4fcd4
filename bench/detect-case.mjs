// Detection quality and cost in its own process: simulate a scenario, ingest, detect (signals
// included), evaluate against the simulator's truth.
// Usage: node bench/detect-case.mjs <scenario> <seed> <accounts> <dir> [stealth]
//   → prints {scenario, seed, posts, ingestSeconds, detectSeconds, characterizeSeconds, operations,
//     evaluation, clusters, peakRssMb}
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { characterize } from '../dist/characterize/index.js';
import { silentProgress } from '../dist/core/index.js';
import { detect, evaluate, writeDetectionFiles } from '../dist/detect/index.js';
import { simulatedCase } from './simulated-case.mjs';

const [scenario, seedArg, accountsArg, dir, stealthArg] = process.argv.slice(2);
const seed = Number(seedArg);
const { store, sim, ingestSeconds } = await simulatedCase(
  {
    scenario,
    seed,
    accounts: Number(accountsArg),
    ...(stealthArg ? { stealth: Number(stealthArg) } : {}),
  },
  dir,
);
const t1 = performance.now();
const result = await detect(store, { seed }, silentProgress);
await writeDetectionFiles(store, result, join(dir, 'results'));
const t2 = performance.now();
const profiles = await characterize(store, { groups: null, seed }, silentProgress);
const t3 = performance.now();
store.close();
const evaluation = evaluate(join(dir, 'data', 'truth.csv'), join(dir, 'results'));
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    scenario,
    seed,
    posts: sim.posts,
    ingestSeconds,
    detectSeconds: (t2 - t1) / 1000,
    characterizeSeconds: (t3 - t2) / 1000,
    operations: profiles.operations.length,
    evaluation,
    clusters: result.clusters.map((c) => ({
      size: c.size,
      flagged: c.flagged,
      category: c.category,
    })),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
