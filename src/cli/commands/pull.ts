// `unmask pull --case clickhouse://… --out <local.duckdb>`: a local DuckDB case from a ClickHouse one.
import { existsSync } from 'node:fs';

import { ConfigError } from '../../core/index.js';
import type { ClusterSelection } from '../../pipeline/index.js';
import { pullCase, pullClusters } from '../../pipeline/index.js';
import { resolveSignalOptions } from '../../signals/index.js';
import { isClickHouseCase, openClickHouseCase, openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';

/** Raw flags of the pull command. */
export interface PullFlags {
  readonly case: string;
  readonly out: string;
  readonly window?: string;
  readonly minWeight?: string;
  readonly clusters?: string;
  readonly json?: boolean;
}

/** `--clusters flagged` or `--clusters 3,7`: which networks to pull. */
export function clusterSelection(text: string): ClusterSelection {
  if (text === 'flagged') return 'flagged';
  const ids = text.split(',').map((t) => t.trim());
  if (ids.length === 0 || ids.some((t) => !/^[1-9]\d*$/.test(t)))
    throw new ConfigError(
      `--clusters ${text}: expected "flagged" or cluster ids separated by commas (e.g. 3,7)`,
    );
  return ids.map(Number);
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
  const selection = flags.clusters === undefined ? null : clusterSelection(flags.clusters);
  const ch = await openClickHouseCase(flags.case);
  try {
    const store = await openStore(flags.out);
    try {
      const summary =
        selection === null
          ? await pullCase(ch, store, options, io.progress)
          : await pullClusters(ch, store, selection, io.progress);
      if (flags.json)
        io.stdout.write(`${JSON.stringify({ out: flags.out, ...summary }, null, 2)}\n`);
      else
        io.stdout.write(
          selection === null
            ? `${(summary.rows.posts ?? 0).toLocaleString('en')} posts, ${(summary.rows.accounts ?? 0).toLocaleString('en')} accounts and ${Object.values(
                summary.edges,
              )
                .reduce((a, b) => a + b, 0)
                .toLocaleString('en')} co-share edges → ${flags.out}\n`
            : `${(summary.rows.clusters ?? 0).toLocaleString('en')} networks: ${(summary.rows.cluster_members ?? 0).toLocaleString('en')} accounts, ${(summary.rows.posts ?? 0).toLocaleString('en')} posts, ${(summary.rows.edge_rows ?? 0).toLocaleString('en')} signal edges between them → ${flags.out}\n`,
        );
      return 0;
    } finally {
      store.close();
    }
  } finally {
    await ch.close();
  }
}
