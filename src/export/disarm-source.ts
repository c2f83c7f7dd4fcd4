// Where the bundle's DISARM attack-patterns come from. DISARM's own objects are third-party data
// (CC BY-SA 4.0, DISARM Foundation) and are not shipped: given DISARM's STIX bundle (`--disarm`,
// or UNMASK_DISARM), the bundle carries DISARM's objects for the techniques it uses, with their
// ids, DISARM's identity and licence marking; without it, unmask writes an attack-pattern of its
// own per technique that names it by DISARM id (an external reference), so that every reference
// still resolves inside the bundle.
import { TECHNIQUES } from '../characterize/index.js';
import { ConfigError } from '../core/index.js';
import type { StixContext, StixObject } from './stix-ids.js';
import { sdoId } from './stix-ids.js';

/** DISARM's objects by STIX id: the attack-patterns unmask maps and the objects they reference. */
export type DisarmObjects = ReadonlyMap<string, StixObject>;

const MAPPED: readonly string[] = Object.values(TECHNIQUES).flatMap((t) =>
  t.framework === 'disarm' && 'stixId' in t && t.stixId ? [t.stixId] : [],
);

/**
 * Picks from DISARM's STIX bundle (parsed JSON read from `source`) the attack-patterns unmask maps
 * and the identity and markings they reference, without DISARM's `x_mitre_*` custom properties.
 * Throws naming `source` when it is not a bundle or lacks a mapped technique.
 */
export function disarmObjects(bundle: unknown, source: string): DisarmObjects {
  const objects = (bundle as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects))
    throw new ConfigError(
      `${source}: not a STIX bundle (no "objects" list); expected DISARM's bundle`,
    );
  const byId = new Map<string, Record<string, unknown>>();
  for (const o of objects as Array<Record<string, unknown>>)
    if (o && typeof o.id === 'string') byId.set(o.id, o);
  const missing = MAPPED.filter((id) => byId.get(id)?.type !== 'attack-pattern');
  if (missing.length)
    throw new ConfigError(
      `${source}: DISARM's bundle lacks the attack-pattern(s) ${missing.join(', ')}`,
    );
  const wanted = new Set<string>(MAPPED);
  for (const id of MAPPED) {
    const p = byId.get(id) as Record<string, unknown>;
    if (typeof p.created_by_ref === 'string') wanted.add(p.created_by_ref);
    for (const m of (p.object_marking_refs as string[] | undefined) ?? []) wanted.add(m);
  }
  const out = new Map<string, StixObject>();
  for (const id of [...wanted].sort()) {
    const o = byId.get(id);
    if (!o)
      throw new ConfigError(
        `${source}: DISARM's bundle lacks ${id}, which its techniques reference`,
      );
    out.set(
      id,
      Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('x_'))) as StixObject,
    );
  }
  return out;
}

/** A technique's page in DISARM's framework repository. */
const disarmUrl = (id: string) =>
  `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/${id}.md`;

/**
 * The attack-pattern a `uses` relationship points at for the DISARM technique with STIX id
 * `stixId`, and the objects to add with it: DISARM's own (with its identity and marking) when
 * given, else unmask's own naming the technique by its DISARM id.
 */
export function disarmPattern(
  ctx: StixContext,
  stixId: string,
  disarm: DisarmObjects | null,
): { ref: string; objects: StixObject[] } {
  if (disarm) {
    const pattern = disarm.get(stixId);
    if (!pattern) throw new Error(`DISARM technique ${stixId} is not in the DISARM objects given`);
    const refs = [
      String(pattern.created_by_ref),
      ...((pattern.object_marking_refs as string[]) ?? []),
    ];
    const extra = refs.flatMap((r) =>
      disarm.has(r) ? [{ ...(disarm.get(r) as StixObject) }] : [],
    );
    return { ref: stixId, objects: [...extra, { ...pattern }] };
  }
  const t = Object.values(TECHNIQUES).find((x) => 'stixId' in x && x.stixId === stixId);
  if (!t) throw new Error(`DISARM technique ${stixId} is not one unmask maps`);
  const ref = sdoId('attack-pattern', `disarm:${t.id}`);
  return {
    ref,
    objects: [
      {
        type: 'attack-pattern',
        id: ref,
        ...ctx.common,
        name: t.name,
        ...('phase' in t && t.phase
          ? { kill_chain_phases: [{ kill_chain_name: 'disarm', phase_name: t.phase }] }
          : {}),
        external_references: [{ source_name: 'DISARM', external_id: t.id, url: disarmUrl(t.id) }],
      },
    ],
  };
}
