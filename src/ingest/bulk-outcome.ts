// What a bulk load did: the file's counts, or why the file goes to the row-by-row path instead.

/**
 * Why a bulk load left a file to the row-by-row reader, which reports every reject with its exact
 * line (nothing is written in these cases).
 */
export type RowByRowReason =
  /** DuckDB cannot read the file strictly: malformed CSV, bytes that are not UTF-8, a short row. */
  | 'not-strict'
  /** A column the bulk path does not handle, two columns with one name, or a required one missing. */
  | 'columns'
  /** A row the row path would reject or read differently (missing id, bad time, kind or count). */
  | 'invalid-row'
  /** A post id repeated within the file: the first wins, which needs file order. */
  | 'repeated-id';

/** The counts of a file loaded in bulk (`mode: 'bulk'`), or why it was not (`mode: 'rows'`). */
export type BulkOutcome =
  | {
      readonly mode: 'bulk';
      readonly read: number;
      readonly loaded: number;
      /** Lines the row path's own code rejected (a bulk path that hands it doubtful lines); else absent. */
      readonly rejected?: number;
      readonly duplicates: number;
      /** Lines read by the row path's own code, not SQL (the Bluesky path); else absent. */
      readonly byRowCode?: number;
    }
  | { readonly mode: 'rows'; readonly reason: RowByRowReason };

/** The outcome for a file left to the row-by-row reader. */
export const rowByRow = (reason: RowByRowReason): BulkOutcome => ({ mode: 'rows', reason });
