// Read queries over a case file.
import type { Store } from './open-store.js';

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
