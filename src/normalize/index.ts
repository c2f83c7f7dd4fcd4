// Pure normalizers shared by every ingest adapter.
export type { CanonicalUrl } from './canonical-url.js';
export { canonicalUrl } from './canonical-url.js';
export { SHORTENER_HOSTS } from './canonical-url.js';
export { listCell } from './list-cell.js';
export { normalizeHandle } from './normalize-text.js';
export { normalizeHashtag } from './normalize-text.js';
export { normalizeText } from './normalize-text.js';
export { WHITESPACE_CHARS } from './normalize-text.js';
export type { InstantOptions, InstantResult } from './parse-instant.js';
export { isValidTimezone } from './parse-instant.js';
export { parseInstant } from './parse-instant.js';
export { refang } from './refang.js';
