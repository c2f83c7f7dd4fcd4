// A plain aligned text table for terminal summaries (numbers right-aligned, with separators).

/** Returns the rows as an aligned table with a header line. */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const cells = [
    header.map(String),
    ...rows.map((r) => r.map((v) => (typeof v === 'number' ? v.toLocaleString('en') : v))),
  ];
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === ''));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')}\n`;
}
