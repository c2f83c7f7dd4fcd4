import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../core/index.js';
import { parseUsers, readUsersFile } from './users-file.js';

describe('parseUsers(text, file)', () => {
  const bad = (text: string) => () => parseUsers(text, 'users.txt');

  it('names the file and line of a bad entry, a token given twice, and a file without analysts', () => {
    expect(bad('ana:ana-token-0123456789\nbo\n')).toThrow(
      new ConfigError("users.txt: line 2: expected name:token, found no ':'"),
    );
    expect(bad('ana:short-token\n')).toThrow(
      'users.txt: line 1: an access token needs at least 16 visible ASCII characters',
    );
    expect(bad('ana:ana token 0123456789\n')).toThrow(/line 1: an access token needs/);
    expect(bad(':ana-token-0123456789\n')).toThrow(
      'users.txt: line 1: a reviewer name needs 1 to 100 characters',
    );
    expect(bad(`${'a'.repeat(101)}:ana-token-0123456789\n`)).toThrow(/line 1: a reviewer name/);
    expect(bad('an\u0007a:ana-token-0123456789\n')).toThrow(/line 1: a reviewer name/);
    expect(bad('ana:ana-token-0123456789\n\nbo:ana-token-0123456789\n')).toThrow(
      'users.txt: line 3: the same token as line 1; each token must name one analyst',
    );
    expect(bad('# nobody yet\n\n')).toThrow('users.txt: no analysts (one name:token a line)');
    expect(bad('')).toThrow(/no analysts/);
  });

  it('reads one name:token a line, split at the first colon, skipping blanks and comments', () => {
    expect(
      parseUsers(
        '\uFEFF# case 12\r\n  Ana Lima : ana-token-0123456789 \r\n\r\nbo:bo:token:with:colons\nana-2:#not-a-comment-0123\n',
        'users.txt',
      ),
    ).toEqual([
      { name: 'Ana Lima', token: 'ana-token-0123456789' },
      { name: 'bo', token: 'bo:token:with:colons' },
      { name: 'ana-2', token: '#not-a-comment-0123' },
    ]);
  });
});

describe('readUsersFile(path)', () => {
  it('names the flag and file it cannot read, and reads one it can', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-users-'));
    expect(() => readUsersFile(join(dir, 'missing.txt'))).toThrow(
      /^--users .*missing\.txt: ENOENT/,
    );
    writeFileSync(join(dir, 'users.txt'), 'ana:ana-token-0123456789\n');
    expect(readUsersFile(join(dir, 'users.txt'))).toEqual([
      { name: 'ana', token: 'ana-token-0123456789' },
    ]);
  });
});
