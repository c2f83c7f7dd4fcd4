// `unmask ingest <file|dir>... --case <case.duckdb>`: load exports into a case file.
import { existsSync, rmSync } from 'node:fs';

import { ConfigError } from '../../core/index.js';
import { FORMATS, isFormatName } from '../../ingest/index.js';
import type { IngestSummary } from '../../pipeline/index.js';
import { ingestFiles, ingestIntoClickHouse } from '../../pipeline/index.js';
import { isClickHouseCase, openClickHouseCase, parseClickHouseCase } from '../../store/index.js';
import { openStore } from '../../store/index.js';
import { EXIT } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';

/** Raw flags of the ingest command as commander parses them. */
export interface IngestFlags {
  readonly case: string;
  readonly format: string;
  readonly platform?: string;
  readonly timezone?: string;
  readonly rejects?: string;
  /** `--media-dir`, repeatable. */
  readonly mediaDir?: string[];
  readonly json?: boolean;
}

/**
 * Runs the ingest command; returns the exit code (1 when rows were rejected). When it fails, a
 * case file (and rejects file) that it created is removed: a failed first ingest leaves nothing.
 */
export async function ingestCommand(
  paths: string[],
  flags: IngestFlags,
  io: CliIo,
): Promise<number> {
  const format = flags.format;
  if (format !== 'auto' && !isFormatName(format)) {
    throw new ConfigError(
      `--format: unknown format '${format}' (expected auto, ${FORMATS.join(', ')})`,
    );
  }
  if (isClickHouseCase(flags.case)) return ingestClickHouse(paths, flags, io);
  const rejectsPath = flags.rejects ?? `${flags.case.replace(/\.duckdb$/, '')}.rejects.csv`;
  const created = [flags.case, `${flags.case}.wal`, rejectsPath].filter((p) => !existsSync(p));
  const store = await openStore(flags.case);
  let summary: IngestSummary;
  let done = false;
  try {
    summary = await ingestFiles(
      store,
      paths,
      {
        format,
        platform: flags.platform?.toLowerCase() ?? null,
        timezone: flags.timezone ?? null,
        rejectsPath,
        mediaDirs: flags.mediaDir ?? [],
      },
      { progress: flags.json ? io.silentProgress : io.progress, now: io.now },
    );
    done = true;
  } finally {
    store.close();
    if (!done) for (const path of created) rmSync(path, { force: true });
  }
  return reportIngest(summary, flags, io);
}

/** `--case clickhouse://…`: the same ingest through a scratch DuckDB case, then into ClickHouse. */
async function ingestClickHouse(paths: string[], flags: IngestFlags, io: CliIo): Promise<number> {
  const rejectsPath = flags.rejects ?? `${parseClickHouseCase(flags.case).database}.rejects.csv`;
  const ch = await openClickHouseCase(flags.case);
  try {
    const summary = await ingestIntoClickHouse(
      ch,
      paths,
      {
        format: flags.format as never,
        platform: flags.platform?.toLowerCase() ?? null,
        timezone: flags.timezone ?? null,
        rejectsPath,
      },
      { progress: flags.json ? io.silentProgress : io.progress, now: io.now },
    );
    return reportIngest(summary, flags, io);
  } finally {
    await ch.close();
  }
}

function reportIngest(summary: IngestSummary, flags: IngestFlags, io: CliIo): number {
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ case: flags.case, ...summary }, null, 2)}\n`);
  } else {
    const rows = summary.files.map((f) => [
      f.file,
      f.format,
      f.read,
      f.loaded,
      f.rejected,
      f.duplicates,
    ]);
    rows.push(['total', '', summary.read, summary.loaded, summary.rejected, summary.duplicates]);
    io.stdout.write(
      formatTable(['file', 'format', 'read', 'loaded', 'rejected', 'duplicates'], rows),
    );
    io.stdout.write(`case: ${flags.case}\n`);
    if (summary.skipped.length > 0) {
      const n = summary.skipped.length;
      // Many skipped files (a media folder beside the export): counted by reason, not listed.
      const byReason = new Map<string, number>();
      for (const s of summary.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
      const list =
        n <= 10
          ? summary.skipped.map((s) => `${s.file} (${s.reason})`).join(', ')
          : [...byReason].map(([reason, k]) => `${k.toLocaleString('en')} ${reason}`).join(', ');
      io.stdout.write(
        `skipped ${n === 1 ? '1 file that is not an export' : `${n} files that are not exports`}: ${list}\n`,
      );
    }
    if (summary.rejected > 0)
      io.stdout.write(
        `${summary.rejected.toLocaleString('en')} rows rejected; reasons in ${summary.rejectsPath}\n`,
      );
    const m = summary.media;
    if (m.files > 0)
      io.stdout.write(
        `images: ${m.files.toLocaleString('en')} files read, ${m.hashed.toLocaleString('en')} hashed (${m.posts.toLocaleString('en')} post images), ${m.rejected.toLocaleString('en')} rejected${m.rejected > 0 ? `; reasons in ${summary.rejectsPath}` : ''}\n`,
      );
  }
  return summary.rejected > 0 || summary.media.rejected > 0 ? EXIT.problems : EXIT.ok;
}
