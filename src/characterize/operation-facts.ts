// Facts of an operation from all its clusters, not its first one: languages weighted by each
// cluster's posts, and quoted messages that show the operation's languages before its volume.
import type { GroupProfile } from './characterize.js';

/** Language → share of the operation's posts, over all its groups, largest first. */
export function operationLanguages(
  groups: ReadonlyArray<Pick<GroupProfile, 'languages' | 'posts'>>,
): Record<string, number> {
  const total = groups.reduce((n, g) => n + g.posts, 0);
  const shares = new Map<string, number>();
  for (const g of groups)
    for (const [language, share] of Object.entries(g.languages))
      shares.set(language, (shares.get(language) ?? 0) + (share * g.posts) / Math.max(1, total));
  return Object.fromEntries(
    [...shares]
      .map(([l, s]) => [l, Math.round(s * 1000) / 1000] as const)
      .filter(([, s]) => s > 0)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)),
  );
}

type Sample = GroupProfile['samplePosts'][number];

/** Reach in the group times the share of the text's accounts that are in it (filler scores low). */
const score = (s: Sample) => (s.accounts * s.accounts) / (s.accounts + s.outsideAccounts);

/**
 * Up to `limit` quoted messages of an operation: the best of each of its languages (in the order of
 * the operation's language shares), then the best of the rest, each ranked by reach times
 * distinctiveness (accounts that posted it × the share of them inside the operation); a text once.
 */
export function operationSamples(
  groups: ReadonlyArray<Pick<GroupProfile, 'languages' | 'posts' | 'samplePosts'>>,
  limit = 5,
): Sample[] {
  const best = new Map<string, Sample>();
  for (const s of groups.flatMap((g) => g.samplePosts))
    if ((best.get(s.text)?.accounts ?? 0) < s.accounts) best.set(s.text, s);
  const byCopies = [...best.values()].sort(
    (a, b) => score(b) - score(a) || b.accounts - a.accounts || (a.text < b.text ? -1 : 1),
  );
  const chosen: Sample[] = [];
  for (const language of Object.keys(operationLanguages(groups))) {
    const s = byCopies.find((x) => x.language === language && !chosen.includes(x));
    if (s && chosen.length < limit) chosen.push(s);
  }
  for (const s of byCopies) if (chosen.length < limit && !chosen.includes(s)) chosen.push(s);
  return chosen;
}
