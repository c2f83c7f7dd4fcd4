// Test helper: a simulated scenario written and analyzed into a fresh temporary folder, as the
// server tests start from.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../../src/core/index.js';
import { analyze } from '../../src/pipeline/index.js';
import type { SimulateOptions } from '../../src/simulate/index.js';
import { simulate } from '../../src/simulate/index.js';
import { FIXED_NOW } from './ingest-fixture.js';

/**
 * Simulates a scenario into `<root>/data` and analyzes it into `<root>/run` (fixed clock);
 * returns the root and the case file.
 */
export async function analyzedCase(
  prefix: string,
  options: SimulateOptions,
): Promise<{ root: string; casePath: string }> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  simulate(options, join(root, 'data'));
  await analyze(
    [join(root, 'data')],
    { out: join(root, 'run') },
    { progress: silentProgress, now: () => FIXED_NOW },
  );
  return { root, casePath: join(root, 'run', 'case.duckdb') };
}
