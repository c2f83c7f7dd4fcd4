// Re-fanging of indicators that threat reports publish defanged (hxxp, [.], (.), [at]).

/**
 * Returns the indicator with defanging undone.
 * @example refang('hxxps://twitter[.]com/x') // 'https://twitter.com/x'
 */
export function refang(value: string): string {
  return value
    .trim()
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]|\[:\/\/\]/g, (m) => m.slice(1, -1))
    .replace(/\[at\]|\(at\)|\[@\]/gi, '@')
    .replace(/^hxxp(s?)/i, 'http$1')
    .replace(/^fxp/i, 'ftp');
}
