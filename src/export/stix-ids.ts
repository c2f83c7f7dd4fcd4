// STIX identifiers and the bundle's shared pieces: UUIDv5 ids of stable keys (so the same case
// gives the same ids), observable ids by the STIX rules, the common properties, a de-duplicating list.
import { createHash } from 'node:crypto';

import type { Tlp } from '../core/index.js';

/** STIX's namespace for cyber-observable ids (STIX 2.1, 2.9). */
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** unmask's namespace for the ids of the objects it creates. */
const UNMASK_NAMESPACE = '6f1c3b0e-4b8e-5d7a-9c55-1e0d5a3b7c21';

/** UUID version 5 (RFC 4122, SHA-1) of `name` in `namespace`. */
export function uuidv5(name: string, namespace: string = UNMASK_NAMESPACE): string {
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

/** The id of an object unmask creates: `type--uuidv5(type:key)`. */
export const sdoId = (type: string, key: string) => `${type}--${uuidv5(`${type}:${key}`)}`;
/** The id of an observable from its id-contributing properties (STIX 2.1, 2.9). */
export const scoId = (type: string, props: Record<string, string>) =>
  `${type}--${uuidv5(canonical(props), SCO_NAMESPACE)}`;
/** A string inside a STIX pattern's single quotes. */
export const quote = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
/** '2024-02-05T09:00:00Z' → '2024-02-05T09:00:00.000Z'. */
export const isoMs = (s: string) => new Date(s).toISOString();

/** A STIX object: its type and id, and any properties. */
export type StixObject = Record<string, unknown> & { type: string; id: string };

/** What every object of one bundle shares: its time, creator, marking and case. */
export interface StixContext {
  readonly caseName: string;
  /** created/modified of unmask's objects: the case's newest post. */
  readonly t: string;
  readonly identity: string;
  readonly tlp: Tlp;
  /** spec_version, created, modified, created_by_ref, object_marking_refs. */
  readonly common: Readonly<Record<string, unknown>>;
}

/** The context of a bundle of `caseName` made at `t` under `tlp`. */
export function stixContext(caseName: string, t: string, tlp: Tlp): StixContext {
  const identity = sdoId('identity', 'unmask');
  return {
    caseName,
    t,
    identity,
    tlp,
    common: {
      spec_version: '2.1',
      created: t,
      modified: t,
      created_by_ref: identity,
      object_marking_refs: [tlp.stixId],
    },
  };
}

/** The bundle's objects in the order first added; an id added again is ignored. */
export class StixObjects {
  private readonly byId = new Map<string, StixObject>();
  /** Adds objects whose ids are new. */
  add(...objects: StixObject[]): void {
    for (const o of objects) if (!this.byId.has(o.id)) this.byId.set(o.id, o);
  }
  /** Whether an object with this id is in. */
  has(id: string): boolean {
    return this.byId.has(id);
  }
  /** The objects, in the order added. */
  list(): StixObject[] {
    return [...this.byId.values()];
  }
}

/** A relationship `source —type→ target` of the bundle (id from the three). */
export function relationship(
  ctx: StixContext,
  type: string,
  source: string,
  target: string,
  description?: string,
): StixObject {
  return {
    type: 'relationship',
    id: sdoId('relationship', `${type}:${source}:${target}`),
    ...ctx.common,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    ...(description ? { description } : {}),
  };
}
