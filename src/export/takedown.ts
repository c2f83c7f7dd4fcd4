// The takedown list: one row per flagged account, with what it is, where it belongs and why; and
// one per account an analyst included, in a cluster or not.
import { createWriteStream } from 'node:fs';

import { csvRow } from '../core/index.js';
import type { MemberInfo } from '../detect/index.js';
import type { Decisions } from './operations.js';

/**
 * An account the list may name: a cluster member, or an account outside the clusters that an
 * analyst included (`cluster` and `score` null, `flagged` false).
 */
export interface TakedownAccount extends Omit<MemberInfo, 'cluster' | 'score'> {
  readonly cluster: number | null;
  readonly score: number | null;
}

/**
 * The accounts outside the clusters whose latest decision includes them ('include-account'), as
 * [platform, account id], sorted: the list names them besides the members.
 */
export function includedOutsideClusters(
  decisions: Decisions,
  members: readonly MemberInfo[],
): Array<[string, string]> {
  const inClusters = new Set(members.map((m) => `account:${m.platform}:${m.accountId}`));
  const out: Array<[string, string]> = [];
  for (const [target, entry] of decisions) {
    if (entry.action !== 'include-account' || inClusters.has(target)) continue;
    const [, platform, ...id] = target.split(':');
    out.push([platform as string, id.join(':')]);
  }
  return out.sort(([p1, a1], [p2, a2]) => (p1 === p2 ? (a1 < a2 ? -1 : 1) : p1 < p2 ? -1 : 1));
}

/** Columns of the takedown CSV. */
export const TAKEDOWN_COLUMNS = [
  'platform',
  'asset_type',
  'account_id',
  'handle',
  'cluster',
  'operation',
  'score',
  'followers',
  'evidence',
  'decision',
  'rationale',
] as const;

/** An analyst's decision that put an account on the list or confirmed its cluster. */
export interface TakedownDecision {
  readonly include: boolean;
  readonly decision: string;
  readonly rationale: string;
}

/**
 * Writes the takedown rows: each account flagged and not excluded, or included by a decision (its
 * own, else its cluster's); returns the row count. Outside a cluster, operation and score are empty.
 */
export async function writeTakedown(
  path: string,
  members: readonly TakedownAccount[],
  operationOf: (cluster: number) => string,
  evidenceOf: (cluster: number) => string,
  decisionOf: (member: TakedownAccount) => TakedownDecision | null = () => null,
): Promise<number> {
  const out = createWriteStream(path);
  out.write(`${TAKEDOWN_COLUMNS.join(',')}\n`);
  let n = 0;
  for (const m of members) {
    const decision = decisionOf(m);
    if (!(decision ? decision.include : m.flagged)) continue;
    const cells = [
      m.platform,
      m.assetType,
      m.accountId,
      m.handle,
      m.cluster,
      m.cluster === null ? null : operationOf(m.cluster),
      m.score === null ? null : Math.round(m.score * 10000) / 10000,
      m.followers,
      [
        m.signals ? `links: ${m.signals.replace(/\|/g, ', ')}` : '',
        m.cluster === null ? '' : evidenceOf(m.cluster),
      ]
        .filter(Boolean)
        .join('; '),
      decision?.decision ?? null,
      decision?.rationale ?? null,
    ];
    if (!out.write(csvRow(cells))) await new Promise<void>((r) => out.once('drain', () => r()));
    n++;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return n;
}
