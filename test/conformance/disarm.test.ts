// Conformance: every technique characterization can attribute exists in DISARM (id and name) or in
// Meta's Online Operations Kill Chain.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { characterize, TECHNIQUES } from '../../src/characterize/index.js';
import { silentProgress } from '../../src/core/index.js';
import { ingestInto } from '../helpers/ingest-fixture.js';
import { shared } from './paths.js';

describe('DISARM techniques', () => {
  it("name DISARM's techniques by their ids and names, and Meta's kill-chain procedures by theirs", () => {
    const bundle = JSON.parse(
      readFileSync(shared('reference', 'disarm', 'DISARM_STIX_bundle.json'), 'utf8'),
    ) as {
      objects: Array<{
        type: string;
        id: string;
        name: string;
        external_references?: Array<{ external_id?: string }>;
        kill_chain_phases?: Array<{ phase_name: string }>;
      }>;
    };
    const disarm = new Map<string, string>();
    const stix = new Map<string, string>();
    for (const o of bundle.objects)
      if (o.type === 'attack-pattern') {
        const id = o.external_references?.find((r) => r.external_id)?.external_id;
        if (id) {
          disarm.set(id, o.name);
          stix.set(id, `${o.id} ${o.kill_chain_phases?.[0]?.phase_name}`);
        }
      }
    expect(disarm.size).toBe(391);
    const killChain = readFileSync(
      shared('reference', 'meta-threat-research', 'Online_Operations_Killchain-TTPs.csv'),
      'utf8',
    );
    for (const t of Object.values(TECHNIQUES)) {
      if (t.framework === 'disarm') {
        expect(disarm.get(t.id), t.id).toBe(t.name);
        expect(stix.get(t.id), t.id).toBe(`${t.stixId} ${t.phase}`);
      } else expect(killChain).toContain(`${t.id} ${t.name}`);
    }
  });
});

describe('indicator matches', () => {
  it("names the Meta network whose published handles and domains a group's accounts use", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-ioc-'));
    writeFileSync(
      join(dir, 'posts.csv'),
      [
        'platform,post_id,account_id,handle,created_at,kind,text,urls',
        'x,1,a1,garciajasmyn1,2023-05-01T09:00:00Z,post,Look at this,https://lesnailandspaillinois.com/story',
        'x,2,a2,someone_else,2023-05-01T09:01:00Z,post,Nothing here,https://example.org/',
        '',
      ].join('\n'),
    );
    const q2 = shared('reference', 'meta-threat-research', 'indicators', 'csv', 'Q2_2023 ');
    const { store } = await ingestInto([
      join(dir, 'posts.csv'),
      join(q2, 'Q2_2023_Spamouflage_China_based_CIB_updated.csv'),
      join(q2, 'Q2_2023_Doppelganger_Russia_based_CIB_network_updated.csv'),
    ]);
    try {
      const result = await characterize(
        store,
        {
          groups: [
            { platform: 'x', accountId: 'a1', group: 'g' },
            { platform: 'x', accountId: 'a2', group: 'g' },
          ],
          seed: 1,
        },
        silentProgress,
      );
      const found = result.groups[0]?.indicators.map(
        (i) => `${i.kind}:${i.network}:${i.sample.join(',')}`,
      );
      expect(new Set(found)).toEqual(
        new Set([
          'domain:Q2_2023_Doppelganger_Russia_based_CIB_network_updated:lesnailandspaillinois.com',
          'account:Q2_2023_Spamouflage_China_based_CIB_updated:garciajasmyn1',
        ]),
      );
    } finally {
      store.close();
    }
  });
});
