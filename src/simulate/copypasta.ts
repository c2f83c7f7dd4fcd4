// Copypasta activism: a movement posts a call to action with a template; within hours many real
// people post the same template with personal edits (a name, a city, an emoji, a sentence added).
import type { Rng } from '../core/index.js';
import { DAY, HOUR } from './clock.js';
import type { SimContext } from './context.js';
import type { MovementSpec } from './lookalike-bank.js';
import type { Person } from './organic.js';
import { everyday, newPerson, post } from './organic.js';
import type { SimAccount } from './types.js';

/** Options of {@link copypastaMovement}. */
export interface MovementOptions {
  /** Activists in the movement (the organizer not counted). */
  readonly activists: number;
  /** Campaigns over the run. */
  readonly campaigns: number;
}

/** Creates a movement's organizer and activists and streams its campaigns; returns them all. */
export function copypastaMovement(
  ctx: SimContext,
  rng: Rng,
  spec: MovementSpec,
  options: MovementOptions,
): Person[] {
  const home = spec.zones[0] as string;
  const organizer = newPerson(ctx, rng, {
    kind: 'copypasta-activism',
    zone: [home, spec.language],
    platform: ['x', 'account'],
    handle: `${spec.tag.toLowerCase()}_${ctx.config.seed % 1000}`,
    displayName: spec.name,
  });
  const activists: Person[] = [];
  for (let i = 0; i < options.activists; i++)
    activists.push(
      newPerson(ctx, rng, {
        kind: 'copypasta-activism',
        zone: [rng.pick(spec.zones), spec.language],
        platform: rng.chance(0.7) ? ['x', 'account'] : ['facebook', 'account'],
      }),
    );
  // Each campaign has its own call: a template with a bill, date or petition no other campaign used.
  const cores = rng.sample(
    spec.templates.flatMap((t) => spec.details.map((detail) => t.replace('{detail}', detail))),
    spec.templates.length * spec.details.length,
  );
  for (let c = 0; c < options.campaigns; c++)
    campaign(ctx, rng, { spec, organizer, activists }, c, cores[c % cores.length] as string);
  for (const person of activists) everyday(ctx, rng, person);
  return [organizer, ...activists];
}

/** A movement's people. */
interface Movement {
  readonly spec: MovementSpec;
  readonly organizer: Person;
  readonly activists: readonly Person[];
}

// Campaign `c`: the organizer's call in its own day, between 08:00 and 20:00, then part of the
// activists retweet it or post the template with their own edits within hours.
function campaign(ctx: SimContext, rng: Rng, movement: Movement, c: number, core: string): void {
  const { spec, organizer, activists } = movement;
  const home = spec.zones[0] as string;
  const d = rng.int(0, ctx.config.days - 1);
  const t0 =
    ctx.config.start + d * DAY + (8 + rng.next() * 12) * HOUR - ctx.offset(home, d) * 60_000;
  if (t0 < ctx.config.start || t0 >= ctx.end) return;
  const url = `https://${spec.site}/act/${d}-${c}`;
  const call = post(ctx, {
    accountId: organizer.account.accountId,
    platform: 'x',
    createdAt: Math.floor(t0),
    kind: 'post',
    text: `${spec.call.replace('{core}', core).replace('{url}', url)} #${spec.tag}`,
    language: spec.language,
    urls: [url],
    hashtags: [spec.tag],
    client: 'Twitter Web App',
  });
  for (const person of rng.sample(
    activists,
    Math.round(activists.length * (0.2 + rng.next() * 0.3)),
  )) {
    const a = person.account;
    const t = Math.floor(t0 + Math.min(12 * HOUR, rng.lognormal(80, 0.9) * 60_000));
    if (t >= ctx.end) continue;
    if (a.platform === 'x' && rng.chance(0.15))
      post(ctx, {
        accountId: a.accountId,
        platform: 'x',
        createdAt: t,
        kind: 'share',
        sharedPostId: call,
        sharedAccountId: organizer.account.accountId,
      });
    else activistCopy(ctx, rng, spec, a, t, { core, url });
  }
}

// An activist's own copy of the call: the template personalised, the tag before or after, the
// call's link a quarter of the time.
function activistCopy(
  ctx: SimContext,
  rng: Rng,
  spec: MovementSpec,
  a: SimAccount,
  t: number,
  call: { readonly core: string; readonly url: string },
): void {
  const withUrl = rng.chance(0.25);
  const text = personalised(rng, spec, call.core);
  post(ctx, {
    accountId: a.accountId,
    platform: a.platform,
    createdAt: t,
    kind: 'post',
    text: `${rng.chance(0.85) ? `${text} #${spec.tag}` : `#${spec.tag} ${text}`}${withUrl ? ` ${call.url}` : ''}`,
    language: spec.language,
    urls: withUrl ? [call.url] : [],
    hashtags: [spec.tag],
    client: a.platform === 'x' ? 'Twitter for Android' : 'Facebook for Android',
  });
}

/** Returns the template as one person posts it: their name and city, a sentence, an emoji, a typo of taste. */
export function personalised(rng: Rng, spec: MovementSpec, core: string): string {
  let text = core;
  if (rng.chance(0.2)) text = text.charAt(0).toLowerCase() + text.slice(1);
  if (rng.chance(0.15)) text = text.replace(/\.$/u, '!');
  if (rng.chance(0.35))
    text = `${spec.intro.replace('{name}', rng.pick(spec.names)).replace('{city}', rng.pick(spec.cities))} ${text}`;
  if (rng.chance(0.4)) text = `${text} ${rng.pick(spec.addOns)}`;
  if (rng.chance(0.5)) text = `${text} ${rng.pick(spec.emojis).repeat(rng.int(1, 3))}`;
  return text;
}
