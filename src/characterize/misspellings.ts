// Shared distinctive misspellings: words several accounts of a group use that are absent from an
// English word list, rare outside the group, and one edit from a dictionary word.
import { createRequire } from 'node:module';

import type { GroupWord } from './characterize.sql.js';

/** A misspelling of a group, with the word it likely stands for. */
export interface DistinctiveError {
  readonly word: string;
  readonly likely: string;
  readonly accounts: number;
  readonly outsideUses: number;
}

// The word list, loaded once.
let dictionary: { words: Set<string> } | null = null;
function englishWords() {
  if (dictionary) return dictionary;
  const list = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  dictionary = { words: new Set(list) };
  return dictionary;
}

/** Proper nouns the word list lacks but errors are often made on, and platform names. */
const EXTRA_WORDS = [
  'america',
  'american',
  'americans',
  'europe',
  'european',
  'europeans',
  'china',
  'chinese',
  'russia',
  'russian',
  'ukraine',
  'taiwan',
  'xinjiang',
  'reddit',
  'youtube',
  'medium',
  'instagram',
  'facebook',
  'twitter',
  'telegram',
  'tiktok',
  'wechat',
  'weibo',
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const EXTRA_INDEX = new Map(EXTRA_WORDS.map((w, i) => [w, i]));

/**
 * Every a–z word one edit from `word` (a letter dropped, added or changed, or two neighbours
 * swapped: optimal-string-alignment distance 1). Looking these up in the word list costs about
 * 54 lookups a letter; scanning the list's words of the same first letter and length took minutes
 * on 24,000 words (ira-dev repeated 7 times).
 */
function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    for (const c of LETTERS) out.add(head + c + tail);
    if (i < word.length) {
      const rest = word.slice(i + 1);
      out.add(head + rest);
      for (const c of LETTERS) if (c !== word[i]) out.add(head + c + rest);
      if (i + 1 < word.length)
        out.add(head + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2));
    }
  }
  out.delete(word);
  return out;
}

/**
 * The likely intended word of a misspelling, as a scan of the list would find it: the last of
 * {@link EXTRA_WORDS} one edit away, else the first dictionary word (in the list's alphabetical
 * order) one edit away with the same first letter, one letter longer first, then as long, then one
 * shorter (dropped letters are the commonest slip).
 */
function likelyWord(word: string, dict: ReturnType<typeof englishWords>): string | null {
  const near = oneEditAway(word);
  let extra: string | null = null;
  for (const v of near) {
    const i = EXTRA_INDEX.get(v);
    if (i !== undefined && (extra === null || i > (EXTRA_INDEX.get(extra) as number))) extra = v;
  }
  if (extra !== null) return extra;
  for (const len of [word.length + 1, word.length, word.length - 1]) {
    let best: string | null = null;
    for (const v of near)
      if (v.length === len && v[0] === word[0] && dict.words.has(v) && (best === null || v < best))
        best = v;
    if (best !== null) return best;
  }
  return null;
}

/** Per group, its distinctive misspellings, most accounts first. */
export function distinctiveErrors(words: readonly GroupWord[]): Map<string, DistinctiveError[]> {
  const dict = englishWords();
  const out = new Map<
    string,
    Array<{ word: string; likely: string; accounts: number; outsideUses: number }>
  >();
  for (const w of words) {
    if (dict.words.has(w.word) || EXTRA_INDEX.has(w.word)) continue;
    if (w.outsideUses > 0.1 * w.uses) continue;
    const likely = likelyWord(w.word, dict);
    if (likely === null) continue;
    const list = out.get(w.group) ?? [];
    list.push({ word: w.word, likely, accounts: w.accounts, outsideUses: w.outsideUses });
    out.set(w.group, list);
  }
  for (const list of out.values())
    list.sort((a, b) => b.accounts - a.accounts || (a.word < b.word ? -1 : 1));
  return out;
}
