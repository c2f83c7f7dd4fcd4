// One X-archive ingest benchmark case in its own process: the tweets file through the bulk path,
// the row path (--rows), or DuckDB's own read_csv of the same file into a table (--duckdb), the
// yardstick of the bulk path (issue: within 3× of it).
// Usage: node bench/xarchive-case.mjs <tweets.csv[.gz]> [--rows|--duckdb]
//   → prints {mode, rows, seconds, rowsPerSecond, peakRssMb}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { openStore, scalar } from '../dist/store/index.js';

const file = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'unmask-bench-'));
const store = await openStore(join(dir, 'case.duckdb'), { memoryLimit: '2GB' });
const t0 = performance.now();
let mode;
let rows;
if (process.argv.includes('--duckdb')) {
  await store.connection.run(
    `CREATE TABLE raw AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true, all_varchar = true)`,
  );
  mode = 'read_csv';
  rows = await scalar(store, 'SELECT count(*) FROM raw');
} else {
  const summary = await ingestFiles(
    store,
    [file],
    {
      format: 'x-archive',
      platform: null,
      timezone: null,
      rejectsPath: join(dir, 'rejects.csv'),
      bulk: !process.argv.includes('--rows'),
    },
    { progress: silentProgress, now: Date.now },
  );
  mode = summary.files[0].mode;
  rows = summary.files[0].read;
}
const seconds = (performance.now() - t0) / 1000;
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    mode,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
