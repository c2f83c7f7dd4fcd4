// Language identification for texts the export gives no language for: CLD3 (cld3-asm, which tells
// Welsh from English), falling back to the writing system when CLD3 is unsure.
import { loadModule } from 'cld3-asm';

import { scriptLanguage } from './script.js';

let factory: ReturnType<typeof loadModule> | null = null;

/** Returns a BCP 47 tag per text: CLD3's language when reliable, else the script's guess. */
export async function identifyLanguages(texts: readonly string[]): Promise<string[]> {
  if (texts.length === 0) return [];
  factory ??= loadModule();
  const identifier = (await factory).create(0, 2000);
  try {
    return texts.map((t) => {
      const r = identifier.findLanguage(t);
      return r.is_reliable && r.language !== 'und' ? r.language : scriptLanguage(t);
    });
  } finally {
    identifier.dispose();
  }
}
