// The normalized form of post text: what "the same text" means for exact-text co-sharing.

// The same character classes are spelled in SQL by the store's bulk loader (TEXT_NORM_SQL there):
// keep the two in step.
/**
 * Unicode white space: JS's `\s` and what `trim` removes, but for U+FEFF (invisible, below).
 * Listed because RE2's (DuckDB's) `\s` is ASCII only; the bulk loader builds its classes from it.
 */
export const WHITESPACE_CHARS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const WHITESPACE = new RegExp(`[${WHITESPACE_CHARS}]+`, 'gu');
// Zero-width and bidi control characters that make copies look different to a byte compare.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;

/**
 * Returns NFC-normalized, lower-cased text with invisible characters removed and white space
 * collapsed; null for empty text. NFC, not NFKC, because DuckDB (which normalizes bulk loads)
 * has only NFC; compatibility and homoglyph folding belong to the near-duplicate signal.
 * @example normalizeText('  Hello\u200b   World ') // 'hello world'
 */
export function normalizeText(text: string | null): string | null {
  if (text === null) return null;
  const folded = text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .replace(/^ | $/g, '');
  return folded === '' ? null : folded;
}

/** Returns a hashtag without its `#`, NFKC-normalized and case-folded; null when empty. */
export function normalizeHashtag(tag: string): string | null {
  const t = tag
    .trim()
    .replace(/^[#＃]+/u, '')
    .normalize('NFKC')
    .toLowerCase();
  return t === '' ? null : t;
}

/** Returns a handle without its `@`, case-folded; null when empty. */
export function normalizeHandle(handle: string): string | null {
  const h = handle.trim().replace(/^@+/, '').toLowerCase();
  return h === '' ? null : h;
}
