// What the careful operations share: accounts that look like people's (own IPs, ISPs, devices),
// camouflage posted on shift, and amplification minutes rather than seconds after the seed post.
import type { Rng } from '../core/index.js';
import type { AssetType } from '../model/index.js';
import type { SimContext } from './context.js';
import { post, sentence } from './organic.js';
import { paraphrase } from './paraphrase.js';
import type { ParaphraseNarrative } from './paraphrase-bank.js';
import type { Shifts } from './shifts.js';
import type { SimAccount } from './types.js';

/** An operation's account and the operator (index into its Shifts) who runs it. */
export interface OpMember {
  readonly account: SimAccount;
  readonly operator: number;
}

/** The fields of an operation account that differ from operation to operation. */
export interface OpAccountInit {
  readonly platform: string;
  readonly assetType: AssetType;
  readonly handle: string;
  readonly displayName: string;
  readonly createdAt: number;
  readonly followers: number;
  readonly following: number;
  readonly location: string | null;
  readonly language: string;
  readonly description: string | null;
  readonly label: string;
  readonly kind: string;
}

// The crowd's consumer ISPs (organic.ts has one more; kept apart so the operations' draws stay put).
const ISP_ASNS = ['AS7922', 'AS701', 'AS3320', 'AS5089', 'AS3215', 'AS12389', 'AS9121'];

/**
 * Creates an operation account with the observations of an ordinary person (a residential IP of
 * its own, now and then a mobile carrier's shared address, a consumer ISP, its own device): careful
 * operators buy residential proxies, so infrastructure does not give them away.
 */
export function opMember(
  ctx: SimContext,
  rng: Rng,
  init: OpAccountInit,
  operator: number,
): OpMember {
  const accountId = ctx.accountIds.next();
  const account: SimAccount = { ...init, accountId, previousHandles: [] };
  ctx.sink.account(account);
  const { platform } = init;
  const { start } = ctx.config;
  const ip = `198.51.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  ctx.sink.observation(accountId, platform, 'ip', ip, start, ctx.end);
  if (rng.chance(0.2))
    ctx.sink.observation(accountId, platform, 'ip', `100.64.7.${rng.int(1, 40)}`, start, ctx.end);
  ctx.sink.observation(accountId, platform, 'asn', rng.pick(ISP_ASNS), start, ctx.end);
  ctx.sink.observation(accountId, platform, 'device', `dev-${accountId}`, start, ctx.end);
  return { account, operator };
}

/** A seed post the operation amplifies. */
export interface Seed {
  readonly postId: string;
  readonly account: SimAccount;
  readonly t: number;
}

/** Options of {@link amplify}. */
export interface AmplifyOptions {
  readonly narrative: ParaphraseNarrative;
  /** Share of amplifiers that retweet or share the seed (same platform only). */
  readonly share: number;
  /** Share of amplifiers that reply to the seed (same platform only). */
  readonly reply: number;
  /** Link of a paraphrased post, or null for none. */
  readonly link: (rng: Rng, member: OpMember) => string | null;
  /** Probability that a paraphrased post carries the hashtag. */
  readonly tagChance: number;
}

/**
 * Has each amplifier share, reply to or paraphrase the seed 3–120 minutes after it, while the
 * amplifier's operator is at work (an amplifier whose operator is not around skips it).
 */
export function amplify(
  ctx: SimContext,
  rng: Rng,
  shifts: Shifts,
  seed: Seed,
  amplifiers: readonly OpMember[],
  options: AmplifyOptions,
): void {
  for (const m of amplifiers) {
    const t = shifts.after(rng, m.operator, seed.t, 3, 120);
    if (t === null) continue;
    const a = m.account;
    const samePlatform = a.platform === seed.account.platform;
    const r = rng.next();
    if (samePlatform && r < options.share) {
      post(ctx, {
        accountId: a.accountId,
        platform: a.platform,
        createdAt: t,
        kind: 'share',
        sharedPostId: seed.postId,
        sharedAccountId: seed.account.accountId,
      });
      continue;
    }
    const p = paraphrase(rng, options.narrative, a.language, options.tagChance);
    if (samePlatform && r < options.share + options.reply) {
      post(ctx, {
        accountId: a.accountId,
        platform: a.platform,
        createdAt: t,
        kind: 'reply',
        text: p.text,
        language: p.language,
        hashtags: p.hashtags,
        parentPostId: seed.postId,
        parentAccountId: seed.account.accountId,
      });
      continue;
    }
    const url = options.link(rng, m);
    post(ctx, {
      accountId: a.accountId,
      platform: a.platform,
      createdAt: t,
      kind: 'post',
      text: url ? `${p.text} ${url}` : p.text,
      language: p.language,
      urls: url ? [url] : [],
      hashtags: p.hashtags,
    });
  }
}

/**
 * Camouflage on local day `d`: each member whose operator works that day writes a few everyday
 * posts (mean `posts`) in its language, a share of them retweets of popular organic posts.
 */
export function camouflage(
  ctx: SimContext,
  rng: Rng,
  shifts: Shifts,
  members: readonly OpMember[],
  d: number,
  posts: number,
): void {
  for (const m of members) {
    const a = m.account;
    for (let k = rng.poisson(posts); k > 0; k--) {
      const t = shifts.instant(rng, m.operator, d);
      if (t === null) continue;
      if (rng.chance(0.3)) {
        const p = ctx.recentPopular(rng, t);
        if (p && p.platform === a.platform) {
          post(ctx, {
            accountId: a.accountId,
            platform: a.platform,
            createdAt: t,
            kind: 'share',
            sharedPostId: p.postId,
            sharedAccountId: p.accountId,
          });
          continue;
        }
      }
      post(ctx, {
        accountId: a.accountId,
        platform: a.platform,
        createdAt: t,
        kind: 'post',
        text: sentence(rng, a.language, 1 + rng.int(0, 1)),
        language: a.language,
      });
    }
  }
}
