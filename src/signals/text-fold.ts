// Folding of texts for near-duplicate similarity: URLs and mentions masked, NFKC, homoglyphs and
// confusables to their base letters, lower case, everything but letters and digits to one space.
//
// The folded text is written as UTF-16 code units into a buffer that is reused from text to text,
// and each character is folded through a table filled on first sight, so the hot loop has no
// regular expression and no per-character library call (the regex/`unhomoglyph` chain took 25 s
// for 1M posts; see docs/design-choices.md).
import unhomoglyph from 'unhomoglyph';

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
// A necessary condition for URL to match, checked first: most texts have no URL.
const MAYBE_URL = /https?:\/\/|www\./i;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** How one character folds: its code units (a space for anything not a letter or digit) and dense count. */
interface Folding {
  readonly units: readonly number[];
  readonly dense: number;
}

function folding(folded: string): Folding {
  const text = folded.toLowerCase().replace(NON_WORD, ' ');
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
  return { units, dense: text.match(DENSE)?.length ?? 0 };
}

// Homoglyphs are folded only outside ASCII (a Cyrillic 'о' becomes 'o'; ASCII is left as it is)
// and only for characters of the Basic Multilingual Plane: NFKC has already brought the
// mathematical alphanumerics and the like down to plain letters.
const BMP = new Array<Folding | undefined>(0x10000);
const ASTRAL = new Map<number, Folding>();

/**
 * The BMP characters that fold to exactly one code unit (most of them), packed in an int for the
 * hot loop: the unit + 1, plus {@link DENSE_BIT} for Han, kana and Hangul; 0 where not seen yet,
 * -1 where the folding has more or fewer units (see BMP). Reading the Folding object and looping
 * over its units for every character was most of the fold's time.
 */
const SINGLE = new Int32Array(0x10000);
const DENSE_BIT = 0x20000;

function bmpFolding(unit: number): Folding {
  let f = BMP[unit];
  if (f === undefined) {
    const ch = String.fromCharCode(unit);
    f = folding(unit < 0x80 ? ch : unhomoglyph(ch));
    BMP[unit] = f;
    SINGLE[unit] =
      f.units.length === 1 && f.dense <= 1 ? (f.units[0] as number) + 1 + f.dense * DENSE_BIT : -1;
  }
  return f;
}

/** SINGLE[unit], filled on first sight. */
function singleFolding(unit: number): number {
  const s = SINGLE[unit] as number;
  if (s !== 0) return s;
  bmpFolding(unit);
  return SINGLE[unit] as number;
}

function astralFolding(codePoint: number): Folding {
  let f = ASTRAL.get(codePoint);
  if (f === undefined) {
    f = folding(String.fromCodePoint(codePoint));
    ASTRAL.set(codePoint, f);
  }
  return f;
}

const AT = 0x40;
const COLON = 0x3a;
const DOT = 0x2e;
const LOWER_W = 0x77;

/**
 * Whether `bytes[from..to)` is ASCII and has no '@' (MENTION needs one), no ':' (every match of
 * MAYBE_URL but 'www.' has one) and no 'www.' in any case: then masking leaves the text as it is
 * and NFKC is not needed.
 */
function plainAscii(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === AT || b === COLON) return false;
    if (
      b === DOT &&
      i - from >= 3 &&
      (bytes[i - 1]! | 0x20) === LOWER_W &&
      (bytes[i - 2]! | 0x20) === LOWER_W &&
      (bytes[i - 3]! | 0x20) === LOWER_W
    )
      return false;
  }
  return true;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Folds texts into a reused buffer of code units. After {@link fold}, `units[0..length)` is the
 * folded text and `dense` the number of Han, kana and Hangul characters in it.
 */
export class TextFolder {
  units = new Uint16Array(4096);
  length = 0;
  dense = 0;

  /** Folds a text; returns the folded length. */
  fold(text: string): number {
    let masked = text;
    if (MAYBE_URL.test(masked)) masked = masked.replace(URL, ' ');
    if (masked.includes('@')) masked = masked.replace(MENTION, ' ');
    if (!ASCII.test(masked)) masked = masked.normalize('NFKC');
    let n = 0;
    let dense = 0;
    let space = true; // no leading space
    if (this.units.length < masked.length * 4 + 16) this.grow(masked.length * 4 + 16);
    for (let i = 0; i < masked.length; i++) {
      const c = masked.charCodeAt(i);
      // Outside the surrogates, a character that folds to one unit: the same as the loop below.
      const single = c < 0xd800 || c >= 0xe000 ? singleFolding(c) : -1;
      if (single > 0) {
        const u = (single & (DENSE_BIT - 1)) - 1;
        dense += single >>> 17;
        if (u === 0x20) {
          if (space) continue;
          space = true;
        } else space = false;
        if (n === this.units.length) this.grow(n + 1);
        this.units[n++] = u;
        continue;
      }
      let f: Folding;
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < masked.length) {
        const d = masked.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          f = astralFolding(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
          i++;
        } else f = bmpFolding(c);
      } else f = bmpFolding(c);
      const units = f.units;
      if (n + units.length > this.units.length) this.grow(n + units.length);
      for (let j = 0; j < units.length; j++) {
        const u = units[j] as number;
        if (u === 0x20) {
          if (space) continue;
          space = true;
        } else space = false;
        this.units[n++] = u;
      }
      dense += f.dense;
    }
    if (n > 0 && this.units[n - 1] === 0x20) n--;
    this.length = n;
    this.dense = dense;
    return n;
  }

  /**
   * Folds the UTF-8 text `bytes[from..to)`: the same as {@link fold} of its decoding. A text of
   * ASCII bytes with nothing URL or mention masking could act on (no '@', ':' or 'www.') is folded
   * from its bytes, without decoding it or testing the regular expressions: 69% of the 1M case's
   * texts, and decoding and the tests were about a third of the fold's time.
   */
  foldUtf8(
    bytes: Uint8Array,
    from: number,
    to: number,
    decoder: { decode(bytes: Uint8Array): string },
  ): number {
    if (!plainAscii(bytes, from, to)) return this.fold(decoder.decode(bytes.subarray(from, to)));
    let n = 0;
    let space = true; // no leading space
    if (this.units.length < to - from + 16) this.grow(to - from + 16);
    // As fold's loop: an ASCII character folds to one unit (SINGLE > 0), never a dense one.
    for (let i = from; i < to; i++) {
      const u = (singleFolding(bytes[i]!) & (DENSE_BIT - 1)) - 1;
      if (u === 0x20) {
        if (space) continue;
        space = true;
      } else space = false;
      this.units[n++] = u;
    }
    if (n > 0 && this.units[n - 1] === 0x20) n--;
    this.length = n;
    this.dense = 0;
    return n;
  }

  /** The folded text as a string. */
  text(): string {
    let out = '';
    for (let i = 0; i < this.length; i += 8192)
      out += String.fromCharCode(...this.units.subarray(i, Math.min(this.length, i + 8192)));
    return out;
  }

  /** The folded length for the length floor: Han, kana and Hangul count twice (dense scripts). */
  floorLength(): number {
    return this.length + this.dense;
  }

  /**
   * Writes a 64-bit key of the folded text (two FNV-1a variants) as two int32 into `high[at]` and
   * `low[at]`: exact duplicates share it. (Written, not returned as a pair: a pair per text was
   * garbage to collect.)
   */
  keyInto(high: Int32Array, low: Int32Array, at: number): void {
    let a = 0x811c9dc5 | 0;
    let b = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < this.length; i++) {
      const ch = this.units[i] as number;
      a = Math.imul(a ^ ch, 0x01000193);
      b = Math.imul(b ^ ch, 0x5bd1e995) ^ (b >>> 15);
    }
    high[at] = a;
    low[at] = b;
  }

  private grow(at: number): void {
    const next = new Uint16Array(Math.max(at, this.units.length * 2));
    next.set(this.units);
    this.units = next;
  }
}

const shared = new TextFolder();

/** Returns the folded form of a text that similarity is measured on. */
export function foldForSimilarity(text: string): string {
  shared.fold(text);
  return shared.text();
}

/** Returns a folded text's length for the length floor: Han, kana and Hangul count twice (dense scripts). */
export function foldedLength(folded: string): number {
  return folded.length + (folded.match(DENSE)?.length ?? 0);
}
