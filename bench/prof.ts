import { native } from '../src/ingest/native/index.js';
import { sampleFile } from '../src/ingest/index.js';
import { RecordLoader, openStore } from '../src/store/index.js';
const s = sampleFile('/tmp/p200k.csv');
let t0 = performance.now(); let n = 0;
const store = await openStore('/tmp/prof.duckdb');
const loader = new RecordLoader(store, 1);
let tAdd = 0;
for await (const b of native.read(s, { platform: null, timezone: null, onProgress: () => {} })) { const t = performance.now(); for (const it of b) { n++; if (!it.reject) loader.add(it); } tAdd += performance.now() - t; }
console.log('read+map', (performance.now() - t0) / 1000, 'of which add', tAdd / 1000, n);
t0 = performance.now();
const c = store.connection;
await c.run(`SET threads=2`);
const r = await loader.commit({ file: 'x', format: 'native', startedAt: 0, read: n, rejected: 0 });
console.log('commit', (performance.now() - t0) / 1000, r);
