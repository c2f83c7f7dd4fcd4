// Test helper of the bulk paths' parity tests: a file loaded by the bulk path and by the row path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect } from 'vitest';

import type { FormatName } from '../../src/ingest/index.js';
import { queryRows } from '../../src/store/index.js';
import { ingestInto } from './ingest-fixture.js';

/** The case's posts (in a stable order), accounts and name history. */
const POSTS = 'SELECT * EXCLUDE (run_id) FROM posts ORDER BY platform, post_id';
const OTHER_TABLES = [
  'SELECT * FROM accounts ORDER BY ALL',
  'SELECT * FROM account_names ORDER BY ALL',
  'SELECT * FROM follows ORDER BY ALL',
];

/** Writes `content` to a new temporary folder as `name`; returns the path. */
export function fileWith(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'unmask-bulk-')), name);
  writeFileSync(file, content);
  return file;
}

/**
 * Loads `file` as `format` by both paths into new cases; checks that each ran with the given
 * counts and that the posts, accounts, name history, follows and rejects (file, line, field,
 * reason, raw) are equal row by row. Returns the posts.
 */
export async function loadBothWays(
  file: string,
  format: FormatName,
  counts: Record<string, number>,
): Promise<Record<string, unknown>[]> {
  const bulk = await ingestInto([file], { format });
  const rows = await ingestInto([file], { format, bulk: false });
  try {
    expect(bulk.summary.files[0]).toMatchObject({ ...counts, mode: 'bulk' });
    expect(rows.summary.files[0]).toMatchObject({ ...counts, mode: 'rows' });
    expect(bulk.rejects).toEqual(rows.rejects);
    const posts = await queryRows(bulk.store, POSTS);
    expect(posts).toEqual(await queryRows(rows.store, POSTS));
    for (const sql of OTHER_TABLES)
      expect(await queryRows(bulk.store, sql)).toEqual(await queryRows(rows.store, sql));
    return posts;
  } finally {
    bulk.store.close();
    rows.store.close();
  }
}

/**
 * Pieces of real-looking text for the fast-check parity tests: letters SQL lower-cases or composes
 * unlike JS (İ, final Σ, Unicode 16 letters), accents, CJK, an emoji ZWJ sequence, U+FFFD.
 */
export const TEXT_PIECES = [
  'İSTANBUL',
  'ΟΔΟΣ',
  'Café',
  '台湾',
  '\u{113C2}\u{113C9}',
  '👩‍👩‍👧‍👦',
  '\uFFFD',
] as const;
