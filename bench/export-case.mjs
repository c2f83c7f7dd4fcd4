// Graph export of a 1M-edge graph in its own process: GEXF and GraphML streamed from a case whose
// edges are N synthetic co-share edges among N/5 accounts. Usage: node bench/export-case.mjs <edges> <dir>
//   → prints {edges, gexfSeconds, graphmlSeconds, gexfBytes, peakRssMb}
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { silentProgress } from '../dist/core/index.js';
import { writeGraph } from '../dist/export/index.js';
import { EDGE_STAGE, openStore, replaceSignalRows } from '../dist/store/index.js';

const n = Number(process.argv[2]);
const dir = process.argv[3];
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const store = await openStore(join(dir, 'case.duckdb'));
const accounts = Math.max(10, Math.floor(n / 5));
await replaceSignalRows(store, 'co-share:url', {}, async () => {
  await store.connection.run(`INSERT INTO ${EDGE_STAGE}
  SELECT 'co-share:url', 'x', 'a' || lpad((i % ${accounts})::VARCHAR, 8, '0'), 'x', 'b' || lpad(((i // ${accounts}) * 7919 % ${accounts})::VARCHAR, 8, '0'),
    1 + i % 13, NULL, NULL, NULL, ['https://example.org/' || i], [], 1 + i % 13, 0.5
  FROM range(${n}) t(i)`);
  return { items: n, skipped: 0 };
});
const t0 = performance.now();
const g = await writeGraph(store, 'gexf', join(dir, 'g.gexf'), 'all', silentProgress);
const t1 = performance.now();
await writeGraph(store, 'graphml', join(dir, 'g.graphml'), 'all', silentProgress);
const t2 = performance.now();
const gexfBytes = statSync(join(dir, 'g.gexf')).size;
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    edges: g.edges,
    nodes: g.nodes,
    gexfSeconds: (t1 - t0) / 1000,
    graphmlSeconds: (t2 - t1) / 1000,
    gexfBytes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
