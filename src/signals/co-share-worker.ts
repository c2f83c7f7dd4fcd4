// A worker thread that sweeps one part of a co-share signal's accounts (see sweepShares): it
// prepares the part at once, then answers requests for its weight histogram and its pairs.
import { parentPort, workerData } from 'node:worker_threads';

import type { ShareArrays } from './co-share.sql.js';
import type { PreparedSweep, SweepOptions } from './co-share-sweep.js';
import {
  MAX_PAIRS,
  PairBudgetError,
  prepareSweep,
  sweepPairs,
  weightHistogram,
} from './co-share-sweep.js';

const { shares, options } = workerData as { shares: ShareArrays; options: SweepOptions };
let sweep: PreparedSweep | undefined;
let failure: unknown;
try {
  sweep = prepareSweep(shares, options);
} catch (error) {
  failure = error;
}

parentPort?.on('message', (m: { histogram?: true; minWeight?: number; maxPairs?: number }) => {
  try {
    if (!sweep) throw failure;
    if (m.histogram) {
      const h = weightHistogram(sweep, options.minWeight, options.maxPairs ?? MAX_PAIRS);
      parentPort?.postMessage({ ok: h }, [h.buffer as ArrayBuffer]);
      return;
    }
    const part = sweepPairs(sweep, m.minWeight ?? 1, m.maxPairs ?? Infinity);
    const r = part.pairs;
    parentPort?.postMessage({ ok: part }, [
      part.chunkPairs.buffer,
      part.chunkEvidence.buffer,
      r.a.buffer,
      r.b.buffer,
      r.objects.buffer,
      r.wab.buffer,
      r.wba.buffer,
      r.meanDt.buffer,
      r.evidenceObjects.pair.buffer,
      r.evidenceObjects.obj.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    parentPort?.postMessage({
      error: (error as Error).message,
      budget: error instanceof PairBudgetError,
    });
  }
});
