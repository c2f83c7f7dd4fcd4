// A worker thread that runs the clustering's Louvain cross-check (louvain-check.ts).
import { parentPort, workerData } from 'node:worker_threads';

import type { LouvainInput } from './louvain-check.js';
import { louvainLabels } from './louvain-check.js';

try {
  const labels = louvainLabels(workerData as LouvainInput);
  parentPort?.postMessage({ ok: labels }, [labels.buffer as ArrayBuffer]);
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
