// Compressed inputs: .gz, .zst, zip archives and folders of them load to the same case as the
// plain files; broken ones fail with a message naming them; folders skip files that are not data.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InputError } from '../src/core/index.js';
import type { Store } from '../src/store/index.js';
import { queryRows } from '../src/store/index.js';
import { fixture, ingestInto } from './helpers/ingest-fixture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'unmask-compressed-'));

// Everything an ingest writes to the case but the run bookkeeping (which names the files).
async function caseContents(store: Store): Promise<unknown> {
  return {
    posts: await queryRows(store, 'SELECT * EXCLUDE (run_id) FROM posts ORDER BY post_id'),
    accounts: await queryRows(store, 'SELECT * FROM accounts ORDER BY account_id'),
    names: await queryRows(store, 'SELECT * FROM account_names ORDER BY ALL'),
  };
}

// The case an ingest makes, its summary counts and its rejects.
async function loadOf(paths: string[]) {
  const { summary, rejects, store } = await ingestInto(paths);
  try {
    return {
      contents: await caseContents(store),
      counts: summary.files.map(({ read, loaded, rejected, duplicates, format }) => ({
        format,
        read,
        loaded,
        rejected,
        duplicates,
      })),
      // e.g. 'tweets.csv' for /x/tweets.csv, /x/tweets.csv.gz and /x/a.zip!tweets.csv
      rejects: rejects.map(([file, ...rest]) => [
        file?.replace(/^.*[/!]/, '').replace(/\.(gz|zst)$/, ''),
        ...rest,
      ]),
      files: summary.files.map((f) => f.file),
      skipped: summary.skipped,
    };
  } finally {
    store.close();
  }
}

describe('ingest of compressed inputs', () => {
  it('loads tweets and users from .gz, .zst and a .zip to the same case as the plain files', async () => {
    const plain = await loadOf([fixture('x-archive/tweets.csv'), fixture('x-archive/users.csv')]);
    expect(plain.counts.map((c) => c.read)).toEqual([6, 3]);
    for (const paths of [
      [fixture('compressed/gzip/tweets.csv.gz'), fixture('compressed/gzip/users.csv.gz')],
      [fixture('compressed/zstd')],
      [fixture('compressed/x-archive.zip')],
    ]) {
      const got = await loadOf(paths);
      expect(got.contents).toEqual(plain.contents);
      expect(got.counts).toEqual(plain.counts);
      expect(got.rejects).toEqual(plain.rejects);
    }
  });

  it('names zip members as archive.zip!member in the summary and rejects, and skips the README inside', async () => {
    const zip = fixture('compressed/x-archive.zip');
    const got = await loadOf([zip]);
    expect(got.files).toEqual([`${zip}!tweets.csv`, `${zip}!users.csv`]);
    expect(got.skipped).toEqual([{ file: `${zip}!README.md`, reason: 'documentation' }]);
    const { rejects, store } = await ingestInto([zip]);
    store.close();
    expect(rejects.map((r) => r.slice(0, 2))).toEqual([
      [`${zip}!tweets.csv`, '6'],
      [`${zip}!tweets.csv`, '7'],
      [`${zip}!users.csv`, '4'],
    ]);
  });

  it('reads a folder of compressed files and lists the files that are not data', async () => {
    const dir = tmp();
    copyFileSync(fixture('compressed/gzip/tweets.csv.gz'), join(dir, 'tweets.csv.gz'));
    copyFileSync(fixture('compressed/zstd/users.csv.zst'), join(dir, 'users.csv.zst'));
    writeFileSync(join(dir, 'README.md'), '# what this is\n');
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
    writeFileSync(join(dir, 'cover.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    writeFileSync(join(dir, 'notes'), 'some words about the export\n');
    const got = await loadOf([dir]);
    expect(got.counts.map((c) => c.read)).toEqual([6, 3]);
    expect(got.skipped).toEqual([
      { file: join(dir, '.DS_Store'), reason: 'hidden file' },
      { file: join(dir, 'README.md'), reason: 'documentation' },
      { file: join(dir, 'cover.png'), reason: 'image' },
      {
        file: join(dir, 'notes'),
        reason: expect.stringMatching(/^not an export \(cannot recognize the export format/),
      },
    ]);
  });

  it('still refuses an unrecognized .csv in a folder, and a folder with no exports at all', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'mystery.csv'), 'alpha,beta\n1,2\n');
    await expect(ingestInto([dir])).rejects.toThrow(/mystery\.csv: line 1: cannot recognize/);
    const empty = tmp();
    writeFileSync(join(empty, 'README.md'), '# nothing here\n');
    await expect(ingestInto([empty])).rejects.toThrow(
      /no exports to ingest in .*\(skipped .*README\.md: documentation\)/,
    );
  });

  it('fails with InputError naming a truncated .gz, a corrupt .zst and a broken .zip', async () => {
    const dir = tmp();
    const gz = readFileSync(fixture('compressed/gzip/tweets.csv.gz'));
    writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, gz.length - 40));
    await expect(ingestInto([join(dir, 'cut.csv.gz')])).rejects.toThrow(
      /cut\.csv\.gz: cannot decompress gzip data after \d+ bytes \(unexpected end of file\)/,
    );
    const zst = Buffer.from(readFileSync(fixture('compressed/zstd/tweets.csv.zst')));
    zst.fill(0xff, 12, 40);
    writeFileSync(join(dir, 'bad.csv.zst'), zst);
    await expect(ingestInto([join(dir, 'bad.csv.zst')])).rejects.toThrow(InputError);
    const zip = readFileSync(fixture('compressed/x-archive.zip'));
    writeFileSync(join(dir, 'cut.zip'), zip.subarray(0, zip.length - 30));
    await expect(ingestInto([join(dir, 'cut.zip')])).rejects.toThrow(
      /cut\.zip: not a readable zip archive/,
    );
  });
});
