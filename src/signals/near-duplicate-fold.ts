// The per-text work of near-duplicate text, done the same way on the main thread and in the worker
// threads (near-duplicate-worker.ts): folding and signing batches of texts, and the shingle sets of
// batches of folded texts.
import type { MinHashOptions } from './minhash.js';
import { MinHasher } from './minhash.js';
import { TextFolder } from './text-fold.js';

/** A batch of texts, folded and signed. Entries of texts below the length floor are left zero. */
export interface FoldedBatch {
  readonly count: number;
  /** The posts' row ids. */
  readonly rows: Float64Array;
  /** 1 where the folded text is below the length floor (skipped). */
  readonly short: Uint8Array;
  /** The folded text's 64-bit key as two int32 (exact duplicates share it). */
  readonly keyHigh: Int32Array;
  readonly keyLow: Int32Array;
  /** Text i's LSH band hashes are bands[i * b .. (i + 1) * b). */
  readonly bands: Int32Array;
  /** Text i's folded code units are units[unitsFrom[i] .. unitsFrom[i + 1]). */
  readonly unitsFrom: Int32Array;
  readonly units: Uint16Array;
}

const COLON = 0x3a;
const ZERO = 0x30;

/** Folds, keys and signs texts. */
export class BatchFolder {
  private readonly folder = new TextFolder();
  private readonly hasher: MinHasher;
  private readonly signature: Int32Array;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly minChars: number,
    private readonly minhash: MinHashOptions,
  ) {
    this.hasher = new MinHasher(minhash);
    this.signature = new Int32Array(minhash.hashes);
  }

  /** Folds a batch of `<row id>:<byte length>:<text>` records (see streamTextRecords). */
  foldRecords(bytes: Uint8Array): FoldedBatch {
    const rows: number[] = [];
    const texts: string[] = [];
    let p = 0;
    while (p < bytes.length) {
      let row = 0;
      while (bytes[p] !== COLON) row = row * 10 + bytes[p++]! - ZERO;
      let length = 0;
      p++;
      while (bytes[p] !== COLON) length = length * 10 + bytes[p++]! - ZERO;
      p++;
      if (p + length > bytes.length) throw new Error('near-duplicate: a text record is cut short');
      rows.push(row);
      texts.push(this.decoder.decode(bytes.subarray(p, p + length)));
      p += length;
    }
    return this.fold(Float64Array.from(rows), texts);
  }

  fold(rows: Float64Array, texts: readonly string[]): FoldedBatch {
    const n = texts.length;
    const b = this.minhash.bands;
    const short = new Uint8Array(n);
    const keyHigh = new Int32Array(n);
    const keyLow = new Int32Array(n);
    const bands = new Int32Array(n * b);
    const unitsFrom = new Int32Array(n + 1);
    let units = new Uint16Array(texts.reduce((m, t) => m + t.length, 0) + 64);
    const f = this.folder;
    for (let i = 0; i < n; i++) {
      f.fold(texts[i]!);
      unitsFrom[i + 1] = unitsFrom[i]!;
      if (f.floorLength() < this.minChars) {
        short[i] = 1;
        continue;
      }
      const [hi, lo] = f.key();
      keyHigh[i] = hi;
      keyLow[i] = lo;
      this.hasher.signatureOf(f.units, f.length, this.signature);
      this.hasher.bandHashesInto(this.signature, bands, i * b);
      const at = unitsFrom[i]!;
      if (at + f.length > units.length) {
        const next = new Uint16Array(Math.max(at + f.length, units.length * 2));
        next.set(units);
        units = next;
      }
      units.set(f.units.subarray(0, f.length), at);
      unitsFrom[i + 1] = at + f.length;
    }
    // Cut to what is used: the main thread keeps the batch's units whole (see TextStore).
    return {
      count: n,
      rows,
      short,
      keyHigh,
      keyLow,
      bands,
      unitsFrom,
      units: units.slice(0, unitsFrom[n]),
    };
  }
}

/** A job for {@link TextWork}: fold a batch of text records, or take the shingle sets of folded texts. */
export type TextJob =
  | { readonly kind: 'fold'; readonly records: Uint8Array }
  | {
      readonly kind: 'sets';
      /** Folded texts one after another; text i is units[from[i] .. from[i + 1]). */
      readonly units: Uint16Array;
      readonly from: Int32Array;
    };

/** The shingle sets of a batch of folded texts: set i is hashes[from[i] .. from[i] + size[i]). */
export interface SetsBatch {
  readonly from: Int32Array;
  readonly size: Int32Array;
  readonly hashes: Int32Array;
}

/** Does {@link TextJob}s. */
export class TextWork {
  private readonly folder: BatchFolder;
  private readonly hasher: MinHasher;

  constructor(minChars: number, minhash: MinHashOptions) {
    this.folder = new BatchFolder(minChars, minhash);
    this.hasher = new MinHasher(minhash);
  }

  run(job: TextJob): FoldedBatch | SetsBatch {
    if (job.kind === 'fold') return this.folder.foldRecords(job.records);
    const n = job.from.length - 1;
    const length = (i: number) => job.from[i + 1]! - job.from[i]!;
    const from = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) from[i + 1] = from[i]! + this.hasher.shingleCount(length(i));
    const size = new Int32Array(n);
    const hashes = new Int32Array(from[n]!);
    for (let i = 0; i < n; i++)
      size[i] = this.hasher.shingleSetOf(job.units, job.from[i]!, length(i), hashes, from[i]!);
    return { from, size, hashes };
  }
}

/** The buffers of a job's result, to transfer rather than copy. */
export function resultBuffers(out: FoldedBatch | SetsBatch): ArrayBuffer[] {
  const arrays =
    'hashes' in out
      ? [out.from, out.size, out.hashes]
      : [out.rows, out.short, out.keyHigh, out.keyLow, out.bands, out.unitsFrom, out.units];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
