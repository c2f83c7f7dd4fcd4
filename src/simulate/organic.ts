// The organic crowd: people in many time zones with rhythms of their own, celebrities whose posts
// go viral, and the benign coordination detectors must not flag (breaking news, viral cascades,
// trending hashtags, scheduled news bots).
import { Rng } from '../core/index.js';
import type { AssetType } from '../model/index.js';
import { DAY, diurnalProfile, HOUR, weekday } from './clock.js';
import type { PopularPost, SimContext } from './context.js';
import { Cumulative, localInstant } from './context.js';
import { EVERYDAY, NEWS_DOMAINS, TREND_TAGS } from './text-bank.js';
import type { SimAccount } from './types.js';
import { iso } from './writers.js';

// Time zones of the crowd with weights, and the language most people there post in.
const ZONES: ReadonlyArray<readonly [string, number, string]> = [
  ['America/New_York', 16, 'en'],
  ['America/Chicago', 7, 'en'],
  ['America/Los_Angeles', 8, 'en'],
  ['America/Mexico_City', 4, 'es'],
  ['America/Sao_Paulo', 4, 'pt'],
  ['Europe/London', 8, 'en'],
  ['Europe/Paris', 5, 'fr'],
  ['Europe/Berlin', 6, 'de'],
  ['Europe/Madrid', 3, 'es'],
  ['Europe/Moscow', 4, 'ru'],
  ['Europe/Istanbul', 3, 'tr'],
  ['Asia/Dubai', 2, 'ar'],
  ['Asia/Kolkata', 5, 'hi'],
  ['Asia/Bangkok', 3, 'th'],
  ['Asia/Jakarta', 3, 'id'],
  ['Asia/Shanghai', 5, 'zh'],
  ['Asia/Tokyo', 4, 'ja'],
  ['Asia/Seoul', 3, 'ko'],
  ['Australia/Sydney', 3, 'en'],
  ['Europe/London', 1, 'cy'],
];
const PLATFORMS: ReadonlyArray<readonly [string, number, AssetType]> = [
  ['x', 70, 'account'],
  ['facebook', 18, 'account'],
  ['instagram', 7, 'instagram_account'],
  ['youtube', 5, 'channel'],
];
const CLIENTS = [
  'Twitter Web App',
  'Twitter for iPhone',
  'Twitter for Android',
  'Facebook for Android',
  'Instagram for iOS',
];

/** One organic person: what the generators need per account. */
export interface Person {
  readonly account: SimAccount;
  readonly zone: string;
  readonly profile: Cumulative;
  readonly rate: number;
  readonly weekend: number;
}

/** The organic crowd's accounts, for cascades and for operations that retweet organic posts. */
export interface Crowd {
  readonly people: readonly Person[];
}

/** Options of {@link generateOrganic}. */
export interface OrganicOptions {
  /** People in the everyday crowd (celebrities included). Default: the run's `accounts`. */
  readonly people?: number;
}

/** What {@link newPerson} may fix instead of drawing. */
export interface PersonSpec {
  /** truth.csv's kind, e.g. 'everyday', 'fandom'. */
  readonly kind: string;
  /** A celebrity: many followers; a Page on Facebook. Default false. */
  readonly celebrity?: boolean;
  /** Time zone and language; drawn from the crowd's zones when absent. */
  readonly zone?: readonly [string, string];
  /** Platform and asset type; drawn from the crowd's platform mix when absent. */
  readonly platform?: readonly [string, AssetType];
  /** Handle and display name; drawn from everyday names when absent. */
  readonly handle?: string;
  readonly displayName?: string;
}

const ZONE_DRAW = new Cumulative(ZONES.map((z) => z[1]));
const PLATFORM_DRAW = new Cumulative(PLATFORMS.map((p) => p[1]));

/** Returns a time zone and its language drawn from the crowd's zones (weighted). */
export function drawZone(rng: Rng): readonly [string, string] {
  const [zone, , language] = ZONES[ZONE_DRAW.draw(rng)] as readonly [string, number, string];
  return [zone, language];
}

function drawPlatform(rng: Rng): readonly [string, AssetType] {
  const [platform, , assetType] = PLATFORMS[PLATFORM_DRAW.draw(rng)] as readonly [
    string,
    number,
    AssetType,
  ];
  return [platform, assetType];
}

/** Creates an organic person (account written to the sink) with a rhythm of their own. */
export function newPerson(ctx: SimContext, rng: Rng, spec: PersonSpec): Person {
  const [zone, language] = spec.zone ?? drawZone(rng);
  const [platform, assetType] = spec.platform ?? drawPlatform(rng);
  const celebrity = spec.celebrity ?? false;
  const accountId = ctx.accountIds.next();
  const account: SimAccount = {
    platform,
    accountId,
    handle:
      spec.handle ??
      `${rng.pick(['sam', 'alex', 'kim', 'maria', 'li', 'yuki', 'omar', 'ana', 'jo', 'dev'])}_${accountId.slice(-5)}`,
    displayName:
      spec.displayName ??
      rng.pick(['Sam', 'Alex', 'Kim', 'Maria', 'Li Wei', 'Yuki', 'Omar', 'Ana', 'Jo', 'Dev']),
    assetType: celebrity && platform === 'facebook' ? 'page' : assetType,
    createdAt: ctx.config.start - Math.floor(rng.next() * 12 * 365) * DAY,
    followers: Math.floor(celebrity ? rng.lognormal(400_000, 1) : rng.lognormal(180, 1.6)),
    following: Math.floor(rng.lognormal(250, 1)),
    location: rng.chance(0.5) ? (zone.split('/')[1]?.replace('_', ' ') ?? null) : null,
    language,
    description: rng.chance(0.4) ? rng.pick(EVERYDAY[language] ?? EVERYDAY.en ?? []) : null,
    label: 'organic',
    kind: spec.kind,
    previousHandles: [],
  };
  ctx.sink.account(account);
  return {
    account,
    zone,
    profile: new Cumulative(
      diurnalProfile(
        rng.normal() + 7.5,
        (rng.normal() + 23.5 + 24) % 24,
        rng.normal() * 1.2 + 20.5,
      ),
    ),
    rate: Math.min(60, rng.lognormal(ctx.config.postsPerDay * 0.6, 1)),
    weekend: 0.7 + rng.next() * 0.7,
  };
}

/** Generates the organic crowd: accounts, celebrities' popular posts, everyday activity, cascades. */
export function generateOrganic(ctx: SimContext, rng: Rng, options: OrganicOptions = {}): Crowd {
  const { days } = ctx.config;
  const n = options.people ?? ctx.config.accounts;
  const celebrities = Math.max(5, Math.floor(n / 100));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const celebrity = i < celebrities;
    people.push(newPerson(ctx, rng, { kind: celebrity ? 'celebrity' : 'everyday', celebrity }));
  }
  organicObservations(ctx, new Rng(`${ctx.config.seed}:observations`), people);
  popularPosts(ctx, rng, people.slice(0, celebrities));
  for (const person of people) everyday(ctx, rng, person);
  const scale = ctx.config.hardNegatives;
  for (let e = 0; e < Math.round((days / 7) * 3 * scale); e++) breakingNews(ctx, rng, people);
  for (let e = 0; e < Math.round((days / 7) * 4 * scale); e++) viralCascade(ctx, rng, people);
  for (let e = 0; e < Math.round((days / 7) * 2 * scale); e++) trendingTag(ctx, rng, people);
  if (scale > 0) newsBots(ctx, rng, newsBotCount(scale));
  return { people };
}

/** Returns how many scheduled news-feed bots the crowd has at a hard-negatives scale. */
export function newsBotCount(scale: number): number {
  return scale > 0 ? Math.max(6, Math.round(12 * scale)) : 0;
}

function popularPosts(ctx: SimContext, rng: Rng, celebrities: readonly Person[]): void {
  for (const person of celebrities) {
    for (let d = 0; d < ctx.config.days; d++) {
      for (let k = rng.poisson(3); k > 0; k--) {
        const t = localInstant(ctx, rng, person.profile, d, ctx.offset(person.zone, d));
        const postId = ctx.postIds.next();
        ctx.popular.push({
          postId,
          accountId: person.account.accountId,
          platform: person.account.platform,
          createdAt: t,
          weight: rng.lognormal(1, 1),
        });
        emitText(ctx, rng, person, t, postId);
      }
    }
  }
  ctx.popular.sort((a, b) => a.createdAt - b.createdAt || (a.postId < b.postId ? -1 : 1));
}

/** Emits a person's everyday activity: own posts, news links, retweets and replies of popular posts. */
export function everyday(ctx: SimContext, rng: Rng, person: Person): void {
  const a = person.account;
  for (let d = 0; d < ctx.config.days; d++) {
    const offset = ctx.offset(person.zone, d);
    const weekendDay = weekday(ctx.config.start + d * DAY) >= 5;
    for (let k = rng.poisson(person.rate * (weekendDay ? person.weekend : 1)); k > 0; k--) {
      const t = localInstant(ctx, rng, person.profile, d, offset);
      const r = rng.next();
      if (r < 0.22) {
        const p = ctx.recentPopular(rng, t);
        if (p && p.platform === a.platform) {
          reshare(ctx, rng, a, p, t);
          continue;
        }
      } else if (r < 0.34) {
        const p = ctx.recentPopular(rng, t);
        if (p && p.platform === a.platform) {
          replyTo(ctx, rng, a, p, t);
          continue;
        }
      } else if (r < 0.5) {
        const domain = rng.pick(NEWS_DOMAINS);
        const story = Math.floor(rng.lognormal(8, 1.5));
        post(ctx, {
          accountId: a.accountId,
          platform: a.platform,
          createdAt: t,
          kind: 'post',
          text: `${sentence(rng, a.language, 1)} https://${domain}/${dayPath(ctx, t)}/story-${story}`,
          language: a.language,
          urls: [`https://${domain}/${dayPath(ctx, t)}/story-${story}?utm_source=share`],
          client: rng.pick(CLIENTS),
        });
        continue;
      }
      emitText(ctx, rng, person, t, ctx.postIds.next());
    }
  }
}

// Breaking news: thousands post the same story within minutes of it breaking.
function breakingNews(ctx: SimContext, rng: Rng, people: readonly Person[]): void {
  const t0 = ctx.config.start + Math.floor(rng.next() * (ctx.end - ctx.config.start - 6 * HOUR));
  const url = `https://${rng.pick(NEWS_DOMAINS)}/breaking/${ctx.postIds.next()}`;
  const share = 0.05 + rng.next() * 0.2;
  for (const person of rng.sample(people, Math.round(people.length * share))) {
    const t = t0 + Math.floor(rng.lognormal(4, 0.9) * 60_000);
    if (t >= ctx.end) continue;
    const a = person.account;
    post(ctx, {
      accountId: a.accountId,
      platform: a.platform,
      createdAt: t,
      kind: 'post',
      text: `BREAKING ${sentence(rng, a.language, 1)} ${url}`,
      language: a.language,
      urls: [url],
      client: rng.pick(CLIENTS),
    });
  }
}

// A viral post: many retweet and reply within the hour.
function viralCascade(ctx: SimContext, rng: Rng, people: readonly Person[]): void {
  const p = ctx.popular[Math.floor(rng.next() * ctx.popular.length)];
  if (!p) return;
  const candidates = people.filter((x) => x.account.platform === p.platform);
  for (const person of rng.sample(
    candidates,
    Math.round(candidates.length * (0.03 + rng.next() * 0.1)),
  )) {
    const t = p.createdAt + Math.floor(rng.lognormal(20, 1.2) * 60_000);
    if (t >= ctx.end) continue;
    const a = person.account;
    if (rng.chance(0.7)) reshare(ctx, rng, a, p, t);
    else replyTo(ctx, rng, a, p, t);
  }
}

// A live event: fans and activists use the same hashtag over two hours.
function trendingTag(ctx: SimContext, rng: Rng, people: readonly Person[]): void {
  const tag = rng.pick(TREND_TAGS);
  const t0 = ctx.config.start + Math.floor(rng.next() * (ctx.end - ctx.config.start - 3 * HOUR));
  for (const person of rng.sample(people, Math.round(people.length * (0.02 + rng.next() * 0.06)))) {
    const a = person.account;
    for (let k = 1 + rng.poisson(0.8); k > 0; k--) {
      const t = t0 + Math.floor(rng.next() * 2 * HOUR);
      post(ctx, {
        accountId: a.accountId,
        platform: a.platform,
        createdAt: t,
        kind: 'post',
        text: `${sentence(rng, a.language, 1)} #${tag}`,
        language: a.language,
        hashtags: [tag],
        client: rng.pick(CLIENTS),
      });
    }
  }
}

// Scheduled news aggregators: the same feed links, on a timer, every 30 minutes, day and night.
function newsBots(ctx: SimContext, rng: Rng, count: number): void {
  const bots: SimAccount[] = [];
  for (let i = 0; i < count; i++) {
    const accountId = ctx.accountIds.next();
    const bot: SimAccount = {
      platform: 'x',
      accountId,
      handle: `newsfeed_${accountId.slice(-4)}`,
      displayName: 'News Feed',
      assetType: 'bot',
      createdAt: ctx.config.start - 800 * DAY,
      followers: Math.floor(rng.lognormal(900, 1)),
      following: 3,
      location: null,
      language: 'en',
      description: 'Automated headlines',
      label: 'organic',
      kind: 'news-bot',
      previousHandles: [],
    };
    ctx.sink.account(bot);
    bots.push(bot);
  }
  const feed = rng.pick(NEWS_DOMAINS);
  for (let t = ctx.config.start; t < ctx.end; t += HOUR / 2) {
    const url = `https://${feed}/feed/${Math.floor((t - ctx.config.start) / (HOUR / 2))}`;
    for (const bot of bots) {
      post(ctx, {
        accountId: bot.accountId,
        platform: 'x',
        createdAt: t + 5_000 + Math.floor(rng.next() * 20_000),
        kind: 'post',
        text: `Headline: ${url}`,
        language: 'en',
        urls: [url],
        client: 'dlvr.it',
      });
    }
  }
}

function emitText(ctx: SimContext, rng: Rng, person: Person, t: number, postId: string): void {
  const a = person.account;
  const tag = rng.chance(0.12) ? rng.pick(TREND_TAGS) : null;
  ctx.sink.post({
    platform: a.platform,
    postId,
    accountId: a.accountId,
    createdAt: t,
    kind: 'post',
    text: tag
      ? `${sentence(rng, a.language, 2)} #${tag}`
      : sentence(rng, a.language, 1 + rng.int(0, 2)),
    language: a.language,
    urls: [],
    hashtags: tag ? [tag] : [],
    sharedPostId: null,
    sharedAccountId: null,
    parentPostId: null,
    parentAccountId: null,
    client: rng.pick(CLIENTS),
  });
}

// A person retweets or shares a popular post at t.
function reshare(ctx: SimContext, rng: Rng, a: SimAccount, p: PopularPost, t: number): void {
  post(ctx, {
    accountId: a.accountId,
    platform: a.platform,
    createdAt: t,
    kind: 'share',
    sharedPostId: p.postId,
    sharedAccountId: p.accountId,
    client: rng.pick(CLIENTS),
  });
}

// A person replies to a popular post at t, in their own words.
function replyTo(ctx: SimContext, rng: Rng, a: SimAccount, p: PopularPost, t: number): void {
  const text = sentence(rng, a.language, 1);
  post(ctx, {
    accountId: a.accountId,
    platform: a.platform,
    createdAt: t,
    kind: 'reply',
    text,
    language: a.language,
    parentPostId: p.postId,
    parentAccountId: p.accountId,
    client: rng.pick(CLIENTS),
  });
}

/** Fields of a post besides the defaults; the id is issued here. */
interface PostInit {
  readonly accountId: string;
  readonly platform: string;
  readonly createdAt: number;
  readonly kind: 'post' | 'share' | 'reply' | 'comment' | 'quote' | 'reaction';
  readonly text?: string;
  readonly language?: string;
  readonly urls?: readonly string[];
  readonly hashtags?: readonly string[];
  readonly sharedPostId?: string;
  readonly sharedAccountId?: string;
  readonly parentPostId?: string;
  readonly parentAccountId?: string;
  readonly client?: string;
}

/** Emits a post with a new id; returns the id. */
export function post(ctx: SimContext, p: PostInit): string {
  const postId = ctx.postIds.next();
  ctx.sink.post({
    platform: p.platform,
    postId,
    accountId: p.accountId,
    createdAt: p.createdAt,
    kind: p.kind,
    text: p.text ?? null,
    language: p.language ?? null,
    urls: p.urls ?? [],
    hashtags: p.hashtags ?? [],
    sharedPostId: p.sharedPostId ?? null,
    sharedAccountId: p.sharedAccountId ?? null,
    parentPostId: p.parentPostId ?? null,
    parentAccountId: p.parentAccountId ?? null,
    client: p.client ?? null,
  });
  return postId;
}

/** Returns `parts` everyday fragments in a language, joined. */
export function sentence(rng: Rng, language: string, parts: number): string {
  const bank = EVERYDAY[language] ?? (EVERYDAY.en as readonly string[]);
  const words = vocabulary(language);
  const unspaced = UNSPACED.has(language);
  // People do not copy each other: a fragment, then words of their own in a fresh order.
  let s = rng.chance(0.3) ? rng.pick(bank) : '';
  for (let i = 0; i < parts; i++) {
    if (s !== '') s += unspaced ? '，' : ',';
    for (let k = rng.int(4, 9); k > 0; k--) s += unspaced ? rng.pick(words) : ` ${rng.pick(words)}`;
  }
  return s;
}

const UNSPACED = new Set(['zh', 'ja', 'th']);
const VOCABULARY = new Map<string, readonly string[]>();

// Letters each script draws its made-up words from (real vocabularies are large; a small bank
// would make unrelated people look like copy-pasters).
const ALPHABETS: Readonly<Record<string, readonly [number, number]>> = {
  zh: [0x4e00, 0x9fa5],
  ja: [0x3041, 0x3096],
  ko: [0xac00, 0xd7a3],
  th: [0x0e01, 0x0e2e],
  ru: [0x0430, 0x044f],
  ar: [0x0628, 0x064a],
  hi: [0x0915, 0x0939],
};

// Everyday words of a language: the bank's words plus made-up words of its script, for variety.
function vocabulary(language: string): readonly string[] {
  let words = VOCABULARY.get(language);
  if (!words) {
    const bank = EVERYDAY[language] ?? (EVERYDAY.en as readonly string[]);
    const all = bank
      .flatMap((f) =>
        UNSPACED.has(language) ? [...f.replace(/[\s，。,!?]/gu, '')] : f.split(/[\s,!?]+/u),
      )
      .filter((w) => w !== '');
    const rng = new Rng(`vocabulary:${language}`);
    const [lo, hi] = ALPHABETS[language] ?? [0x61, 0x7a];
    for (let i = 0; i < 3000; i++) {
      let w = '';
      for (let k = UNSPACED.has(language) ? rng.int(2, 4) : rng.int(3, 9); k > 0; k--)
        w += String.fromCharCode(rng.int(lo, hi));
      all.push(w);
    }
    words = [...new Set(all)].sort();
    VOCABULARY.set(language, words);
  }
  return words;
}

function dayPath(ctx: SimContext, t: number): string {
  return iso(Math.max(ctx.config.start, t)).slice(0, 10).replace(/-/g, '/');
}

/** Big consumer ISPs: each is shared by far too many accounts to link anyone. */
const ISP_ASNS = ['AS7922', 'AS701', 'AS3320', 'AS5089', 'AS3215', 'AS12389', 'AS9121', 'AS4766'];
const CN_ASNS = ['AS4134', 'AS4837'];

/**
 * Gives the crowd the observations a platform has on everyone: a home IP (mostly unique; shared by
 * a household now and then), 20% also a mobile carrier's CGNAT address (a pool of 40, each shared
 * by a dozen strangers), the ISP's ASN (Chinese ISPs for people in China, as the operators use),
 * and a device id. Drawn from its own stream so the activity stays the same for a seed.
 */
export function organicObservations(
  ctx: SimContext,
  rng: Rng,
  people: ReadonlyArray<Pick<Person, 'account' | 'zone'>>,
): void {
  const { start } = ctx.config;
  let household: string | null = null;
  for (const { account, zone } of people) {
    const { accountId, platform } = account;
    const ip: string =
      household !== null && rng.chance(0.05)
        ? household
        : `198.51.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    household = ip;
    ctx.sink.observation(accountId, platform, 'ip', ip, start, ctx.end);
    if (rng.chance(0.2))
      ctx.sink.observation(accountId, platform, 'ip', `100.64.7.${rng.int(1, 40)}`, start, ctx.end);
    const asn = zone === 'Asia/Shanghai' ? rng.pick(CN_ASNS) : rng.pick(ISP_ASNS);
    ctx.sink.observation(accountId, platform, 'asn', asn, start, ctx.end);
    ctx.sink.observation(accountId, platform, 'device', `dev-${accountId}`, start, ctx.end);
  }
}
