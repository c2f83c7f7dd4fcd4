// News-outlet automation: an outlet's accounts and Pages (its regional editions) post the same
// headline links within seconds of each other, on the scheduler's timetable, day and night.
import type { Rng } from '../core/index.js';
import { DAY, HOUR } from './clock.js';
import type { SimContext } from './context.js';
import type { OutletSpec } from './lookalike-bank.js';
import { HEADLINE_PARTS } from './lookalike-bank.js';
import { post } from './organic.js';
import type { SimAccount } from './types.js';
import { iso } from './writers.js';

/** Options of {@link newsOutlet}. */
export interface OutletOptions {
  /** Accounts of the outlet: the main account, then regional editions (at most 1 + editions). */
  readonly accounts: number;
  /** Distinguishes outlets made from the same spec (0 for the first). */
  readonly copy: number;
}

const SECTIONS = ['world', 'politics', 'business', 'tech', 'sport', 'culture'];

/** Creates an outlet's accounts and streams its scheduled headlines; returns the accounts. */
export function newsOutlet(
  ctx: SimContext,
  rng: Rng,
  spec: OutletSpec,
  options: OutletOptions,
): SimAccount[] {
  const domain = options.copy === 0 ? spec.domain : `${spec.handle}${options.copy}.example`;
  const accounts: SimAccount[] = [];
  const editions = ['', ...spec.editions].slice(0, Math.max(1, options.accounts));
  editions.forEach((edition, i) => {
    // Editions alternate between X accounts and Facebook Pages.
    const platform = i % 2 === 0 ? 'x' : 'facebook';
    const accountId = ctx.accountIds.next();
    const a: SimAccount = {
      platform,
      accountId,
      handle: `${spec.handle}${options.copy || ''}${edition ? `_${edition.toLowerCase()}` : ''}`,
      displayName: edition ? `${spec.name} ${edition}` : spec.name,
      assetType: platform === 'x' ? 'account' : 'page',
      createdAt: ctx.config.start - rng.int(2000, 5000) * DAY,
      followers: Math.floor(rng.lognormal(edition ? 60_000 : 900_000, 0.8)),
      following: rng.int(50, 900),
      location: null,
      language: spec.language,
      description: `Official ${edition ? `${edition} edition of ` : ''}${spec.name}`,
      label: 'organic',
      kind: 'news-automation',
      previousHandles: [],
    };
    ctx.sink.account(a);
    accounts.push(a);
  });
  const [subjects, verbs, objects] = (HEADLINE_PARTS[spec.language] ??
    HEADLINE_PARTS.en) as readonly (readonly string[])[];
  let story = 0;
  for (let t = ctx.config.start; t < ctx.end; t += spec.everyMinutes * 60_000) {
    const d = Math.floor((t - ctx.config.start) / DAY);
    const hour = (((t / HOUR + ctx.offset(spec.zone, d) / 60) % 24) + 24) % 24;
    // The night desk schedules fewer stories.
    if (hour >= 1 && hour < 6 && rng.chance(0.7)) continue;
    story++;
    const headline = `${rng.pick(subjects ?? [])} ${rng.pick(verbs ?? [])} ${rng.pick(objects ?? [])}`;
    const url = `https://${domain}/${rng.pick(SECTIONS)}/${iso(t).slice(0, 10).replace(/-/g, '/')}/story-${story}`;
    // A story for every edition, or for the main account and one regional edition.
    const posters =
      accounts.length === 1 || rng.chance(0.6)
        ? accounts
        : [accounts[0] as SimAccount, accounts[rng.int(1, accounts.length - 1)] as SimAccount];
    for (const a of posters) {
      const at = t + 3_000 + rng.int(0, 40_000);
      if (at >= ctx.end) continue;
      post(ctx, {
        accountId: a.accountId,
        platform: a.platform,
        createdAt: at,
        kind: 'post',
        text: `${headline} ${url}`,
        language: spec.language,
        urls: [url],
        client: spec.client,
      });
    }
  }
  return accounts;
}
