// What the routes share while a case is served: its index, keys and operations read at start,
// the read connections, the writer, the decisions in memory and the pages kept.
import type { GroupProfile } from '../characterize/index.js';
import { silentProgress } from '../core/index.js';
import { ensureProfiles } from '../pipeline/index.js';
import type { AuditEntry, Store } from '../store/index.js';
import { currentDecisions } from '../store/index.js';
import { ensureLinkIndex } from './account-links.sql.js';
import type { FirstPagesOutcome } from './account-page-file.js';
import { FirstPages } from './account-page-file.js';
import type { EvidenceResponse } from './api-types.js';
import type { Analyst } from './auth.js';
import { type Operations, readOperations } from './operations.sql.js';
import { PageCache } from './page-cache.js';
import { ReaderPool, READERS } from './reader-pool.js';
import type {
  AccountKeys,
  AccountPageParts,
  ClusterPageParts,
  ClusterPages,
} from './server.sql.js';
import { clusterPageParts, loadAccountKeys, readClusterIds } from './server.sql.js';
import { ensureWorkspaceIndex } from './workspace-index.sql.js';
import { WriteQueue } from './write-queue.js';

/** Options of buildApp. */
export interface AppOptions {
  readonly casePath: string;
  /**
   * Who may use the API: every /api request must carry one of these analysts' tokens, and the
   * audit log records the analyst whose token a decision came with (the CLI makes one analyst,
   * with a generated token, when no users file or token is given).
   */
  readonly analysts: readonly Analyst[];
  /**
   * Host names the Host header may name (DNS-rebinding guard), as allowedHostNames makes them;
   * default: the loopback names.
   */
  readonly allowedHosts?: ReadonlySet<string>;
  readonly now: () => number;
  /** Told when the workspace index has to be built first (seconds per million posts). */
  readonly onIndexBuild?: () => void;
  /** Told how writing the first pages' file in the background ended, when it had to be written. */
  readonly onFirstPages?: (outcome: FirstPagesOutcome) => void;
  /**
   * Where a failed request (5xx) is logged, one line of route and error then the stack, indented;
   * default: standard error.
   */
  readonly log?: (line: string) => void;
}

/** What the routes of one served case share (see {@link openContext}). */
export interface ServerContext {
  readonly store: Store;
  readonly options: AppOptions;
  readonly operations: Operations;
  readonly keys: AccountKeys;
  /** Every account's first page, in a file beside the case once it is written. */
  readonly firstPages: FirstPages;
  readonly readers: ReaderPool;
  /** Evidence's own connection: its queries take seconds and never hold a page's reader. */
  readonly evidenceReader: ReaderPool;
  readonly writes: WriteQueue;
  /** The latest decision per target, kept current by the decisions this server records. */
  readonly decisions: Map<string, AuditEntry>;
  readonly clusterIds: ReadonlySet<number>;
  readonly accountPages: PageCache<AccountPageParts>;
  readonly evidence: PageCache<EvidenceResponse & { bytes: number }>;
  /** A cluster page's parts, read once and kept. */
  clusterParts(id: number, q: ClusterPages): Promise<ClusterPageParts | null>;
  /** The clusters' profiles for exports: stored, or computed once in memory (never written). */
  profiles(conn: Store): Promise<GroupProfile[]>;
  close(): Promise<void>;
}

/**
 * Prepares a case to be served: builds the workspace index and the link index when the case
 * changed, writes the first pages' file, reads keys, operations, cluster ids and decisions once,
 * and opens the read connections and the writer.
 */
export async function openContext(store: Store, options: AppOptions): Promise<ServerContext> {
  await ensureWorkspaceIndex(store, options.onIndexBuild);
  await ensureLinkIndex(store);
  const keys = await loadAccountKeys(store);
  const firstPages = await FirstPages.start(
    store,
    keys,
    `${options.casePath}.pages`,
    options.onFirstPages,
  );
  const readers = await ReaderPool.open(store, READERS);
  const evidenceReader = await ReaderPool.open(store, 1);
  const writes = await WriteQueue.open(store);
  // Pages read once and kept while the case is served: what they show changes only with the case,
  // and the server holds the case and writes nothing to it but decisions, which are added to a
  // page after the cache.
  const clusterPages = new PageCache<ClusterPageParts>();
  let profilesOnce: Promise<GroupProfile[]> | null = null;
  return {
    store,
    options,
    operations: await readOperations(store),
    keys,
    firstPages,
    readers,
    evidenceReader,
    writes,
    decisions: await currentDecisions(store),
    clusterIds: await readClusterIds(store),
    accountPages: new PageCache<AccountPageParts>(),
    evidence: new PageCache<EvidenceResponse & { bytes: number }>(),
    clusterParts: (id, q) =>
      clusterPages.get(`${id}:${q.offset}:${q.limit}:${q.edges}:${q.neighbours}`, () =>
        readers.with((r) => clusterPageParts(r, id, q)),
      ),
    profiles: (conn) =>
      (profilesOnce ??= ensureProfiles(conn, options.casePath, silentProgress, false).catch(
        (error: unknown) => {
          profilesOnce = null;
          throw error;
        },
      )),
    close: async () => {
      readers.close();
      evidenceReader.close();
      await firstPages.close();
      await writes.close();
    },
  };
}
