// Characterization: what each detected cluster (or analyst-given group) is — assets, operator
// clock, languages, narratives, echo chamber and reach, repurposed accounts, shared errors, links
// between groups (operations), indicator matches and DISARM techniques, each with its evidence.
import type { Progress } from '../core/index.js';
import { AUTOMATION } from '../detect/index.js';
import type { Store } from '../store/index.js';
import type { GroupMember, NarrativeItem } from './characterize.sql.js';
import {
  automatedMembers,
  crossGroupLinks,
  groupActionTimes,
  groupAssets,
  groupEngagement,
  groupHistories,
  groupLanguages,
  groupNarratives,
  groupRenames,
  groupSampleTexts,
  groupTotals,
  groupUndeterminedTexts,
  groupWords,
  indicatorMatches,
  stageCorpus,
  stageGroups,
  unstageGroups,
} from './characterize.sql.js';
import type { OperatorClock } from './clock.js';
import { accountClock, operatorClock } from './clock.js';
import type { ContentFlow, ReturningAsset } from './content-flow.sql.js';
import { contentFlows, returningAssets } from './content-flow.sql.js';
import type { Technique } from './disarm.js';
import { techniques } from './disarm.js';
import type { KnownAsset } from './known-file.js';
import { identifyLanguages } from './language.js';
import { linkGroups, operations } from './link-groups.js';
import type { DistinctiveError } from './misspellings.js';
import { distinctiveErrors } from './misspellings.js';
import { writeProfiles } from './profiles.sql.js';
import type { RepurposedAccount } from './repurposed.js';
import { repurposedAccounts } from './repurposed.js';

/** One group's profile, as `profiles.json` holds it. */
export interface GroupProfile {
  readonly id: string;
  readonly operation: string;
  readonly accounts: number;
  readonly posts: number;
  readonly firstActivity: string | null;
  readonly lastActivity: string | null;
  readonly assets: {
    readonly byPlatform: Record<string, Record<string, number>>;
    readonly followers: number;
    readonly followersRecorded: number;
    readonly followersInNetwork: number;
    readonly creation: {
      readonly burst: { start: string; end: string; accounts: number } | null;
      readonly oldest: string | null;
    };
  };
  readonly clock: OperatorClock['kind'];
  readonly timezone: OperatorClock['timezone'];
  readonly schedule: OperatorClock['schedule'];
  readonly shifts: OperatorClock['shifts'];
  /**
   * Each member's own clock (members not on timers): its likeliest offset when that is right within
   * an hour with probability ≥ 0.5, else null; accounts with fewer than 100 actions, 14 active days
   * or 50 active half hours get null and 0.
   */
  readonly memberClocks: ReadonlyArray<{
    platform: string;
    accountId: string;
    posts: number;
    utcOffsetMinutes: number | null;
    /** The likeliest offset even when it is not reported; null without enough activity. */
    likeliestMinutes: number | null;
    confidence: number;
  }>;
  readonly heatmap: number[][];
  readonly languages: Record<string, number>;
  readonly narratives: Record<
    NarrativeItem['kind'],
    Array<{ value: string; posts: number; accounts: number; lift: number }>
  >;
  /**
   * The group's messages: ranked by reach in the group times distinctiveness against the rest of the
   * case; `outsideAccounts` is how many accounts in no profiled group posted the text too.
   */
  readonly samplePosts: ReadonlyArray<{
    text: string;
    accounts: number;
    outsideAccounts: number;
    language: string;
  }>;
  readonly echoChamber: {
    readonly inNetworkShare: number | null;
    /** Share of engagements from any group of the same operation. */
    readonly inOperationShare: number | null;
    readonly engagements: number;
    readonly fromInside: number;
    readonly outsideAccounts: number;
    readonly reportedEngagement: number;
  };
  readonly breakout: {
    readonly category: number;
    readonly evidence: string;
    readonly note: string;
  };
  readonly repurposed: readonly RepurposedAccount[];
  readonly automatedAccounts: number;
  readonly distinctiveErrors: readonly DistinctiveError[];
  readonly linkedGroups: ReadonlyArray<{
    group: string;
    evidence: Array<{ kind: string; count: number; sample: string[] }>;
  }>;
  readonly indicators: ReadonlyArray<{
    network: string;
    kind: string;
    matches: number;
    sample: string[];
  }>;
  readonly disarm: ReadonlyArray<Technique & { evidence: string }>;
  /** Where the operation's content first appears and which platforms carry it later (the operation's, on each of its groups). */
  readonly contentFlow: ContentFlow | null;
  /** Members matching an earlier takedown or indicator file (`--known`). */
  readonly returningAssets: readonly ReturningAsset[];
}

/** What characterize returns. */
export interface Characterization {
  readonly groups: GroupProfile[];
  readonly operations: Array<{ id: string; groups: string[]; accounts: number }>;
  readonly unknownMembers: GroupMember[];
}

/** Options of {@link characterize}. */
export interface CharacterizeOptions {
  /** Analyst-given groups; null profiles the detected clusters and keeps their profiles in the case. */
  readonly groups: readonly GroupMember[] | null;
  readonly seed: number;
  /**
   * With `groups: null`, whether to keep the profiles in the case (default true); false computes
   * them in memory only, leaving the case as it was (a server's GET).
   */
  readonly keep?: boolean;
  /** Assets of earlier takedowns or indicator files; members matching them are returning assets. */
  readonly known?: readonly KnownAsset[];
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

/** Profiles every group of the case; see {@link GroupProfile}. */
export async function characterize(
  store: Store,
  options: CharacterizeOptions,
  progress: Progress,
): Promise<Characterization> {
  const staged = await stageGroups(store, options.groups);
  try {
    const totals = await groupTotals(store);
    const ids = [...totals.keys()].sort(compareGroups);
    progress.start('characterize', ids.length + 1);
    const facts = await gatherFacts(store);
    progress.update(1, 'facts gathered');
    const profiles: GroupFacts[] = [];
    const clocks = new Map<string, OperatorClock>();
    for (const id of ids) {
      const { profile, clock } = await groupProfile(store, id, totals, facts, options.seed);
      profiles.push(profile);
      clocks.set(id, clock);
      progress.update(profiles.length + 1, id);
    }
    progress.stop();
    const linked = linkGroups(ids, facts.links, profiles, clocks);
    const operationOf = operations(ids, linked);
    const flows = await contentFlows(store, operationOf);
    const returning = await returningAssets(store, options.known ?? []);
    const groups = withOperations(profiles, linked, operationOf, facts, (p) => ({
      contentFlow: flows.get(operationOf.get(p.id) ?? p.id) ?? null,
      returningAssets: returning.get(p.id) ?? [],
    }));
    // The detected clusters' profiles are kept in the case for reports, exports and the workspace.
    if (options.groups === null && options.keep !== false) await writeProfiles(store, groups);
    return { groups, operations: operationSummaries(groups), unknownMembers: staged.unknown };
  } finally {
    await unstageGroups(store);
  }
}

/** A group's profile before the operation-level facts (links, operation, breakout, DISARM). */
type GroupFacts = Omit<
  GroupProfile,
  'operation' | 'linkedGroups' | 'disarm' | 'contentFlow' | 'returningAssets'
>;

/** The case-wide facts every group's profile draws on, each gathered in one query over all groups. */
async function gatherFacts(store: Store) {
  await stageCorpus(store);
  const words = await groupWords(store, 3);
  return {
    automated: await automatedMembers(store, AUTOMATION),
    assets: await groupAssets(store),
    languages: await groupLanguages(store),
    undetermined: await groupUndeterminedTexts(store, 200),
    engagement: await groupEngagement(store),
    narratives: await groupNarratives(store, 8),
    samples: await groupSampleTexts(store, 5),
    renames: await groupRenames(store),
    histories: await groupHistories(store),
    errors: distinctiveErrors(words),
    links: await crossGroupLinks(store),
    indicators: await indicatorMatches(store),
  };
}
type Facts = Awaited<ReturnType<typeof gatherFacts>>;

/** The operator clock of a group and each member's own. */
async function groupClocks(
  store: Store,
  id: string,
  group: { accounts: number; automated: number; languages: Record<string, number> },
  seed: number,
) {
  const { times, byMember } = await groupActionTimes(store, id, AUTOMATION);
  const clock = operatorClock(times, {
    automatedShare: group.accounts > 0 ? group.automated / group.accounts : 0,
    resamples: 50,
    seed,
    languages: group.languages,
  });
  const memberClocks = [...byMember].map(([key, ts]) => {
    const cut = key.indexOf(':');
    return {
      platform: key.slice(0, cut),
      accountId: key.slice(cut + 1),
      posts: ts.length,
      ...accountClock(ts),
    };
  });
  return { clock, memberClocks };
}

/** One group's profile from the case-wide facts and its own clocks. */
async function groupProfile(
  store: Store,
  id: string,
  totals: Awaited<ReturnType<typeof groupTotals>>,
  facts: Facts,
  seed: number,
): Promise<{ profile: GroupFacts; clock: OperatorClock }> {
  const t = totals.get(id) ?? { accounts: 0, posts: 0, first: null, last: null };
  const automated = facts.automated.get(id) ?? 0;
  const languages = languageShares(
    facts.languages.filter((l) => l.group === id),
    await identifyLanguages(facts.undetermined.get(id) ?? []),
  );
  const { clock, memberClocks } = await groupClocks(
    store,
    id,
    { accounts: t.accounts, automated, languages },
    seed,
  );
  const byPlatform: Record<string, Record<string, number>> = {};
  let followers = 0;
  for (const a of facts.assets.assets.filter((x) => x.group === id)) {
    (byPlatform[a.platform] ??= {})[a.assetType] = a.accounts;
    followers += a.followers;
  }
  const f = facts.assets.follows.get(id);
  const e = facts.engagement.get(id) ?? { total: 0, inside: 0, outsideAccounts: 0, reported: 0 };
  const profile: GroupFacts = {
    id,
    accounts: t.accounts,
    posts: t.posts,
    firstActivity: t.first,
    lastActivity: t.last,
    assets: {
      byPlatform,
      followers,
      followersRecorded: f?.recorded ?? 0,
      followersInNetwork: f?.inNetwork ?? 0,
      creation: creationBurst(facts.assets.created.get(id) ?? []),
    },
    clock: clock.kind,
    timezone: clock.timezone,
    schedule: clock.schedule,
    shifts: clock.shifts,
    memberClocks,
    heatmap: clock.heatmap,
    languages,
    narratives: {
      hashtag: pick(facts.narratives, id, 'hashtag'),
      domain: pick(facts.narratives, id, 'domain'),
      url: pick(facts.narratives, id, 'url'),
      term: pick(facts.narratives, id, 'term'),
    },
    samplePosts: facts.samples
      .filter((s) => s.group === id)
      .map(({ text, accounts, outsideAccounts, language }) => ({
        text,
        accounts,
        outsideAccounts,
        language,
      })),
    echoChamber: {
      inNetworkShare: e.total > 0 ? round(e.inside / e.total) : null,
      inOperationShare: null,
      engagements: e.total,
      fromInside: e.inside,
      outsideAccounts: e.outsideAccounts,
      reportedEngagement: e.reported,
    },
    breakout: breakout(Object.keys(byPlatform).length, e.total, e.total - e.inside),
    repurposed: repurposedAccounts(id, facts.renames, facts.histories),
    automatedAccounts: automated,
    distinctiveErrors: facts.errors.get(id) ?? [],
    indicators: facts.indicators
      .filter((i) => i.group === id)
      .map(({ network, kind, matches, sample }) => ({ network, kind, matches, sample })),
  };
  return { profile, clock };
}

/**
 * The full profiles: groups tied by shared infrastructure, copy-pasted text, shared errors or the
 * same clock and narratives form one operation, whose platforms and engagement give the breakout
 * and echo chamber; its content flow and returning assets from `persistence`; then the DISARM
 * techniques the evidence supports.
 */
function withOperations(
  profiles: readonly GroupFacts[],
  linked: ReturnType<typeof linkGroups>,
  operationOf: ReadonlyMap<string, string>,
  facts: Facts,
  persistence: (p: GroupFacts) => Pick<GroupProfile, 'contentFlow' | 'returningAssets'>,
): GroupProfile[] {
  return profiles.map((p) => {
    const lg = linked.get(p.id) ?? new Map();
    const op = operationOf.get(p.id) ?? p.id;
    const e = facts.engagement.get(p.id);
    let fromOperation = 0;
    for (const [g, n] of e?.byGroup ?? [])
      if (g !== '' && operationOf.get(g) === op) fromOperation += n;
    const opPlatforms = new Set(
      profiles
        .filter((q) => operationOf.get(q.id) === op)
        .flatMap((q) => Object.keys(q.assets.byPlatform)),
    );
    const total = e?.total ?? 0;
    const full = {
      ...p,
      // Breakout is a property of the operation: its platforms, engagement from outside it.
      breakout: breakout(opPlatforms.size, total, total - fromOperation),
      echoChamber: {
        ...p.echoChamber,
        inOperationShare: e && e.total > 0 ? round(fromOperation / e.total) : null,
      },
      operation: op,
      ...persistence(p),
      linkedGroups: [...lg]
        .map(([group, evidence]) => ({ group, evidence }))
        .sort((a, b) => compareGroups(a.group, b.group)),
    };
    return { ...full, disarm: techniques(full) };
  });
}

/** Each operation's groups and accounts, in group order. */
function operationSummaries(groups: readonly GroupProfile[]): Characterization['operations'] {
  const ops = new Map<string, { groups: string[]; accounts: number }>();
  for (const g of groups) {
    const o = ops.get(g.operation) ?? { groups: [], accounts: 0 };
    o.groups.push(g.id);
    o.accounts += g.accounts;
    ops.set(g.operation, o);
  }
  return [...ops].map(([id, o]) => ({ id, ...o })).sort((a, b) => compareGroups(a.id, b.id));
}

/** Orders 'cluster-2' before 'cluster-10'. */
function compareGroups(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function pick(items: readonly NarrativeItem[], group: string, kind: NarrativeItem['kind']) {
  return items
    .filter((n) => n.group === group && n.kind === kind)
    .map(({ value, posts, accounts, lift }) => ({ value, posts, accounts, lift }));
}

/** The densest 7-day window of account creation, when it holds at least half the dated accounts. */
function creationBurst(created: readonly number[]) {
  if (created.length === 0) return { burst: null, oldest: null };
  let best = { start: 0, end: 0, n: 0 };
  for (let i = 0, j = 0; i < created.length; i++) {
    while ((created[i] as number) - (created[j] as number) > 7 * DAY) j++;
    if (i - j + 1 > best.n)
      best = { start: created[j] as number, end: created[i] as number, n: i - j + 1 };
  }
  const burst =
    best.n >= Math.max(3, created.length / 2)
      ? { start: iso(best.start), end: iso(best.end), accounts: best.n }
      : null;
  return { burst, oldest: iso(created[0] as number) };
}

function languageShares(
  rows: ReadonlyArray<{ language: string; posts: number }>,
  identified: readonly string[],
): Record<string, number> {
  const counts = new Map<string, number>();
  let und = 0;
  for (const r of rows) {
    if (r.language === 'und') und += r.posts;
    else counts.set(r.language, (counts.get(r.language) ?? 0) + r.posts);
  }
  // Texts without a language: identified on a sample (CLD3, else script), scaled to their count.
  if (und > 0) {
    const guesses = new Map<string, number>();
    for (const l of identified) guesses.set(l, (guesses.get(l) ?? 0) + 1);
    const n = identified.length || 1;
    for (const [l, g] of guesses) counts.set(l, (counts.get(l) ?? 0) + (und * g) / n);
  }
  let total = 0;
  for (const v of counts.values()) total += v;
  return Object.fromEntries(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([l, v]) => [l, round(v / (total || 1))]),
  );
}

/**
 * Breakout Scale (Nimmo 2020) from what activity data shows: 1 one platform, no engagement from
 * outside the operation; 2 one platform with outside engagement (at least 10 and 20% of all), or
 * several platforms without; 3 several platforms with outside engagement. Categories 4–6 (mainstream media, high-profile
 * amplifiers, policy response) need evidence beyond the exports and are not assigned.
 */
function breakout(platforms: number, total: number, outside: number) {
  const breaksOut = outside >= 10 && outside >= 0.2 * Math.max(1, total);
  const category = platforms <= 1 ? (breaksOut ? 2 : 1) : breaksOut ? 3 : 2;
  const evidence = `${platforms} platform${platforms === 1 ? '' : 's'}; ${outside} of ${total} engagement${total === 1 ? '' : 's'} from accounts outside the operation`;
  return {
    category,
    evidence,
    note: 'categories 4–6 (media pick-up, high-profile amplification, policy response) need evidence outside the exports',
  };
}
