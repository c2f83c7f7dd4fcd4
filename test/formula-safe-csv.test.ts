// Every CSV we write is formula-safe: ring accounts whose ids and handles a spreadsheet would run
// (=HYPERLINK, +1, @a, -x …) go through ingest, `signals --out`, detect, the takedown export and
// evaluate; no text cell of any output starts with = + - @ TAB or CR.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { silentProgress } from '../src/core/index.js';
import { SIGNALS } from '../src/signals/index.js';
import { simulate } from '../src/simulate/index.js';
import { FIXED_NOW, readCsvObjects } from './helpers/ingest-fixture.js';

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CliIo = {
    stdout: { write: () => undefined },
    stderr: { write: (s: string) => (err += s) },
    progress: silentProgress,
    silentProgress,
    now: () => FIXED_NOW,
  };
  return { code: await main(argv, io), err };
}

/** Ids and handles given to four ring accounts, as the attacker would name them. */
const HOSTILE_IDS = ['=HYPERLINK("http://x","y")', '+1', '@a', '-x'];
const HOSTILE_HANDLES = ['=HYPERLINK("http://h","h")', '+cmd', '-2+3', '@SUM(1)'];

/** Columns that hold numbers: a negative number there is a number, not a formula. */
const NUMERIC = new Set([
  'line',
  'cluster_id',
  'cluster',
  'score',
  'significant_links',
  'followers',
  'weight',
  'weight_ab',
  'weight_ba',
  'mean_dt_seconds',
  'p_value',
  'q_value',
]);

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/** Replaces whole unquoted cells equal to a key of `map` in a simulated CSV file. */
function renameCells(path: string, map: ReadonlyMap<string, string>): void {
  const text = readFileSync(path, 'utf8');
  const out = text.replace(/(?<=^|,)([0-9]+)(?=,|$)/gm, (cell) => {
    const to = map.get(cell);
    return to === undefined ? cell : quote(to);
  });
  writeFileSync(path, out);
}

describe('every CSV output is formula-safe', () => {
  let root: string;
  let data: string;
  let outputs: string[];
  let renamed: Map<string, string>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'unmask-formula-'));
    data = join(root, 'data');
    simulate({ scenario: 'ring', seed: 3, accounts: 300 }, data);
    const ring = readCsvObjects(join(data, 'truth.csv'))
      .filter((r) => r.label === 'ring')
      .map((r) => r.account_id as string)
      .sort();
    renamed = new Map(ring.slice(0, HOSTILE_IDS.length).map((id, i) => [id, HOSTILE_IDS[i]!]));
    for (const f of readdirSync(data).filter((n) => n.endsWith('.csv')))
      renameCells(join(data, f), renamed);
    // Handles of the next four ring accounts.
    const accounts = readFileSync(join(data, 'accounts.csv'), 'utf8').split('\n');
    const handleColumn = accounts[0]!.split(',').indexOf('handle');
    const handled = new Map(ring.slice(4, 8).map((id, i) => [id, HOSTILE_HANDLES[i]!]));
    writeFileSync(
      join(data, 'accounts.csv'),
      accounts
        .map((line) => {
          const cells = line.split(',');
          const handle = handled.get(cells[1] ?? '');
          if (handle === undefined || line.includes('"')) return line;
          cells[handleColumn] = quote(handle);
          return cells.join(',');
        })
        .join('\n'),
    );
    // A row that is rejected (bad time) and whose raw text starts with '='.
    writeFileSync(
      join(data, 'posts.csv'),
      `${readFileSync(join(data, 'posts.csv'), 'utf8')}=cmd|' /C calc'!A0,p-bad,${ring[0]},yesterday,post,hi,en,,,,,,,\n`,
    );

    const c = join(root, 'case.duckdb');
    const rejects = join(root, 'rejects.csv');
    expect((await run(['ingest', data, '--case', c, '--rejects', rejects])).code).toBe(1);
    outputs = [rejects];
    for (const s of SIGNALS) {
      const out = join(root, `signal-${s.name.replace(':', '_')}.csv`);
      const r = await run(['signals', '--case', c, '--signal', s.name, '--out', out]);
      expect(r, s.name).toMatchObject({ code: 0 });
      outputs.push(out);
    }
    expect((await run(['detect', '--case', c, '--out', join(root, 'detect')])).code).toBe(0);
    for (const f of ['accounts.csv', 'edges.csv', 'pairs.csv'])
      outputs.push(join(root, 'detect', f));
    const takedown = join(root, 'takedown.csv');
    const exported = await run(['export', '--case', c, '--format', 'takedown', '--out', takedown]);
    expect(exported.code).toBe(0);
    outputs.push(takedown);
  }, 300_000);

  it('escapes every text cell a spreadsheet would run, and only those', () => {
    let cells = 0;
    for (const path of outputs)
      for (const row of readCsvObjects(path))
        for (const [column, cell] of Object.entries(row)) {
          cells++;
          if (!/^[=+\-@\t\r]/.test(cell)) continue;
          expect(NUMERIC.has(column) && /^-\d/.test(cell), `${path}: ${column} = ${cell}`).toBe(
            true,
          );
        }
    expect(cells).toBeGreaterThan(1000);
  });

  it('writes the hostile ids and handles with a leading quote wherever they appear', () => {
    const cellsOf = (path: string, columns: readonly string[]) =>
      new Set(readCsvObjects(path).flatMap((r) => columns.map((c) => r[c] ?? '')));
    const escapedIds = HOSTILE_IDS.map((id) => `'${id}`);
    const accounts = cellsOf(join(root, 'detect', 'accounts.csv'), ['account_id', 'handle']);
    const takedown = cellsOf(join(root, 'takedown.csv'), ['account_id', 'handle']);
    for (const cell of [...escapedIds, ...HOSTILE_HANDLES.map((h) => `'${h}`)]) {
      expect(accounts.has(cell), `accounts.csv: ${cell}`).toBe(true);
      expect(takedown.has(cell), `takedown.csv: ${cell}`).toBe(true);
    }
    for (const f of ['detect/edges.csv', 'detect/pairs.csv', 'signal-co-share_post.csv']) {
      const ids = cellsOf(join(root, f), ['account_a', 'account_b']);
      for (const id of escapedIds) expect(ids.has(id), `${f}: ${id}`).toBe(true);
    }
    const rejects = readCsvObjects(join(root, 'rejects.csv'));
    expect(rejects.map((r) => r.raw)).toContain(
      `'=cmd|' /C calc'!A0,p-bad,${[...renamed.keys()][0]},yesterday,post,hi,en,,,,,,,`,
    );
  });

  it('reads its own accounts.csv back: evaluate counts the escaped ids as the ring accounts', async () => {
    const out = join(root, 'evaluation.json');
    const r = await run([
      'evaluate',
      '--truth',
      join(data, 'truth.csv'),
      '--results',
      join(root, 'detect'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const e = JSON.parse(readFileSync(out, 'utf8')) as {
      unknownFlagged: number;
      operations: Record<string, { accounts: number; flagged: number }>;
    };
    expect(e.unknownFlagged).toBe(0);
    expect(e.operations.ring?.flagged).toBe(e.operations.ring?.accounts);
  });
});
