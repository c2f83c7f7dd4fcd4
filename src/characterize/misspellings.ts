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

// The word list by first letter and length (words of 4+ letters), loaded once.
let dictionary: { words: Set<string>; byKey: Map<string, string[]> } | null = null;
function englishWords() {
  if (dictionary) return dictionary;
  const list = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  const byKey = new Map<string, string[]>();
  for (const w of list) {
    if (w.length < 4) continue;
    const key = `${w[0]}${w.length}`;
    const bucket = byKey.get(key) ?? [];
    bucket.push(w);
    byKey.set(key, bucket);
  }
  dictionary = { words: new Set(list), byKey };
  return dictionary;
}

/** Optimal-string-alignment distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (d[i - 1] as number[])[j]! + 1,
        (d[i] as number[])[j - 1]! + 1,
        (d[i - 1] as number[])[j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (d[i - 2] as number[])[j - 2]! + 1);
      (d[i] as number[])[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return (d[a.length] as number[])[b.length] as number;
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

/** Per group, its distinctive misspellings, most accounts first. */
export function distinctiveErrors(words: readonly GroupWord[]): Map<string, DistinctiveError[]> {
  const dict = englishWords();
  const out = new Map<
    string,
    Array<{ word: string; likely: string; accounts: number; outsideUses: number }>
  >();
  for (const w of words) {
    if (dict.words.has(w.word) || EXTRA_WORDS.includes(w.word)) continue;
    if (w.outsideUses > 0.1 * w.uses) continue;
    let likely: string | null = null;
    for (const extra of EXTRA_WORDS) if (editDistance(w.word, extra, 1) <= 1) likely = extra;
    // Dropped letters are the commonest slip, so longer corrections are tried first.
    for (const len of [w.word.length + 1, w.word.length, w.word.length - 1])
      for (const cand of likely === null ? (dict.byKey.get(`${w.word[0]}${len}`) ?? []) : [])
        if (editDistance(w.word, cand, 1) <= 1) {
          likely = cand;
          break;
        }
    if (likely === null) continue;
    const list = out.get(w.group) ?? [];
    list.push({ word: w.word, likely, accounts: w.accounts, outsideUses: w.outsideUses });
    out.set(w.group, list);
  }
  for (const list of out.values())
    list.sort((a, b) => b.accounts - a.accounts || (a.word < b.word ? -1 : 1));
  return out;
}
