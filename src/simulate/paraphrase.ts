// Paraphrase, not copy-paste: a message said with one phrasing per clause, the clauses in another
// order, an opener now and then, in the account's language (a translated variant of the message).
import type { Rng } from '../core/index.js';
import type { ParaphraseNarrative } from './paraphrase-bank.js';
import { OPENERS } from './paraphrase-bank.js';

/** A paraphrased message: its text, language and hashtags. */
export interface Paraphrased {
  readonly text: string;
  readonly language: string;
  readonly hashtags: readonly string[];
}

/**
 * Returns the message in `language` (English when the narrative lacks it) in a fresh wording;
 * with probability `tagChance` its hashtag goes at the start or the end.
 */
export function paraphrase(
  rng: Rng,
  narrative: ParaphraseNarrative,
  language: string,
  tagChance = 0.5,
): Paraphrased {
  const lang = language in narrative.slots ? language : 'en';
  const slots = narrative.slots[lang] ?? [];
  // Clause order changes with the writer; each clause in one of its phrasings.
  const clauses = rng
    .sample(slots, slots.length)
    .map((phrasings) => sentenceCase(rng.pick(phrasings)));
  let text = clauses.join(' ');
  if (rng.chance(0.3)) text = `${rng.pick(OPENERS[lang] ?? OPENERS.en ?? [])} ${text}`;
  const tagged = rng.chance(tagChance);
  if (tagged) text = rng.chance(0.5) ? `#${narrative.tag} ${text}` : `${text} #${narrative.tag}`;
  return { text, language: lang, hashtags: tagged ? [narrative.tag] : [] };
}

function sentenceCase(clause: string): string {
  const s = clause.charAt(0).toUpperCase() + clause.slice(1);
  return /[.?!]$/u.test(s) ? s : `${s}.`;
}
