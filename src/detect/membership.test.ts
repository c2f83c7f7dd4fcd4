import { describe, expect, it } from 'vitest';

import { testMembership } from './membership.js';
import type { PairList } from './significance.js';

/** A network of accounts 0..size-1 as the clustering gives it (all in community 7). */
const network = (size: number) => new Map(Array.from({ length: size }, (_, i) => [i, 7]));

/** Weak links from `account` to the first `links` members, each at log10 p = `lp` over `observed` objects. */
function linksFrom(
  account: number,
  links: number,
  lp: number,
  into: PairList,
  observed = 5,
): PairList {
  for (let v = 0; v < links; v++) {
    into.a.push(Math.min(account, v));
    into.b.push(Math.max(account, v));
    into.lp.push(lp);
    into.observed.push(observed);
  }
  return into;
}

const none = (): PairList => ({ a: [], b: [], lp: [], observed: [] });

const options = { fdr: 0.01, testableAccounts: 1000, isTestable: () => true };

describe('testMembership(weak, community, options)', () => {
  it('finds nothing without networks or without links', () => {
    expect(testMembership(none(), new Map(), options)).toEqual([]);
    expect(testMembership(none(), network(40), options)).toEqual([]);
  });

  it('lets an account join whose many weak links to the network are overwhelming together', () => {
    // 33 links at p = 0.01 each to a network of 41: no single pair survives 1000²/2 tests.
    const weak = linksFrom(100, 33, -2, none());
    const [joined, ...rest] = testMembership(weak, network(41), options);
    expect(rest).toEqual([]);
    expect(joined).toMatchObject({ account: 100, community: 7, links: 33 });
    expect(joined!.log10Q).toBeLessThan(-10);
  });

  it('keeps out an account with a few weak links, and one that cannot be tested', () => {
    const weak = linksFrom(100, 3, -2, none());
    linksFrom(101, 1, -9, weak); // one link is a pair test, not membership
    linksFrom(102, 33, -2, weak);
    const out = testMembership(weak, network(41), { ...options, isTestable: (i) => i !== 102 });
    expect(out).toEqual([]);
  });

  it('counts the links it was not given as p = 1: the same links weigh less in a larger network', () => {
    const weak = linksFrom(100, 8, -2, none(), 8);
    const small = testMembership(weak, network(10), options);
    const large = testMembership(weak, network(400), options);
    expect(small).toHaveLength(1);
    expect(large).toEqual([]);
  });

  it('counts the links one shared object makes with a burst of members as one piece of evidence', () => {
    // One object shared near a burst of 13 members: 13 links at p = 1e-4, each over one object.
    const burst = linksFrom(100, 13, -4, none(), 1);
    expect(testMembership(burst, network(40), options)).toEqual([]);
    // The same links over five objects each are more than one burst.
    const repeated = linksFrom(100, 13, -4, none(), 5);
    expect(testMembership(repeated, network(40), options)).toHaveLength(1);
  });

  it('joins an account to the network it is most tied to', () => {
    const community = new Map([...network(20)]);
    for (let i = 20; i < 40; i++) community.set(i, 9);
    const weak = linksFrom(100, 15, -2, none());
    for (let v = 20; v < 40; v++) {
      weak.a.push(v);
      weak.b.push(100);
      weak.lp.push(-4);
      weak.observed.push(5);
    }
    const [joined] = testMembership(weak, community, options);
    expect(joined).toMatchObject({ account: 100, community: 9, links: 20 });
  });
});
