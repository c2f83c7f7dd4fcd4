// `unmask demo --out DIR`: it replaces only a folder it made itself, and checks its flags first.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEMO_MARKER } from '../src/cli/demo-folder.js';
import { runCli as run } from './helpers/run-cli.js';

/** A folder holding `files` (name → text). */
function folder(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'unmask-demo-')), 'out');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('unmask demo --out DIR', () => {
  it('refuses a non-empty folder it did not make, and leaves it as it was (exit 2)', async () => {
    const dir = folder({ 'thesis.docx': 'three years of work' });
    const r = await run(['demo', '--out', dir, '--accounts', '20']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `--out ${dir}: the folder is not empty and was not made by 'unmask demo' (no ${DEMO_MARKER} in it)`,
    );
    expect(readdirSync(dir)).toEqual(['thesis.docx']);
    expect(readFileSync(join(dir, 'thesis.docx'), 'utf8')).toBe('three years of work');
  });

  it('refuses a file as --out, and checks its flags before it touches its own folder', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'unmask-demo-')), 'out.txt');
    writeFileSync(file, 'x');
    expect(await run(['demo', '--out', file])).toMatchObject({
      code: 2,
      err: expect.stringContaining('a file, not a folder'),
    });
    expect(readFileSync(file, 'utf8')).toBe('x');
    const dir = folder({ [DEMO_MARKER]: 'made by unmask demo', 'report.html': 'old' });
    for (const [flag, value] of [
      ['--seed', 'one'],
      ['--accounts', '10'],
      ['--accounts', '2e3'],
    ] as const) {
      const r = await run(['demo', '--out', dir, flag, value]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.err).toContain(`${flag}: expected a whole number`);
      expect(readdirSync(dir).sort()).toEqual([DEMO_MARKER, 'report.html']);
    }
  });

  it('replaces a folder an earlier demo made (its marker is there)', async () => {
    const dir = folder({ [DEMO_MARKER]: 'made by unmask demo', 'stale.csv': 'old' });
    const r = await run(['demo', '--out', dir, '--accounts', '20']);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, 'stale.csv'))).toBe(false);
    expect(existsSync(join(dir, DEMO_MARKER))).toBe(true);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(r.out).toContain(`Report: ${join(dir, 'report.html')}`);
  }, 120_000);
});
