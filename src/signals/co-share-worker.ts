// A worker thread that sweeps one part of a co-share signal's accounts (see sweepShares).
import { parentPort, workerData } from 'node:worker_threads';

import type { ShareArrays } from '../store/index.js';
import type { SweepOptions } from './co-share-sweep.js';
import { coShareSweep, PairBudgetError } from './co-share-sweep.js';

const { shares, options } = workerData as { shares: ShareArrays; options: SweepOptions };
try {
  const r = coShareSweep(shares, options);
  parentPort?.postMessage({ ok: r }, [
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
