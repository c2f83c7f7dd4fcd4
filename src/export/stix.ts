// A STIX 2.1 bundle of the case's operations: who shares it (identity), what happened (campaign),
// who ran it (intrusion-set), how (DISARM attack-patterns, by DISARM's own ids), which accounts
// and domains (observables, indicators), all under TLP:GREEN, in one report. Deterministic: ids
// are UUIDv5 of stable keys and times come from the data, so the same case gives the same bytes.
import { createHash } from 'node:crypto';

import type { GroupProfile } from '../characterize/index.js';
import type { MemberInfo } from '../detect/index.js';

/** STIX's namespace for cyber-observable ids (STIX 2.1, 2.9). */
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** unmask's namespace for the ids of the objects it creates. */
const UNMASK_NAMESPACE = '6f1c3b0e-4b8e-5d7a-9c55-1e0d5a3b7c21';
/** The predefined TLP:GREEN marking (STIX 2.1, 7.2.1.4). */
export const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

/** UUID version 5 (RFC 4122, SHA-1) of `name` in `namespace`. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** JSON with keys sorted, as the SCO id rules ask for the contributing properties. */
function canonical(o: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))));
}

const sdoId = (type: string, key: string) =>
  `${type}--${uuidv5(`${type}:${key}`, UNMASK_NAMESPACE)}`;
const scoId = (type: string, props: Record<string, string>) =>
  `${type}--${uuidv5(canonical(props), SCO_NAMESPACE)}`;
const quote = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

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

/** Input of {@link stixBundle}. */
export interface StixInput {
  readonly profiles: readonly GroupProfile[];
  readonly members: readonly MemberInfo[];
  /** Deterministic timestamp for created/modified (the case's newest post). */
  readonly timestamp: string;
  /** A name for the case (e.g. the case file's base name). */
  readonly caseName: string;
}

type StixObject = Record<string, unknown> & { type: string; id: string };

/** Returns the STIX 2.1 bundle of the case's flagged operations. */
export function stixBundle(input: StixInput): {
  type: 'bundle';
  id: string;
  objects: StixObject[];
} {
  const t = input.timestamp;
  const identity = sdoId('identity', 'unmask');
  const common = {
    spec_version: '2.1',
    created: t,
    modified: t,
    created_by_ref: identity,
    object_marking_refs: [TLP_GREEN],
  };
  const objects: StixObject[] = [
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: TLP_GREEN,
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: 'TLP:GREEN',
      definition: { tlp: 'green' },
    },
    {
      type: 'identity',
      spec_version: '2.1',
      id: identity,
      created: t,
      modified: t,
      name: 'unmask',
      identity_class: 'system',
      description: 'Open-source detection of coordinated inauthentic behaviour',
    },
  ];
  const flaggedClusters = new Set(input.members.filter((m) => m.flagged).map((m) => m.cluster));
  const byOperation = new Map<string, GroupProfile[]>();
  for (const p of input.profiles) {
    if (!flaggedClusters.has(Number(p.id.replace('cluster-', '')))) continue;
    const list = byOperation.get(p.operation) ?? [];
    list.push(p);
    byOperation.set(p.operation, list);
  }
  const seenSco = new Set<string>();
  for (const [operation, groups] of [...byOperation].sort(([a], [b]) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )) {
    const key = `${input.caseName}:${operation}`;
    const campaign = sdoId('campaign', key);
    const intrusionSet = sdoId('intrusion-set', key);
    const clusters = new Set(groups.map((g) => Number(g.id.replace('cluster-', ''))));
    const members = input.members.filter((m) => m.flagged && clusters.has(m.cluster));
    const first = groups
      .map((g) => g.firstActivity)
      .filter(Boolean)
      .sort()[0];
    const last = groups
      .map((g) => g.lastActivity)
      .filter(Boolean)
      .sort()
      .at(-1);
    const clock = groups.find((g) => g.timezone.utcOffsetMinutes !== null)?.timezone;
    const platforms = [...new Set(members.map((m) => m.platform))].sort();
    objects.push({
      type: 'campaign',
      id: campaign,
      ...common,
      name: `${operation} (${input.caseName})`,
      description: `${members.length} accounts on ${platforms.join(', ')} in ${groups.length} cluster${groups.length === 1 ? '' : 's'} (${groups.map((g) => g.id).join(', ')}), linked by coordination no chance model explains.`,
      ...(first ? { first_seen: isoMs(first) } : {}),
      ...(last ? { last_seen: isoMs(last) } : {}),
    });
    objects.push({
      type: 'intrusion-set',
      id: intrusionSet,
      ...common,
      name: `Operators of ${operation}`,
      description: clock
        ? `Operators working on UTC${clock.utcOffsetMinutes === null ? '' : `${clock.utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(clock.utcOffsetMinutes) / 60}`} (confidence ${clock.confidence}; daylight saving: ${clock.dst}). ${clock.basis}.`
        : 'Operators whose clock the activity does not reveal.',
    });
    objects.push(relationship('attributed-to', campaign, intrusionSet, common));
    // Techniques, pointed at DISARM's own attack-pattern ids.
    const techniques = new Map<string, string>();
    for (const g of groups)
      for (const d of g.disarm)
        if (d.framework === 'disarm' && d.stixId && !techniques.has(d.stixId))
          techniques.set(d.stixId, `${d.id} ${d.name}: ${d.evidence}`);
    for (const [ref, description] of [...techniques].sort())
      objects.push({ ...relationship('uses', campaign, ref, common), description });
    // Targets: the audiences the content was written for, by language (≥ 10% of its posts).
    const shares = new Map<string, number>();
    for (const g of groups)
      for (const [language, share] of Object.entries(g.languages))
        if (!language.startsWith('und'))
          shares.set(
            language,
            (shares.get(language) ?? 0) +
              (share * g.posts) / Math.max(1, sum(groups.map((x) => x.posts))),
          );
    for (const [language, share] of [...shares]
      .filter(([, v]) => v >= 0.1)
      .sort(([a], [b]) => (a < b ? -1 : 1))) {
      const audience = sdoId('identity', `audience:${language}`);
      if (!objects.some((o) => o.id === audience))
        objects.push({
          type: 'identity',
          spec_version: '2.1',
          id: audience,
          created: t,
          modified: t,
          created_by_ref: identity,
          object_marking_refs: [TLP_GREEN],
          name: `Audiences reading ${language}`,
          identity_class: 'group',
          description: `People who read ${language} (BCP 47); ${Math.round(share * 100)}% of ${operation}'s posts were written in it.`,
        });
      objects.push(relationship('targets', campaign, audience, common));
    }
    // Accounts: observables and indicators.
    for (const m of members) {
      const props: Record<string, string> = { account_type: m.platform, user_id: m.accountId };
      const account = scoId('user-account', props);
      if (!seenSco.has(account)) {
        seenSco.add(account);
        objects.push({
          type: 'user-account',
          spec_version: '2.1',
          id: account,
          user_id: m.accountId,
          account_type: m.platform,
          ...(m.handle ? { account_login: m.handle } : {}),
        });
      }
      const indicator = sdoId('indicator', `${key}:account:${m.platform}:${m.accountId}`);
      objects.push({
        type: 'indicator',
        id: indicator,
        ...common,
        name: `${m.platform} ${m.assetType} ${m.handle ?? m.accountId}`,
        indicator_types: ['attribution'],
        pattern: `[user-account:account_type = '${quote(m.platform)}' AND user-account:user_id = '${quote(m.accountId)}']`,
        pattern_type: 'stix',
        valid_from: t,
        confidence: Math.round(m.score * 100),
      });
      objects.push(relationship('indicates', indicator, campaign, common));
    }
    // Domains the network promotes far more than anyone else in the case.
    const domains = new Set<string>();
    for (const g of groups)
      for (const d of g.narratives.domain)
        if (d.lift >= 20 && d.accounts >= 3 && !COMMON_DOMAINS.has(d.value.replace(/^www\./, '')))
          domains.add(d.value);
    for (const value of [...domains].sort()) {
      const sco = scoId('domain-name', { value });
      if (!seenSco.has(sco)) {
        seenSco.add(sco);
        objects.push({ type: 'domain-name', spec_version: '2.1', id: sco, value });
      }
      const indicator = sdoId('indicator', `${key}:domain:${value}`);
      objects.push({
        type: 'indicator',
        id: indicator,
        ...common,
        name: `domain ${value}`,
        indicator_types: ['attribution'],
        pattern: `[domain-name:value = '${quote(value)}']`,
        pattern_type: 'stix',
        valid_from: t,
      });
      objects.push(relationship('indicates', indicator, campaign, common));
    }
  }
  const refs = objects.filter((o) => o.type !== 'marking-definition').map((o) => o.id);
  objects.push({
    type: 'report',
    id: sdoId('report', input.caseName),
    ...common,
    name: `unmask: coordinated inauthentic behaviour in ${input.caseName}`,
    report_types: ['threat-actor', 'campaign'],
    published: t,
    object_refs: refs.length > 0 ? refs : [identity],
  });
  return {
    type: 'bundle',
    id: `bundle--${uuidv5(`bundle:${input.caseName}:${t}`, UNMASK_NAMESPACE)}`,
    objects,
  };
}

function relationship(
  type: string,
  source: string,
  target: string,
  common: Record<string, unknown>,
): StixObject {
  return {
    type: 'relationship',
    id: sdoId('relationship', `${type}:${source}:${target}`),
    ...common,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** '2024-02-05T09:00:00Z' → '2024-02-05T09:00:00.000Z'. */
function isoMs(s: string): string {
  return new Date(s).toISOString();
}
