// Conformance: the STIX bundle of a seeded Spamouflage scenario validates object by object against
// the OASIS STIX 2.1 schemas and points only at DISARM techniques that exist.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';

import type { Effects } from '../../src/core/index.js';
import { silentProgress } from '../../src/core/index.js';
import { analyze } from '../../src/pipeline/index.js';
import { simulate } from '../../src/simulate/index.js';
import { shared } from './paths.js';

const effects: Effects = { progress: silentProgress, now: () => 0 };
// ajv-formats is CommonJS: its function is the default export's default under NodeNext.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

function validators() {
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  const root = shared('reference', 'stix2-schemas', 'schemas');
  const byType = new Map<string, string>();
  for (const folder of ['common', 'sdos', 'sros', 'observables'])
    for (const f of readdirSync(join(root, folder)).filter((x) => x.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(root, folder, f), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      if (folder !== 'common' || f === 'marking-definition.json' || f === 'bundle.json')
        byType.set(f.replace('.json', ''), schema.$id);
    }
  return { ajv, byType };
}

describe('STIX 2.1 bundle', () => {
  it('validates every object against its OASIS schema and uses only existing DISARM techniques', async () => {
    const root = mkdtempSync(join(tmpdir(), 'unmask-stix-'));
    simulate({ scenario: 'spamouflage', seed: 3, accounts: 300 }, join(root, 'data'));
    await analyze([join(root, 'data')], { out: join(root, 'run') }, effects);
    const bundle = JSON.parse(readFileSync(join(root, 'run', 'bundle.stix.json'), 'utf8')) as {
      type: string;
      objects: Array<{ type: string; id: string; target_ref?: string }>;
    };
    const { ajv, byType } = validators();
    const checked = new Set<string>();
    for (const o of bundle.objects) {
      const id = byType.get(o.type);
      expect(id, `schema for ${o.type}`).toBeDefined();
      const validate = ajv.getSchema(id as string);
      const ok = validate?.(o);
      expect(ok, `${o.id}: ${JSON.stringify(validate?.errors?.slice(0, 3))}`).toBe(true);
      checked.add(o.type);
    }
    for (const t of [
      'campaign',
      'identity',
      'indicator',
      'intrusion-set',
      'marking-definition',
      'relationship',
      'report',
      'user-account',
    ])
      expect(checked.has(t), t).toBe(true);
    const bundleOk = ajv.getSchema(byType.get('bundle') as string)?.(bundle);
    expect(bundleOk).toBe(true);
    // Every attack-pattern reference is one of DISARM's.
    const disarm = JSON.parse(
      readFileSync(shared('reference', 'disarm', 'DISARM_STIX_bundle.json'), 'utf8'),
    ) as { objects: Array<{ id: string; type: string }> };
    const patterns = new Set(
      disarm.objects.filter((o) => o.type === 'attack-pattern').map((o) => o.id),
    );
    const refs = bundle.objects.filter((o) => o.target_ref?.startsWith('attack-pattern--'));
    expect(refs.length).toBeGreaterThan(3);
    for (const r of refs) expect(patterns.has(r.target_ref as string), r.target_ref).toBe(true);
  }, 300_000);
});
