// One X-archive ingest benchmark case in its own process (or of another format, --format=NAME):
// the file through the bulk path, the row path (--rows), or DuckDB's own read of the same file
// into a table (--duckdb: read_csv, or read_json for JSON lines), the yardstick of the bulk paths
// (issue 25: within 3× of it).
// Usage: node bench/xarchive-case.mjs <file> [--rows|--duckdb] [--format=NAME]  (after npm run build)
//   → prints {mode, rows, seconds, rowsPerSecond, peakRssMb}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { openStore, scalar } from '../dist/store/index.js';

const file = process.argv[2];
const format =
  process.argv.find((a) => a.startsWith('--format='))?.slice('--format='.length) ?? 'x-archive';
const dir = mkdtempSync(join(tmpdir(), 'unmask-bench-'));
const store = await openStore(join(dir, 'case.duckdb'), { memoryLimit: '2GB' });
const t0 = performance.now();
let mode;
let rows;
if (process.argv.includes('--duckdb')) {
  const path = `'${file.replace(/'/g, "''")}'`;
  const json = /\.(jsonl|ndjson)(\.gz|\.zst)?$/.test(file);
  await store.connection.run(
    json
      ? `CREATE TABLE raw AS SELECT * FROM read_json(${path}, format = 'newline_delimited')`
      : `CREATE TABLE raw AS SELECT * FROM read_csv(${path}, header = true, all_varchar = true)`,
  );
  mode = json ? 'read_json' : 'read_csv';
  rows = await scalar(store, 'SELECT count(*) FROM raw');
} else {
  const summary = await ingestFiles(
    store,
    [file],
    {
      format,
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
