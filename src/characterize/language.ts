// Language identification for texts the export gives no language for: CLD3 (cld3-asm, which tells
// Welsh from English), falling back to the writing system when CLD3 is unsure.
import { loadModule } from 'cld3-asm';

import { scriptLanguage } from './script.js';

let factory: ReturnType<typeof loadModule> | null = null;

/**
 * Letters a text needs before CLD3 is asked: on shorter ones it is sure and wrong ("So true!" comes
 * out Swedish, reliably), so they get the script's guess ('und-Latn' for Latin).
 */
export const CLD3_MIN_LETTERS = 20;

/**
 * Returns a BCP 47 tag per text: CLD3's language when the text has {@link CLD3_MIN_LETTERS}
 * letters and CLD3 is reliable, else the script's guess.
 */
export async function identifyLanguages(texts: readonly string[]): Promise<string[]> {
  if (texts.length === 0) return [];
  factory ??= loadModule();
  const identifier = (await factory).create(0, 2000);
  try {
    return texts.map((t) => {
      if ((t.match(/\p{L}/gu)?.length ?? 0) < CLD3_MIN_LETTERS) return scriptLanguage(t);
      const r = identifier.findLanguage(t);
      return r.is_reliable && r.language !== 'und' ? r.language : scriptLanguage(t);
    });
  } finally {
    identifier.dispose();
  }
}
