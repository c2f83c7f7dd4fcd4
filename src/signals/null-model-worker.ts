// A worker thread that computes λ of the null model for a co-share signal's pairs (see
// expectedOnWorker in co-share-sweep.ts), while the main thread writes the evidence.
import { parentPort, workerData } from 'node:worker_threads';

import type { HourCounts } from './hour-of-week.js';
import { expectedByHourOfWeek } from './hour-of-week.js';

const { a, b, counts, matches } = workerData as {
  a: Int32Array;
  b: Int32Array;
  counts: HourCounts;
  matches: Float64Array;
};
try {
  const expected = expectedByHourOfWeek(a, b, counts, matches);
  parentPort?.postMessage({ ok: expected }, [expected.buffer as ArrayBuffer]);
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
