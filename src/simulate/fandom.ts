// Fandom streaming parties: hundreds of fans retweet each new post of their idol within seconds,
// every time the idol posts (several times a day), and reply to it; organic, and it looks like a ring.
import type { Rng } from '../core/index.js';
import { DAY, HOUR } from './clock.js';
import type { SimContext } from './context.js';
import { Cumulative, localInstant } from './context.js';
import type { FandomSpec } from './lookalike-bank.js';
import type { Person } from './organic.js';
import { everyday, newPerson, post } from './organic.js';

/** Options of {@link fandom}. */
export interface FandomOptions {
  /** Fans in the fandom (the idol not counted). */
  readonly fans: number;
  /** Mean posts a day of the idol. Default 4. */
  readonly idolPostsPerDay?: number;
}

/** Creates an idol and their fans and streams the fandom's activity; returns the idol and fans. */
export function fandom(
  ctx: SimContext,
  rng: Rng,
  spec: FandomSpec,
  options: FandomOptions,
): Person[] {
  const idol = newPerson(ctx, rng, {
    kind: 'idol',
    celebrity: true,
    zone: spec.zone,
    platform: ['x', 'account'],
    handle: `${spec.handle}_${ctx.config.seed % 1000}`,
    displayName: spec.idol,
  });
  const zoneDraw = new Cumulative(spec.fanZones.map((z) => z[2]));
  const fans: Array<{ person: Person; devotion: number }> = [];
  for (let i = 0; i < options.fans; i++) {
    const [zone, language] = spec.fanZones[zoneDraw.draw(rng)] as readonly [string, string, number];
    const person = newPerson(ctx, rng, {
      kind: 'fandom',
      zone: [zone, language],
      platform: ['x', 'account'],
    });
    fans.push({ person, devotion: 0.75 + rng.next() * 0.25 });
  }
  const perDay = options.idolPostsPerDay ?? 4;
  for (let d = 0; d < ctx.config.days; d++) {
    for (let k = rng.poisson(perDay); k > 0; k--) {
      const t = localInstant(ctx, rng, idol.profile, d, ctx.offset(idol.zone, d));
      if (t < ctx.config.start || t >= ctx.end) continue;
      const idolPost = post(ctx, {
        accountId: idol.account.accountId,
        platform: 'x',
        createdAt: t,
        kind: 'post',
        text: `${rng.pick(spec.posts)} #${spec.tag}`,
        language: idol.account.language,
        hashtags: [spec.tag],
        client: 'Twitter for iPhone',
      });
      for (const { person, devotion } of fans) {
        // Notifications on: asleep fans still stream, less often.
        const localHour = ((t + ctx.offset(person.zone, d) * 60_000) % DAY) / HOUR;
        const awake = localHour >= 7 || localHour < 1;
        if (!rng.chance(devotion * (awake ? 1 : 0.55))) continue;
        const a = person.account;
        const rt = t + Math.max(2_000, Math.floor(rng.lognormal(15, 0.9) * 1000));
        if (rt < ctx.end)
          post(ctx, {
            accountId: a.accountId,
            platform: 'x',
            createdAt: rt,
            kind: 'share',
            sharedPostId: idolPost,
            sharedAccountId: idol.account.accountId,
            client: rng.pick(['Twitter for iPhone', 'Twitter for Android']),
          });
        if (!rng.chance(0.2)) continue;
        const reply = t + Math.max(5_000, Math.floor(rng.lognormal(120, 1) * 1000));
        if (reply < ctx.end) {
          const tagged = rng.chance(0.5);
          post(ctx, {
            accountId: a.accountId,
            platform: 'x',
            createdAt: reply,
            kind: 'reply',
            text: tagged ? `${rng.pick(spec.replies)} #${spec.tag}` : rng.pick(spec.replies),
            language: a.language,
            hashtags: tagged ? [spec.tag] : [],
            parentPostId: idolPost,
            parentAccountId: idol.account.accountId,
            client: rng.pick(['Twitter for iPhone', 'Twitter for Android']),
          });
        }
      }
    }
  }
  for (const { person } of fans) everyday(ctx, rng, person);
  return [idol, ...fans.map((f) => f.person)];
}
