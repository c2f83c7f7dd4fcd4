// Read queries over a case file.
import type { Store } from './open-store.js';
import { rows } from './sql.js';

/** Row counts of a case's tables. */
export interface CaseCounts {
  readonly posts: number;
  readonly accounts: number;
  readonly observations: number;
  readonly follows: number;
  readonly labels: number;
  readonly indicators: number;
  /** Distinct shared objects (shared_post_id) across posts. */
  readonly sharedObjects: number;
}

/** Returns how many rows each table of the case holds. */
export async function caseCounts(store: Store): Promise<CaseCounts> {
  const reader = await store.connection.runAndReadAll(`SELECT
    (SELECT count(*) FROM posts), (SELECT count(*) FROM accounts), (SELECT count(*) FROM observations),
    (SELECT count(*) FROM follows), (SELECT count(*) FROM labels), (SELECT count(*) FROM indicators),
    (SELECT count(DISTINCT shared_post_id) FROM posts)`);
  const [posts, accounts, observations, follows, labels, indicators, sharedObjects] = (
    reader.getRows()[0] ?? []
  ).map(Number);
  return {
    posts: posts ?? 0,
    accounts: accounts ?? 0,
    observations: observations ?? 0,
    follows: follows ?? 0,
    labels: labels ?? 0,
    indicators: indicators ?? 0,
    sharedObjects: sharedObjects ?? 0,
  };
}

/** Returns the rows of a read-only SQL query as plain objects (for tests and diagnostics). */
export async function queryRows(store: Store, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await store.connection.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

/** The time of the case's newest post (ISO), a deterministic timestamp for exports. */
export async function caseEpoch(store: Store): Promise<string> {
  const r = await rows(
    store,
    `SELECT strftime(max(created_at), '%Y-%m-%dT%H:%M:%S.000Z') FROM posts`,
  );
  return r[0]?.[0] === null || r[0]?.[0] === undefined
    ? '1970-01-01T00:00:00.000Z'
    : String(r[0][0]);
}

/** Streams rows of a query in chunks (for exports of graphs too large for one array). */
export async function* streamRows(store: Store, sql: string): AsyncGenerator<unknown[][]> {
  const result = await store.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    yield chunk.getRows() as unknown[][];
  }
}
