// The operations an export shares: the flagged clusters grouped by operation, with the analysts'
// decisions applied (an account's own decision beats its cluster's; a dismissed cluster is left out).
import type { GroupProfile } from '../characterize/index.js';
import type { MemberInfo } from '../detect/index.js';
import type { AuditEntry } from '../store/index.js';

/** The latest decisions per target ('cluster:<id>', 'account:<platform>:<id>'). */
export type Decisions = ReadonlyMap<string, AuditEntry>;

/** An analyst's decision that puts an account on a list or keeps it off. */
export interface MemberDecision {
  readonly include: boolean;
  /** e.g. 'confirm-cluster by Ana Lima'. */
  readonly decision: string;
  readonly rationale: string;
  readonly entry: AuditEntry;
}

/** The decision that rules `m`: its own, else its cluster's (if in one); null without one. */
export function memberDecision(
  decisions: Decisions,
  m: Pick<MemberInfo, 'platform' | 'accountId'> & { readonly cluster: number | null },
): MemberDecision | null {
  const own = decisions.get(`account:${m.platform}:${m.accountId}`);
  const entry = own ?? (m.cluster === null ? undefined : decisions.get(`cluster:${m.cluster}`));
  if (!entry) return null;
  return {
    include: entry.action === 'include-account' || entry.action === 'confirm-cluster',
    decision: `${entry.action} by ${entry.reviewer}`,
    rationale: entry.rationale,
    entry,
  };
}

/** One operation to share: its clusters, its accounts, and the review decisions on them. */
export interface SharedOperation {
  readonly id: string;
  readonly groups: readonly GroupProfile[];
  readonly members: readonly MemberInfo[];
  /** Clusters of the operation an analyst dismissed (left out of groups and members). */
  readonly dismissed: readonly GroupProfile[];
  /** Decisions on its clusters and accounts, oldest first. */
  readonly decisions: readonly AuditEntry[];
}

const clusterOf = (g: GroupProfile) => Number(g.id.replace('cluster-', ''));

/**
 * The operations with at least one flagged or confirmed, undismissed cluster, in operation order
 * ('operation-2' before 'operation-10'); members are those flagged unless a decision says otherwise.
 */
export function sharedOperations(
  profiles: readonly GroupProfile[],
  members: readonly MemberInfo[],
  decisions: Decisions,
): SharedOperation[] {
  const flagged = new Set(members.filter((m) => m.flagged).map((m) => m.cluster));
  const action = (g: GroupProfile) => decisions.get(`cluster:${clusterOf(g)}`)?.action;
  const byOperation = new Map<string, GroupProfile[]>();
  for (const p of profiles)
    if (flagged.has(clusterOf(p)) || action(p) === 'confirm-cluster')
      byOperation.set(p.operation, [...(byOperation.get(p.operation) ?? []), p]);
  const out: SharedOperation[] = [];
  for (const [id, all] of [...byOperation].sort(([a], [b]) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )) {
    const groups = all.filter((g) => action(g) !== 'dismiss-cluster');
    if (groups.length === 0) continue;
    const clusters = new Set(groups.map(clusterOf));
    const opMembers = members.filter(
      (m) => clusters.has(m.cluster) && (memberDecision(decisions, m)?.include ?? m.flagged),
    );
    const targets = new Set([
      ...all.map((g) => `cluster:${clusterOf(g)}`),
      ...members
        .filter((m) => clusters.has(m.cluster))
        .map((m) => `account:${m.platform}:${m.accountId}`),
    ]);
    out.push({
      id,
      groups,
      members: opMembers,
      dismissed: all.filter((g) => action(g) === 'dismiss-cluster'),
      decisions: [...decisions.values()]
        .filter((e) => targets.has(e.target))
        .sort((a, b) => a.seq - b.seq),
    });
  }
  return out;
}
