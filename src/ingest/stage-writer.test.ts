// A staging writer closes its file once: a second close must not close a descriptor reused since.
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { StageWriter } from './stage-writer.js';

describe('StageWriter', () => {
  it('closes once; closing again leaves a file that reused the descriptor open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-stage-'));
    const w = new StageWriter(dir, 't');
    w.write(['a', 1, ['x', 'y'], null]);
    w.close();
    expect(readFileSync(w.path, 'utf8')).toBe('"a",1,"x\u001fy",\n');
    const other = openSync(join(dir, 'other.txt'), 'w');
    w.close();
    expect(() => writeSync(other, 'still open')).not.toThrow();
    closeSync(other);
    expect(readFileSync(join(dir, 'other.txt'), 'utf8')).toBe('still open');
  });
});
