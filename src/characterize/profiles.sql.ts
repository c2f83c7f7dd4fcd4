// The stored profiles of detected clusters: written by characterize, read by the report and outputs.
import type { Store } from '../store/index.js';
import { rows } from '../store/index.js';

/** Replaces the stored profiles of the detected clusters (each kept whole, as JSON). */
export async function writeProfiles(
  store: Store,
  profiles: ReadonlyArray<{ id: string; operation: string }>,
): Promise<void> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    await c.run('DELETE FROM profiles');
    const a = await c.createAppender('profiles');
    for (const p of profiles) {
      a.appendVarchar(p.id);
      a.appendVarchar(p.operation);
      a.appendVarchar(JSON.stringify(p));
      a.endRow();
    }
    a.closeSync();
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The stored profiles (JSON text), by group id in cluster order. */
export async function readProfiles(
  store: Store,
): Promise<Array<{ id: string; operation: string; profile: string }>> {
  return (await rows(store, 'SELECT group_id, operation, profile FROM profiles')).map((r) => ({
    id: String(r[0]),
    operation: String(r[1]),
    profile: String(r[2]),
  }));
}
