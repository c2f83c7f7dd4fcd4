// Ingest: export files → adapters → staged records → one merge per file into the case.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, NotFoundError } from '../errors.js';
import type { FileSample, FormatName } from '../ingest/index.js';
import { adapterFor, detectAdapter, sampleFile } from '../ingest/index.js';
import { isValidTimezone } from '../normalize/index.js';
import type { Store } from '../store/index.js';
import {
  bulkEligible,
  bulkLoadNativePosts,
  nextRunId,
  readParquetRows,
  RecordLoader,
} from '../store/index.js';
import type { Effects } from './effects.js';
import { RejectsFile } from './rejects-file.js';

/** Options of {@link ingestFiles}. */
export interface IngestOptions {
  /** Export format, or 'auto' to recognize each file; default 'auto'. */
  readonly format: FormatName | 'auto';
  /** Platform for formats that don't name one; default null (→ 'unknown'). */
  readonly platform: string | null;
  /** IANA zone for timestamps without an offset; default null (such rows are rejected). */
  readonly timezone: string | null;
  /** Path of the rejects CSV, rewritten by each ingest. */
  readonly rejectsPath: string;
  /** Load clean native posts files in bulk inside DuckDB; default true (false: always row by row). */
  readonly bulk?: boolean;
}

/** What happened to one file's rows: read = loaded + rejected + duplicates. */
export interface FileSummary {
  readonly file: string;
  readonly format: FormatName;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly duplicates: number;
  /** 'bulk' when DuckDB loaded the file in one statement, 'rows' when it was read row by row. */
  readonly mode: 'bulk' | 'rows';
}

/** What happened in one ingest. */
export interface IngestSummary {
  readonly files: readonly FileSummary[];
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly rejectsPath: string;
}

/** Returns the files under the given paths: files as given, directories walked in name order. */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new NotFoundError(`${path}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      out.push(path);
      continue;
    }
    const names = readdirSync(path)
      .filter(
        (n) => !n.startsWith('.') && !/\.(duckdb|wal)$|\.rejects\.csv$|^scenario\.json$/.test(n),
      )
      .sort();
    out.push(...expandInputs(names.map((n) => join(path, n))));
  }
  return out;
}

/** Ingests every file into the case; rows not loaded go to the rejects file with their reason. */
export async function ingestFiles(
  store: Store,
  paths: readonly string[],
  options: IngestOptions,
  effects: Effects,
): Promise<IngestSummary> {
  if (options.timezone !== null && !isValidTimezone(options.timezone)) {
    throw new ConfigError(
      `--timezone: '${options.timezone}' is not an IANA time zone (e.g. Asia/Shanghai, UTC)`,
    );
  }
  const files = expandInputs(paths);
  const samples = files.map((file) => sampleFile(file));
  const adapters = samples.map((s) =>
    options.format === 'auto' ? detectAdapter(s) : adapterFor(options.format),
  );
  const rejects = new RejectsFile(options.rejectsPath);
  const summaries: FileSummary[] = [];
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i] as string;
      const sample = samples[i]!;
      const adapter = adapters[i]!;
      const startedAt = effects.now();
      const runId = await nextRunId(store);
      const size = statSync(file).size;
      effects.progress.start(`${file} (${adapter.format})`, size);
      const layout = bulkLayout(adapter.format, sample, file);
      if (options.bulk !== false && layout !== null) {
        const bulk = await bulkLoadNativePosts(store, {
          path: file,
          layout,
          parquet: sample.parquet,
          delimiter: sample.delimiter,
          platform: options.platform,
          timezone: options.timezone,
          runId,
          startedAt,
        });
        if (bulk) {
          effects.progress.update(size, `${bulk.read.toLocaleString('en')} rows (bulk)`);
          effects.progress.stop();
          summaries.push({
            file,
            format: adapter.format,
            read: bulk.read,
            loaded: bulk.loaded,
            rejected: 0,
            duplicates: bulk.duplicates,
            mode: 'bulk',
          });
          continue;
        }
      }
      const loader = new RecordLoader(store, runId);
      let read = 0;
      let rejected = 0;
      try {
        const context = {
          platform: options.platform,
          timezone: options.timezone,
          onProgress: (bytes: number) =>
            effects.progress.update(bytes, `${read.toLocaleString('en')} rows`),
          readParquet: readParquetRows,
        };
        for await (const batch of adapter.read(sample, context)) {
          for (const item of batch) {
            read++;
            if (item.reject !== undefined) {
              rejected++;
              rejects.write({ file, line: item.line, ...item.reject });
            } else {
              loader.add(item);
            }
          }
        }
      } catch (error) {
        loader.discard();
        effects.progress.stop();
        throw error;
      }
      effects.progress.update(size, `${read.toLocaleString('en')} rows; merging`);
      const merged = await loader.commit({
        file,
        format: adapter.format,
        startedAt,
        read,
        rejected,
      });
      effects.progress.stop();
      summaries.push({
        file,
        format: adapter.format,
        read,
        loaded: merged.loaded,
        rejected,
        duplicates: merged.duplicates,
        mode: 'rows',
      });
    }
  } finally {
    rejects.close();
  }
  const sum = (key: 'read' | 'loaded' | 'rejected' | 'duplicates') =>
    summaries.reduce((s, f) => s + f[key], 0);
  return {
    files: summaries,
    read: sum('read'),
    loaded: sum('loaded'),
    rejected: sum('rejected'),
    duplicates: sum('duplicates'),
    rejectsPath: options.rejectsPath,
  };
}

// Which files DuckDB can load in one statement: native posts files and CooRTweet files.
function bulkLayout(
  format: FormatName,
  sample: FileSample,
  file: string,
): 'native' | 'coortweet' | null {
  if (
    format === 'coortweet' &&
    sample.header !== null &&
    sample.header.every((h) =>
      ['object_id', 'account_id', 'content_id', 'timestamp_share'].includes(h),
    )
  ) {
    return 'coortweet';
  }
  if (format !== 'native') return null;
  if (sample.parquet) return 'native';
  return sample.header !== null && bulkEligible(sample.header) && !/\.(jsonl|ndjson)$/i.test(file)
    ? 'native'
    : null;
}
