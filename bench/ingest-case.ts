// One ingest benchmark case in its own process, so peak memory is this case's alone.
// Usage: tsx bench/ingest-case.ts <file>  → prints {rows, seconds, rowsPerSecond, peakRssMb}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ingestFiles, silentProgress } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';

const file = process.argv[2] as string;
const dir = mkdtempSync(join(tmpdir(), 'unmask-bench-'));
const store = await openStore(join(dir, 'case.duckdb'), { memoryLimit: '2GB' });
const t0 = performance.now();
const summary = await ingestFiles(store, [file], { format: 'native', platform: null, timezone: null, rejectsPath: join(dir, 'rejects.csv') }, { progress: silentProgress, now: Date.now });
const seconds = (performance.now() - t0) / 1000;
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ rows: summary.loaded, rejected: summary.rejected, seconds, rowsPerSecond: summary.read / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
