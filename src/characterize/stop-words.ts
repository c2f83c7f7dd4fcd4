// Stop words of every language the `stopword` package lists (its ISO 639-3 arrays), lower-cased:
// a case's texts are in many languages and not all carry a language field, so terms are held
// against the union.
import { createRequire } from 'node:module';

let words: readonly string[] | null = null;

/** The stop words of all of `stopword`'s languages, lower-cased, each once, sorted. */
export function stopWords(): readonly string[] {
  if (words) return words;
  const lists = createRequire(import.meta.url)('stopword') as Record<string, unknown>;
  const all = new Set<string>();
  for (const [name, list] of Object.entries(lists))
    if (/^[a-z]{3}/.test(name) && Array.isArray(list))
      for (const w of list) if (typeof w === 'string' && w.trim()) all.add(w.trim().toLowerCase());
  words = [...all].sort();
  return words;
}
