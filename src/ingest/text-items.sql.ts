// The links and tags written in a post's text, taken out in SQL as build-post.ts takes them out
// in JS (urlsInText, hashtagsInText, mentionsInText), for the bulk paths. A text with a character
// SQL reads unlike JS ({@link TEXT_ITEMS_JS_CLASS}) is left to those JS functions.
import { WHITESPACE_CHARS } from '../normalize/index.js';
import { SQL_TEXT_GUARD_CLASS } from './sql-text-guard.js';

// Tags as hashtagsInText and mentionsInText read them, in RE2.
export const HASHTAG_IN_TEXT = `'(?:^|[^\\p{L}\\p{N}_&/])[#＃]([\\p{L}\\p{N}_]+)'`;
export const MENTION_IN_TEXT = `'(?:^|[^\\p{L}\\p{N}_@.])[@＠]([A-Za-z0-9_]{1,50})'`;

const hex = (chars: string) =>
  [...chars].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('');
// urlsInText's /\bhttps?:\/\/[^\s<>"'）」]+/giu: JS's \s is WHITESPACE_CHARS and U+FEFF. RE2's \b
// and JS's agree but for ſ (U+017F) and the Kelvin sign (U+212A), which /iu counts as word
// characters (they fold to s and k): texts with them are left to JS.
const URL_IN_TEXT = `'(?i)\\bhttps?://[^${hex(`${WHITESPACE_CHARS}\ufeff`)}<>"''）」]+'`;
const URL_TAIL = `'[.,;:!?)\\]]+$'`;

/**
 * An RE2 class of the characters whose texts are left to JS: those SQL lower-cases, folds or
 * classifies unlike JS (SQL_TEXT_GUARD_CLASS), and ſ and K for the URL pattern's \b.
 */
export const TEXT_ITEMS_JS_CLASS = `${SQL_TEXT_GUARD_CLASS.slice(0, -1)}\\x{17f}\\x{212a}]`;

/** A list's items without repeats, the first of each kept in place. */
export const firstOfEach = (list: string) =>
  `list_filter(${list}, (v, i) -> list_position(${list}, v) = i)`;

/**
 * SQL of the tags `pattern` finds in `text`, lower-cased (the fold of a tag without a
 * TAG_FOLD_DIFFERS character); [] unless the text holds one of `marks`.
 */
export const tagsInTextSql = (text: string, pattern: string, marks: string) =>
  `CASE WHEN ${[...marks].map((m) => `contains(${text}, '${m}')`).join(' OR ')} THEN list_transform(regexp_extract_all(${text}, ${pattern}, 1), t -> lower(t)) ELSE []::VARCHAR[] END`;

/** SQL of the URLs urlsInText finds in `text` (as written; [] for NULL). */
export const urlsInTextSql = (text: string) =>
  `CASE WHEN regexp_matches(${text}, '(?i)https?://') THEN list_transform(regexp_extract_all(${text}, ${URL_IN_TEXT}), u -> regexp_replace(u, ${URL_TAIL}, '')) ELSE []::VARCHAR[] END`;
