// Shared by the bench scripts: simulate a scenario into <dir>/data and ingest it into
// <dir>/case.duckdb (the store's default memory limit, half of RAM, as `unmask` runs).
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { simulate } from '../dist/simulate/index.js';
import { openStore } from '../dist/store/index.js';

/** Returns the open store, the simulation's summary and the ingest's seconds. */
export async function simulatedCase(config, dir) {
  rmSync(dir, { recursive: true, force: true });
  const sim = simulate(config, join(dir, 'data'));
  const store = await openStore(join(dir, 'case.duckdb'));
  const t0 = performance.now();
  await ingestFiles(
    store,
    [join(dir, 'data')],
    { format: 'auto', platform: null, timezone: null, rejectsPath: join(dir, 'rejects.csv') },
    { progress: silentProgress, now: Date.now },
  );
  return { store, sim, ingestSeconds: (performance.now() - t0) / 1000 };
}
