// A self-contained STIX 2.1 bundle of the case's operations: who shares it (identity), under which
// TLP, what happened (campaign), who ran it (intrusion-set), how (DISARM's own attack-patterns,
// copied in), which accounts, channels, narratives, posts and domains (observables, DAD-CDM objects,
// indicators), what the analysts decided (confidence, notes, opinions), in one report. Every
// reference resolves inside the bundle. Deterministic: ids are UUIDv5 of stable keys and times
// come from the data, so the same case gives the same bytes.
import type { GroupProfile } from '../characterize/index.js';
import type { Tlp } from '../core/index.js';
import { TLP } from '../core/index.js';
import type { MemberInfo } from '../detect/index.js';
import type { DisarmObjects } from './disarm-source.js';
import type { Decisions, SharedOperation } from './operations.js';
import { sharedOperations } from './operations.js';
import type { DadCdmData } from './stix-dad-cdm.js';
import { channelObjects, mediaContentObjects, narrativeObjects } from './stix-dad-cdm.js';
import type { StixContext, StixObject } from './stix-ids.js';
import { sdoId, stixContext, StixObjects, uuidv5 } from './stix-ids.js';
import {
  accountObjects,
  audienceObjects,
  campaignId,
  campaignObjects,
  domainObjects,
  techniqueObjects,
  userAccountId,
} from './stix-operation.js';
import { reviewObjects } from './stix-review.js';

/** The predefined TLP:GREEN marking (STIX 2.1, 7.2.1.4), the default. */
export const TLP_GREEN = TLP.green.stixId;

/** Input of {@link stixBundle}. */
export interface StixInput extends Partial<DadCdmData> {
  readonly profiles: readonly GroupProfile[];
  readonly members: readonly MemberInfo[];
  /** Deterministic timestamp for created/modified (the case's newest post). */
  readonly timestamp: string;
  /** A name for the case (e.g. the case file's base name). */
  readonly caseName: string;
  /** The analysts' latest decisions (currentDecisions); none by default. */
  readonly decisions?: Decisions;
  /** The marking of every object unmask makes; TLP:GREEN by default. */
  readonly tlp?: Tlp;
  /** DISARM's own objects ({@link disarmObjects}); without them, unmask's attack-patterns. */
  readonly disarm?: DisarmObjects | null;
}

/** A STIX 2.1 bundle. */
export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: StixObject[];
}

/** The TLP marking definition and unmask's identity. */
function sharerObjects(ctx: StixContext): StixObject[] {
  return [
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: ctx.tlp.stixId,
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: ctx.tlp.label,
      definition: { tlp: ctx.tlp.level },
    },
    {
      type: 'identity',
      spec_version: '2.1',
      id: ctx.identity,
      created: ctx.t,
      modified: ctx.t,
      name: 'unmask',
      identity_class: 'system',
      description: 'Open-source detection of coordinated inauthentic behaviour',
    },
  ];
}

/** Every object of one operation. */
function operationObjects(
  ctx: StixContext,
  op: SharedOperation,
  data: DadCdmData,
  out: StixObjects,
  disarm: DisarmObjects | null,
): void {
  const campaign = campaignId(ctx, op);
  out.add(...campaignObjects(ctx, op));
  techniqueObjects(ctx, op, out, disarm);
  audienceObjects(ctx, op, out);
  accountObjects(ctx, op, out);
  channelObjects(ctx, op, campaign, data, out);
  narrativeObjects(ctx, op, campaign, out);
  mediaContentObjects(ctx, op, data, out);
  domainObjects(ctx, op, out);
  const accountRef = (target: string) => {
    const m = /^account:([^:]+):(.*)$/.exec(target);
    const id = m ? userAccountId(m[1] as string, m[2] as string) : null;
    return id && out.has(id) ? id : null;
  };
  reviewObjects(ctx, op, campaign, accountRef, out);
}

/** The report that holds everything but the marking and extension definitions. */
function reportObject(ctx: StixContext, objects: readonly StixObject[]): StixObject {
  const refs = objects
    .filter((o) => o.type !== 'marking-definition' && o.type !== 'extension-definition')
    .map((o) => o.id);
  return {
    type: 'report',
    id: sdoId('report', ctx.caseName),
    ...ctx.common,
    name: `unmask: coordinated inauthentic behaviour in ${ctx.caseName}`,
    report_types: ['threat-actor', 'campaign'],
    published: ctx.t,
    object_refs: refs,
  };
}

/** Returns the STIX 2.1 bundle of the case's flagged operations (as reviewed). */
export function stixBundle(input: StixInput): StixBundle {
  const ctx = stixContext(input.caseName, input.timestamp, input.tlp ?? TLP.green);
  const data: DadCdmData = {
    accountLanguages: input.accountLanguages ?? new Map(),
    amplification: input.amplification ?? [],
    topPosts: input.topPosts ?? [],
  };
  const out = new StixObjects();
  out.add(...sharerObjects(ctx));
  for (const op of sharedOperations(input.profiles, input.members, input.decisions ?? new Map()))
    operationObjects(ctx, op, data, out, input.disarm ?? null);
  out.add(reportObject(ctx, out.list()));
  return {
    type: 'bundle',
    id: `bundle--${uuidv5(`bundle:${input.caseName}:${input.timestamp}`)}`,
    objects: out.list(),
  };
}
