// DISARM's objects are read from DISARM's bundle when given, with clear errors naming the file;
// without them each technique is unmask's own attack-pattern naming its DISARM id.
import { describe, expect, it } from 'vitest';

import { TECHNIQUES } from '../characterize/index.js';
import { ConfigError, TLP } from '../core/index.js';
import { disarmObjects, disarmPattern } from './disarm-source.js';
import { stixContext } from './stix-ids.js';

const mapped = Object.values(TECHNIQUES).filter((t) => t.framework === 'disarm');
const IDENTITY = 'identity--00000000-0000-4000-8000-000000000001';
const MARKING = 'marking-definition--00000000-0000-4000-8000-000000000002';
/** A bundle shaped like DISARM's, with the mapped techniques (one left out with `without`). */
function disarmLike(without?: string) {
  return {
    type: 'bundle',
    objects: [
      { type: 'identity', id: IDENTITY, name: 'DISARM Foundation' },
      { type: 'marking-definition', id: MARKING, name: 'CC-BY-SA-4.0 DISARM Foundation' },
      ...mapped
        .filter((t) => t.stixId !== without)
        .map((t) => ({
          type: 'attack-pattern',
          id: t.stixId,
          name: t.name,
          created_by_ref: IDENTITY,
          object_marking_refs: [MARKING],
          x_mitre_id: t.id,
        })),
      { type: 'attack-pattern', id: 'attack-pattern--unused', name: 'not mapped' },
    ],
  };
}
const ctx = stixContext('case', '2024-03-01T00:00:00.000Z', TLP.green);

describe('disarmObjects(bundle, source)', () => {
  it('keeps the mapped attack-patterns and what they reference, without x_ properties', () => {
    const picked = disarmObjects(disarmLike(), 'DISARM.json');
    expect(picked.size).toBe(mapped.length + 2);
    expect(picked.has('attack-pattern--unused')).toBe(false);
    for (const o of picked.values())
      expect(Object.keys(o).some((k) => k.startsWith('x_'))).toBe(false);
  });

  it('names the file and the missing technique, or says it is not a bundle', () => {
    const gone = mapped[0]?.stixId as string;
    expect(() => disarmObjects(disarmLike(gone), 'DISARM.json')).toThrow(ConfigError);
    expect(() => disarmObjects(disarmLike(gone), 'DISARM.json')).toThrow(
      `DISARM.json: DISARM's bundle lacks the attack-pattern(s) ${gone}`,
    );
    expect(() => disarmObjects({ hello: 1 }, 'notes.json')).toThrow(
      'notes.json: not a STIX bundle',
    );
  });
});

describe('disarmPattern(ctx, stixId, disarm)', () => {
  const t = mapped[0] as (typeof mapped)[number];

  it("points at DISARM's own object and brings its creator and marking when DISARM is given", () => {
    const { ref, objects } = disarmPattern(
      ctx,
      t.stixId as string,
      disarmObjects(disarmLike(), 'D'),
    );
    expect(ref).toBe(t.stixId);
    expect(objects.map((o) => o.id).sort()).toEqual([t.stixId, IDENTITY, MARKING].sort());
  });

  it('otherwise makes unmask’s own attack-pattern naming the DISARM id', () => {
    const { ref, objects } = disarmPattern(ctx, t.stixId as string, null);
    expect(ref).not.toBe(t.stixId);
    expect(objects).toHaveLength(1);
    const [p] = objects;
    expect(p?.id).toBe(ref);
    expect(p?.created_by_ref).toBe(ctx.identity);
    expect(p?.name).toBe(t.name);
    expect(p?.external_references).toEqual([
      expect.objectContaining({ source_name: 'DISARM', external_id: t.id }),
    ]);
  });
});
