// The takedown list: one row per flagged account, with what it is, where it belongs and why.
import { createWriteStream } from 'node:fs';

import { csvRow } from '../core/index.js';
import type { MemberInfo } from '../detect/index.js';

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

/** Writes the flagged members as takedown rows; returns the row count. */
export async function writeTakedown(
  path: string,
  members: readonly MemberInfo[],
  operationOf: (cluster: number) => string,
  evidenceOf: (cluster: number) => string,
  decisionOf: (member: MemberInfo) => TakedownDecision | null = () => null,
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
      operationOf(m.cluster),
      Math.round(m.score * 10000) / 10000,
      m.followers,
      [m.signals ? `links: ${m.signals.replace(/\|/g, ', ')}` : '', evidenceOf(m.cluster)]
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
