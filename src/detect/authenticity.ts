// Coordinated is not inauthentic: per detected cluster, the evidence of inauthenticity it shows
// (shared infrastructure, accounts created together, a work shift) and the organic explanation
// its coordination has (the audience of one account, a circle of friends, copies of one public source, a publisher's own accounts), after Meta's CIB
// definition (coordination AND inauthenticity; Gleicher 2018, "Coordinated Inauthentic
// Behavior Explained") and the organic look-alikes of Pacheco et al. 2021 (ICWSM).

import { DisjointSets } from '../core/index.js';

/** Thresholds of the authenticity check (docs/detection.md, "Coordinated, likely organic"). */
export const AUTHENTICITY = {
  /** A work shift: at least `shiftShare` of the actions fall in `shiftHours` consecutive hours of the day (UTC). */
  shiftHours: 10,
  shiftShare: 0.9,
  /** Shared infrastructure: at least this share of the members (and two) joined in one group by it. */
  infrastructureShare: 0.5,
  /** Created together: at least `batchShare` of the dated members (and two) within `batchDays` days. */
  batchDays: 30,
  batchShare: 0.5,
  /** The facts below speak only with this many shares, replies and quotes naming their target. */
  minAmplifications: 20,
  /** An audience: at least this share of the amplification goes to one account outside the cluster. */
  audienceShare: 0.5,
  /** Friends: at least `insideShare` of the amplification stays inside, and `mutualShare` of the members both give and get it. */
  insideShare: 0.5,
  mutualShare: 0.8,
  /** Copies of one source: at least `sourceLinks` content links in which its message came first, to `sourceReach` of the other members, and at most `sourceLate` of its links with it second. */
  sourceLinks: 20,
  sourceReach: 0.5,
  sourceLate: 0.05,
  /** A publisher's accounts: `publisherShare` of the members (and two) link almost only (`ownSiteShare` of at least `ownSiteLinks` link posts) to one site whose name they carry. */
  publisherShare: 0.8,
  ownSiteShare: 0.8,
  ownSiteLinks: 10,
} as const;

/** What the authenticity check knows about a cluster. */
export interface ClusterIndicators {
  /** The members' posts of every kind. */
  readonly actions: number;
  /** Of these, those in the busiest {@link AUTHENTICITY}.shiftHours consecutive hours of the day (UTC). */
  readonly busiestHoursActions: number;
  /** Members whose creation date the case has. */
  readonly datedMembers: number;
  /** The most members created within {@link AUTHENTICITY}.batchDays days of one another. */
  readonly createdTogether: number;
  /** The members' shares, replies and quotes of another account's post. */
  readonly amplifications: number;
  /** Of these, those of a member's post. */
  readonly insideAmplifications: number;
  /** The account outside the cluster the members amplify most (null: none). */
  readonly topSource: string | null;
  /** The members' amplifications of {@link topSource}. */
  readonly topSourceAmplifications: number;
  /** Members that both amplify another member and are amplified by one. */
  readonly mutualMembers: number;
  /** The most members joined to one another by significant links inside the cluster that shared infrastructure makes (p ≤ 0.01 on its own): the largest group, not all linked members. */
  readonly sharedInfrastructureMembers: number;
  /**
   * The member whose messages the others copy: of the message pairs of content links (near-duplicate
   * texts) between members, the account that came first to the most other members while almost
   * never coming second (null: none).
   */
  readonly copySource: string | null;
  /** Message pairs of content links between members in which {@link copySource}'s message came first. */
  readonly copySourceFirst: number;
  /** … and in which it came second. */
  readonly copySourceLate: number;
  /** Members that posted a message after {@link copySource}'s in such a pair. */
  readonly copySourceReach: number;
  /** Members that link almost only to one site whose name their handle or display name carries. */
  readonly publisherMembers: number;
  /** Those sites, most members first (at most three). */
  readonly publisherSites: readonly string[];
}

/** The verdict on a cluster: evidence of inauthenticity, and an organic explanation. */
export interface Authenticity {
  /** Evidence of inauthenticity, each in words (empty: none found). */
  readonly inauthentic: readonly string[];
  /** The organic explanation of the coordination in words, or null when it has none. */
  readonly organic: string | null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Weighs a cluster of `size` accounts: which evidence of inauthenticity it shows, and whether its
 * coordination has an organic explanation (an audience, friends, copies of one source, a publisher's own accounts). A cluster is "coordinated,
 * likely organic" when it has an explanation and no evidence; lacking both, it stays coordinated
 * (most exports carry little evidence of inauthenticity: the IRA archive has no creation dates
 * and no infrastructure).
 */
export function authenticityOf(size: number, k: ClusterIndicators): Authenticity {
  const a = AUTHENTICITY;
  const inauthentic: string[] = [];
  // A household or a mobile carrier's address links a few real people; a network run from one
  // place links most of its accounts.
  if (
    k.sharedInfrastructureMembers >= 2 &&
    k.sharedInfrastructureMembers >= a.infrastructureShare * size
  )
    inauthentic.push(
      `${k.sharedInfrastructureMembers} of ${size} accounts joined by shared infrastructure`,
    );
  if (
    k.datedMembers >= 2 &&
    k.createdTogether >= 2 &&
    k.createdTogether >= a.batchShare * k.datedMembers
  )
    inauthentic.push(
      `${k.createdTogether} of ${k.datedMembers} dated accounts created within ${a.batchDays} days`,
    );
  if (k.actions > 0 && k.busiestHoursActions >= a.shiftShare * k.actions)
    inauthentic.push(
      `${pct(k.busiestHoursActions / k.actions)} of ${k.actions} actions in ${a.shiftHours} hours of the day, a work shift`,
    );
  let organic: string | null = null;
  if (k.amplifications >= a.minAmplifications) {
    const top = k.topSourceAmplifications / k.amplifications;
    const inside = k.insideAmplifications / k.amplifications;
    if (k.topSource !== null && top >= a.audienceShare)
      organic = `the audience of one account: ${pct(top)} of its ${k.amplifications} shares and replies go to ${k.topSource}, outside the cluster`;
    else if (inside >= a.insideShare && k.mutualMembers >= a.mutualShare * size)
      organic = `a circle of friends: ${pct(inside)} of its ${k.amplifications} shares and replies go to members, and ${k.mutualMembers} of ${size} members both give and get them`;
  }
  const sourceLinks = k.copySourceFirst + k.copySourceLate;
  if (
    organic === null &&
    k.copySource !== null &&
    k.copySourceFirst >= a.sourceLinks &&
    k.copySourceLate <= a.sourceLate * sourceLinks &&
    k.copySourceReach >= a.sourceReach * (size - 1)
  )
    organic = `copies of one source's posts: ${k.copySourceReach} of the other ${size - 1} members posted its texts after ${k.copySource}, who came first in ${k.copySourceFirst} of its ${sourceLinks} near-duplicate message pairs with them (a public template others take up, as in copypasta activism)`;
  if (organic === null && k.publisherMembers >= 2 && k.publisherMembers >= a.publisherShare * size)
    organic = `a publisher's own accounts: ${k.publisherMembers} of ${size} members link almost only to a site they are named after (${k.publisherSites.join(', ')})`;
  return { inauthentic, organic };
}

/**
 * The most members joined to one another by the given links (the largest connected group): one
 * place that links most of a network is a network run from there; two households in a circle of
 * friends are two pairs, not one place.
 */
export function largestLinkedGroup(
  links: ReadonlyArray<{ readonly a: number; readonly b: number }>,
): number {
  const sets = new DisjointSets();
  for (const { a, b } of links) sets.union(a, b);
  return Math.max(0, ...sets.sizes().values());
}
