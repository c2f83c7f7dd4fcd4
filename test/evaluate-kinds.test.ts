// `unmask evaluate` with truth.csv's optional fourth column: flagged accounts per kind.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { silentProgress } from '../src/core/index.js';
import { evaluate } from '../src/detect/index.js';

const TRUTH = [
  'platform,account_id,label,kind',
  'x,f1,organic,fandom',
  'x,f2,organic,fandom',
  'x,f3,organic,fandom',
  'x,e1,organic,everyday',
  'x,e2,organic,everyday',
  'x,e3,organic,',
  'x,o1,night-shift,night-operator',
  'x,o2,night-shift,night-operator',
  'x,s1,sparse-network,sparse-leader',
  'x,s2,sparse-network,sparse-amplifier',
  'x,s3,sparse-network,sparse-amplifier',
].join('\n');
const FLAGGED = [
  'platform,account_id,cluster_id,score',
  'x,f1,1,0.9',
  'x,f3,1,0.8',
  'x,o1,2,0.9',
  'x,o2,2,0.9',
  'x,s1,3,0.7',
].join('\n');

function folder(truth: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'unmask-eval-'));
  writeFileSync(join(dir, 'truth.csv'), `${truth}\n`);
  writeFileSync(join(dir, 'accounts.csv'), `${FLAGGED}\n`);
  return dir;
}

describe('evaluate(truth, results) with kinds', () => {
  it('counts accounts and flagged accounts per kind, and the organic share flagged', () => {
    const dir = folder(TRUTH);
    const e = evaluate(join(dir, 'truth.csv'), dir);
    expect(e.kinds).toEqual({
      everyday: { accounts: 2, flagged: 0, labels: ['organic'] },
      fandom: { accounts: 3, flagged: 2, labels: ['organic'] },
      'night-operator': { accounts: 2, flagged: 2, labels: ['night-shift'] },
      'sparse-amplifier': { accounts: 2, flagged: 0, labels: ['sparse-network'] },
      'sparse-leader': { accounts: 1, flagged: 1, labels: ['sparse-network'] },
    });
    expect(e).toMatchObject({ organicAccounts: 6, organicFlagged: 2, organicFlaggedShare: 0.3333 });
    expect(e).toMatchObject({ truePositives: 3, falsePositives: 2, falseNegatives: 2 });
  });

  it('reports no kinds for a three-column truth file', () => {
    const dir = folder(
      TRUTH.split('\n')
        .map((l) => l.split(',').slice(0, 3).join(','))
        .join('\n'),
    );
    const e = evaluate(join(dir, 'truth.csv'), dir);
    expect(e.kinds).toBeUndefined();
    expect(e.organicFlagged).toBe(2);
  });

  it('prints the kinds table and writes kinds to evaluation.json (unmask evaluate)', async () => {
    const dir = folder(TRUTH);
    let out = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      progress: silentProgress,
      silentProgress,
      now: () => 0,
    };
    expect(await main(['evaluate', '--truth', join(dir, 'truth.csv'), '--results', dir], io)).toBe(
      0,
    );
    expect(out).toMatch(/^fandom\s+organic\s+3\s+2\s+66\.7%$/m);
    expect(out).toMatch(/^sparse-amplifier\s+sparse-network\s+2\s+0\s+0\.0%$/m);
    expect(out).toMatch(/2 of 6 organic accounts flagged \(33\.33%\)/);
    const written = JSON.parse(readFileSync(join(dir, 'evaluation.json'), 'utf8'));
    expect(written.kinds.fandom).toEqual({ accounts: 3, flagged: 2, labels: ['organic'] });
  });
});
