// Near-duplicate text against the simulator's truth: planted copy-paste found in all eight
// languages, and no organic pair linked in a crowd without operations.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { NEAR_DUPLICATE_DEFAULTS, nearDuplicateText } from '../src/signals/index.js';
import { simulate } from '../src/simulate/index.js';
import { queryRows } from '../src/store/index.js';
import { ingestInto, readCsvObjects } from './helpers/ingest-fixture.js';

describe('near-duplicate text on simulated scenarios', () => {
  it('finds ≥ 95% of the planted copy-paste pairs in each of the eight languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-nd-'));
    simulate({ scenario: 'spamouflage', accounts: 2000, days: 14, seed: 3 }, dir);
    const labels = new Map(
      readCsvObjects(join(dir, 'truth.csv')).map((r) => [
        r.account_id as string,
        r.label as string,
      ]),
    );
    // Planted pairs: two operation accounts posting the same task's article in the same language.
    const byTask = new Map<string, Set<string>>();
    for (const p of readCsvObjects(join(dir, 'posts.csv'))) {
      if (labels.get(p.account_id as string) !== 'spamouflage' || p.kind !== 'post' || !p.text)
        continue;
      const article = (p.urls as string)
        .split('|')
        .find((u) => /medium\.com|reddit\.com|youtube\.com/.test(u));
      if (!article) continue;
      const key = `${article} ${p.language}`;
      byTask.set(key, (byTask.get(key) ?? new Set()).add(p.account_id as string));
    }
    const planted = new Map<string, Set<string>>(); // language → pairs
    for (const [key, accounts] of byTask) {
      const language = key.split(' ')[1] as string;
      const list = [...accounts].sort();
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          planted.set(language, (planted.get(language) ?? new Set()).add(`${list[i]},${list[j]}`));
    }
    expect([...planted.keys()].sort()).toEqual(['cy', 'de', 'en', 'fr', 'ko', 'ru', 'th', 'zh']);
    const { store } = await ingestInto([join(dir, 'posts.csv')]);
    await nearDuplicateText(store, NEAR_DUPLICATE_DEFAULTS);
    const edges = await queryRows(
      store,
      'SELECT account_a AS "accountA", account_b AS "accountB" FROM signal_edges WHERE signal = \'near-duplicate-text\'',
    );
    store.close();
    const found = new Set(
      edges.map((e) => [e.accountA as string, e.accountB as string].sort().join(',')),
    );
    for (const [language, pairs] of planted) {
      const hit = [...pairs].filter((p) => found.has(p)).length;
      expect(hit / pairs.size, `${language}: ${hit}/${pairs.size}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('links no organic pair in the organic-only scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-nd-'));
    simulate({ scenario: 'organic-only', accounts: 400, days: 21, seed: 4 }, dir);
    const { store } = await ingestInto([join(dir, 'posts.csv')]);
    const result = await nearDuplicateText(store, NEAR_DUPLICATE_DEFAULTS);
    store.close();
    expect(result.items).toBeGreaterThan(10_000);
    expect(result.edges).toBe(0);
  });

  it('gives the same edges folding on worker threads as on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-nd-'));
    simulate({ scenario: 'spamouflage+ira', accounts: 800, days: 10, seed: 6 }, dir);
    const { store } = await ingestInto([join(dir, 'posts.csv')]);
    const dump = () =>
      queryRows(
        store,
        `SELECT account_a, account_b, weight, mean_dt_seconds, evidence, evidence_posts, expected FROM signal_edges
         WHERE signal = 'near-duplicate-text' ORDER BY account_a, account_b`,
      );
    try {
      const here = await nearDuplicateText(store, NEAR_DUPLICATE_DEFAULTS, { workers: 0 });
      const hereEdges = await dump();
      const threads = await nearDuplicateText(store, NEAR_DUPLICATE_DEFAULTS, { workers: 2 });
      expect(threads).toEqual(here);
      expect(await dump()).toEqual(hereEdges);
      expect(here.edges).toBeGreaterThan(100);
    } finally {
      store.close();
    }
  });
});
