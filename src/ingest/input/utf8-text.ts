// Decodes UTF-8 bytes to text, chunk by chunk, keeping each invalid byte visible and locatable.
//
// TextDecoder turns a broken byte into U+FFFD, which cannot be told apart from a real U+FFFD in
// the text (scraped data is full of them: 6,826 of the 135,143 ira-dev tweets). Here each byte
// of an invalid sequence becomes a lone surrogate U+DC80–U+DCFF instead, as Python's
// "surrogateescape" error handler does (PEP 383). Valid UTF-8 never decodes to a lone surrogate,
// so {@link hasInvalidBytes} is exact and the marker still holds the byte's value.
// Invalid sequences are found as the WHATWG Encoding standard's decoder finds them (maximal
// subparts, https://encoding.spec.whatwg.org/#utf-8-decoder); clean chunks take the native path
// (`isUtf8` + TextDecoder), so valid text costs no more than before.
import { isUtf8 } from 'node:buffer';

/** Where the first invalid byte sequence of a line was found. */
export interface InvalidBytes {
  /** 1-based line of the input (line feeds before it + 1). */
  readonly line: number;
  /** 0-based byte offset in the (decompressed) input, a byte-order mark included. */
  readonly offset: number;
}

const LF = 10;
const MARKER_BASE = 0xdc00;
// For chunks already known to be valid and whole. On the ira-dev tweets (33 MB, 1 MiB chunks)
// TextDecoder with `stream: true` took ~120 ms of CPU, Buffer#toString and a non-streaming
// decode ~270 ms; isUtf8 ~2 ms. The byte-order mark is ours to drop.
const CLEAN = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A streaming UTF-8 decoder: {@link Utf8Text.decode} takes the input's chunks in order (a
 * character may straddle two chunks) and returns their text, a leading byte-order mark removed.
 * With `track`, it also records the first invalid sequence of each line for {@link invalidAt}.
 */
export class Utf8Text {
  private carry: Buffer | null = null;
  // Byte offset of the next byte given to decode (after the carry) and line count so far.
  private offset = 0;
  private line = 1;
  private started = false;
  private readonly found: InvalidBytes[] = [];
  /**
   * Invalid bytes decoded so far: while 0, no text this decoder returned holds a marker, and
   * readers can skip the check per field.
   */
  invalidBytes = 0;

  constructor(private readonly track = false) {}

  /** Returns the text of `chunk` (and of any character left incomplete by the previous one). */
  decode(chunk: Buffer, final = false): string {
    let buf = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    let base = this.offset - (this.carry?.length ?? 0);
    this.carry = null;
    if (!this.started && buf.length >= (final ? 0 : 3)) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        base += 3;
      }
    } else if (!this.started) {
      // Fewer than three bytes so far: they may be the start of a byte-order mark.
      this.carry = buf;
      this.offset = base + buf.length;
      return '';
    }
    const end = final ? buf.length : completeEnd(buf);
    if (end < buf.length) this.carry = Buffer.from(buf.subarray(end));
    this.offset = base + buf.length;
    const whole = buf.subarray(0, end);
    if (isUtf8(whole)) {
      if (this.track) this.line += countLf(buf, 0, end);
      return CLEAN.decode(whole, { stream: true });
    }
    return this.decodeInvalid(buf, end, base);
  }

  /**
   * Returns the first recorded invalid sequence on `line` or later, forgetting those before
   * `line`: callers ask in input order (e.g. for each record that {@link hasInvalidBytes}).
   */
  invalidAt(line: number): InvalidBytes | undefined {
    let i = 0;
    while (i < this.found.length && this.found[i]!.line < line) i++;
    if (i > 0) this.found.splice(0, i);
    return this.found[0];
  }

  // The slow path for a chunk with invalid bytes: valid runs decoded natively, markers between.
  private decodeInvalid(buf: Buffer, end: number, base: number): string {
    let text = '';
    let run = 0;
    let lfFrom = 0;
    let i = 0;
    while (i < end) {
      const b = buf[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      const n = validLength(buf, i, end);
      if (n > 0) {
        i += n;
        continue;
      }
      const bad = Math.max(1, -n);
      text += buf.toString('utf8', run, i);
      if (this.track) {
        this.line += countLf(buf, lfFrom, i);
        lfFrom = i;
        if (this.found.at(-1)?.line !== this.line)
          this.found.push({ line: this.line, offset: base + i });
      }
      for (let k = 0; k < bad; k++) text += String.fromCharCode(MARKER_BASE + buf[i + k]!);
      this.invalidBytes += bad;
      i += bad;
      run = i;
    }
    if (this.track) this.line += countLf(buf, lfFrom, end);
    return text + buf.toString('utf8', run, end);
  }
}

/** True when `text` holds a byte that was not valid UTF-8 (a marker from {@link Utf8Text}). */
export function hasInvalidBytes(text: string): boolean {
  // String.prototype.isWellFormed (ES2024, V8 11.1, Node 20) is native and stops at the first
  // lone surrogate; the project's lib is ES2023, hence the cast.
  return !(text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** The bytes the first run of markers in `text` stands for, e.g. '0xFF 0xFE'. */
export function invalidBytesOf(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length && out.length < 8; i++) {
    const c = text.charCodeAt(i);
    const marker =
      c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHighSurrogate(text.charCodeAt(i - 1)));
    if (marker) out.push(`0x${(c - MARKER_BASE).toString(16).toUpperCase().padStart(2, '0')}`);
    else if (out.length > 0) break;
  }
  return out.join(' ');
}

/**
 * The reason given for text with invalid bytes, e.g. 'invalid UTF-8 byte sequence 0xFF 0xFE at
 * byte 75' (the offset when the decoder recorded it).
 */
export function invalidBytesReason(text: string, at: InvalidBytes | undefined): string {
  const where = at === undefined ? '' : ` at byte ${at.offset}`;
  return `invalid UTF-8 byte sequence ${invalidBytesOf(text)}${where}`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

// Length of the valid sequence at `i` (2–4), or minus the length of its maximal invalid subpart;
// a sequence cut off by `end` counts as invalid (the caller keeps incomplete tails for later).
function validLength(buf: Buffer, i: number, end: number): number {
  const b0 = buf[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lo = 0xa0;
    else if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lo = 0x90;
    else if (b0 === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const b = i + k < end ? buf[i + k]! : -1;
    if (b < lo || b > hi) return -k;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

// The end of the last complete character: a multi-byte sequence cut by the chunk's end waits.
function completeEnd(buf: Buffer): number {
  const len = buf.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const b = buf[len - back]!;
    if (b < 0x80) return len;
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return size > back ? len - back : len;
    }
  }
  return len;
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}
