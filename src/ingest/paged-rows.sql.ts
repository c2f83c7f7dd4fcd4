// Reads a query's rows into JS a page at a time, so that JS may append to tables meanwhile.
//
// A DuckDB appender flushes itself every 204,800 rows, and a flush on the connection ends a
// result being streamed on it without an error: the stream just stops (the X archive bulk path
// lost every tweet past the 204,800th that way, counting them as duplicates). Pages read whole
// with runAndReadAll leave no result open while the caller appends.
import type { DuckDBConnection } from '@duckdb/node-api';

/** Rows per page: ~100 MB of JS values for tweets, few enough pages to keep the scans cheap. */
const PAGE_ROWS = 100_000;

/**
 * Calls `onPage` with the rows of `selectSql`, a page at a time (no order between or within
 * pages): the query is kept in a temp table and read back by row number.
 */
export async function forEachPage(
  c: DuckDBConnection,
  selectSql: string,
  onPage: (rows: unknown[][]) => void,
  pageRows = PAGE_ROWS,
): Promise<void> {
  await c.run(
    `CREATE OR REPLACE TEMP TABLE paged_rows AS SELECT row_number() OVER () AS page_row, * FROM (${selectSql})`,
  );
  try {
    const count = Number(
      (await c.runAndReadAll('SELECT count(*) FROM paged_rows')).getRows()[0]?.[0] ?? 0,
    );
    for (let first = 1; first <= count; first += pageRows) {
      const page = await c.runAndReadAll(
        `SELECT * EXCLUDE (page_row) FROM paged_rows WHERE page_row BETWEEN ${first} AND ${first + pageRows - 1}`,
      );
      onPage(page.getRows() as unknown[][]);
    }
  } finally {
    await c.run('DROP TABLE IF EXISTS paged_rows').catch(() => undefined);
  }
}
