// A worker thread that folds and signs batches of texts for near-duplicate text.
import { parentPort, workerData } from 'node:worker_threads';

import type { MinHashOptions } from './minhash.js';
import { BatchFolder } from './near-duplicate-fold.js';

const { minChars, minhash } = workerData as { minChars: number; minhash: MinHashOptions };
const folder = new BatchFolder(minChars, minhash);

parentPort?.on('message', (message: { id: number; records: Uint8Array }) => {
  const out = folder.foldRecords(message.records);
  const buffers = [
    out.rows,
    out.short,
    out.keyHigh,
    out.keyLow,
    out.bands,
    out.unitsFrom,
    out.units,
  ].map((a) => a.buffer as ArrayBuffer);
  parentPort?.postMessage({ id: message.id, out }, buffers);
});
