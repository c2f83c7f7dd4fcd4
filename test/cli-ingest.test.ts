// `unmask ingest` end to end: exit codes, summaries, and a killed ingest that a re-run completes.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { silentProgress } from '../src/core/index.js';
import { caseCounts, openStore } from '../src/store/index.js';
import { FIXED_NOW, fixture } from './helpers/ingest-fixture.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    progress: silentProgress,
    silentProgress,
    now: () => FIXED_NOW,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'unmask-cli-'));

describe('unmask ingest', () => {
  it("takes DuckDB's memory limit from UNMASK_MEMORY_LIMIT, and names the variable when it is bad", async () => {
    const c = join(tmp(), 'c.duckdb');
    const before = process.env.UNMASK_MEMORY_LIMIT;
    try {
      process.env.UNMASK_MEMORY_LIMIT = 'lots';
      expect(await run(['ingest', fixture('coortweet'), '--case', c])).toMatchObject({
        code: 2,
        err: expect.stringMatching(
          /UNMASK_MEMORY_LIMIT: expected a size such as 6GB .* got 'lots'/,
        ),
      });
      process.env.UNMASK_MEMORY_LIMIT = '1GiB';
      const store = await openStore(c);
      const [[limit]] = (
        await store.connection.runAndReadAll(`SELECT current_setting('memory_limit')`)
      ).getRows();
      store.close();
      expect(limit).toBe('1.0 GiB');
    } finally {
      if (before === undefined) delete process.env.UNMASK_MEMORY_LIMIT;
      else process.env.UNMASK_MEMORY_LIMIT = before;
    }
  });

  it('exits 2 with a message naming the problem for a missing file, an unknown format or flag', async () => {
    const c = join(tmp(), 'c.duckdb');
    expect(await run(['ingest', '/nope.csv', '--case', c])).toMatchObject({
      code: 2,
      err: 'unmask: /nope.csv: no such file or directory\n',
    });
    expect(
      await run(['ingest', fixture('coortweet'), '--case', c, '--format', 'myspace']),
    ).toMatchObject({ code: 2, err: expect.stringMatching(/--format: unknown format 'myspace'/) });
    expect((await run(['ingest', fixture('coortweet'), '--case', c, '--bogus'])).code).toBe(2);
    expect((await run(['ingest', fixture('coortweet')])).code).toBe(2);
  });

  it('leaves no new case file behind when it fails, and keeps one that was there', async () => {
    const dir = tmp();
    const c = join(dir, 'c.duckdb');
    // A .gz whose first 64 KiB read well (so it is recognized) and whose end is cut off.
    const rows = ['object_id,account_id,content_id,timestamp_share'];
    for (let i = 0; i < 20_000; i++) rows.push(`o${i},a${i % 97},c${i},${1_600_000_000 + i}`);
    const gz = gzipSync(`${rows.join('\n')}\n`);
    const bad = join(dir, 'bad.csv.gz');
    writeFileSync(bad, gz.subarray(0, gz.length - 100));
    // The first file loads before the second turns out unreadable.
    const failed = await run(['ingest', fixture('coortweet/shares.csv'), bad, '--case', c]);
    expect(failed).toMatchObject({
      code: 2,
      err: expect.stringMatching(/bad\.csv\.gz: cannot decompress gzip data after \d+ bytes/),
    });
    expect(readdirSync(dir).sort()).toEqual(['bad.csv.gz']);
    expect((await run(['ingest', fixture('coortweet/shares.csv'), '--case', c])).code).toBe(1);
    expect((await run(['ingest', bad, '--case', c])).code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['bad.csv.gz', 'c.duckdb', 'c.rejects.csv']);
    const store = await openStore(c);
    expect((await caseCounts(store)).posts).toBe(5);
    store.close();
  });

  it('skips files in a folder that are not exports and lists them, in the table and in --json', async () => {
    const dir = tmp();
    copyFileSync(fixture('coortweet/shares.csv'), join(dir, 'shares.csv'));
    writeFileSync(join(dir, 'README.md'), '# shares\n');
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1]));
    const c = join(tmp(), 'c.duckdb');
    const text = await run(['ingest', dir, '--case', c]);
    expect(text.code).toBe(1);
    expect(text.out).toContain(
      `skipped 2 files that are not exports: ${join(dir, '.DS_Store')} (hidden file), ${join(dir, 'README.md')} (documentation)`,
    );
    const json = JSON.parse((await run(['ingest', dir, '--case', c, '--json'])).out);
    expect(json.skipped).toEqual([
      { file: join(dir, '.DS_Store'), reason: 'hidden file' },
      { file: join(dir, 'README.md'), reason: 'documentation' },
    ]);
  });

  it('exits 1 when rows were rejected and prints counts that add up', async () => {
    const dir = tmp();
    const r = await run([
      'ingest',
      fixture('x-archive'),
      '--case',
      join(dir, 'c.duckdb'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({
      read: 9,
      loaded: 4,
      rejected: 3,
      duplicates: 2,
      rejectsPath: join(dir, 'c.rejects.csv'),
    });
  });

  it('exits 0 on clean input and prints a table', async () => {
    const r = await run([
      'ingest',
      fixture('malformed/bom-crlf.csv'),
      '--case',
      join(tmp(), 'c.duckdb'),
      '--platform',
      'X',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bom-crlf\.csv\s+coortweet\s+1\s+1\s+0\s+0/);
  });

  it('leaves the case usable when killed mid-ingest; a re-run completes it without duplicates', async () => {
    const dir = tmp();
    const file = join(dir, 'big.csv');
    const rows = 300_000;
    const lines = ['object_id,account_id,content_id,timestamp_share'];
    for (let i = 0; i < rows; i++)
      lines.push(`o${i % 5000},a${i % 7000},big${i},${1_600_000_000 + i}`);
    // One bad last row sends the file down the row-by-row path, which reports progress as it reads.
    lines.push('o1,a1,bad,not-a-time');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const caseFile = join(dir, 'c.duckdb');
    // First a small file completes, then the big one is killed while it is being read.
    expect((await run(['ingest', fixture('coortweet/shares.csv'), '--case', caseFile])).code).toBe(
      1,
    );
    await new Promise<void>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/run.ts', 'ingest', file, '--case', caseFile],
        { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let killed = false;
      child.stderr.on('data', (d: Buffer) => {
        if (!killed && /big\.csv .*: [1-9]\d?%/.test(d.toString())) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve());
    });
    const store = await openStore(caseFile);
    expect((await caseCounts(store)).posts).toBe(5);
    store.close();
    const again = await run([
      'ingest',
      file,
      fixture('coortweet/shares.csv'),
      '--case',
      caseFile,
      '--json',
    ]);
    const summary = JSON.parse(again.out);
    expect(summary.files[0]).toMatchObject({
      read: rows + 1,
      loaded: rows,
      rejected: 1,
      duplicates: 0,
    });
    expect(summary.files[1]).toMatchObject({ read: 7, loaded: 0, duplicates: 5 });
    const after = await openStore(caseFile);
    expect((await caseCounts(after)).posts).toBe(rows + 5);
    after.close();
  });

  it('runs to its end when the reader of its output goes away (`unmask ingest … | head -1`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-epipe-'));
    const caseFile = join(dir, 'c.duckdb');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/run.ts',
          'ingest',
          fixture('coortweet/shares.csv'),
          '--case',
          caseFile,
        ],
        { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      // Like `head -1`: read the first chunk, then close both pipes.
      const close = () => {
        child.stdout.destroy();
        child.stderr.destroy();
      };
      child.stdout.once('data', close);
      child.stderr.once('data', close);
      child.on('exit', (c) => resolve(c));
    });
    // The sample's one bad row makes the exit code 1 (rows rejected), not 70 (internal error).
    expect(code).toBe(1);
    const store = await openStore(caseFile);
    expect((await caseCounts(store)).posts).toBe(5);
    store.close();
  }, 60_000);
});
