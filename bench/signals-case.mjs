// Signals benchmark, one process per step so that each peak RSS is its own.
// Usage: node bench/signals-case.mjs prepare <accounts> <dir>
//          simulate ~N posts and ingest them into <dir>/case.duckdb → prints {posts, ingestSeconds}
//        node bench/signals-case.mjs signal <dir> <name>
//          compute one signal on that case → prints {signal, seconds, edges, minWeightUsed, peakRssMb}
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { resolveSignalOptions, signalFor } from '../dist/signals/index.js';
import { openStore } from '../dist/store/index.js';
import { simulatedCase } from './simulated-case.mjs';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'prepare') {
  const [accounts, dir] = args;
  const { store, sim, ingestSeconds } = await simulatedCase(
    { scenario: 'spamouflage+ira+ring', seed: 1, accounts: Number(accounts) },
    dir,
  );
  store.close();
  rmSync(join(dir, 'data'), { recursive: true, force: true });
  console.log(JSON.stringify({ posts: sim.posts, ingestSeconds }));
} else if (mode === 'signal') {
  const [dir, name] = args;
  // The store's default memory limit (half of RAM), as `unmask` runs.
  const store = await openStore(join(dir, 'case.duckdb'));
  const t = performance.now();
  // As `unmask detect` runs them: past the pair budget the minimum weight is raised, not an error.
  const r = await signalFor(name).compute(store, {
    ...resolveSignalOptions({}),
    raiseMinWeight: true,
  });
  const seconds = (performance.now() - t) / 1000;
  store.close();
  console.log(
    JSON.stringify({
      signal: name,
      seconds,
      edges: r.edges,
      minWeightUsed: r.minWeightUsed ?? null,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} else {
  throw new Error(`usage: signals-case.mjs prepare <accounts> <dir> | signal <dir> <name>`);
}
