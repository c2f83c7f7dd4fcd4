// DAD-CDM objects (the disinformation extension of STIX that OpenCTI implements; DAD-CDM's
// stix-extension schemas): each account as a `channel` that `belongs-to` its user-account and
// `amplifies` the channels whose posts it shares, the operation's narratives, its most reached
// posts as `media-content`, and the `language`s channels write in. Each new type is declared by an
// extension-definition pointing at its DAD-CDM schema, as STIX 2.1 (7.3) asks of new objects.
import type { SharedOperation } from './operations.js';
import type { StixContext, StixObjects } from './stix-ids.js';
import { relationship, scoId, sdoId } from './stix-ids.js';
import { userAccountId } from './stix-operation.js';

/** Where DAD-CDM publishes the schema of each type. */
const SCHEMA_BASE =
  'https://raw.githubusercontent.com/DAD-CDM/Contributions/stix-extension/schemas';
const DAD_CDM_TYPES = {
  channel: { path: 'sdos/channel.json', kind: 'new-sdo' },
  narrative: { path: 'sdos/narrative.json', kind: 'new-sdo' },
  language: { path: 'sdos/language.json', kind: 'new-sdo' },
  'media-content': { path: 'observables/media-content.json', kind: 'new-sco' },
} as const;
type DadCdmType = keyof typeof DAD_CDM_TYPES;

/** The extension-definition id of a DAD-CDM type (fixed: a UUIDv5 of its schema's URL). */
export const extensionId = (type: DadCdmType) =>
  sdoId('extension-definition', `${SCHEMA_BASE}/${DAD_CDM_TYPES[type].path}`);

/** The `extensions` property of a DAD-CDM object, declaring its type's extension definition. */
function extension(ctx: StixContext, type: DadCdmType, out: StixObjects) {
  const id = extensionId(type);
  out.add({
    type: 'extension-definition',
    id,
    ...ctx.common,
    name: `DAD-CDM ${type}`,
    description: `The ${type} object of DAD-CDM's STIX 2.1 extension for disinformation (implemented by OpenCTI).`,
    schema: `${SCHEMA_BASE}/${DAD_CDM_TYPES[type].path}`,
    version: '1.0',
    extension_types: [DAD_CDM_TYPES[type].kind],
  });
  return { extensions: { [id]: { extension_type: DAD_CDM_TYPES[type].kind } } };
}

/** Extra data the DAD-CDM objects use (from the case; see export.sql.ts). */
export interface DadCdmData {
  /** 'platform:account' → languages of its own posts (≥ 10% each). */
  readonly accountLanguages: ReadonlyMap<string, readonly string[]>;
  readonly amplification: ReadonlyArray<{ from: string; to: string; shares: number }>;
  readonly topPosts: ReadonlyArray<{
    platform: string;
    postId: string;
    account: string;
    cluster: number;
    createdAt: string;
    kind: string;
    text: string;
    language: string | null;
    reach: number;
  }>;
}

const channelId = (key: string) => sdoId('channel', key);
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** The `language` object of a BCP 47 code, added once. */
function languageRef(ctx: StixContext, code: string, out: StixObjects): string {
  const id = sdoId('language', code);
  let name = code;
  try {
    name = languageNames.of(code) ?? code;
  } catch {
    // Not a well-formed tag: keep the code.
  }
  out.add({
    type: 'language',
    id,
    ...ctx.common,
    name,
    ...(name === code ? {} : { aliases: [code] }),
    ...extension(ctx, 'language', out),
  });
  return id;
}

/** Each account of the operation as a channel the campaign uses, belonging to its user-account. */
export function channelObjects(
  ctx: StixContext,
  op: SharedOperation,
  campaign: string,
  data: DadCdmData,
  out: StixObjects,
): void {
  const keys = new Set(op.members.map((m) => `${m.platform}:${m.accountId}`));
  for (const m of op.members) {
    const key = `${m.platform}:${m.accountId}`;
    const id = channelId(key);
    const languages = (data.accountLanguages.get(key) ?? []).map((l) => languageRef(ctx, l, out));
    out.add(
      {
        type: 'channel',
        id,
        ...ctx.common,
        name: m.handle ?? m.accountId,
        description: `${m.platform} ${m.assetType.replace(/_/g, ' ')} ${m.handle ?? ''} (id ${m.accountId}), cluster ${m.cluster} of ${op.id}, score ${Math.round(m.score * 100) / 100}.`,
        channel_types: [m.platform],
        ...(languages.length ? { language_refs: languages } : {}),
        ...extension(ctx, 'channel', out),
      },
      relationship(ctx, 'belongs-to', id, userAccountId(m.platform, m.accountId)),
      relationship(ctx, 'uses', campaign, id),
    );
  }
  for (const a of data.amplification)
    if (keys.has(a.from) && keys.has(a.to))
      out.add(
        relationship(
          ctx,
          'amplifies',
          channelId(a.from),
          channelId(a.to),
          `shared ${a.shares} of its posts`,
        ),
      );
}

/** The operation's narratives: its most used hashtags and distinctive words (≥ 3 accounts), five each. */
export function narrativeObjects(
  ctx: StixContext,
  op: SharedOperation,
  campaign: string,
  out: StixObjects,
): void {
  for (const kind of ['hashtag', 'term'] as const) {
    const best = new Map<
      string,
      { value: string; posts: number; accounts: number; lift: number }
    >();
    for (const n of op.groups.flatMap((g) => g.narratives[kind]))
      if (n.accounts >= 3 && (best.get(n.value)?.posts ?? 0) < n.posts) best.set(n.value, n);
    const top = [...best.values()]
      .sort((a, b) => b.posts - a.posts || (a.value < b.value ? -1 : 1))
      .slice(0, 5);
    for (const n of top) {
      const name = kind === 'hashtag' ? `#${n.value}` : n.value;
      const id = sdoId('narrative', `${ctx.caseName}:${op.id}:${kind}:${n.value}`);
      out.add(
        {
          type: 'narrative',
          id,
          ...ctx.common,
          name,
          description: `${kind === 'hashtag' ? 'Hashtag' : 'Distinctive word'} in ${n.posts} posts by ${n.accounts} of ${op.id}'s accounts, ${Math.round(n.lift * 10) / 10}× as often as in the rest of the case.`,
          narrative_types: [kind === 'hashtag' ? 'hashtag' : 'keyword'],
          ...extension(ctx, 'narrative', out),
        },
        relationship(ctx, 'uses', campaign, id),
      );
    }
  }
}

/** The operation's five most reached own posts as media-content its channels publish. */
export function mediaContentObjects(
  ctx: StixContext,
  op: SharedOperation,
  data: DadCdmData,
  out: StixObjects,
): void {
  const keys = new Set(op.members.map((m) => `${m.platform}:${m.accountId}`));
  const posts = data.topPosts
    .filter((p) => keys.has(p.account))
    .sort(
      (a, b) =>
        b.reach - a.reach ||
        (a.account < b.account ? -1 : a.account > b.account ? 1 : 0) ||
        (a.postId < b.postId ? -1 : 1),
    )
    .slice(0, 5);
  for (const p of posts) {
    const id = scoId('media-content', { content: p.text, publication_date: p.createdAt });
    out.add(
      {
        type: 'media-content',
        spec_version: '2.1',
        id,
        name: `${p.platform} ${p.kind} ${p.postId}`,
        content: p.text,
        media_category: p.kind,
        publication_date: p.createdAt,
        ...extension(ctx, 'media-content', out),
      },
      relationship(
        ctx,
        'publishes',
        channelId(p.account),
        id,
        `${p.reach.toLocaleString('en')} shares, comments and reactions recorded`,
      ),
    );
  }
}
