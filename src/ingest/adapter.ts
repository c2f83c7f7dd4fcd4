// The one interface every export format implements, and the items adapters produce.
import type {
  Account,
  Follow,
  Indicator,
  Label,
  MediaFile,
  Observation,
  Post,
} from '../model/index.js';
import type { InputSource } from './input/input-source.js';

/** What an adapter needs to know besides the file. */
export interface AdapterContext {
  /** Platform for formats that don't say; default 'unknown'. */
  readonly platform: string | null;
  /** IANA zone for timestamps without an offset; null rejects them. */
  readonly timezone: string | null;
  /** Called with the (decompressed) bytes of the input read so far. */
  readonly onProgress: (bytesRead: number) => void;
  /** Reads a Parquet file as row objects in batches (given by the pipeline, which owns DuckDB). */
  readonly readParquet?: (path: string) => AsyncIterable<Record<string, unknown>[]>;
  /** The folder relative media paths are read from (the input's folder); default the working folder. */
  readonly inputDir?: string;
}

/** The records one row of an export yields (a tweet row gives a post and its account). */
export interface LoadedItem {
  readonly line: number;
  readonly post?: Post;
  readonly account?: Account;
  readonly observation?: Observation;
  readonly follow?: Follow;
  readonly label?: Label;
  readonly indicator?: Indicator;
  /** Image files of the post (a native `media_path` column), hashed after the files are loaded. */
  readonly mediaFiles?: readonly MediaFile[];
  readonly reject?: undefined;
}

/** A row that could not be loaded, with the field and the reason. */
export interface RejectedItem {
  readonly line: number;
  readonly reject: { readonly field: string; readonly reason: string; readonly raw: string };
}

/** One row read from an export. */
export type IngestItem = LoadedItem | RejectedItem;

/** The start of an input, for format recognition, and the input itself. */
export interface FileSample {
  /** The input's name in messages: its path, or `archive.zip!member.csv` for a zip member. */
  readonly path: string;
  /** The input, to read it from the start. */
  readonly source: InputSource;
  /** Up to 64 KiB of decoded text (decompressed), byte-order mark removed ('' for binary files). */
  readonly head: string;
  /** True for a Parquet file (PAR1 magic). */
  readonly parquet: boolean;
  /** Lower-cased, trimmed header fields when the file looks like delimited text; else null. */
  readonly header: readonly string[] | null;
  /** The delimiter the header line suggests. */
  readonly delimiter: string;
}

/**
 * An export format: recognizes its files and reads them as rows. `F` is the format's name, a
 * string literal (e.g. `'4cat'`), so the list of names is derived from `ADAPTERS` in index.ts.
 */
export interface IngestAdapter<F extends string = string> {
  /** The name for `--format`, help and messages, e.g. `'x-archive'`. */
  readonly format: F;
  /** True when the sample is this format (used by `--format auto`). */
  recognize(sample: FileSample): boolean;
  /** Yields every row of the file, in batches, each loaded or rejected. */
  read(sample: FileSample, context: AdapterContext): AsyncIterable<IngestItem[]>;
}

/** Thrown by row mappers for a bad field; turned into a {@link RejectedItem}. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}
