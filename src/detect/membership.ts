// Membership: after the pairs, each account outside the networks is tested against each network
// it has links into, as a whole. The periphery of a real network is made of weak pairs: a Page
// that co-shared five of the network's links with each of 33 members is no single strong pair,
// but its tie to the network is overwhelming.
import type { PairList } from './significance.js';
import { benjaminiHochbergLog10, fisherTailLog10 } from './stats.js';

/** An account outside every network needs this many weak links into one before it is tested. */
export const MIN_MEMBERSHIP_LINKS = 2;

/** An account that joins a network by the membership test. */
export interface PeripheryMember {
  readonly account: number;
  /** The network's community (as in the clustering's map). */
  readonly community: number;
  /** Links into the network with log10 p ≤ the weak cut. */
  readonly links: number;
  readonly log10P: number;
  readonly log10Q: number;
}

/** Options of {@link testMembership}. */
export interface MembershipOptions {
  readonly fdr: number;
  /** Accounts that could be tested at all (testable accounts of the case). */
  readonly testableAccounts: number;
  readonly isTestable: (account: number) => boolean;
}

/**
 * Tests each account u outside the networks against each network C it has at least
 * {@link MIN_MEMBERSHIP_LINKS} weak links into: Fisher's method over u's |C| pair tests with C's
 * members, links not in `weak` counted as p = 1 (conservative: their p is at most 1). The tests
 * are controlled by Benjamini–Hochberg at `fdr` over every (account, network) combination that
 * could have been tested, (testable accounts outside networks) × (networks). An account that
 * passes for several networks joins the one with the smallest q.
 */
export function testMembership(
  weak: PairList,
  community: ReadonlyMap<number, number>,
  options: MembershipOptions,
): PeripheryMember[] {
  const size = new Map<number, number>();
  for (const c of community.values()) size.set(c, (size.get(c) ?? 0) + 1);
  if (size.size === 0) return [];
  // (account, community) → its links' log10 p and the most objects any one link shares.
  const links = new Map<
    string,
    { account: number; community: number; lps: number[]; objects: number }
  >();
  const add = (u: number, c: number, lp: number, observed: number) => {
    const key = `${u}:${c}`;
    const s = links.get(key) ?? { account: u, community: c, lps: [], objects: 0 };
    s.lps.push(lp);
    s.objects = Math.max(s.objects, observed);
    links.set(key, s);
  };
  for (let i = 0; i < weak.a.length; i++) {
    const a = weak.a[i] as number;
    const b = weak.b[i] as number;
    const lp = weak.lp[i] as number;
    const observed = weak.observed[i] ?? 1;
    const ca = community.get(a);
    const cb = community.get(b);
    if (ca !== undefined && cb === undefined && options.isTestable(b)) add(b, ca, lp, observed);
    else if (cb !== undefined && ca === undefined && options.isTestable(a))
      add(a, cb, lp, observed);
  }
  // A network co-shares in bursts: one object an outsider shared near a burst links it to every
  // member in the burst at once, and those links are one piece of evidence, not many (a random
  // account in CooRTweet's planted ring file joined the ring by one such object). An outsider is
  // tested only when some member co-shared at least two objects with it. Links from the same
  // few objects still count as independent in Fisher's sum: see docs/detection.md.
  const tests = [...links.values()]
    .filter((s) => s.lps.length >= MIN_MEMBERSHIP_LINKS && s.objects >= MIN_MEMBERSHIP_LINKS)
    .map((s) => ({
      account: s.account,
      community: s.community,
      links: s.lps.length,
      half: -s.lps.reduce((n, lp) => n + lp, 0) * Math.LN10,
    }))
    .sort((x, y) => x.account - y.account || x.community - y.community);
  if (tests.length === 0) return [];
  const lps = Float64Array.from(tests, (t) => fisherTailLog10(t.half, size.get(t.community)!));
  const outside = Math.max(0, options.testableAccounts - community.size);
  const q = benjaminiHochbergLog10(lps, outside * size.size);
  const cut = Math.log10(options.fdr);
  const best = new Map<number, PeripheryMember>();
  tests.forEach((t, i) => {
    if ((q[i] as number) > cut) return;
    const current = best.get(t.account);
    if (current && current.log10Q <= (q[i] as number)) return;
    best.set(t.account, {
      account: t.account,
      community: t.community,
      links: t.links,
      log10P: lps[i] as number,
      log10Q: q[i] as number,
    });
  });
  return [...best.values()].sort((x, y) => x.account - y.account);
}
