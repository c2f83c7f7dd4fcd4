// One simulator benchmark case in its own process (built code, as `unmask simulate` runs it).
// Usage: node bench/simulate-case.mjs <accounts> <outDir>  → prints {posts, seconds, postsPerSecond, peakRssMb}
import { rmSync } from 'node:fs';

import { simulate } from '../dist/simulate/index.js';

const accounts = Number(process.argv[2]);
const out = process.argv[3];
const t0 = performance.now();
const summary = simulate({ scenario: 'spamouflage+ira+ring', seed: 1, accounts }, out);
const seconds = (performance.now() - t0) / 1000;
rmSync(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    posts: summary.posts,
    seconds,
    postsPerSecond: summary.posts / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
