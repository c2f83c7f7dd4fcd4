import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { Rng } from '../core/index.js';
import { SIGNAL_DEFAULTS, signalFor } from '../signals/index.js';
import { drawOriginal, editImage, renderOriginal } from '../simulate/index.js';
import { flaggedPicturePairs } from './report.sql.js';

describe('flaggedPicturePairs(store)', () => {
  it('gives the thumbnails of near-duplicate pictures between flagged accounts only, strongest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-report-pictures-'));
    mkdirSync(join(dir, 'media'));
    const rng = new Rng('report-pictures');
    const lines = ['post_id,account_id,created_at,media,media_path'];
    const post = (id: string, account: string, picture: Buffer) => {
      writeFileSync(join(dir, 'media', `${id}.jpg`), picture);
      lines.push(`${id},${account},2024-01-01T00:00:00Z,${id},media/${id}.jpg`);
    };
    // a and b share two pictures (b posts recompressed and resized copies); c a resized copy of one.
    const one = await renderOriginal(drawOriginal(rng));
    const two = await renderOriginal(drawOriginal(rng));
    post('a1', 'a', one);
    post('a2', 'a', two);
    post('b1', 'b', await editImage(one, 'jpeg30', rng));
    post('b2', 'b', await editImage(two, 'resize', rng));
    post('c1', 'c', await editImage(one, 'resize', rng));
    writeFileSync(join(dir, 'posts.csv'), `${lines.join('\n')}\n`);
    const { store } = await ingestInto([dir]);
    try {
      expect(await flaggedPicturePairs(store)).toEqual([]);
      await signalFor('near-duplicate-image').compute(store, SIGNAL_DEFAULTS);
      await store.connection
        .run(`INSERT INTO cluster_members (platform, account_id, cluster_id, score, flagged, automated)
        VALUES ('unknown', 'a', 1, 1, true, false), ('unknown', 'b', 1, 1, true, false), ('unknown', 'c', 1, 0.1, false, false)`);
      const pairs = await flaggedPicturePairs(store);
      expect(pairs.map((p) => [p.a, p.b, p.families, p.thumbsA.length, p.thumbsB.length])).toEqual([
        ['unknown:a', 'unknown:b', 2, 1, 1],
      ]);
      expect(pairs[0]!.thumbsA[0]).toMatch(/^data:image\/webp;base64,/);
    } finally {
      store.close();
    }
  });
});
