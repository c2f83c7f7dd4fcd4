// A worker thread that does near-duplicate text's per-text jobs (folding, shingle sets).
import { parentPort, workerData } from 'node:worker_threads';

import type { MinHashOptions } from './minhash.js';
import type { TextJob } from './near-duplicate-fold.js';
import { resultBuffers, TextWork } from './near-duplicate-fold.js';

const { minChars, minhash } = workerData as { minChars: number; minhash: MinHashOptions };
const work = new TextWork(minChars, minhash);

parentPort?.on('message', (message: { id: number; job: TextJob }) => {
  const out = work.run(message.job);
  parentPort?.postMessage({ id: message.id, out }, resultBuffers(out));
});
