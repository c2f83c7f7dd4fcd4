// Friend cliques: groups of 5–12 friends in one time zone who retweet and reply to each other's
// posts minutes apart, day after day; organic, and a tight little network.
import type { Rng } from '../core/index.js';
import type { AssetType } from '../model/index.js';
import type { SimContext } from './context.js';
import { localInstant } from './context.js';
import type { Person } from './organic.js';
import { drawZone, everyday, newPerson, post, sentence } from './organic.js';

/** Options of {@link friendClique}. */
export interface CliqueOptions {
  /** Friends in the clique. */
  readonly size: number;
  /** Mean posts a day each friend writes for the others. Default 1.2. */
  readonly postsPerDay?: number;
  /** Probability that a friend reacts (retweet or reply) to another's post. Default 0.35. */
  readonly react?: number;
}

/** Creates a clique of friends and streams their mutual retweets and replies; returns the friends. */
export function friendClique(ctx: SimContext, rng: Rng, options: CliqueOptions): Person[] {
  const zone = drawZone(rng);
  const platform: readonly [string, AssetType] = rng.chance(0.7)
    ? ['x', 'account']
    : ['facebook', 'account'];
  const friends: Person[] = [];
  for (let i = 0; i < options.size; i++)
    friends.push(newPerson(ctx, rng, { kind: 'friend-clique', zone, platform }));
  const perDay = options.postsPerDay ?? 1.2;
  const react = options.react ?? 0.35;
  for (let d = 0; d < ctx.config.days; d++) {
    const offset = ctx.offset(zone[0], d);
    for (const author of friends) {
      for (let k = rng.poisson(perDay); k > 0; k--) {
        const t = localInstant(ctx, rng, author.profile, d, offset);
        if (t < ctx.config.start || t >= ctx.end) continue;
        const a = author.account;
        const id = post(ctx, {
          accountId: a.accountId,
          platform: a.platform,
          createdAt: t,
          kind: 'post',
          text: sentence(rng, a.language, 1 + rng.int(0, 1)),
          language: a.language,
          client: a.platform === 'x' ? 'Twitter for iPhone' : 'Facebook for Android',
        });
        for (const friend of friends) {
          if (friend === author || !rng.chance(react)) continue;
          const f = friend.account;
          const share = rng.chance(0.55);
          const at = t + Math.floor(rng.lognormal(share ? 4 : 6, 0.8) * 60_000);
          if (at >= ctx.end) continue;
          post(ctx, {
            accountId: f.accountId,
            platform: f.platform,
            createdAt: at,
            kind: share ? 'share' : 'reply',
            ...(share
              ? { sharedPostId: id, sharedAccountId: a.accountId }
              : {
                  text: sentence(rng, f.language, 1),
                  language: f.language,
                  parentPostId: id,
                  parentAccountId: a.accountId,
                }),
            client: f.platform === 'x' ? 'Twitter for iPhone' : 'Facebook for Android',
          });
        }
      }
    }
  }
  for (const friend of friends) everyday(ctx, rng, friend);
  return friends;
}
