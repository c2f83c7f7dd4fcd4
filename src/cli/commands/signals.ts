// `unmask signals --case <case.duckdb> --signal NAME --out <edges.csv> [--window SECONDS] [--min-weight N]`.
import { signalOnClickHouse } from '../../pipeline/index.js';
import type { SignalOptions, SignalSummary } from '../../signals/index.js';
import {
  CLICKHOUSE_CO_SHARE,
  computeCoShareOnClickHouse,
  resolveSignalOptions,
  signalFor,
} from '../../signals/index.js';
import { exportSignalEdges } from '../../signals/index.js';
import type { Store } from '../../store/index.js';
import { isClickHouseCase, openClickHouseCase, openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';

/** Raw flags of the signals command. */
export interface SignalsFlags {
  readonly case: string;
  readonly signal: string;
  readonly out: string;
  readonly window?: string;
  readonly minWeight?: string;
  readonly json?: boolean;
}

/** Computes one signal's raw edges (before significance) into the case and writes them as CSV. */
export async function signalsCommand(flags: SignalsFlags, io: CliIo): Promise<number> {
  const signal = signalFor(flags.signal);
  const options = resolveSignalOptions({
    window: flags.window === undefined ? undefined : Number(flags.window),
    minWeight: flags.minWeight === undefined ? undefined : Number(flags.minWeight),
  });
  const onClickHouse = isClickHouseCase(flags.case);
  const coShareInCluster = onClickHouse && CLICKHOUSE_CO_SHARE.includes(signal.name);
  const t0 = io.now();
  // On ClickHouse a co-share signal runs in the cluster, its edges into an in-memory DuckDB case
  // from which the same CSV is written; the others on a working case pulled from it.
  let store: Store;
  let computed: SignalSummary | undefined;
  if (onClickHouse && !coShareInCluster)
    ({ store, summary: computed } = await signalOnClickHouse(
      flags.case,
      signal.name,
      options,
      io.progress,
    ));
  else store = await openStore(coShareInCluster ? ':memory:' : flags.case, { mustExist: true });
  try {
    io.progress.start(`signal ${signal.name}`, 1);
    const summary =
      computed ??
      (coShareInCluster
        ? await coShareOnClickHouse(flags.case, store, signal.name, options)
        : await signal.compute(store, options));
    const rows = await exportSignalEdges(store, signal.name, flags.out);
    io.progress.update(1, `${rows.toLocaleString('en')} edges`);
    io.progress.stop();
    const seconds = (io.now() - t0) / 1000;
    if (flags.json)
      io.stdout.write(
        `${JSON.stringify({ ...summary, options, out: flags.out, seconds }, null, 2)}\n`,
      );
    else {
      io.stdout.write(
        `${signal.name}: ${summary.edges.toLocaleString('en')} edges from ${summary.items.toLocaleString('en')} items in ${seconds.toFixed(1)} s → ${flags.out}\n`,
      );
      if (summary.skipped > 0)
        io.stdout.write(
          `skipped: ${summary.skipped.toLocaleString('en')} ${summary.skippedWhat}\n`,
        );
    }
    return 0;
  } finally {
    store.close();
  }
}

async function coShareOnClickHouse(
  text: string,
  store: Store,
  signal: string,
  options: SignalOptions,
): Promise<SignalSummary> {
  const ch = await openClickHouseCase(text);
  try {
    const r = await computeCoShareOnClickHouse(ch, store, signal, options);
    return { signal, edges: r.edges, items: r.items, skipped: 0, skippedWhat: '' };
  } finally {
    await ch.close();
  }
}
