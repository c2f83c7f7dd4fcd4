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

/** Plants a Spamouflage-like operation of several clusters; returns what was planted. */
export function spamouflage(ctx: SimContext, rng: Rng): PlantedOperation {
  const total = Math.max(60, Math.round(ctx.config.accounts * 0.04));
  const shares = [0.5, 0.3, 0.2];
  const offset = 8 * 60;
  const profile = new Cumulative(shiftProfile(SPAMOUFLAGE_SHIFT));
  const assetDraw = new Cumulative(SPAM_ASSETS.map((a) => a[2]));
  const switchAt = ctx.config.start + Math.floor(ctx.config.days * 0.3) * DAY;
  const stealth = ctx.config.stealth;
  const clusters: SimAccount[][] = [];
  const createdBurst = ctx.config.start - 150 * DAY;
  shares.forEach((share, c) => {
    const members: SimAccount[] = [];
    const ipBlock = `203.0.${113 + c}`;
    for (let i = 0; i < Math.round(total * share); i++) {
      const [platform, assetType] = SPAM_ASSETS[assetDraw.draw(rng)] as readonly [
        string,
        AssetType,
        number,
      ];
      const accountId = ctx.accountIds.next();
      const repurposed = assetType === 'page' && rng.chance(0.6);
      const bought = !repurposed && rng.chance(0.15);
      const a: SimAccount = {
        platform,
        accountId,
        handle: `${rng.pick(['GarciaJasmyn', 'ZoeRich', 'HeidiCreel', 'belle_zuri', 'zhuzhukiki', 'renrenai', 'truth_asia', 'peace_lover'])}${accountId.slice(-6)}`,
        displayName: rng.pick([
          'Jasmyn Garcia',
          'Zoe Rich',
          'Heidi Creel',
          'Belle Zuri',
          '朱朱',
          '人人爱',
          'Truth Asia',
          'Peace Lover',
        ]),
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
      ctx.sink.account(a);
      members.push(a);
      const ips = [`${ipBlock}.${rng.int(1, 6)}`, `${ipBlock}.${rng.int(1, 6)}`];
      ctx.sink.observation(accountId, platform, 'ip', ips[0] as string, ctx.config.start, ctx.end);
      if (rng.chance(0.5))
        ctx.sink.observation(
          accountId,
          platform,
          'ip',
          ips[1] as string,
          ctx.config.start,
          ctx.end,
        );
      ctx.sink.observation(
        accountId,
        platform,
        'asn',
        c === 2 ? 'AS4837' : 'AS4134',
        ctx.config.start,
        ctx.end,
      );
      ctx.sink.observation(
        accountId,
        platform,
        'device',
        `device-${c}-${rng.int(1, 4)}`,
        ctx.config.start,
        ctx.end,
      );
      if (repurposed) {
        // Commercial history in Chinese before the switch to geopolitics.
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
    }
    clusters.push(members);
    // Fake followers: the cluster follows itself.
    for (const a of members)
      for (const b of rng.sample(members, 8))
        if (a !== b) ctx.sink.follow(a.platform, a.accountId, b.accountId);
  });
  const holidays = new Set(CN_HOLIDAYS_2024);
  for (let d = 0; d < ctx.config.days; d++) {
    const localDate = new Date(ctx.config.start + d * DAY).toISOString().slice(0, 10);
    const rest = weekday(ctx.config.start + d * DAY) >= 5 || holidays.has(localDate);
    clusters.forEach((members, c) => {
      const active = members.filter(
        (m) =>
          !m.previousHandles.length ||
          ctx.config.start + d * DAY >= (m.previousHandles[0]?.until ?? 0),
      );
      const tasks = rng.poisson((rest ? 0.4 : 10) * (1 - stealth * 0.4));
      for (let k = 0; k < tasks; k++) spamTask(ctx, rng, active, c, d, offset, profile);
      // Camouflage: scenery and sport in working hours.
      for (const m of active)
        if (rng.chance(rest ? 0.03 : 0.3))
          post(ctx, {
            accountId: m.accountId,
            platform: m.platform,
            createdAt: localInstant(ctx, rng, profile, d, offset),
            kind: 'post',
            text: rng.pick(CAMOUFLAGE),
            language: 'zh',
          });
    });
  }
  return {
    name: 'spamouflage',
    accounts: clusters.reduce((s, m) => s + m.length, 0),
    clusters: clusters.length,
    utcOffsetMinutes: offset,
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

function spamTask(
  ctx: SimContext,
  rng: Rng,
  members: readonly SimAccount[],
  cluster: number,
  d: number,
  offset: number,
  profile: Cumulative,
): void {
  if (members.length < 3) return;
  const stealth = ctx.config.stealth;
  const narrative = rng.pick(SPAMOUFLAGE_NARRATIVES);
  const t0 = localInstant(ctx, rng, profile, d, offset);
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
  const seedId = post(ctx, {
    accountId: seeder.accountId,
    platform: seeder.platform,
    createdAt: t0,
    kind: 'post',
    text: narrative.text[seeder.language] ?? narrative.text.en,
    language: seeder.language in narrative.text ? seeder.language : 'en',
    urls: [articleUrl],
    hashtags: [narrative.tag],
  });
  const amplifiers = rng.sample(
    members.filter((m) => m !== seeder),
    Math.max(2, Math.round(members.length * (0.25 + rng.next() * 0.35) * (1 - stealth * 0.5))),
  );
  const posted: Array<{ id: string; account: SimAccount; t: number }> = [];
  for (const m of amplifiers) {
    const t = t0 + Math.floor(rng.lognormal(3 * (1 + 2 * stealth), 0.8) * 60_000);
    if (m.platform === seeder.platform && rng.chance(0.4)) {
      posted.push({
        id: post(ctx, {
          accountId: m.accountId,
          platform: m.platform,
          createdAt: t,
          kind: 'share',
          sharedPostId: seedId,
          sharedAccountId: seeder.accountId,
        }),
        account: m,
        t,
      });
      continue;
    }
    const language = m.language in narrative.text ? m.language : 'en';
    let text = narrative.text[language] ?? '';
    text = variant(rng, text, stealth);
    const urls = [articleUrl];
    if (rng.chance(0.15)) urls.push(`https://random-${rng.int(1, 40)}.example/${rng.int(1, 999)}`); // irrelevant link
    posted.push({
      id: post(ctx, {
        accountId: m.accountId,
        platform: m.platform,
        createdAt: t,
        kind: 'post',
        text: `${text} ${articleUrl}`,
        language,
        urls,
        hashtags: rng.chance(0.7) ? [narrative.tag] : [],
      }),
      account: m,
      t,
    });
  }
  // Engagement comes from its own accounts.
  for (const target of posted.slice(0, 4)) {
    for (const m of rng.sample(members, rng.int(1, 4))) {
      if (m.platform !== target.account.platform || m === target.account) continue;
      const t = target.t + Math.floor(rng.lognormal(4, 0.7) * 60_000);
      if (rng.chance(0.5))
        post(ctx, {
          accountId: m.accountId,
          platform: m.platform,
          createdAt: t,
          kind: 'comment',
          text: rng.pick(['说得对', 'So true!', 'Exactly right', '支持', 'Very good article']),
          parentPostId: target.id,
          parentAccountId: target.account.accountId,
        });
      else
        post(ctx, {
          accountId: m.accountId,
          platform: m.platform,
          createdAt: t,
          kind: 'reaction',
          parentPostId: target.id,
          parentAccountId: target.account.accountId,
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

/** Plants an IRA-like operation: US personas, Moscow night shifts, co-retweets and hashtag games. */
export function ira(ctx: SimContext, rng: Rng, crowd: Crowd): PlantedOperation {
  const size = Math.max(30, Math.round(ctx.config.accounts * 0.02));
  const offset = 3 * 60; // Moscow: UTC+3 all year, no daylight saving
  const profile = new Cumulative(shiftProfile(IRA_SHIFT, 0.01));
  const members: SimAccount[] = [];
  for (let i = 0; i < size; i++) {
    const accountId = ctx.accountIds.next();
    const a: SimAccount = {
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
    ctx.sink.account(a);
    members.push(a);
  }
  const xCrowd = crowd.people.filter((p) => p.account.platform === 'x');
  const holidays = new Set(RU_HOLIDAYS_2024);
  for (let d = 0; d < ctx.config.days; d++) {
    const weekendDay = weekday(ctx.config.start + d * DAY) >= 5;
    const holiday = holidays.has(new Date(ctx.config.start + d * DAY).toISOString().slice(0, 10));
    for (let k = rng.poisson(holiday ? 1 : weekendDay ? 5 : 9); k > 0; k--) {
      const t0 = localInstant(ctx, rng, profile, d, offset);
      const seeder = rng.pick(members);
      const game = rng.chance(0.3);
      const tag = game ? rng.pick(IRA_TAGS) : null;
      const seedId = post(ctx, {
        accountId: seeder.accountId,
        platform: 'x',
        createdAt: t0,
        kind: 'post',
        text: tag ? `${rng.pick(IRA_TEXTS)} #${tag}` : rng.pick(IRA_TEXTS),
        language: 'en',
        hashtags: tag ? [tag] : [],
        client: 'Twitter Web Client',
      });
      for (const m of rng.sample(members, Math.round(size * (0.3 + rng.next() * 0.3)))) {
        if (m === seeder) continue;
        const t = t0 + Math.floor(rng.lognormal(2 * (1 + 2 * ctx.config.stealth), 0.8) * 60_000);
        if (game)
          post(ctx, {
            accountId: m.accountId,
            platform: 'x',
            createdAt: t,
            kind: 'post',
            text: `${rng.pick(IRA_TEXTS)} #${tag}`,
            language: 'en',
            hashtags: [tag as string],
            client: 'Twitter Web Client',
          });
        else
          post(ctx, {
            accountId: m.accountId,
            platform: 'x',
            createdAt: t,
            kind: 'share',
            sharedPostId: seedId,
            sharedAccountId: seeder.accountId,
            client: 'Twitter Web Client',
          });
      }
    }
    // Together they retweet organic posts that suit the narrative.
    for (let k = rng.poisson(2); k > 0 && xCrowd.length; k--) {
      const t0 = localInstant(ctx, rng, profile, d, offset);
      const p = ctx.recentPopular(rng, t0);
      if (!p || p.platform !== 'x') continue;
      for (const m of rng.sample(members, Math.round(size * 0.4)))
        post(ctx, {
          accountId: m.accountId,
          platform: 'x',
          createdAt: t0 + Math.floor(rng.lognormal(90, 0.6) * 1000),
          kind: 'share',
          sharedPostId: p.postId,
          sharedAccountId: p.accountId,
          client: 'Twitter Web Client',
        });
    }
  }
  return {
    name: 'ira',
    accounts: members.length,
    clusters: 1,
    utcOffsetMinutes: offset,
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

/** Plants a ring of 40 accounts retweeting the same posts within 10 s, 150 times. */
export function ring(ctx: SimContext, rng: Rng): PlantedOperation {
  const members: SimAccount[] = [];
  for (let i = 0; i < 40; i++) {
    const accountId = ctx.accountIds.next();
    const a: SimAccount = {
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
    ctx.sink.account(a);
    members.push(a);
  }
  for (let b = 0; b < 150; b++) {
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
