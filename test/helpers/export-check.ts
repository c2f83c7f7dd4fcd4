// `unmask signals --out` against its reference: the signal's rows as the `signal_edges` view gives
// them, written by DuckDB's CSV writer in (platform, account) order.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { exportSignalEdges } from '../../src/signals/index.js';
import type { Store } from '../../src/store/index.js';

/** Exports a signal's edges and the view's rows; returns both files' text and the row count. */
export async function exportAndReference(
  store: Store,
  signal: string,
): Promise<{ written: string; reference: string; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-export-'));
  const rows = await exportSignalEdges(store, signal, join(dir, 'edges.csv'));
  await store.connection
    .run(`COPY (SELECT platform_a, account_a, platform_b, account_b, weight, weight_ab, weight_ba,
      round(mean_dt_seconds, 3) AS mean_dt_seconds, array_to_string(evidence, '|') AS evidence
    FROM signal_edges WHERE signal = '${signal}' ORDER BY platform_a, account_a, platform_b, account_b)
    TO '${join(dir, 'view.csv')}' (FORMAT csv, HEADER true)`);
  return {
    written: readFileSync(join(dir, 'edges.csv'), 'utf8'),
    reference: readFileSync(join(dir, 'view.csv'), 'utf8'),
    rows,
  };
}
