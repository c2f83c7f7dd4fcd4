// Planted operations: Spamouflage (multi-platform, Beijing-time office shifts, copy-paste in eight
// languages, repurposed spam Pages, shared infrastructure, self-engagement), IRA (US personas on a
// Moscow clock that ignores US daylight saving) and a small fast co-retweet ring.
import type { Rng } from '../core/index.js';
import type { AssetType } from '../model/index.js';
import { WEEKDAY_PUBLIC_HOLIDAYS } from '../model/index.js';
import { DAY, shiftProfile, weekday } from './clock.js';
import type { SimContext } from './context.js';
import { Cumulative, localInstant } from './context.js';
import type { Crowd } from './organic.js';
import { post } from './organic.js';
import type { Narrative } from './text-bank.js';
import {
  CAMOUFLAGE,
  COMMERCIAL_SPAM,
  IRA_TAGS,
  IRA_TEXTS,
  SPAMOUFLAGE_NARRATIVES,
} from './text-bank.js';
import type { SimAccount } from './types.js';

/** What an operation planted, for scenario.json and tests. */
export interface PlantedOperation {
  readonly name: string;
  readonly accounts: number;
  readonly clusters: number;
  readonly utcOffsetMinutes: number;
  readonly workBlocks: ReadonlyArray<readonly [number, number]>;
  readonly breaks: ReadonlyArray<{
    readonly start: number;
    readonly end: number;
    readonly label: string;
  }>;
  readonly dst: 'none';
  readonly notes: readonly string[];
}

/** Spamouflage operators' working day on Beijing time (local hours). */
export const SPAMOUFLAGE_SHIFT: ReadonlyArray<readonly [number, number]> = [
  [9, 12],
  [13.5, 17.5],
  [19, 21],
];
/** IRA operators' night shift on Moscow time, covering the US day (local hours). */
export const IRA_SHIFT: ReadonlyArray<readonly [number, number]> = [
  [16, 20],
  [20.5, 24],
  [0, 1],
];
/** Chinese public holidays in 2024 (local dates) on which Spamouflage operators rest. */
export const CN_HOLIDAYS_2024: readonly string[] = [
  '2024-02-10',
  '2024-02-11',
  '2024-02-12',
  '2024-02-13',
  '2024-02-14',
  '2024-02-15',
  '2024-02-16',
  '2024-02-17',
  '2024-04-04',
  '2024-04-05',
  '2024-04-06',
  '2024-05-01',
  '2024-05-02',
  '2024-05-03',
  '2024-05-04',
  '2024-05-05',
  '2024-06-10',
  '2024-09-15',
  '2024-09-16',
  '2024-09-17',
  '2024-10-01',
  '2024-10-02',
  '2024-10-03',
  '2024-10-04',
  '2024-10-05',
  '2024-10-06',
  '2024-10-07',
];

/** Russian public holidays in 2024 (local dates) on which the IRA's office mostly rests. */
export const RU_HOLIDAYS_2024: readonly string[] = WEEKDAY_PUBLIC_HOLIDAYS.RU.filter((d) =>
  d.startsWith('2024-'),
);

const OP_LANGUAGES = ['en', 'zh', 'ru', 'de', 'fr', 'ko', 'th', 'cy'];
// Asset mix of a Spamouflage cluster: platform, asset type, weight.
const SPAM_ASSETS: ReadonlyArray<readonly [string, AssetType, number]> = [
  ['facebook', 'account', 55],
  ['facebook', 'page', 14],
  ['facebook', 'group', 3],
  ['instagram', 'instagram_account', 6],
  ['x', 'account', 12],
  ['youtube', 'channel', 4],
  ['reddit', 'account', 3],
  ['medium', 'account', 3],
];
const SMALL_PLATFORMS = new Set(['medium', 'reddit', 'youtube']);

// Spamouflage's three clusters, as shares of its accounts; operators on Beijing time (UTC+8).
const SPAM_CLUSTER_SHARES = [0.5, 0.3, 0.2];
const SPAM_OFFSET = 8 * 60;
const SPAM_HANDLES = [
  'GarciaJasmyn',
  'ZoeRich',
  'HeidiCreel',
  'belle_zuri',
  'zhuzhukiki',
  'renrenai',
  'truth_asia',
  'peace_lover',
];
const SPAM_NAMES = [
  'Jasmyn Garcia',
  'Zoe Rich',
  'Heidi Creel',
  'Belle Zuri',
  '朱朱',
  '人人爱',
  'Truth Asia',
  'Peace Lover',
];
const SPAM_ENGAGEMENT = ['说得对', 'So true!', 'Exactly right', '支持', 'Very good article'];

/** Plants a Spamouflage-like operation of several clusters; returns what was planted. */
export function spamouflage(ctx: SimContext, rng: Rng): PlantedOperation {
  const total = Math.max(60, Math.round(ctx.config.accounts * 0.04));
  const profile = new Cumulative(shiftProfile(SPAMOUFLAGE_SHIFT));
  const assetDraw = new Cumulative(SPAM_ASSETS.map((a) => a[2]));
  const clusters = SPAM_CLUSTER_SHARES.map((share, c) =>
    spamCluster(ctx, rng, assetDraw, c, Math.round(total * share)),
  );
  spamouflageCampaign(ctx, rng, clusters, profile);
  return {
    name: 'spamouflage',
    accounts: clusters.reduce((s, m) => s + m.length, 0),
    clusters: clusters.length,
    utcOffsetMinutes: SPAM_OFFSET,
    workBlocks: SPAMOUFLAGE_SHIFT,
    breaks: [
      { start: 12, end: 13.5, label: 'lunch' },
      { start: 17.5, end: 19, label: 'supper' },
    ],
    dst: 'none',
    notes: [
      'quiet weekends and Chinese public holidays',
      'repurposed Pages: Chinese commercial spam, then a handle rename and geopolitics',
      'shared IP blocks, ASNs and devices per cluster',
      'copy-paste in eight languages with shared misspellings (goverment, Amercia, controled)',
      'seeded on small platforms (Medium, Reddit, YouTube), amplified on large ones',
      'comments and reactions from its own accounts',
    ],
  };
}

// One cluster of `size` accounts: their infrastructure, the repurposed Pages' commercial past and
// fake followers within the cluster.
function spamCluster(
  ctx: SimContext,
  rng: Rng,
  assetDraw: Cumulative,
  c: number,
  size: number,
): SimAccount[] {
  const members: SimAccount[] = [];
  for (let i = 0; i < size; i++) {
    const a = spamAccount(ctx, rng, assetDraw);
    ctx.sink.account(a);
    members.push(a);
    spamInfrastructure(ctx, rng, a, c);
    if (a.kind === 'repurposed-page') commercialHistory(ctx, rng, a);
  }
  // Fake followers: the cluster follows itself.
  for (const a of members)
    for (const b of rng.sample(members, 8))
      if (a !== b) ctx.sink.follow(a.platform, a.accountId, b.accountId);
  return members;
}

// A Spamouflage asset: a repurposed spam Page, a bought old account, or one of a creation burst.
function spamAccount(ctx: SimContext, rng: Rng, assetDraw: Cumulative): SimAccount {
  const [platform, assetType] = SPAM_ASSETS[assetDraw.draw(rng)] as readonly [
    string,
    AssetType,
    number,
  ];
  const accountId = ctx.accountIds.next();
  const repurposed = assetType === 'page' && rng.chance(0.6);
  const bought = !repurposed && rng.chance(0.15);
  const switchAt = ctx.config.start + Math.floor(ctx.config.days * 0.3) * DAY;
  const createdBurst = ctx.config.start - 150 * DAY;
  return {
    platform,
    accountId,
    handle: `${rng.pick(SPAM_HANDLES)}${accountId.slice(-6)}`,
    displayName: rng.pick(SPAM_NAMES),
    assetType,
    // Bought accounts are old; the rest were created in a burst over a few days.
    createdAt:
      bought || repurposed
        ? ctx.config.start - (900 + rng.int(0, 1500)) * DAY
        : createdBurst + rng.int(0, 4) * DAY + rng.int(0, 86_399) * 1000,
    followers: Math.floor(rng.lognormal(repurposed ? 3000 : 40, 1)),
    following: Math.floor(rng.lognormal(60, 0.8)),
    location: null,
    language: rng.pick(OP_LANGUAGES),
    description: null,
    label: 'spamouflage',
    kind: repurposed ? 'repurposed-page' : 'operator',
    previousHandles: repurposed
      ? [{ handle: `lingerie_shop_${accountId.slice(-4)}`, until: switchAt }]
      : [],
  };
}

// The cluster's shared IP block, ASN and devices, seen on the account over the whole run.
function spamInfrastructure(ctx: SimContext, rng: Rng, a: SimAccount, c: number): void {
  const { start } = ctx.config;
  const ipBlock = `203.0.${113 + c}`;
  const ips = [`${ipBlock}.${rng.int(1, 6)}`, `${ipBlock}.${rng.int(1, 6)}`];
  ctx.sink.observation(a.accountId, a.platform, 'ip', ips[0] as string, start, ctx.end);
  if (rng.chance(0.5))
    ctx.sink.observation(a.accountId, a.platform, 'ip', ips[1] as string, start, ctx.end);
  const asn = c === 2 ? 'AS4837' : 'AS4134';
  ctx.sink.observation(a.accountId, a.platform, 'asn', asn, start, ctx.end);
  const device = `device-${c}-${rng.int(1, 4)}`;
  ctx.sink.observation(a.accountId, a.platform, 'device', device, start, ctx.end);
}

// A repurposed Page's commercial history in Chinese before its switch to geopolitics.
function commercialHistory(ctx: SimContext, rng: Rng, a: SimAccount): void {
  const { accountId, platform } = a;
  for (let d = 0; d < Math.floor(ctx.config.days * 0.3); d++) {
    for (let k = rng.poisson(1.5); k > 0; k--) {
      const t = ctx.config.start + d * DAY + rng.int(0, DAY - 1);
      post(ctx, {
        accountId,
        platform,
        createdAt: t,
        kind: 'post',
        text: `${rng.pick(COMMERCIAL_SPAM)} https://shop-${accountId.slice(-3)}.example/item/${rng.int(1, 99)}`,
        language: 'zh',
        urls: [`https://shop-${accountId.slice(-3)}.example/item/${rng.int(1, 99)}`],
      });
    }
  }
}

// The clusters' working days: tasks and camouflage, little at weekends and on Chinese holidays.
function spamouflageCampaign(
  ctx: SimContext,
  rng: Rng,
  clusters: readonly SimAccount[][],
  profile: Cumulative,
): void {
  const holidays = new Set(CN_HOLIDAYS_2024);
  for (let d = 0; d < ctx.config.days; d++) {
    const dayStart = ctx.config.start + d * DAY;
    const localDate = new Date(dayStart).toISOString().slice(0, 10);
    const rest = weekday(dayStart) >= 5 || holidays.has(localDate);
    clusters.forEach((members, c) => {
      // Repurposed Pages join once they have switched.
      const active = members.filter(
        (m) => !m.previousHandles.length || dayStart >= (m.previousHandles[0]?.until ?? 0),
      );
      const tasks = rng.poisson((rest ? 0.4 : 10) * (1 - ctx.config.stealth * 0.4));
      for (let k = 0; k < tasks; k++) spamTask(ctx, rng, active, c, d, profile);
      camouflagePosts(ctx, rng, active, d, rest, profile);
    });
  }
}

// Camouflage: scenery and sport in working hours.
function camouflagePosts(
  ctx: SimContext,
  rng: Rng,
  active: readonly SimAccount[],
  d: number,
  rest: boolean,
  profile: Cumulative,
): void {
  for (const m of active)
    if (rng.chance(rest ? 0.03 : 0.3))
      post(ctx, {
        accountId: m.accountId,
        platform: m.platform,
        createdAt: localInstant(ctx, rng, profile, d, SPAM_OFFSET),
        kind: 'post',
        text: rng.pick(CAMOUFLAGE),
        language: 'zh',
      });
}

/** A seed post of a Spamouflage task: the article's address and the post that first links it. */
interface SpamSeed {
  readonly narrative: Narrative;
  readonly seeder: SimAccount;
  readonly articleUrl: string;
  readonly postId: string;
  readonly t0: number;
}

/** One of Spamouflage's posts, for engagement by the cluster. */
interface SpamPosted {
  readonly id: string;
  readonly account: SimAccount;
  readonly t: number;
}

// One task: an article seeded on a small platform, copy-pasted and shared by part of the cluster,
// then commented on and liked by the cluster's own accounts.
function spamTask(
  ctx: SimContext,
  rng: Rng,
  members: readonly SimAccount[],
  cluster: number,
  d: number,
  profile: Cumulative,
): void {
  if (members.length < 3) return;
  const seed = seedArticle(ctx, rng, members, cluster, d, profile);
  const amplifiers = rng.sample(
    members.filter((m) => m !== seed.seeder),
    Math.max(
      2,
      Math.round(members.length * (0.25 + rng.next() * 0.35) * (1 - ctx.config.stealth * 0.5)),
    ),
  );
  const posted = amplifiers.map((m) => amplifyArticle(ctx, rng, seed, m));
  selfEngagement(ctx, rng, members, posted.slice(0, 4));
}

// The task's seed post: a narrative linking its article on the small platform it was seeded on.
function seedArticle(
  ctx: SimContext,
  rng: Rng,
  members: readonly SimAccount[],
  cluster: number,
  d: number,
  profile: Cumulative,
): SpamSeed {
  const narrative = rng.pick(SPAMOUFLAGE_NARRATIVES);
  const t0 = localInstant(ctx, rng, profile, d, SPAM_OFFSET);
  const seeders = members.filter((m) => SMALL_PLATFORMS.has(m.platform));
  const seeder = seeders.length ? rng.pick(seeders) : rng.pick(members);
  const slug = `${narrative.tag.toLowerCase()}-${cluster}-${d}-${rng.int(1, 9999)}`;
  // Each task's article has its own address on the small platform it was seeded on.
  const articleUrl =
    seeder.platform === 'youtube'
      ? `https://youtube.com/watch?v=${slug}`
      : seeder.platform === 'reddit'
        ? `https://reddit.com/r/worldnews/comments/${slug}`
        : `https://medium.com/@${seeder.handle}/${slug}`;
  const postId = post(ctx, {
    accountId: seeder.accountId,
    platform: seeder.platform,
    createdAt: t0,
    kind: 'post',
    text: narrative.text[seeder.language] ?? narrative.text.en,
    language: seeder.language in narrative.text ? seeder.language : 'en',
    urls: [articleUrl],
    hashtags: [narrative.tag],
  });
  return { narrative, seeder, articleUrl, postId, t0 };
}

// An amplifier's post minutes after the seed: a share on the seed's platform, else a copy-paste
// variant in its own language with the article's link.
function amplifyArticle(ctx: SimContext, rng: Rng, seed: SpamSeed, m: SimAccount): SpamPosted {
  const stealth = ctx.config.stealth;
  const { narrative, seeder, articleUrl } = seed;
  const t = seed.t0 + Math.floor(rng.lognormal(3 * (1 + 2 * stealth), 0.8) * 60_000);
  if (m.platform === seeder.platform && rng.chance(0.4)) {
    const id = post(ctx, {
      accountId: m.accountId,
      platform: m.platform,
      createdAt: t,
      kind: 'share',
      sharedPostId: seed.postId,
      sharedAccountId: seeder.accountId,
    });
    return { id, account: m, t };
  }
  const language = m.language in narrative.text ? m.language : 'en';
  const text = variant(rng, narrative.text[language] ?? '', stealth);
  const urls = [articleUrl];
  if (rng.chance(0.15)) urls.push(`https://random-${rng.int(1, 40)}.example/${rng.int(1, 999)}`); // irrelevant link
  const id = post(ctx, {
    accountId: m.accountId,
    platform: m.platform,
    createdAt: t,
    kind: 'post',
    text: `${text} ${articleUrl}`,
    language,
    urls,
    hashtags: rng.chance(0.7) ? [narrative.tag] : [],
  });
  return { id, account: m, t };
}

// Engagement comes from its own accounts: comments and reactions on the task's first posts.
function selfEngagement(
  ctx: SimContext,
  rng: Rng,
  members: readonly SimAccount[],
  targets: readonly SpamPosted[],
): void {
  for (const target of targets) {
    for (const m of rng.sample(members, rng.int(1, 4))) {
      if (m.platform !== target.account.platform || m === target.account) continue;
      const t = target.t + Math.floor(rng.lognormal(4, 0.7) * 60_000);
      const parent = { parentPostId: target.id, parentAccountId: target.account.accountId };
      if (rng.chance(0.5))
        post(ctx, {
          accountId: m.accountId,
          platform: m.platform,
          createdAt: t,
          kind: 'comment',
          text: rng.pick(SPAM_ENGAGEMENT),
          ...parent,
        });
      else
        post(ctx, {
          accountId: m.accountId,
          platform: m.platform,
          createdAt: t,
          kind: 'reaction',
          ...parent,
        });
    }
  }
}

// Copy-paste with small edits: punctuation, an added word, trailing emoji; more with stealth.
function variant(rng: Rng, text: string, stealth: number): string {
  let t = text;
  if (rng.chance(0.3)) t = t.replace(/, /, '! ');
  if (rng.chance(0.3)) t = `${t}!!`;
  if (rng.chance(0.2)) t = `${rng.pick(['Wake up!', '真相:', 'Attention:', 'Look:'])} ${t}`;
  if (rng.chance(stealth)) {
    const words = t.split(' ');
    if (words.length > 6) words.splice(rng.int(1, words.length - 2), 1);
    t = words.join(' ');
  }
  return t;
}

const IRA_OFFSET = 3 * 60; // Moscow: UTC+3 all year, no daylight saving
const IRA_CLIENT = 'Twitter Web Client';

/** Plants an IRA-like operation: US personas, Moscow night shifts, co-retweets and hashtag games. */
export function ira(ctx: SimContext, rng: Rng, crowd: Crowd): PlantedOperation {
  const size = Math.max(30, Math.round(ctx.config.accounts * 0.02));
  const profile = new Cumulative(shiftProfile(IRA_SHIFT, 0.01));
  const members: SimAccount[] = [];
  for (let i = 0; i < size; i++) {
    const a = iraPersona(ctx, rng);
    ctx.sink.account(a);
    members.push(a);
  }
  const xCrowd = crowd.people.filter((p) => p.account.platform === 'x');
  const holidays = new Set(RU_HOLIDAYS_2024);
  for (let d = 0; d < ctx.config.days; d++) {
    const weekendDay = weekday(ctx.config.start + d * DAY) >= 5;
    const holiday = holidays.has(new Date(ctx.config.start + d * DAY).toISOString().slice(0, 10));
    for (let k = rng.poisson(holiday ? 1 : weekendDay ? 5 : 9); k > 0; k--)
      iraTask(ctx, rng, members, d, profile);
    // Together they retweet organic posts that suit the narrative.
    for (let k = rng.poisson(2); k > 0 && xCrowd.length; k--)
      iraOrganicRetweets(ctx, rng, members, d, profile);
  }
  return {
    name: 'ira',
    accounts: members.length,
    clusters: 1,
    utcOffsetMinutes: IRA_OFFSET,
    workBlocks: IRA_SHIFT,
    breaks: [{ start: 20, end: 20.5, label: 'dinner' }],
    dst: 'none',
    notes: [
      'personas claim US locations',
      'night shift on Moscow time covering the US day; the clock does not follow US daylight saving',
      'Russian public holidays (23 February, 8 March in the default period) mostly off',
      'co-retweets of seed posts and of organic posts; hashtag games',
    ],
  };
}

// An aged US persona on X.
function iraPersona(ctx: SimContext, rng: Rng): SimAccount {
  const accountId = ctx.accountIds.next();
  return {
    platform: 'x',
    accountId,
    handle: `${rng.pick(['TEN_GOP', 'Pamela_Moore', 'Jenn_Abrams', 'BlackToLive', 'SouthLoneStar', 'MissouriNewsUS'])}${accountId.slice(-4)}`,
    displayName: rng.pick([
      'Tennessee GOP',
      'Pamela Moore',
      'Jenna Abrams',
      'Black To Live',
      'South Lone Star',
      'Missouri News',
    ]),
    assetType: 'account',
    createdAt: ctx.config.start - (300 + rng.int(0, 600)) * DAY,
    followers: Math.floor(rng.lognormal(2500, 1.3)),
    following: Math.floor(rng.lognormal(900, 0.7)),
    location: rng.pick([
      'Nashville, TN',
      'Austin, TX',
      'New York, NY',
      'Atlanta, GA',
      'St Louis, MO',
      'USA',
    ]),
    language: 'en',
    description: rng.pick([
      'Proud American patriot',
      'Conservative. Christian. Texan.',
      'Black lives matter every day',
      'Unofficial news of Missouri',
    ]),
    label: 'ira',
    kind: 'persona',
    previousHandles: [],
  };
}

// A seed post in the shift, then part of the personas retweet it or, in a hashtag game, post their
// own line with the game's tag.
function iraTask(
  ctx: SimContext,
  rng: Rng,
  members: readonly SimAccount[],
  d: number,
  profile: Cumulative,
): void {
  const t0 = localInstant(ctx, rng, profile, d, IRA_OFFSET);
  const seeder = rng.pick(members);
  const tag = rng.chance(0.3) ? rng.pick(IRA_TAGS) : null;
  const seedId = post(ctx, {
    accountId: seeder.accountId,
    platform: 'x',
    createdAt: t0,
    kind: 'post',
    text: tag ? `${rng.pick(IRA_TEXTS)} #${tag}` : rng.pick(IRA_TEXTS),
    language: 'en',
    hashtags: tag ? [tag] : [],
    client: IRA_CLIENT,
  });
  for (const m of rng.sample(members, Math.round(members.length * (0.3 + rng.next() * 0.3)))) {
    if (m === seeder) continue;
    const t = t0 + Math.floor(rng.lognormal(2 * (1 + 2 * ctx.config.stealth), 0.8) * 60_000);
    if (tag)
      post(ctx, {
        accountId: m.accountId,
        platform: 'x',
        createdAt: t,
        kind: 'post',
        text: `${rng.pick(IRA_TEXTS)} #${tag}`,
        language: 'en',
        hashtags: [tag],
        client: IRA_CLIENT,
      });
    else
      post(ctx, {
        accountId: m.accountId,
        platform: 'x',
        createdAt: t,
        kind: 'share',
        sharedPostId: seedId,
        sharedAccountId: seeder.accountId,
        client: IRA_CLIENT,
      });
  }
}

// Part of the personas retweet a popular organic post on X together, a minute or two apart.
function iraOrganicRetweets(
  ctx: SimContext,
  rng: Rng,
  members: readonly SimAccount[],
  d: number,
  profile: Cumulative,
): void {
  const t0 = localInstant(ctx, rng, profile, d, IRA_OFFSET);
  const p = ctx.recentPopular(rng, t0);
  if (!p || p.platform !== 'x') return;
  for (const m of rng.sample(members, Math.round(members.length * 0.4)))
    post(ctx, {
      accountId: m.accountId,
      platform: 'x',
      createdAt: t0 + Math.floor(rng.lognormal(90, 0.6) * 1000),
      kind: 'share',
      sharedPostId: p.postId,
      sharedAccountId: p.accountId,
      client: IRA_CLIENT,
    });
}

/** Plants a ring of 40 accounts retweeting the same posts within 10 s, 150 times. */
export function ring(ctx: SimContext, rng: Rng): PlantedOperation {
  const members: SimAccount[] = [];
  for (let i = 0; i < 40; i++) {
    const a = ringAmplifier(ctx, rng);
    ctx.sink.account(a);
    members.push(a);
  }
  for (let b = 0; b < 150; b++) ringBurst(ctx, rng, members);
  return {
    name: 'ring',
    accounts: 40,
    clusters: 1,
    utcOffsetMinutes: 0,
    workBlocks: [],
    breaks: [],
    dst: 'none',
    notes: ['150 bursts: all 40 accounts retweet the same post within 10 s'],
  };
}

// A young X account with few followers that follows many.
function ringAmplifier(ctx: SimContext, rng: Rng): SimAccount {
  const accountId = ctx.accountIds.next();
  return {
    platform: 'x',
    accountId,
    handle: `amplify_${accountId.slice(-5)}`,
    displayName: 'Amplifier',
    assetType: 'account',
    createdAt: ctx.config.start - rng.int(30, 60) * DAY,
    followers: rng.int(5, 80),
    following: rng.int(100, 900),
    location: null,
    language: 'en',
    description: null,
    label: 'ring',
    kind: 'amplifier',
    previousHandles: [],
  };
}

// Every member retweets one post within 10 s: a popular post on X, else a post of one of its own.
function ringBurst(ctx: SimContext, rng: Rng, members: readonly SimAccount[]): void {
  const t0 = ctx.config.start + Math.floor(rng.next() * (ctx.end - ctx.config.start - 60_000));
  const p = ctx.recentPopular(rng, t0);
  const seedAccount = rng.pick(members);
  const target =
    p && p.platform === 'x'
      ? p
      : {
          postId: post(ctx, {
            accountId: seedAccount.accountId,
            platform: 'x',
            createdAt: t0 - 30_000,
            kind: 'post',
            text: 'Read this now',
            language: 'en',
          }),
          accountId: seedAccount.accountId,
        };
  for (const m of members)
    post(ctx, {
      accountId: m.accountId,
      platform: 'x',
      createdAt: t0 + rng.int(0, 10_000),
      kind: 'share',
      sharedPostId: target.postId,
      sharedAccountId: target.accountId,
    });
}
