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
    let n = 0;
    for (let p = 0; p < bytes.length; n++) p = recordText(bytes, p).to;
    const rows = new Float64Array(n);
    // A folded text has at most as many code units as its UTF-8 bytes, but for NFKC's expansions.
    const out = new BatchOut(n, this.minhash.bands, bytes.length + 64);
    for (let i = 0, p = 0; i < n; i++) {
      const record = recordText(bytes, p);
      rows[i] = record.row;
      this.folder.foldUtf8(bytes, record.from, record.to, this.decoder);
      this.keep(out, i);
      p = record.to;
    }
    return out.batch(rows);
  }

  fold(rows: Float64Array, texts: readonly string[]): FoldedBatch {
    const out = new BatchOut(
      texts.length,
      this.minhash.bands,
      texts.reduce((m, t) => m + t.length, 0) + 64,
    );
    for (let i = 0; i < texts.length; i++) {
      this.folder.fold(texts[i]!);
      this.keep(out, i);
    }
    return out.batch(rows);
  }

  /** Keys, signs and keeps the text just folded as text i of `out` (or marks it short). */
  private keep(out: BatchOut, i: number): void {
    const f = this.folder;
    const b = this.minhash.bands;
    out.unitsFrom[i + 1] = out.unitsFrom[i]!;
    if (f.floorLength() < this.minChars) {
      out.short[i] = 1;
      return;
    }
    f.keyInto(out.keyHigh, out.keyLow, i);
    this.hasher.signatureOf(f.units, f.length, this.signature);
    this.hasher.bandHashesInto(this.signature, out.bands, i * b);
    const at = out.unitsFrom[i]!;
    if (at + f.length > out.units.length) {
      const next = new Uint16Array(Math.max(at + f.length, out.units.length * 2));
      next.set(out.units);
      out.units = next;
    }
    out.units.set(f.units.subarray(0, f.length), at);
    out.unitsFrom[i + 1] = at + f.length;
  }
}

/** Where the next record from byte `p` is: its row id and the bytes of its text. */
function recordText(bytes: Uint8Array, p: number): { row: number; from: number; to: number } {
  let row = 0;
  while (bytes[p] !== COLON) row = row * 10 + bytes[p++]! - ZERO;
  let length = 0;
  p++;
  while (bytes[p] !== COLON) length = length * 10 + bytes[p++]! - ZERO;
  p++;
  if (p + length > bytes.length) throw new Error('near-duplicate: a text record is cut short');
  return { row, from: p, to: p + length };
}

/** A {@link FoldedBatch} being filled. */
class BatchOut {
  readonly short: Uint8Array;
  readonly keyHigh: Int32Array;
  readonly keyLow: Int32Array;
  readonly bands: Int32Array;
  readonly unitsFrom: Int32Array;
  units: Uint16Array;

  constructor(
    readonly count: number,
    bands: number,
    units: number,
  ) {
    this.short = new Uint8Array(count);
    this.keyHigh = new Int32Array(count);
    this.keyLow = new Int32Array(count);
    this.bands = new Int32Array(count * bands);
    this.unitsFrom = new Int32Array(count + 1);
    this.units = new Uint16Array(units);
  }

  /** The batch, its units cut to what is used (the main thread keeps them whole: TextStore). */
  batch(rows: Float64Array): FoldedBatch {
    const { count, short, keyHigh, keyLow, bands, unitsFrom } = this;
    const units = this.units.slice(0, unitsFrom[count]);
    return { count, rows, short, keyHigh, keyLow, bands, unitsFrom, units };
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
