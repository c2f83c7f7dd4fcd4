// Conformance: detection on the peers' data. The planted ring is the only thing chance can't explain.
import { describe, expect, it } from 'vitest';

import { silentProgress } from '../../src/core/index.js';
import { detect } from '../../src/detect/index.js';
import { queryRows } from '../../src/store/index.js';
import { ingestInto } from '../helpers/ingest-fixture.js';
import { shared } from './paths.js';
import { qutCoRetweetEdges } from './qut-reference.js';

describe('detect on planted_ring_shares', () => {
  it('flags exactly the planted 40-account ring, as one cluster, among 60k accounts and Zipf-popular objects', async () => {
    const { store } = await ingestInto([shared('conformance', 'planted_ring_shares.csv')]);
    try {
      // The ring, as the QUT toolkit's definition finds it (60 s, minimum weight 2), computed by
      // an oracle that shares no code with unmask.
      const ring = new Set(
        qutCoRetweetEdges(shared('conformance', 'planted_ring_shares.csv'), 60)
          .map((line) => line.split(','))
          .filter(([a, b, w]) => a !== b && Number(w) >= 2)
          .flatMap(([a, b]) => [a!, b!]),
      );
      expect(ring.size).toBe(40);
      // Detect with its defaults: minimum weight 1, every tested signal, FDR 0.01 over all pairs.
      const result = await detect(store, { seed: 1 }, silentProgress);
      expect(result.significantPairs).toBe(780);
      const flagged = await queryRows(
        store,
        'SELECT account_id, cluster_id FROM cluster_members WHERE flagged ORDER BY account_id',
      );
      expect(new Set(flagged.map((r) => r.account_id))).toEqual(ring);
      expect(new Set(flagged.map((r) => r.cluster_id)).size).toBe(1);
    } finally {
      store.close();
    }
  }, 120_000);
});
