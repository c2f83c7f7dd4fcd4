// The planted ring file end to end: ingest + co-share:post (60 s, minimum weight 2) and closing the
// case (its checkpoint), in one process.
// Usage: node bench/ring-case.mjs <planted_ring_shares.csv>  → prints {seconds, ingestSeconds, coShareSeconds, pairs}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { computeCoShare } from '../dist/signals/index.js';
import { openStore } from '../dist/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ring-'));
const t0 = performance.now();
const store = await openStore(join(dir, 'case.duckdb'));
await ingestFiles(
  store,
  [process.argv[2]],
  { format: 'auto', platform: null, timezone: null, rejectsPath: join(dir, 'r.csv') },
  { progress: silentProgress, now: Date.now },
);
const t1 = performance.now();
const r = await computeCoShare(store, 'co-share:post', {
  window: 60,
  minWeight: 2,
  evidenceLimit: 20,
});
store.close(); // end to end: until the case is on disk (the checkpoint at close)
const t2 = performance.now();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    seconds: (t2 - t0) / 1000,
    ingestSeconds: (t1 - t0) / 1000,
    coShareSeconds: (t2 - t1) / 1000, // with the close
    pairs: r.edges,
  }),
);
