// `unmask pull --case clickhouse://… --out <local.duckdb>`: a local DuckDB case from a ClickHouse one.
import { existsSync } from 'node:fs';

import { ConfigError } from '../../core/index.js';
import { pullCase } from '../../pipeline/index.js';
import { resolveSignalOptions } from '../../signals/index.js';
import { isClickHouseCase, openClickHouseCase, openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';

/** Raw flags of the pull command. */
export interface PullFlags {
  readonly case: string;
  readonly out: string;
  readonly window?: string;
  readonly minWeight?: string;
  readonly json?: boolean;
}

/**
 * Copies a ClickHouse case's data into a new DuckDB case file, with the co-share signals computed
 * in ClickHouse (so `detect` on the file reuses them); every command then works on the file.
 */
export async function pullCommand(flags: PullFlags, io: CliIo): Promise<number> {
  if (!isClickHouseCase(flags.case))
    throw new ConfigError(`--case ${flags.case}: pull reads a ClickHouse case (clickhouse://…)`);
  if (existsSync(flags.out))
    throw new ConfigError(`--out ${flags.out}: exists; pull writes a new case file`);
  const options = resolveSignalOptions({
    window: flags.window === undefined ? undefined : Number(flags.window),
    minWeight: flags.minWeight === undefined ? undefined : Number(flags.minWeight),
  });
  const ch = await openClickHouseCase(flags.case);
  try {
    const store = await openStore(flags.out);
    try {
      const summary = await pullCase(ch, store, options, io.progress);
      if (flags.json)
        io.stdout.write(`${JSON.stringify({ out: flags.out, ...summary }, null, 2)}\n`);
      else
        io.stdout.write(
          `${(summary.rows.posts ?? 0).toLocaleString('en')} posts, ${(summary.rows.accounts ?? 0).toLocaleString('en')} accounts and ${Object.values(
            summary.edges,
          )
            .reduce((a, b) => a + b, 0)
            .toLocaleString('en')} co-share edges → ${flags.out}\n`,
        );
      return 0;
    } finally {
      store.close();
    }
  } finally {
    await ch.close();
  }
}
