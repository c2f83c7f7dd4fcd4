// The normalized form of post text: what "the same text" means for exact-text co-sharing.

const WHITESPACE = /\s+/gu;
// Zero-width and bidi control characters that make copies look different to a byte compare.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;

/**
 * Returns NFKC-normalized, case-folded text with invisible characters removed and whitespace
 * collapsed; null for empty text.
 * @example normalizeText('  Ｈｅｌｌｏ\u200b  World ') // 'hello world'
 */
export function normalizeText(text: string | null): string | null {
  if (text === null) return null;
  const folded = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
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
