// MISP events (MISP core format, draft-dulaunoy-misp-core-format): one event per operation, with
// its accounts (user-account objects), the URLs and domains it promotes (url and domain-ip
// objects), its hashtags (attributes), tagged with the TLP and DISARM's galaxy (misp-galaxy:disarm).
// Deterministic: uuids are UUIDv5 of stable keys and times come from the case's newest post.
import type { GroupProfile } from '../characterize/index.js';
import type { Tlp } from '../core/index.js';
import { TLP } from '../core/index.js';
import type { MemberInfo } from '../detect/index.js';
import type { ClusterUrl } from './export.sql.js';
import type { Decisions, SharedOperation } from './operations.js';
import { sharedOperations } from './operations.js';
import { uuidv5 } from './stix-ids.js';
import { promotedDomains } from './stix-operation.js';

/** MISP object templates (misp-objects: name, template uuid, version, meta-category). */
const TEMPLATES = {
  'user-account': ['49606b06-22f0-4ac8-8eee-2f12ad46f3d3', '6', 'misc'],
  url: ['60efb77b-40b5-4c46-871b-ed1ed999fce5', '9', 'network'],
  'domain-ip': ['43b3b146-77eb-4931-b4cc-b66c60f28734', '10', 'network'],
} as const;

/** Input of {@link mispEvents}. */
export interface MispInput {
  readonly profiles: readonly GroupProfile[];
  readonly members: readonly MemberInfo[];
  /** The case's newest post (ISO 8601): the events' date and timestamps. */
  readonly timestamp: string;
  readonly caseName: string;
  readonly decisions?: Decisions;
  readonly tlp?: Tlp;
  /** URLs the clusters' accounts posted (clusterUrls); none by default. */
  readonly urls?: readonly ClusterUrl[];
}

/** A MISP attribute (the core format's fields unmask fills). */
export interface MispAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly distribution: string;
  readonly timestamp: string;
  readonly comment: string;
  readonly object_relation?: string;
  readonly disable_correlation?: boolean;
}

/** A MISP object: a template's attributes together. */
export interface MispObject {
  readonly uuid: string;
  readonly name: string;
  readonly 'meta-category': string;
  readonly template_uuid: string;
  readonly template_version: string;
  readonly description: string;
  readonly distribution: string;
  readonly timestamp: string;
  readonly comment: string;
  readonly Attribute: MispAttribute[];
}

/** A MISP event. */
export interface MispEvent {
  readonly uuid: string;
  readonly info: string;
  readonly date: string;
  readonly threat_level_id: string;
  readonly analysis: string;
  readonly distribution: string;
  readonly published: boolean;
  readonly timestamp: string;
  readonly Orgc: { readonly name: string; readonly uuid: string };
  readonly Tag: ReadonlyArray<{ readonly name: string }>;
  readonly Attribute: MispAttribute[];
  readonly Object: MispObject[];
}

/** Distribution "Your organisation only" ('0') for everything: the sharer widens it in MISP. */
const DISTRIBUTION = '0';

function attribute(
  key: string,
  ts: string,
  a: Pick<MispAttribute, 'type' | 'category' | 'value'> & Partial<MispAttribute>,
): MispAttribute {
  return {
    uuid: uuidv5(`misp-attribute:${key}:${a.object_relation ?? a.type}:${a.value}`),
    to_ids: false,
    distribution: DISTRIBUTION,
    timestamp: ts,
    comment: '',
    ...a,
  };
}

function object(
  key: string,
  ts: string,
  name: keyof typeof TEMPLATES,
  description: string,
  attributes: MispAttribute[],
): MispObject {
  const [templateUuid, version, category] = TEMPLATES[name];
  return {
    uuid: uuidv5(`misp-object:${key}`),
    name,
    'meta-category': category,
    template_uuid: templateUuid,
    template_version: version,
    description,
    distribution: DISTRIBUTION,
    timestamp: ts,
    comment: '',
    Attribute: attributes,
  };
}

/** The user-account object of each account (user-id, username, account-type, description). */
function accountObjects(key: string, ts: string, op: SharedOperation): MispObject[] {
  return op.members.map((m) => {
    const k = `${key}:account:${m.platform}:${m.accountId}`;
    const a = (relation: string, value: string, toIds = false) =>
      attribute(k, ts, {
        type: 'text',
        category: 'Social network',
        object_relation: relation,
        value,
        to_ids: toIds,
      });
    return object(
      k,
      ts,
      'user-account',
      `${m.platform} ${m.assetType.replace(/_/g, ' ')} of ${op.id}`,
      [
        a('user-id', m.accountId, true),
        ...(m.handle ? [a('username', m.handle)] : []),
        a('account-type', m.platform),
        a(
          'description',
          `cluster ${m.cluster}, score ${Math.round(m.score * 100) / 100}; linked by ${m.signals.replace(/\|/g, ', ') || 'its cluster'}`,
        ),
      ],
    );
  });
}

/** The url object of each URL at least three accounts of the operation posted (at most 50). */
function urlObjects(key: string, ts: string, op: SharedOperation, urls: readonly ClusterUrl[]) {
  const clusters = new Set(op.groups.map((g) => Number(g.id.replace('cluster-', ''))));
  const best = new Map<string, ClusterUrl>();
  for (const u of urls)
    if (clusters.has(u.cluster) && (best.get(u.url)?.posts ?? 0) < u.posts) best.set(u.url, u);
  return [...best.values()]
    .sort((a, b) => b.posts - a.posts || (a.url < b.url ? -1 : 1))
    .slice(0, 50)
    .map((u) =>
      object(
        `${key}:url:${u.url}`,
        ts,
        'url',
        `posted ${u.posts} times by ${u.accounts} accounts`,
        [
          attribute(`${key}:url:${u.url}`, ts, {
            type: 'url',
            category: 'Network activity',
            object_relation: 'url',
            value: u.url,
          }),
        ],
      ),
    );
}

/** The domain-ip object of each domain the operation promotes (as the STIX bundle's indicators). */
function domainObjects(key: string, ts: string, op: SharedOperation): MispObject[] {
  return promotedDomains(op).map((d) =>
    object(`${key}:domain:${d}`, ts, 'domain-ip', 'promoted by the operation (≥ 20× the rest)', [
      attribute(`${key}:domain:${d}`, ts, {
        type: 'domain',
        category: 'Network activity',
        object_relation: 'domain',
        value: d,
        to_ids: true,
      }),
    ]),
  );
}

/** The operation's hashtags used by ≥ 3 of its accounts, as attributes (MISP has no hashtag object). */
function hashtagAttributes(key: string, ts: string, op: SharedOperation): MispAttribute[] {
  const best = new Map<string, { posts: number; accounts: number }>();
  for (const n of op.groups.flatMap((g) => g.narratives.hashtag))
    if (n.accounts >= 3 && (best.get(n.value)?.posts ?? 0) < n.posts) best.set(n.value, n);
  return [...best]
    .sort(([a, x], [b, y]) => y.posts - x.posts || (a < b ? -1 : 1))
    .slice(0, 20)
    .map(([value, n]) =>
      attribute(`${key}:hashtag`, ts, {
        type: 'text',
        category: 'Social network',
        value: `#${value}`,
        comment: `hashtag in ${n.posts} posts by ${n.accounts} accounts`,
        disable_correlation: false,
      }),
    );
}

/** The tags of an event: its TLP and the DISARM galaxy clusters of its techniques. */
function eventTags(op: SharedOperation, tlp: Tlp): Array<{ name: string }> {
  const names = new Set<string>();
  for (const g of op.groups)
    for (const d of g.disarm)
      if (d.framework === 'disarm') names.add(`misp-galaxy:disarm="${d.name}"`);
  return [{ name: tlp.mispTag }, ...[...names].sort().map((name) => ({ name }))];
}

/** One MISP event per operation of the case (as reviewed), in operation order. */
export function mispEvents(input: MispInput): MispEvent[] {
  const tlp = input.tlp ?? TLP.green;
  const ts = String(Math.floor(Date.parse(input.timestamp) / 1000));
  return sharedOperations(input.profiles, input.members, input.decisions ?? new Map()).map((op) => {
    const key = `${input.caseName}:${op.id}`;
    const techniques = [
      ...new Set(op.groups.flatMap((g) => g.disarm.map((d) => `${d.id} ${d.name}`))),
    ];
    return {
      uuid: uuidv5(`misp-event:${key}`),
      info: `unmask: coordinated inauthentic behaviour, ${op.id} (${input.caseName}): ${op.members.length} accounts in ${op.groups.length} cluster${op.groups.length === 1 ? '' : 's'}`,
      date: input.timestamp.slice(0, 10),
      threat_level_id: '3',
      analysis: op.decisions.some((e) => e.action === 'confirm-cluster') ? '2' : '1',
      distribution: DISTRIBUTION,
      published: false,
      timestamp: ts,
      Orgc: { name: 'unmask', uuid: uuidv5('misp-org:unmask') },
      Tag: eventTags(op, tlp),
      Attribute: [
        ...hashtagAttributes(key, ts, op),
        attribute(key, ts, {
          type: 'comment',
          category: 'Other',
          value: `Techniques (DISARM, Meta kill chain): ${techniques.join('; ')}`,
        }),
      ],
      Object: [
        ...accountObjects(key, ts, op),
        ...urlObjects(key, ts, op, input.urls ?? []),
        ...domainObjects(key, ts, op),
      ],
    };
  });
}

/** The events as MISP writes a list of them (`{"response": [{"Event": …}, …]}`). */
export function mispDocument(events: readonly MispEvent[]): {
  response: Array<{ Event: MispEvent }>;
} {
  return { response: events.map((Event) => ({ Event })) };
}
