// Characterization: what each detected cluster (or analyst-given group) is — assets, operator
// clock, languages, narratives, echo chamber and reach, repurposed accounts, shared errors, links
// between groups (operations), indicator matches and DISARM techniques, each with its evidence.
import { createRequire } from 'node:module';

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
  stageGroups,
  unstageGroups,
} from './characterize.sql.js';
import type { OperatorClock } from './clock.js';
import { accountClock, operatorClock } from './clock.js';
import type { Technique } from './disarm.js';
import { TECHNIQUES } from './disarm.js';
import { identifyLanguages } from './language.js';
import { writeProfiles } from './profiles.sql.js';

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
  readonly samplePosts: ReadonlyArray<{ text: string; accounts: number; language: string }>;
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
  readonly repurposed: ReadonlyArray<{
    platform: string;
    accountId: string;
    handles: string[];
    switch: string | null;
  }>;
  readonly automatedAccounts: number;
  readonly distinctiveErrors: ReadonlyArray<{
    word: string;
    likely: string;
    accounts: number;
    outsideUses: number;
  }>;
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
    const automated = await automatedMembers(store, AUTOMATION);
    const { assets, follows, created } = await groupAssets(store);
    const languages = await groupLanguages(store);
    const undetermined = await groupUndeterminedTexts(store, 200);
    const engagement = await groupEngagement(store);
    const narratives = await groupNarratives(store, 8);
    const samples = await groupSampleTexts(store, 5);
    const renames = await groupRenames(store);
    const histories = await groupHistories(store);
    const words = await groupWords(store, 3);
    const links = await crossGroupLinks(store);
    const indicators = await indicatorMatches(store);
    progress.update(1, 'facts gathered');

    const errors = distinctiveErrors(words);
    const profiles: Omit<GroupProfile, 'operation' | 'linkedGroups' | 'disarm'>[] = [];
    const clocks = new Map<string, OperatorClock>();
    let done = 1;
    for (const id of ids) {
      const t = totals.get(id) ?? { accounts: 0, posts: 0, first: null, last: null };
      const auto = automated.get(id) ?? 0;
      const { times, byMember } = await groupActionTimes(store, id, AUTOMATION);
      const clock = operatorClock(times, {
        automatedShare: t.accounts > 0 ? auto / t.accounts : 0,
        resamples: 50,
        seed: options.seed,
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
      clocks.set(id, clock);
      const byPlatform: Record<string, Record<string, number>> = {};
      let followers = 0;
      for (const a of assets.filter((x) => x.group === id)) {
        (byPlatform[a.platform] ??= {})[a.assetType] = a.accounts;
        followers += a.followers;
      }
      const f = follows.get(id);
      const e = engagement.get(id) ?? { total: 0, inside: 0, outsideAccounts: 0, reported: 0 };
      const platforms = Object.keys(byPlatform).length;
      profiles.push({
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
          creation: creationBurst(created.get(id) ?? []),
        },
        clock: clock.kind,
        timezone: clock.timezone,
        schedule: clock.schedule,
        shifts: clock.shifts,
        memberClocks,
        heatmap: clock.heatmap,
        languages: languageShares(
          languages.filter((l) => l.group === id),
          await identifyLanguages(undetermined.get(id) ?? []),
        ),
        narratives: {
          hashtag: pick(narratives, id, 'hashtag'),
          domain: pick(narratives, id, 'domain'),
          url: pick(narratives, id, 'url'),
          term: pick(narratives, id, 'term'),
        },
        samplePosts: samples
          .filter((s) => s.group === id)
          .map(({ text, accounts, language }) => ({ text, accounts, language })),
        echoChamber: {
          inNetworkShare: e.total > 0 ? round(e.inside / e.total) : null,
          inOperationShare: null,
          engagements: e.total,
          fromInside: e.inside,
          outsideAccounts: e.outsideAccounts,
          reportedEngagement: e.reported,
        },
        breakout: breakout(platforms, e.total, e.total - e.inside),
        repurposed: repurposedAccounts(id, renames, histories),
        automatedAccounts: auto,
        distinctiveErrors: errors.get(id) ?? [],
        indicators: indicators
          .filter((i) => i.group === id)
          .map(({ network, kind, matches, sample }) => ({ network, kind, matches, sample })),
      });
      progress.update(++done, id);
    }
    progress.stop();

    // Linking: groups tied by shared infrastructure, copy-pasted text, shared errors or the same
    // clock and narratives form one operation.
    const linked = linkGroups(ids, links, profiles, clocks);
    const operationOf = operations(ids, linked);
    const groups: GroupProfile[] = profiles.map((p) => {
      const lg = linked.get(p.id) ?? new Map();
      const op = operationOf.get(p.id) ?? p.id;
      const e = engagement.get(p.id);
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
        operation: operationOf.get(p.id) ?? p.id,
        linkedGroups: [...lg]
          .map(([group, evidence]) => ({ group, evidence }))
          .sort((a, b) => compareGroups(a.group, b.group)),
      };
      return { ...full, disarm: techniques(full) };
    });
    const ops = new Map<string, { groups: string[]; accounts: number }>();
    for (const g of groups) {
      const o = ops.get(g.operation) ?? { groups: [], accounts: 0 };
      o.groups.push(g.id);
      o.accounts += g.accounts;
      ops.set(g.operation, o);
    }
    // The detected clusters' profiles are kept in the case for reports, exports and the workspace.
    if (options.groups === null && options.keep !== false) await writeProfiles(store, groups);
    return {
      groups,
      operations: [...ops]
        .map(([id, o]) => ({ id, ...o }))
        .sort((a, b) => compareGroups(a.id, b.id)),
      unknownMembers: staged.unknown,
    };
  } finally {
    await unstageGroups(store);
  }
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

function repurposedAccounts(
  group: string,
  renames: Awaited<ReturnType<typeof groupRenames>>,
  histories: Awaited<ReturnType<typeof groupHistories>>,
) {
  const out = new Map<
    string,
    { platform: string; accountId: string; handles: string[]; switch: string | null }
  >();
  for (const r of renames.filter((x) => x.group === group))
    out.set(`${r.platform}:${r.accountId}`, {
      platform: r.platform,
      accountId: r.accountId,
      handles: r.handles,
      switch: null,
    });
  for (const h of histories.filter((x) => x.group === group)) {
    const langSwitch = h.early !== h.late && h.early !== 'und' && h.late !== 'und';
    const adSwitch = h.earlyAds >= 0.5 && h.lateAds <= 0.1;
    if (!langSwitch && !adSwitch) continue;
    const what = [
      adSwitch
        ? `ad-like posts ${Math.round(h.earlyAds * 100)}% → ${Math.round(h.lateAds * 100)}%`
        : null,
      langSwitch ? `language ${h.early} → ${h.late}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    const key = `${h.platform}:${h.accountId}`;
    const prev = out.get(key);
    out.set(key, {
      platform: h.platform,
      accountId: h.accountId,
      handles: prev?.handles ?? [],
      switch: what,
    });
  }
  return [...out.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

// Misspellings: words several accounts of a group use, absent from the English word list and
// rare outside the group, one or two edits from a dictionary word.
let dictionary: { words: Set<string>; byKey: Map<string, string[]> } | null = null;
function englishWords() {
  if (dictionary) return dictionary;
  const list = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  const byKey = new Map<string, string[]>();
  for (const w of list) {
    if (w.length < 4) continue;
    const key = `${w[0]}${w.length}`;
    const bucket = byKey.get(key) ?? [];
    bucket.push(w);
    byKey.set(key, bucket);
  }
  dictionary = { words: new Set(list), byKey };
  return dictionary;
}

/** Optimal-string-alignment distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (d[i - 1] as number[])[j]! + 1,
        (d[i] as number[])[j - 1]! + 1,
        (d[i - 1] as number[])[j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (d[i - 2] as number[])[j - 2]! + 1);
      (d[i] as number[])[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Proper nouns the word list lacks but errors are often made on, and platform names. */
const EXTRA_WORDS = [
  'america',
  'american',
  'americans',
  'europe',
  'european',
  'europeans',
  'china',
  'chinese',
  'russia',
  'russian',
  'ukraine',
  'taiwan',
  'xinjiang',
  'reddit',
  'youtube',
  'medium',
  'instagram',
  'facebook',
  'twitter',
  'telegram',
  'tiktok',
  'wechat',
  'weibo',
];

function distinctiveErrors(words: Awaited<ReturnType<typeof groupWords>>) {
  const dict = englishWords();
  const out = new Map<
    string,
    Array<{ word: string; likely: string; accounts: number; outsideUses: number }>
  >();
  for (const w of words) {
    if (dict.words.has(w.word) || EXTRA_WORDS.includes(w.word)) continue;
    if (w.outsideUses > 0.1 * w.uses) continue;
    let likely: string | null = null;
    for (const extra of EXTRA_WORDS) if (editDistance(w.word, extra, 1) <= 1) likely = extra;
    // Dropped letters are the commonest slip, so longer corrections are tried first.
    for (const len of [w.word.length + 1, w.word.length, w.word.length - 1])
      for (const cand of likely === null ? (dict.byKey.get(`${w.word[0]}${len}`) ?? []) : [])
        if (editDistance(w.word, cand, 1) <= 1) {
          likely = cand;
          break;
        }
    if (likely === null) continue;
    const list = out.get(w.group) ?? [];
    list.push({ word: w.word, likely, accounts: w.accounts, outsideUses: w.outsideUses });
    out.set(w.group, list);
  }
  for (const list of out.values())
    list.sort((a, b) => b.accounts - a.accounts || (a.word < b.word ? -1 : 1));
  return out;
}

type Evidence = { kind: string; count: number; sample: string[] };

/** Links between groups with the evidence for each; a link needs strong evidence or two kinds. */
function linkGroups(
  ids: readonly string[],
  links: Awaited<ReturnType<typeof crossGroupLinks>>,
  profiles: ReadonlyArray<Omit<GroupProfile, 'operation' | 'linkedGroups' | 'disarm'>>,
  clocks: Map<string, OperatorClock>,
): Map<string, Map<string, Evidence[]>> {
  const evidence = new Map<string, Evidence[]>();
  const add = (a: string, b: string, e: Evidence) => {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const list = evidence.get(key) ?? [];
    list.push(e);
    evidence.set(key, list);
  };
  for (const l of links) add(l.a, l.b, { kind: l.kind, count: l.count, sample: l.sample });
  const byId = new Map(profiles.map((p) => [p.id, p]));
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = byId.get(ids[i] as string);
      const b = byId.get(ids[j] as string);
      if (!a || !b) continue;
      const shared = a.distinctiveErrors
        .filter((x) => b.distinctiveErrors.some((y) => y.word === x.word))
        .map((x) => x.word);
      if (shared.length > 0)
        add(a.id, b.id, {
          kind: 'shared-errors',
          count: shared.length,
          sample: shared.slice(0, 5),
        });
      const ca = clocks.get(a.id)?.timezone;
      const cb = clocks.get(b.id)?.timezone;
      if (
        ca?.utcOffsetMinutes != null &&
        ca.utcOffsetMinutes === cb?.utcOffsetMinutes &&
        ca.confidence >= 0.6 &&
        cb.confidence >= 0.6
      )
        add(a.id, b.id, {
          kind: 'same-clock',
          count: 1,
          sample: [
            `UTC${ca.utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(ca.utcOffsetMinutes) / 60}`,
          ],
        });
      const tags = (p: typeof a) =>
        new Set([...p.narratives.hashtag, ...p.narratives.domain].map((n) => n.value));
      const ta = tags(a);
      const common = [...tags(b)].filter((v) => ta.has(v));
      if (common.length >= 2)
        add(a.id, b.id, {
          kind: 'shared-narratives',
          count: common.length,
          sample: common.slice(0, 5),
        });
    }
  const out = new Map<string, Map<string, Evidence[]>>();
  for (const [key, list] of evidence) {
    const strong = list.some(
      (e) =>
        (e.kind === 'shared-infrastructure' && e.count >= 1) ||
        (e.kind === 'near-duplicate-text' && e.count >= 3) ||
        (e.kind === 'co-share:text' && e.count >= 3) ||
        (e.kind === 'shared-errors' && e.count >= 2),
    );
    if (!strong && new Set(list.map((e) => e.kind)).size < 2) continue;
    const [a, b] = key.split('\u0000') as [string, string];
    (out.get(a) ?? out.set(a, new Map()).get(a))?.set(b, list);
    (out.get(b) ?? out.set(b, new Map()).get(b))?.set(a, list);
  }
  return out;
}

/** Operations: connected groups; named after their first group. */
function operations(
  ids: readonly string[],
  linked: Map<string, Map<string, Evidence[]>>,
): Map<string, string> {
  const op = new Map<string, string>();
  let n = 0;
  for (const id of ids) {
    if (op.has(id)) continue;
    const name = `operation-${++n}`;
    const stack = [id];
    while (stack.length) {
      const g = stack.pop() as string;
      if (op.has(g)) continue;
      op.set(g, name);
      for (const next of linked.get(g)?.keys() ?? []) if (!op.has(next)) stack.push(next);
    }
  }
  return op;
}

/** The DISARM techniques (and kill-chain procedures) the profile's evidence supports. */
function techniques(p: Omit<GroupProfile, 'disarm'>): Array<Technique & { evidence: string }> {
  const out: Array<Technique & { evidence: string }> = [];
  const use = (t: Technique, evidence: string) => out.push({ ...t, evidence });
  const platforms = Object.keys(p.assets.byPlatform);
  if (p.assets.creation.burst)
    use(
      TECHNIQUES.bulkCreated,
      `${p.assets.creation.burst.accounts} accounts created between ${p.assets.creation.burst.start} and ${p.assets.creation.burst.end}`,
    );
  const renamed = p.repurposed.filter((r) => r.handles.length > 1 || r.switch);
  if (renamed.length > 0)
    use(
      TECHNIQUES.repurposed,
      `${renamed.length} accounts renamed or switched language/topic, e.g. ${renamed[0]?.handles.join(' → ') || renamed[0]?.switch}`,
    );
  if (platforms.length >= 2) use(TECHNIQUES.crossPlatform, `active on ${platforms.join(', ')}`);
  if (p.samplePosts.some((s) => s.accounts >= 3))
    use(
      TECHNIQUES.copypasta,
      `the same text posted by up to ${Math.max(...p.samplePosts.map((s) => s.accounts))} accounts`,
    );
  const langs = Object.keys(p.languages).filter((l) => (p.languages[l] ?? 0) >= 0.05);
  if (langs.length >= 3) use(TECHNIQUES.localised, `content in ${langs.join(', ')}`);
  if (
    p.echoChamber.inNetworkShare !== null &&
    p.echoChamber.inNetworkShare >= 0.5 &&
    p.echoChamber.engagements >= 10
  )
    use(
      TECHNIQUES.echoChamber,
      `${Math.round(p.echoChamber.inNetworkShare * 100)}% of ${p.echoChamber.engagements} engagements came from the network itself`,
    );
  if (p.echoChamber.fromInside >= 10)
    use(
      TECHNIQUES.fakeComments,
      `${p.echoChamber.fromInside} replies, comments, reactions or shares of the network's own posts`,
    );
  if (p.assets.followersInNetwork >= 10)
    use(
      TECHNIQUES.followTrains,
      `${p.assets.followersInNetwork} of ${p.assets.followersRecorded} recorded follows come from the network`,
    );
  if (p.clock === 'automated')
    use(
      TECHNIQUES.botsAmplify,
      `${p.automatedAccounts} accounts post around the clock at regular intervals`,
    );
  else
    use(TECHNIQUES.trollsAmplify, 'coordinated amplification by accounts without timer behaviour');
  if (p.narratives.hashtag.some((h) => h.accounts >= 5))
    use(
      TECHNIQUES.floodHashtag,
      `#${p.narratives.hashtag[0]?.value} used by ${p.narratives.hashtag[0]?.accounts} accounts of the network`,
    );
  if (p.clock === 'office' && p.timezone.utcOffsetMinutes !== null)
    use(
      TECHNIQUES.shiftPattern,
      `work blocks ${p.schedule?.workBlocks.map((b) => `${b.start}–${b.end}`).join(', ')} at UTC${p.timezone.utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(p.timezone.utcOffsetMinutes) / 60}`,
    );
  return out;
}
