// One operation's core STIX objects: the campaign and its operators (intrusion-set), the DISARM
// techniques it uses (DISARM's own attack-patterns, copied into the bundle), the audiences it
// targets, its accounts and promoted domains as observables with indicators.
import { operationLanguages } from '../characterize/index.js';
import type { DisarmObjects } from './disarm-source.js';
import { disarmPattern } from './disarm-source.js';
import type { SharedOperation } from './operations.js';
import type { StixContext, StixObject, StixObjects } from './stix-ids.js';
import { isoMs, quote, relationship, scoId, sdoId } from './stix-ids.js';
import { campaignConfidence } from './stix-review.js';

/** Platform domains that appear in every network's links and indicate nothing. */
const COMMON_DOMAINS = new Set([
  'facebook.com',
  'instagram.com',
  'youtube.com',
  'youtu.be',
  'twitter.com',
  'x.com',
  't.co',
  'reddit.com',
  'medium.com',
  'tiktok.com',
  't.me',
  'vk.com',
  'google.com',
  'bit.ly',
]);

/** The ids of an operation's campaign and intrusion set in this case. */
export const campaignId = (ctx: StixContext, op: SharedOperation) =>
  sdoId('campaign', `${ctx.caseName}:${op.id}`);

/** The campaign, the intrusion set of its operators, and `attributed-to` between them. */
export function campaignObjects(ctx: StixContext, op: SharedOperation): StixObject[] {
  const key = `${ctx.caseName}:${op.id}`;
  const campaign = campaignId(ctx, op);
  const intrusionSet = sdoId('intrusion-set', key);
  const first = op.groups
    .map((g) => g.firstActivity)
    .filter(Boolean)
    .sort()[0];
  const last = op.groups
    .map((g) => g.lastActivity)
    .filter(Boolean)
    .sort()
    .at(-1);
  const clock = op.groups.find((g) => g.timezone.utcOffsetMinutes !== null)?.timezone;
  const platforms = [...new Set(op.members.map((m) => m.platform))].sort();
  const n = op.groups.length;
  const confidence = campaignConfidence(op);
  const offset = (m: number) => `${m >= 0 ? '+' : '-'}${Math.abs(m) / 60}`;
  return [
    {
      type: 'campaign',
      id: campaign,
      ...ctx.common,
      name: `${op.id} (${ctx.caseName})`,
      description: `${op.members.length} accounts on ${platforms.join(', ')} in ${n} cluster${n === 1 ? '' : 's'} (${op.groups.map((g) => g.id).join(', ')}), linked by coordination no chance model explains.`,
      ...(first ? { first_seen: isoMs(first) } : {}),
      ...(last ? { last_seen: isoMs(last) } : {}),
      ...(confidence === null ? {} : { confidence }),
    },
    {
      type: 'intrusion-set',
      id: intrusionSet,
      ...ctx.common,
      name: `Operators of ${op.id}`,
      description:
        clock && clock.utcOffsetMinutes !== null
          ? `Operators working on UTC${offset(clock.utcOffsetMinutes)} (confidence ${clock.confidence}; daylight saving: ${clock.dst}). ${clock.basis}.`
          : 'Operators whose clock the activity does not reveal.',
    },
    relationship(ctx, 'attributed-to', campaign, intrusionSet),
  ];
}

/**
 * The campaign `uses` each DISARM technique its clusters show, described with the evidence; the
 * attack-pattern goes into the bundle with it: DISARM's own with its creator (DISARM Foundation) and
 * licence marking when DISARM's objects are given, else unmask's own naming the DISARM id.
 */
export function techniqueObjects(
  ctx: StixContext,
  op: SharedOperation,
  out: StixObjects,
  disarm: DisarmObjects | null,
): void {
  const campaign = campaignId(ctx, op);
  const techniques = new Map<string, string>();
  for (const g of op.groups)
    for (const d of g.disarm)
      if (d.framework === 'disarm' && d.stixId && !techniques.has(d.stixId))
        techniques.set(d.stixId, `${d.id} ${d.name}: ${d.evidence}`);
  for (const [stixId, description] of [...techniques].sort()) {
    const { ref, objects } = disarmPattern(ctx, stixId, disarm);
    out.add(...objects, relationship(ctx, 'uses', campaign, ref, description));
  }
}

/** The audiences the content was written for, by language (≥ 10% of the operation's posts). */
export function audienceObjects(ctx: StixContext, op: SharedOperation, out: StixObjects): void {
  const campaign = campaignId(ctx, op);
  const shares = operationLanguages(op.groups);
  for (const [language, share] of Object.entries(shares)
    .filter(([l, v]) => v >= 0.1 && !l.startsWith('und'))
    .sort(([a], [b]) => (a < b ? -1 : 1))) {
    const audience = sdoId('identity', `audience:${language}`);
    out.add(
      {
        type: 'identity',
        id: audience,
        ...ctx.common,
        name: `Audiences reading ${language}`,
        identity_class: 'group',
        description: `People who read ${language} (BCP 47); ${Math.round(share * 100)}% of ${op.id}'s posts were written in it.`,
      },
      relationship(ctx, 'targets', campaign, audience),
    );
  }
}

/** The `user-account` observable of an account, e.g. `user-account--…` for ('x', '1001'). */
export const userAccountId = (platform: string, accountId: string) =>
  scoId('user-account', { account_type: platform, user_id: accountId });

/** Each account as a `user-account` and an indicator (confidence: its score) that `indicates` the campaign. */
export function accountObjects(ctx: StixContext, op: SharedOperation, out: StixObjects): void {
  const campaign = campaignId(ctx, op);
  for (const m of op.members) {
    const indicator = sdoId(
      'indicator',
      `${ctx.caseName}:${op.id}:account:${m.platform}:${m.accountId}`,
    );
    out.add(
      {
        type: 'user-account',
        spec_version: '2.1',
        id: userAccountId(m.platform, m.accountId),
        user_id: m.accountId,
        account_type: m.platform,
        ...(m.handle ? { account_login: m.handle } : {}),
      },
      {
        type: 'indicator',
        id: indicator,
        ...ctx.common,
        name: `${m.platform} ${m.assetType} ${m.handle ?? m.accountId}`,
        indicator_types: ['attribution'],
        pattern: `[user-account:account_type = '${quote(m.platform)}' AND user-account:user_id = '${quote(m.accountId)}']`,
        pattern_type: 'stix',
        valid_from: ctx.t,
        confidence: Math.round(m.score * 100),
      },
      relationship(ctx, 'indicates', indicator, campaign),
    );
  }
}

/** Domains the network promotes far more than anyone else in the case (≥ 20×, ≥ 3 accounts). */
export function promotedDomains(op: SharedOperation): string[] {
  const domains = new Set<string>();
  for (const g of op.groups)
    for (const d of g.narratives.domain)
      if (d.lift >= 20 && d.accounts >= 3 && !COMMON_DOMAINS.has(d.value.replace(/^www\./, '')))
        domains.add(d.value);
  return [...domains].sort();
}

/** Each promoted domain as a `domain-name` and an indicator that `indicates` the campaign. */
export function domainObjects(ctx: StixContext, op: SharedOperation, out: StixObjects): void {
  const campaign = campaignId(ctx, op);
  for (const value of promotedDomains(op)) {
    const indicator = sdoId('indicator', `${ctx.caseName}:${op.id}:domain:${value}`);
    out.add(
      { type: 'domain-name', spec_version: '2.1', id: scoId('domain-name', { value }), value },
      {
        type: 'indicator',
        id: indicator,
        ...ctx.common,
        name: `domain ${value}`,
        indicator_types: ['attribution'],
        pattern: `[domain-name:value = '${quote(value)}']`,
        pattern_type: 'stix',
        valid_from: ctx.t,
      },
      relationship(ctx, 'indicates', indicator, campaign),
    );
  }
}
