// The one CSV cell writer for files people open: RFC 4180 quoting, formula-safe text cells.
//
// A spreadsheet runs a cell that begins with = + - @ (and, in some, TAB or CR) as a formula, so an
// account handle like `=HYPERLINK("http://x","y")` would run on the analyst's machine. Following
// OWASP's CSV-injection guidance, such text cells get a leading single quote; numbers are written
// as numbers, so a negative score stays a number. Files that our own ingest reads back (the
// simulator's exports, staging files) are not written with this: the quote would become data.

/** The first characters that make a spreadsheet treat a text cell as a formula. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\n\r]/;

/** A text cell made safe for spreadsheets: `'` before a leading = + - @ TAB or CR. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The text a {@link formulaSafe} cell stood for: drops the `'` that precedes a formula trigger.
 * (A value that itself began with `'` and a trigger reads back without its quote.)
 */
export function unformulaSafe(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1))
    ? text.slice(1)
    : text;
}

/**
 * One CSV cell: text formula-escaped and quoted when it holds a comma, quote or line break;
 * numbers as they are; null and undefined empty.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = formulaSafe(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (with its `\n`) from cells written by {@link csvCell}. */
export function csvRow(cells: ReadonlyArray<string | number | null | undefined>): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i > 0 ? ',' : '') + csvCell(cells[i]);
  return `${line}\n`;
}
