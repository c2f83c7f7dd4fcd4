import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { Rng } from '../core/index.js';
import type { ImageEdit } from '../simulate/index.js';
import { drawOriginal, editImage, IMAGE_EDITS, renderOriginal } from '../simulate/index.js';
import type { Store } from '../store/index.js';
import { queryRows } from '../store/index.js';
import { NEAR_DUPLICATE_IMAGE_DEFAULTS, nearDuplicateImage } from './near-duplicate-image.js';
import { edgeEvidence } from './signal-io.sql.js';

// Per edit kind, three bases; per base one account posts the picture and four post copies made
// with that edit. Forty organic accounts post pictures of their own.
const BASES = 3;
const COPIES = 4;
const ORGANIC = 40;

let store: Store;
const accountsOf = new Map<string, string[]>(); // e.g., 'crop:0' → ['crop-0-0', …]

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-images-'));
  mkdirSync(join(dir, 'media'));
  const rng = new Rng('near-duplicate-image');
  const lines = ['post_id,account_id,created_at,kind,media,media_path'];
  let n = 0;
  const post = (account: string, picture: Buffer, minute: number) => {
    n++;
    writeFileSync(join(dir, 'media', `m${n}.jpg`), picture);
    const at = new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();
    lines.push(`p${n},${account},${at},post,m${n},media/m${n}.jpg`);
  };
  for (const edit of IMAGE_EDITS)
    for (let b = 0; b < BASES; b++) {
      const base = await renderOriginal(drawOriginal(rng));
      const accounts = [`${edit}-${b}-0`];
      post(accounts[0]!, base, 0);
      for (let c = 1; c <= COPIES; c++) {
        accounts.push(`${edit}-${b}-${c}`);
        post(accounts[c]!, await editImage(base, edit as ImageEdit, rng), c * 30);
      }
      accountsOf.set(`${edit}:${b}`, accounts);
    }
  for (let o = 0; o < ORGANIC; o++)
    post(`organic-${o}`, await renderOriginal(drawOriginal(rng)), o);
  writeFileSync(join(dir, 'posts.csv'), `${lines.join('\n')}\n`);
  const ingested = await ingestInto([dir]);
  expect(ingested.summary.media).toMatchObject({ files: n, hashed: n, rejected: 0 });
  store = ingested.store;
}, 60_000);

afterAll(() => store?.close());

async function linkedPairs(): Promise<Set<string>> {
  const rows = await queryRows(
    store,
    `SELECT account_a, account_b FROM signal_edges WHERE signal = 'near-duplicate-image'`,
  );
  return new Set(rows.map((r) => `${String(r.account_a)}|${String(r.account_b)}`));
}

describe('nearDuplicateImage(store, {k, window})', () => {
  it.each(IMAGE_EDITS.map((e) => [e]))(
    'links every account posting a %s copy of a picture with the others posting it',
    async (edit) => {
      await nearDuplicateImage(store);
      const linked = await linkedPairs();
      for (let b = 0; b < BASES; b++) {
        const accounts = [...accountsOf.get(`${edit}:${b}`)!].sort();
        for (let i = 0; i < accounts.length; i++)
          for (let j = i + 1; j < accounts.length; j++)
            expect(
              linked.has(`${accounts[i]}|${accounts[j]}`),
              `${accounts[i]}–${accounts[j]}`,
            ).toBe(true);
      }
    },
  );

  it('links no two accounts that posted pictures of their own, nor copies of different pictures', async () => {
    await nearDuplicateImage(store);
    for (const pair of await linkedPairs()) {
      const [a, b] = pair.split('|');
      expect(a!.startsWith('organic')).toBe(false);
      // Same edit and base: the account names agree up to the copy number.
      expect(a!.replace(/-\d+$/, '')).toBe(b!.replace(/-\d+$/, ''));
    }
  });

  it('counts shared families as the weight, keeps media ids as evidence, and a window narrows it', async () => {
    const all = await nearDuplicateImage(store);
    expect(all.items).toBe(IMAGE_EDITS.length * BASES * (COPIES + 1) + ORGANIC);
    const [edge] = await queryRows(
      store,
      `SELECT weight, evidence, evidence_posts, observed, expected FROM signal_edges WHERE signal = 'near-duplicate-image' AND account_a = 'resize-0-0' AND account_b = 'resize-0-1'`,
    );
    expect(edge).toMatchObject({ weight: 1, observed: 1 });
    expect(edge!.evidence).toEqual([expect.stringMatching(/^m\d+≈m\d+$/)]);
    expect(edge!.evidence_posts).toEqual([expect.stringMatching(/^p\d+~p\d+$/)]);
    expect(Number(edge!.expected)).toBeGreaterThan(0);
    // Copies are posted 30 minutes apart: within 45 minutes only neighbours link (c, c + 1).
    await nearDuplicateImage(store, { ...NEAR_DUPLICATE_IMAGE_DEFAULTS, window: 45 * 60 });
    const near = await linkedPairs();
    expect(near.has('resize-0-0|resize-0-1')).toBe(true);
    expect(near.has('resize-0-1|resize-0-3')).toBe(false);
    // k = 0 links only identical hashes.
    const exact = await nearDuplicateImage(store, { ...NEAR_DUPLICATE_IMAGE_DEFAULTS, k: 0 });
    expect(exact.edges).toBeLessThan(all.edges);
  });

  it('gives the evidence pairs with thumbnails of both pictures', async () => {
    await nearDuplicateImage(store);
    const pairs = await edgeEvidence(
      store,
      'near-duplicate-image',
      'unknown',
      'crop-1-2',
      'unknown',
      'crop-1-0',
    );
    expect(pairs).toHaveLength(1);
    for (const post of [pairs[0]!.a, pairs[0]!.b]) {
      expect(post.images).toHaveLength(1);
      expect(post.images![0]).toMatch(/^data:image\/webp;base64,/);
    }
  });
});
