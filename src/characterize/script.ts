// A language guess from the writing system, for texts the export gives no language for.
// Scripts used by one language map to it; Latin, Cyrillic and Arabic are only named as scripts
// ('und-Latn' …) because a script alone does not tell English from Welsh or Russian from Ukrainian.

const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
  [/\p{Script=Arabic}/u, 'und-Arab'],
  [/\p{Script=Cyrillic}/u, 'und-Cyrl'],
  [/\p{Script=Latin}/u, 'und-Latn'],
];

/** Returns a BCP 47 tag from the text's script: a language where the script implies one. */
export function scriptLanguage(text: string): string {
  for (const [re, tag] of SCRIPTS) if (re.test(text)) return tag;
  return 'und';
}
