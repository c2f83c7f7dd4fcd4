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
let dictionary: { trie: WordTrie } | null = null;
function englishWords() {
  if (dictionary) return dictionary;
  const list = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  dictionary = { trie: buildTrie(list) };
  return dictionary;
}

/**
 * The word list as a trie in flat arrays: node 0 is the root; each node's children are a chain
 * (`firstChild`, then `nextSibling`) in alphabetical order; `letter` is the code of the letter
 * leading to a node and `isWord` marks the ends of words.
 */
interface WordTrie {
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly letter: Uint8Array;
  readonly isWord: Uint8Array;
}

/** Builds the trie of an alphabetically sorted list of lower-case words. */
function buildTrie(sorted: readonly string[]): WordTrie {
  // At most one node per letter of the list.
  const cap = sorted.reduce((n, w) => n + w.length, 1);
  const firstChild = new Int32Array(cap).fill(-1);
  const nextSibling = new Int32Array(cap).fill(-1);
  const lastChild = new Int32Array(cap).fill(-1);
  const letter = new Uint8Array(cap);
  const isWord = new Uint8Array(cap);
  let nodes = 1;
  for (const word of sorted) {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      // Sorted input: a letter new to this node comes after its last child's.
      const last = lastChild[node] as number;
      if (last >= 0 && letter[last] === code) {
        node = last;
        continue;
      }
      const fresh = nodes++;
      letter[fresh] = code;
      if (last >= 0) nextSibling[last] = fresh;
      else firstChild[node] = fresh;
      lastChild[node] = fresh;
      node = fresh;
    }
    isWord[node] = 1;
  }
  return {
    firstChild: firstChild.slice(0, nodes),
    nextSibling: nextSibling.slice(0, nodes),
    letter: letter.slice(0, nodes),
    isWord: isWord.slice(0, nodes),
  };
}

/** Whether the trie holds a word. */
function hasWord(trie: WordTrie, word: string): boolean {
  let n = 0;
  for (let i = 0; i < word.length && n >= 0; i++) n = childOf(trie, n, word.charCodeAt(i));
  return n >= 0 && trie.isWord[n] === 1;
}

/** The child of a trie node by a letter's code, or −1. */
function childOf(trie: WordTrie, node: number, code: number): number {
  for (let c = trie.firstChild[node] as number; c >= 0; c = trie.nextSibling[c] as number)
    if (trie.letter[c] === code) return c;
  return -1;
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

const EXTRA_SET = new Set(EXTRA_WORDS);

/**
 * Whether two words are one edit apart: a letter dropped, added or changed, or two neighbours
 * swapped (optimal-string-alignment distance 1).
 */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const rest = a.slice(i + 1) === b.slice(i + 1);
    const swap = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return rest || swap;
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Calls `visit` with every word of the trie one edit from `word` that keeps its first letter (a
 * letter dropped, added or changed after the first, or two neighbours after it swapped): a walk
 * along the word that spends its one edit at each position in turn. A lookup of all 54-a-letter
 * variants in a set took seconds on 24,000 words (ira-dev repeated 7 times); scanning the list's
 * words of the same first letter and length took minutes.
 */
function sameStartVariants(word: string, trie: WordTrie, visit: (v: string) => void): void {
  // Follows the rest of the word exactly from a node (the edit spent).
  const finish = (node: number, from: number, prefix: string) => {
    let n = node;
    for (let i = from; i < word.length && n >= 0; i++) n = childOf(trie, n, word.charCodeAt(i));
    if (n >= 0 && trie.isWord[n] === 1) visit(prefix + word.slice(from));
  };
  let node = childOf(trie, 0, word.charCodeAt(0));
  for (let i = 1; node >= 0; i++) {
    const prefix = word.slice(0, i);
    const code = i < word.length ? word.charCodeAt(i) : -1;
    for (let c = trie.firstChild[node] as number; c >= 0; c = trie.nextSibling[c] as number) {
      const ch = String.fromCharCode(trie.letter[c] as number);
      finish(c, i, prefix + ch); // a letter added before position i
      if (code >= 0 && trie.letter[c] !== code) finish(c, i + 1, prefix + ch); // changed
    }
    if (code < 0) break;
    finish(node, i + 1, prefix); // dropped
    const next = i + 1 < word.length ? word.charCodeAt(i + 1) : -1;
    if (next >= 0 && next !== code) {
      const via = childOf(trie, node, next);
      const swapped = via >= 0 ? childOf(trie, via, code) : -1;
      if (swapped >= 0) finish(swapped, i + 2, prefix + word[i + 1] + word[i]);
    }
    node = childOf(trie, node, code);
  }
}

/**
 * The likely intended word of a misspelling, as a scan of the list would find it: the last of
 * {@link EXTRA_WORDS} one edit away, else the first dictionary word (in the list's alphabetical
 * order) one edit away with the same first letter, one letter longer first, then as long, then one
 * shorter (dropped letters are the commonest slip).
 */
function likelyWord(word: string, dict: ReturnType<typeof englishWords>): string | null {
  for (let i = EXTRA_WORDS.length - 1; i >= 0; i--)
    if (oneEditApart(word, EXTRA_WORDS[i] as string)) return EXTRA_WORDS[i] as string;
  // The smallest dictionary word one letter longer, as long, one shorter.
  const best: Array<string | null> = [null, null, null];
  sameStartVariants(word, dict.trie, (v) => {
    const k = word.length + 1 - v.length;
    if (v !== word && (best[k] === null || v < (best[k] as string))) best[k] = v;
  });
  return best[0] ?? best[1] ?? best[2] ?? null;
}

/** Per group, its distinctive misspellings, most accounts first. */
export function distinctiveErrors(words: readonly GroupWord[]): Map<string, DistinctiveError[]> {
  const dict = englishWords();
  const out = new Map<
    string,
    Array<{ word: string; likely: string; accounts: number; outsideUses: number }>
  >();
  for (const w of words) {
    if (hasWord(dict.trie, w.word) || EXTRA_SET.has(w.word)) continue;
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
