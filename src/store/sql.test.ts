// COPY with formulaSafeSql writes text cells as core's csvCell does (the two CSV writers agree).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { csvCell } from '../core/index.js';
import { openStore } from './open-store.js';
import { formulaSafeSql, sqlString } from './sql.js';

const CELLS = [
  'plain',
  '=HYPERLINK("http://x","y")',
  '+1',
  '-2+3',
  '@SUM(1)',
  '\tcmd',
  '\rcmd',
  "'quoted",
  'a,b',
  'line\nbreak',
  'a=b',
  '漢字',
];

describe('formulaSafeSql(expr)', () => {
  it("writes every non-empty text cell as csvCell does, through DuckDB's CSV writer", async () => {
    const store = await openStore(':memory:');
    try {
      const path = join(mkdtempSync(join(tmpdir(), 'unmask-sql-')), 'cells.csv');
      const values = CELLS.map((c, i) => `(${i}, ${sqlString(c)})`).join(', ');
      await store.connection.run(`COPY (SELECT ${formulaSafeSql('v')} AS v
        FROM (VALUES ${values}) t(i, v) ORDER BY i) TO ${sqlString(path)} (FORMAT csv, HEADER false)`);
      expect(readFileSync(path, 'utf8')).toBe(CELLS.map((c) => `${csvCell(c)}\n`).join(''));
    } finally {
      store.close();
    }
  });
});
