// Mastodon's status and bio HTML → plain text, as the web client shows it.

// Mastodon sanitizes HTML to a few tags (p, br, span, a, …) and escapes text with &amp; &lt; &gt;
// &quot; &#39;; remote HTML passes the same sanitizer, which may also write &nbsp; and numeric
// references. Those are all this decodes.
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Returns the text of Mastodon HTML: paragraphs separated by a blank line, `<br>` as a line break,
 * tags removed (a link's hidden spans keep its whole URL), entities decoded; null when empty.
 */
export function plainText(html: string): string | null {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return NAMED[name.toLowerCase()] ?? entity;
    })
    .trim();
  return text === '' ? null : text;
}
