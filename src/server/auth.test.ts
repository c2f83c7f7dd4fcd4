import { describe, expect, it } from 'vitest';

import {
  allowedHostNames,
  analystFor,
  bearerToken,
  checkedReviewer,
  generateToken,
  hostName,
  tokenMatches,
} from './auth.js';

describe('tokenMatches(given, expected)', () => {
  it('is false for a missing, shorter, longer or different token, true for the same', () => {
    expect(tokenMatches(undefined, 'abcdefghijklmnop')).toBe(false);
    expect(tokenMatches('', 'abcdefghijklmnop')).toBe(false);
    expect(tokenMatches('abcdefghijklmno', 'abcdefghijklmnop')).toBe(false);
    expect(tokenMatches('abcdefghijklmnopq', 'abcdefghijklmnop')).toBe(false);
    expect(tokenMatches('abcdefghijklmnoP', 'abcdefghijklmnop')).toBe(false);
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
  });
});

describe('analystFor(given, analysts)', () => {
  const analysts = [
    { name: 'ana', token: 'ana-token-0123456789' },
    { name: 'bo', token: 'bo-token-0123456789' },
  ];
  it('is null for no token or one nobody has, the analyst whose token it is otherwise', () => {
    expect(analystFor(undefined, analysts)).toBeNull();
    expect(analystFor('ana-token-012345678', analysts)).toBeNull();
    expect(analystFor('ana-token-0123456789', [])).toBeNull();
    expect(analystFor('ana-token-0123456789', analysts)).toBe(analysts[0]);
    expect(analystFor('bo-token-0123456789', analysts)).toBe(analysts[1]);
  });
});

describe('checkedReviewer(name, source)', () => {
  it('trims a name and refuses an empty, long or control-character one, naming the source', () => {
    expect(() => checkedReviewer('  ', '--reviewer')).toThrow(
      '--reviewer: a reviewer name needs 1 to 100 characters and no control characters',
    );
    expect(() => checkedReviewer('a'.repeat(101), '--reviewer')).toThrow(/--reviewer/);
    expect(() => checkedReviewer('ana\nbo', '--reviewer')).toThrow(/--reviewer/);
    expect(checkedReviewer(' Ana Lima ', '--reviewer')).toBe('Ana Lima');
  });
});

describe('bearerToken(header)', () => {
  it('takes the token of a Bearer header only', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
  });
});

describe('generateToken()', () => {
  it('gives 43 URL-safe characters, new each time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });
});

describe('hostName(header) and allowedHostNames(listen, extra)', () => {
  it('strips the port and IPv6 brackets and lower-cases', () => {
    expect(hostName(undefined)).toBeNull();
    expect(hostName('')).toBeNull();
    expect(hostName('LocalHost:8787')).toBe('localhost');
    expect(hostName('[::1]:8787')).toBe('::1');
    expect(hostName('10.0.0.5')).toBe('10.0.0.5');
  });
  it('allows the loopback names on loopback, the address itself elsewhere, and what the user adds', () => {
    expect([...allowedHostNames('127.0.0.1')].sort()).toEqual(['127.0.0.1', '::1', 'localhost']);
    expect([...allowedHostNames('::1')].sort()).toEqual(['127.0.0.1', '::1', 'localhost']);
    expect([...allowedHostNames('10.0.0.5')]).toEqual(['10.0.0.5']);
    expect([...allowedHostNames('10.0.0.5', ['Analysis.Example.org:443'])].sort()).toEqual([
      '10.0.0.5',
      'analysis.example.org',
    ]);
    expect(allowedHostNames('0.0.0.0').has('0.0.0.0')).toBe(false);
    expect(allowedHostNames('0.0.0.0').has('localhost')).toBe(true);
  });
});
