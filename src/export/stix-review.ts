// Analysts' review decisions in STIX: the campaign's confidence, and per decision a `note` (its
// rationale) by the reviewer, plus an `opinion` on the campaign for a decision on a cluster.
import type { SharedOperation } from './operations.js';
import type { StixContext, StixObjects } from './stix-ids.js';
import { sdoId } from './stix-ids.js';

/** STIX confidence of "High" and "Medium-High" on the None/Low/Med/High scale (STIX 2.1, B.2). */
const CONFIRMED_ALL = 85;
const CONFIRMED_SOME = 70;

/**
 * The campaign's confidence from the review: 85 when an analyst confirmed every cluster kept, 70
 * when some, null (left out) when none was confirmed.
 */
export function campaignConfidence(op: SharedOperation): number | null {
  const confirmed = new Set(
    op.decisions.filter((e) => e.action === 'confirm-cluster').map((e) => e.target),
  );
  // Only the latest decision per target is in op.decisions (currentDecisions).
  const kept = op.groups.filter((g) => confirmed.has(`cluster:${g.id.replace('cluster-', '')}`));
  if (kept.length === 0) return null;
  return kept.length === op.groups.length ? CONFIRMED_ALL : CONFIRMED_SOME;
}

const OPINION: Record<string, string> = {
  'confirm-cluster': 'strongly-agree',
  'dismiss-cluster': 'strongly-disagree',
};

/**
 * The reviewers (identities), a note per decision on the operation's clusters and accounts, and
 * an opinion on the campaign per cluster decision; `campaign` and `accountRef` name what they
 * are about.
 */
export function reviewObjects(
  ctx: StixContext,
  op: SharedOperation,
  campaign: string,
  accountRef: (target: string) => string | null,
  out: StixObjects,
): void {
  for (const e of op.decisions) {
    const reviewer = sdoId('identity', `reviewer:${e.reviewer}`);
    const base = {
      spec_version: '2.1',
      created: e.at,
      modified: e.at,
      created_by_ref: reviewer,
      object_marking_refs: [ctx.tlp.stixId],
    };
    const account = accountRef(e.target);
    out.add(
      {
        type: 'identity',
        id: reviewer,
        ...ctx.common,
        name: e.reviewer,
        identity_class: 'individual',
        description: 'An analyst who reviewed this case in the unmask workspace.',
      },
      {
        type: 'note',
        id: sdoId('note', `${ctx.caseName}:${e.hash}`),
        ...base,
        abstract: `${e.action} ${e.target} by ${e.reviewer}`,
        content: `${e.rationale || '(no rationale given)'} (audit log entry ${e.seq}, ${e.at}, hash ${e.hash})`,
        authors: [e.reviewer],
        object_refs: account ? [campaign, account] : [campaign],
      },
    );
    const opinion = OPINION[e.action];
    if (opinion)
      out.add({
        type: 'opinion',
        id: sdoId('opinion', `${ctx.caseName}:${e.hash}`),
        ...base,
        opinion,
        explanation: `${e.target} ${e.action === 'confirm-cluster' ? 'confirmed' : 'dismissed'}: ${e.rationale || '(no rationale given)'}`,
        authors: [e.reviewer],
        object_refs: [campaign],
      });
  }
}
