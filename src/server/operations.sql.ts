// The operations the cluster profiles name (one operation may span several clusters, e.g. one per
// platform), read once when the server starts: the case does not change while it is served.
import type { Store } from '../store/index.js';
import type { OperationRow } from './api-types.js';

/** The case's operations and the operation of each profiled cluster. */
export interface Operations {
  /** By name, the largest (most accounts) first. */
  readonly list: readonly OperationRow[];
  readonly ofCluster: ReadonlyMap<number, string>;
}

/** Reads the operations from the stored cluster profiles (none when the case is not profiled). */
export async function readOperations(store: Store): Promise<Operations> {
  const reader = await store.connection.runAndReadAll(
    `SELECT p.operation, list(k.cluster_id ORDER BY k.score DESC, k.cluster_id) AS clusters, sum(k.size)::INTEGER AS accounts
     FROM profiles p JOIN clusters k ON p.group_id = 'cluster-' || k.cluster_id
     GROUP BY p.operation ORDER BY accounts DESC, p.operation`,
  );
  const list: OperationRow[] = [];
  const ofCluster = new Map<number, string>();
  for (const [name, clusters, accounts] of reader.getRowsJson() as [string, number[], number][]) {
    list.push({ name, clusters: clusters.map(Number), accounts: Number(accounts) });
    for (const c of clusters) ofCluster.set(Number(c), name);
  }
  return { list, ofCluster };
}
