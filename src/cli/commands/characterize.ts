// `unmask characterize --case <case.duckdb> --out <profiles.json> [--groups <groups.csv>]`.
import { writeFileSync } from 'node:fs';

import { characterize, readGroupsFile, readKnownFile } from '../../characterize/index.js';
import { NotFoundError } from '../../core/index.js';
import { hasDetection } from '../../detect/index.js';
import { openCase, saveResults } from '../../pipeline/index.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';

/** Raw flags of the characterize command. */
export interface CharacterizeFlags {
  readonly case: string;
  readonly out: string;
  readonly groups?: string;
  readonly known?: string[];
  readonly seed?: string;
  readonly json?: boolean;
}

const offset = (m: number | null) =>
  m === null
    ? '—'
    : `UTC${m >= 0 ? '+' : '-'}${Math.floor(Math.abs(m) / 60)}${Math.abs(m) % 60 ? `:${String(Math.abs(m) % 60).padStart(2, '0')}` : ''}`;

/** Profiles the detected clusters (or the given groups) and writes profiles.json. */
export async function characterizeCommand(flags: CharacterizeFlags, io: CliIo): Promise<number> {
  const groups = flags.groups === undefined ? null : readGroupsFile(flags.groups);
  const store = await openCase(flags.case, { mustExist: true, progress: io.progress });
  try {
    if (groups === null && !(await hasDetection(store)))
      throw new NotFoundError(
        `${flags.case}: no detection results; run 'unmask detect --case ${flags.case} --out <dir>' first, or pass --groups <groups.csv>`,
      );
    const t0 = io.now();
    const result = await characterize(
      store,
      { groups, seed: Number(flags.seed ?? 1), known: (flags.known ?? []).flatMap(readKnownFile) },
      io.progress,
    );
    writeFileSync(flags.out, `${JSON.stringify(result, null, 2)}\n`);
    if (groups === null) await saveResults(flags.case, store);
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(
      formatTable(
        [
          'group',
          'operation',
          'accounts',
          'clock',
          'offset',
          'conf.',
          'dst',
          'breaks',
          'in-network',
          'breakout',
        ],
        result.groups.map((g) => [
          g.id,
          g.operation,
          g.accounts,
          g.clock,
          offset(g.timezone.utcOffsetMinutes),
          g.timezone.confidence.toFixed(2),
          g.timezone.dst,
          g.schedule?.breaks.map((b) => `${b.label} ${b.start}–${b.end}`).join(', ') ?? '',
          g.echoChamber.inNetworkShare === null
            ? '—'
            : `${Math.round(g.echoChamber.inNetworkShare * 100)}%`,
          String(g.breakout.category),
        ]),
      ),
    );
    if (result.unknownMembers.length > 0)
      io.stderr.write(
        `warning: ${result.unknownMembers.length} listed accounts have no account row and no posts in the case, e.g. ${result.unknownMembers[0]?.platform}:${result.unknownMembers[0]?.accountId}\n`,
      );
    io.stdout.write(
      `${result.groups.length} groups in ${result.operations.length} operations in ${((io.now() - t0) / 1000).toFixed(1)} s → ${flags.out}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
