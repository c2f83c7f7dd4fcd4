import { describe, expect, it } from 'vitest';

import type { ClusterIndicators } from './authenticity.js';
import { authenticityOf, largestLinkedGroup } from './authenticity.js';

/** A cluster of 10 with 1,000 actions spread over the day and nothing else known. */
const base: ClusterIndicators = {
  actions: 1000,
  busiestHoursActions: 600,
  datedMembers: 0,
  createdTogether: 0,
  amplifications: 0,
  insideAmplifications: 0,
  topSource: null,
  topSourceAmplifications: 0,
  mutualMembers: 0,
  sharedInfrastructureMembers: 0,
  copySource: null,
  copySourceFirst: 0,
  copySourceLate: 0,
  copySourceReach: 0,
  publisherMembers: 0,
  publisherSites: [],
};

describe('authenticityOf(size, indicators)', () => {
  it('finds neither evidence nor explanation where the case shows nothing (coordinated stays coordinated)', () => {
    expect(authenticityOf(10, base)).toEqual({ inauthentic: [], organic: null });
    expect(authenticityOf(10, { ...base, actions: 0, busiestHoursActions: 0 })).toEqual({
      inauthentic: [],
      organic: null,
    });
  });

  it('explains a cluster whose shares and replies mostly go to one outside account as its audience', () => {
    const fans = {
      ...base,
      amplifications: 400,
      topSource: 'idol',
      topSourceAmplifications: 300,
    };
    expect(authenticityOf(10, fans).organic).toBe(
      'the audience of one account: 75% of its 400 shares and replies go to idol, outside the cluster',
    );
    // Half is enough; less is not, and 19 amplifications are too few to say anything.
    expect(authenticityOf(10, { ...fans, topSourceAmplifications: 200 }).organic).not.toBeNull();
    expect(authenticityOf(10, { ...fans, topSourceAmplifications: 199 }).organic).toBeNull();
    expect(
      authenticityOf(10, { ...fans, amplifications: 19, topSourceAmplifications: 19 }).organic,
    ).toBeNull();
  });

  it('explains mutual amplification among nearly all members as a circle of friends', () => {
    const friends = { ...base, amplifications: 100, insideAmplifications: 60, mutualMembers: 8 };
    expect(authenticityOf(10, friends).organic).toBe(
      'a circle of friends: 60% of its 100 shares and replies go to members, and 8 of 10 members both give and get them',
    );
    // Leaders amplified by followers who are never amplified back are not friends.
    expect(authenticityOf(10, { ...friends, mutualMembers: 7 }).organic).toBeNull();
    expect(authenticityOf(10, { ...friends, insideAmplifications: 49 }).organic).toBeNull();
  });

  it('names each piece of evidence of inauthenticity', () => {
    expect(authenticityOf(10, { ...base, sharedInfrastructureMembers: 5 }).inauthentic).toEqual([
      '5 of 10 accounts joined by shared infrastructure',
    ]);
    // Two of ten sharing an address is a household, not a network run from one place.
    expect(authenticityOf(10, { ...base, sharedInfrastructureMembers: 4 }).inauthentic).toEqual([]);
    expect(
      authenticityOf(10, { ...base, datedMembers: 8, createdTogether: 4 }).inauthentic,
    ).toEqual(['4 of 8 dated accounts created within 30 days']);
    expect(
      authenticityOf(10, { ...base, datedMembers: 8, createdTogether: 3 }).inauthentic,
    ).toEqual([]);
    // One dated account is no batch.
    expect(
      authenticityOf(10, { ...base, datedMembers: 1, createdTogether: 1 }).inauthentic,
    ).toEqual([]);
    expect(authenticityOf(10, { ...base, busiestHoursActions: 900 }).inauthentic).toEqual([
      '90% of 1000 actions in 10 hours of the day, a work shift',
    ]);
    expect(authenticityOf(10, { ...base, busiestHoursActions: 899 }).inauthentic).toEqual([]);
  });

  it('explains texts the members copy from one source that never copies them as a public template', () => {
    const movement = { ...base, copySource: '@organizer', copySourceFirst: 40, copySourceReach: 9 };
    expect(authenticityOf(10, movement).organic).toBe(
      "copies of one source's posts: 9 of the other 9 members posted its texts after @organizer, who came first in 40 of its 40 near-duplicate message pairs with them (a public template others take up, as in copypasta activism)",
    );
    // A source that copies others now and then (2 of 42) still is one; 3 of 43 is too many, and
    // it must reach half the other members with at least 20 pairs.
    expect(authenticityOf(10, { ...movement, copySourceLate: 2 }).organic).not.toBeNull();
    expect(authenticityOf(10, { ...movement, copySourceLate: 3 }).organic).toBeNull();
    expect(authenticityOf(10, { ...movement, copySourceReach: 4 }).organic).toBeNull();
    expect(authenticityOf(10, { ...movement, copySourceFirst: 19 }).organic).toBeNull();
    // Evidence beats it: the same copying kept to a work shift is an operation's.
    const shift = authenticityOf(10, { ...movement, busiestHoursActions: 950 });
    expect(shift.organic).not.toBeNull();
    expect(shift.inauthentic).toHaveLength(1);
  });

  it("explains accounts that link almost only to a site named like them as a publisher's own", () => {
    const outlet = { ...base, publisherMembers: 8, publisherSites: ['herald-news.example'] };
    expect(authenticityOf(10, outlet).organic).toBe(
      "a publisher's own accounts: 8 of 10 members link almost only to a site they are named after (herald-news.example)",
    );
    expect(authenticityOf(10, { ...outlet, publisherMembers: 7 }).organic).toBeNull();
    expect(authenticityOf(1, { ...outlet, publisherMembers: 1 }).organic).toBeNull();
  });
});

describe('largestLinkedGroup(links)', () => {
  it('counts the largest group of members joined by the links, not every linked member', () => {
    // Two households of two in a circle of friends: two groups of 2.
    expect(
      largestLinkedGroup([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ]),
    ).toBe(2);
    // One address shared along a chain: one group of 4.
    expect(
      largestLinkedGroup([
        { a: 1, b: 2 },
        { a: 2, b: 3 },
        { a: 4, b: 3 },
        { a: 7, b: 8 },
      ]),
    ).toBe(4);
    expect(largestLinkedGroup([])).toBe(0);
  });
});
