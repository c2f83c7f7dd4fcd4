// List cells as exports write them: `['a', 'b']`, `[a, b]`, `a|b` or `[]`.

/**
 * Returns the items of a list cell: a bracketed list (quoted or bare items), or text split on
 * `separator`.
 * @example listCell("['#a', 'b']") // ['#a', 'b']
 */
export function listCell(value: string, separator: RegExp | string = /[|,]/): string[] {
  let v = value.trim();
  if (v === '' || v === '[]') return [];
  if (v.startsWith('[') && v.endsWith(']')) {
    v = v.slice(1, -1);
    const quoted = [...v.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)];
    if (quoted.length)
      return quoted
        .map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'))
        .filter((s) => s !== '');
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return v
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
