// Ingest: one adapter per export format, all yielding the same normalized rows.
import { InputError } from '../core/index.js';
import { fourCat } from './4cat/index.js';
import type { FileSample, IngestAdapter } from './adapter.js';
import { bluesky } from './bluesky/index.js';
import { coortweet } from './coortweet/index.js';
import { crowdtangle } from './crowdtangle/index.js';
import { mastodon } from './mastodon/index.js';
import { metaIoc } from './meta-ioc/index.js';
import { native } from './native/index.js';
import { reddit } from './reddit/index.js';
import { telegram } from './telegram/index.js';
import { tiktok } from './tiktok/index.js';
import { xApiV2 } from './x-api-v2/index.js';
import { xArchive } from './x-archive/index.js';
import { youtube } from './youtube/index.js';

export type {
  AdapterContext,
  FileSample,
  IngestAdapter,
  IngestItem,
  LoadedItem,
  RejectedItem,
} from './adapter.js';
export type { BlueskyBulkFile, LineReject } from './bluesky/bulk.sql.js';
export { blueskyBulkEligible, bulkLoadBluesky } from './bluesky/bulk.sql.js';
export type { CsvBulkFile } from './bulk-csv.sql.js';
export { bulkEligible, bulkLoadNativePosts } from './bulk-native.sql.js';
export type { BulkOutcome, RowByRowReason } from './bulk-outcome.js';
export { bulkLoadCrowdTangle } from './crowdtangle/bulk.sql.js';
export type { TableRow } from './csv/read-table.js';
export { readCsvTable } from './csv/read-table.js';
export type { ExpandedInputs, FoundInput, SkippedFile } from './input/expand-inputs.js';
export { expandInputs } from './input/expand-inputs.js';
export type { InputSource } from './input/input-source.js';
export { dataName, looksLikeData } from './input/not-data.js';
export { nextRunId, RecordLoader } from './load-records.sql.js';
export type { HashMediaOptions, MediaReject, MediaSummary } from './media/hash-media.js';
export { hashPostMedia } from './media/hash-media.js';
export type { HashKind, ImageHash } from './media/perceptual-hash.js';
export { dHashOf, hamming, hashHex, imageHash, pHashOf } from './media/perceptual-hash.js';
export { thumbnailDataUri } from './media/thumbnail.js';
export { classifyIndicator } from './meta-ioc/classify.js';
export { readParquetRows } from './read-parquet.sql.js';
export { sampleSource } from './sample-source.js';
export {
  bulkLoadXApiV2Tweets,
  fourCatTweetsBulkEligible,
  xApiV2BulkEligible,
} from './x-api-v2/bulk.sql.js';
export { bulkLoadXArchiveTweets } from './x-archive/bulk.sql.js';

/**
 * Every adapter, most specific first: `--format auto` takes the first that recognizes a file.
 * The one list of formats: names, `--format` checking and the CLI help all come from it, so a new
 * format is its folder plus one entry here.
 */
export const ADAPTERS = [
  xArchive,
  coortweet,
  crowdtangle,
  metaIoc,
  fourCat,
  xApiV2,
  bluesky,
  reddit,
  tiktok,
  youtube,
  mastodon,
  telegram,
  native,
] as const;

/** One format's name, e.g. `'x-archive'`; the union of the `format`s in {@link ADAPTERS}. */
export type FormatName = (typeof ADAPTERS)[number]['format'];

/** The format names, in recognition order (as the CLI help lists them). */
export const FORMATS: readonly FormatName[] = ADAPTERS.map((a) => a.format);

/** Returns the adapter for a format name; throws InputError for unknown names. */
export function adapterFor(format: string): IngestAdapter<FormatName> {
  const adapter = ADAPTERS.find((a) => a.format === format);
  if (!adapter)
    throw new InputError(
      `unknown format '${format}' (expected auto or one of ${FORMATS.join(', ')})`,
    );
  return adapter;
}

/** Returns the adapter that recognizes the sample; throws InputError naming the file when none does. */
export function detectAdapter(sample: FileSample): IngestAdapter<FormatName> {
  const adapter = ADAPTERS.find((a) => a.recognize(sample));
  if (adapter) return adapter;
  const seen = sample.header
    ? `header: ${sample.header.slice(0, 8).join(', ')}`
    : 'no recognizable structure';
  throw new InputError(
    `${sample.path}: line 1: cannot recognize the export format (${seen}); name it with --format (${FORMATS.join(', ')})`,
  );
}

/** Returns true when `name` is a format name. */
export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}
