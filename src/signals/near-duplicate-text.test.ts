// near-duplicate text's pairing in DuckDB on a tiny case: the sample text and message pairs of an
// edge, with and without a time window (each account's first post stands for it without one).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { queryRows } from '../store/index.js';
import { NEAR_DUPLICATE_DEFAULTS, nearDuplicateText } from './near-duplicate-text.js';

const TEXT = 'The US bombed the Nord Stream pipeline, the first step of the plan to destroy Europe';
const POSTS = `platform,post_id,account_id,created_at,kind,text
x,a1,a,2024-01-02T09:00:00Z,post,"${TEXT}"
x,a2,a,2024-01-02T09:30:00Z,post,"${TEXT}!"
x,b1,b,2024-01-02T09:00:20Z,post,"Wake up! ${TEXT}!!"
x,c1,c,2024-01-03T09:00:00Z,post,"${TEXT} #truth"
x,d1,d,2024-01-03T09:00:00Z,post,"My tomatoes finally ripened after weeks of rain in the garden"
`;

async function edgesWith(window: number | null) {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-ndt-'));
  writeFileSync(join(dir, 'posts.csv'), POSTS);
  const { store } = await ingestInto([dir]);
  try {
    await nearDuplicateText(store, { ...NEAR_DUPLICATE_DEFAULTS, window }, { workers: 0 });
    return await queryRows(
      store,
      `SELECT account_a, account_b, weight, evidence, evidence_posts FROM signal_edges WHERE signal = 'near-duplicate-text' ORDER BY ALL`,
    );
  } finally {
    store.close();
  }
}

describe('near-duplicate text pairing', () => {
  it('links every account of a family by its first post, with the sample text', async () => {
    const rows = await edgesWith(null);
    expect(rows.map((r) => `${r.account_a}-${r.account_b}`)).toEqual(['a-b', 'a-c', 'b-c']);
    expect(rows[0]).toMatchObject({ weight: 1, evidence: [TEXT], evidence_posts: ['a1~b1'] });
    expect(rows[1]).toMatchObject({ evidence_posts: ['a1~c1'] });
  });

  it('with a window, pairs only posts that close in time, each post on its own', async () => {
    const rows = await edgesWith(60);
    expect(rows).toEqual([
      expect.objectContaining({ account_a: 'a', account_b: 'b', evidence_posts: ['a1~b1'] }),
    ]);
    expect(rows[0]!.evidence).toEqual([TEXT]);
  });
});
