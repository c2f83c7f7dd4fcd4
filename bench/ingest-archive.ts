// Ingests an export (e.g. ../shared/realdata/ira-dev/tweets.csv.gz, read as it is) into an
// in-memory case for the clock's calibration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../src/core/index.js';
import { ingestFiles } from '../src/pipeline/index.js';
import type { Store } from '../src/store/index.js';
import { openStore } from '../src/store/index.js';

/** Returns an open in-memory store holding the file's records (the caller closes it). */
export async function ingestArchive(file: string): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-bench-'));
  try {
    const store = await openStore(':memory:');
    await ingestFiles(
      store,
      [file],
      { format: 'auto', platform: null, timezone: null, rejectsPath: join(dir, 'rejects.csv') },
      { progress: silentProgress, now: () => Date.now() },
    );
    return store;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
