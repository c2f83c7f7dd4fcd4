// Ingest: export files → adapters → staged records → one merge per file into the case.
import { dirname } from 'node:path';

import type { Effects } from '../core/index.js';
import { ConfigError, InputError } from '../core/index.js';
import type {
  BulkOutcome,
  CsvBulkFile,
  FileSample,
  FormatName,
  IngestAdapter,
  SkippedFile,
} from '../ingest/index.js';
import type { MediaSummary } from '../ingest/index.js';
import {
  adapterFor,
  dataName,
  detectAdapter,
  expandInputs,
  looksLikeData,
  sampleSource,
} from '../ingest/index.js';
import {
  blueskyBulkEligible,
  bulkEligible,
  bulkLoadBluesky,
  bulkLoadCrowdTangle,
  bulkLoadNativePosts,
  bulkLoadXApiV2Tweets,
  bulkLoadXArchiveTweets,
  fourCatTweetsBulkEligible,
  hashPostMedia,
  nextRunId,
  readParquetRows,
  RecordLoader,
  xApiV2BulkEligible,
} from '../ingest/index.js';
import { isValidTimezone } from '../normalize/index.js';
import type { Store } from '../store/index.js';
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
  /**
   * Folders of image files named by media id or post id (`--media-dir`), hashed with the images a
   * native `media_path` column names; default none.
   */
  readonly mediaDirs?: readonly string[];
}

/** What happened to one file's rows: read = loaded + rejected + duplicates. */
export interface FileSummary {
  /** The input's name: its path, or `archive.zip!member.csv`. */
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
  /** Files in the given folders and archives that are not exports, left out with the reason. */
  readonly skipped: readonly SkippedFile[];
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly rejectsPath: string;
  /** Image files hashed and rejected (their rejects are in the rejects file, line 0, field media). */
  readonly media: MediaSummary;
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
  const { planned, skipped } = await planInputs(paths, options.format);
  const rejects = new RejectsFile(options.rejectsPath);
  const summaries: FileSummary[] = [];
  let media: MediaSummary;
  try {
    for (const { sample, adapter } of planned) {
      const startedAt = effects.now();
      const runId = await nextRunId(store);
      effects.progress.start(`${sample.path} (${adapter.format})`, sample.source.size);
      const run = { sample, format: adapter.format, runId, startedAt };
      const bulk = options.bulk !== false ? await loadInBulk(store, run, options, rejects) : null;
      // Otherwise bulk.reason says why the file is read row by row (e.g. 'invalid-row').
      if (bulk?.mode === 'bulk') {
        effects.progress.update(
          sample.source.size,
          `${bulk.read.toLocaleString('en')} rows (bulk)`,
        );
        effects.progress.stop();
        summaries.push({
          file: sample.path,
          format: adapter.format,
          read: bulk.read,
          loaded: bulk.loaded,
          rejected: bulk.rejected ?? 0,
          duplicates: bulk.duplicates,
          mode: 'bulk',
        });
        continue;
      }
      summaries.push(await loadRowByRow(store, run, adapter, options, rejects, effects));
    }
    media = await hashImages(store, options, rejects, effects);
  } finally {
    rejects.close();
  }
  const sum = (key: 'read' | 'loaded' | 'rejected' | 'duplicates') =>
    summaries.reduce((s, f) => s + f[key], 0);
  return {
    files: summaries,
    skipped,
    read: sum('read'),
    loaded: sum('loaded'),
    rejected: sum('rejected'),
    duplicates: sum('duplicates'),
    rejectsPath: options.rejectsPath,
    media,
  };
}

/** One file's ingest run. */
interface FileRun {
  readonly sample: FileSample;
  readonly format: FormatName;
  readonly runId: number;
  readonly startedAt: number;
}

/** Loads the file inside DuckDB when its layout allows; null when it never could. */
async function loadInBulk(
  store: Store,
  { sample, format, runId, startedAt }: FileRun,
  options: IngestOptions,
  rejects: RejectsFile,
): Promise<BulkOutcome | null> {
  const layout = bulkLayout(format, sample);
  if (layout === null) return null;
  const source = sample.source;
  const compression = source.container === 'plain' ? 'none' : (source.container as 'gzip' | 'zstd');
  if (layout === 'bluesky') {
    const context = {
      platform: options.platform,
      timezone: options.timezone,
      onProgress: () => {},
    };
    return bulkLoadBluesky(store, { sample, compression, context, runId, startedAt }, (r) =>
      rejects.write({ file: sample.path, ...r }),
    );
  }
  if (layout === 'x-api-v2' || layout === '4cat')
    return bulkLoadXApiV2Tweets(store, {
      format: layout,
      path: source.path,
      compression,
      runId,
      startedAt,
    });
  const csv: CsvBulkFile = {
    path: source.path,
    compression,
    delimiter: sample.delimiter,
    header: sample.header ?? [],
    runId,
    startedAt,
  };
  if (layout === 'crowdtangle') return bulkLoadCrowdTangle(store, csv);
  return layout === 'x-archive'
    ? bulkLoadXArchiveTweets(store, csv)
    : bulkLoadNativePosts(store, {
        path: source.path,
        layout,
        parquet: sample.parquet,
        compression,
        delimiter: sample.delimiter,
        platform: options.platform,
        timezone: options.timezone,
        runId,
        startedAt,
      });
}

/** Reads the file row by row through its adapter: rejects to the file, the rest merged at once. */
async function loadRowByRow(
  store: Store,
  { sample, format, runId, startedAt }: FileRun,
  adapter: IngestAdapter<FormatName>,
  options: IngestOptions,
  rejects: RejectsFile,
  effects: Effects,
): Promise<FileSummary> {
  const file = sample.path;
  const source = sample.source;
  const loader = new RecordLoader(store, runId);
  let read = 0;
  let rejected = 0;
  try {
    const context = {
      platform: options.platform,
      timezone: options.timezone,
      // Progress counts stored bytes: compressed ones for .gz, .zst and zip members.
      onProgress: () =>
        effects.progress.update(source.bytesRead(), `${read.toLocaleString('en')} rows`),
      readParquet: readParquetRows,
      inputDir: dirname(source.path),
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
  effects.progress.update(source.size, `${read.toLocaleString('en')} rows; merging`);
  const merged = await loader.commit({ file, format, startedAt, read, rejected });
  effects.progress.stop();
  return {
    file,
    format,
    read,
    loaded: merged.loaded,
    rejected,
    duplicates: merged.duplicates,
    mode: 'rows',
  };
}

/**
 * Hashes the case's image files not hashed yet (from `--media-dir` and `media_path`); each file that
 * cannot be read is a reject naming the file, its media ids and the reason.
 */
async function hashImages(
  store: Store,
  options: IngestOptions,
  rejects: RejectsFile,
  effects: Effects,
): Promise<MediaSummary> {
  let started = false;
  const summary = await hashPostMedia(
    store,
    {
      mediaDirs: options.mediaDirs ?? [],
      runId: await nextRunId(store),
      onProgress: (done, total) => {
        if (!started) effects.progress.start('images (perceptual hash)', total);
        started = true;
        effects.progress.update(done, `${done.toLocaleString('en')} images`);
      },
    },
    (r) =>
      rejects.write({
        file: r.path,
        line: 0,
        field: 'media',
        reason: `media ${r.mediaIds.join(', ')}: ${r.reason}`,
        raw: '',
      }),
  );
  if (started) effects.progress.stop();
  return summary;
}

/** The inputs to read, each with its sample and adapter, and the files left out. */
async function planInputs(
  paths: readonly string[],
  format: FormatName | 'auto',
): Promise<{
  planned: { sample: FileSample; adapter: IngestAdapter<FormatName> }[];
  skipped: SkippedFile[];
}> {
  const { inputs, skipped } = await expandInputs(paths);
  const planned: { sample: FileSample; adapter: IngestAdapter<FormatName> }[] = [];
  for (const { source, named } of inputs) {
    try {
      const sample = await sampleSource(source);
      planned.push({
        sample,
        adapter: format === 'auto' ? detectAdapter(sample) : adapterFor(format),
      });
    } catch (error) {
      // A file found in a folder or archive that no format reads is left out, unless its name
      // says it is meant to be data (a .csv with a header we don't know is the user's to see).
      if (named || !(error instanceof InputError) || looksLikeData(source.name)) throw error;
      skipped.push({
        file: source.name,
        reason: `not an export (${reasonOf(error, source.name)})`,
      });
    }
  }
  if (planned.length === 0) {
    const left = skipped.map((s) => `${s.file}: ${s.reason}`).join('; ');
    throw new InputError(
      `no exports to ingest in ${paths.join(', ')}${left ? ` (skipped ${left})` : ''}`,
    );
  }
  return { planned, skipped };
}

// An InputError's message without the file name in front, e.g. 'binary file (NUL bytes) …'.
function reasonOf(error: InputError, name: string): string {
  return error.message.startsWith(`${name}: `)
    ? error.message.slice(name.length + 2).replace(/^line 1: /, '')
    : error.message;
}

// Which files DuckDB can load in one statement: native posts files, CooRTweet files, X archive
// tweets files, CrowdTangle / Meta Content Library CSVs, flattened X API v2 tweets (also 4CAT's
// NDJSON of them), Bluesky Jetstream JSON lines, stored
// plain, gzip or zstd (DuckDB reads the file itself; not from a zip, and Parquet only plain).
function bulkLayout(
  format: FormatName,
  sample: FileSample,
): 'native' | 'coortweet' | 'x-archive' | 'x-api-v2' | '4cat' | 'crowdtangle' | 'bluesky' | null {
  if (sample.source.container === 'zip') return null;
  if (format === 'bluesky') return blueskyBulkEligible(sample) ? format : null;
  if (format === 'crowdtangle') return !sample.parquet && sample.header !== null ? format : null;
  if (format === 'x-api-v2') return xApiV2BulkEligible(sample) ? 'x-api-v2' : null;
  if (format === '4cat') return fourCatTweetsBulkEligible(sample) ? '4cat' : null;
  if (format === 'x-archive')
    return !sample.parquet && sample.header?.includes('tweetid') ? 'x-archive' : null;
  const file = sample.path;
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
  return sample.header !== null &&
    bulkEligible(sample.header) &&
    !/\.(jsonl|ndjson)$/i.test(dataName(file))
    ? 'native'
    : null;
}
