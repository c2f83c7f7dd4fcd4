// One ingest benchmark case in its own process, so peak memory is this case's alone. Runs the
// built code (dist/), as `unmask` does: tsx's keep-names wrappers cost ~2× on per-row closures.
// Usage: node bench/ingest-case.mjs <file> [--rows]  → prints {mode, rows, seconds, rowsPerSecond, peakRssMb}
// --rows forces the row-by-row path (what dirty files and non-native formats take).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { openStore } from '../dist/store/index.js';

const file = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'unmask-bench-'));
const store = await openStore(join(dir, 'case.duckdb'), { memoryLimit: '2GB' });
const t0 = performance.now();
const summary = await ingestFiles(
  store,
  [file],
  {
    format: 'native',
    platform: null,
    timezone: null,
    rejectsPath: join(dir, 'rejects.csv'),
    bulk: !process.argv.includes('--rows'),
  },
  { progress: silentProgress, now: Date.now },
);
const seconds = (performance.now() - t0) / 1000;
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    mode: summary.files[0]?.mode,
    rows: summary.loaded,
    rejected: summary.rejected,
    seconds,
    rowsPerSecond: summary.read / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
