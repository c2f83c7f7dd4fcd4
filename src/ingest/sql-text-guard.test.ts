import { describe, expect, it } from 'vitest';

import { openStore } from '../store/index.js';
import {
  NFC_DIFFERS,
  SQL_TEXT_DIFFERS,
  TAG_FOLD_DIFFERS,
  TEXT_NORM_GUARD_CLASS,
} from './sql-text-guard.js';

const covered = (ranges: readonly (readonly [number, number])[]) => (cp: number) =>
  ranges.some(([a, b]) => cp >= a && cp <= b);
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
const TAG_CHAR = /^[\p{L}\p{N}_]$/u;

describe('SQL_TEXT_DIFFERS, NFC_DIFFERS and TAG_FOLD_DIFFERS', () => {
  it('cover every code point DuckDB lower-cases or classifies unlike this Node', async () => {
    const store = await openStore(':memory:');
    try {
      const rows = (
        await store.connection
          .runAndReadAll(`SELECT i, lower(chr(i)), regexp_matches(chr(i), '^[\\p{L}\\p{N}_]$'), nfc_normalize(chr(i))
          FROM (SELECT range::INTEGER AS i FROM range(1, 1114112)) WHERE i < 55296 OR i > 57343`)
      ).getRows() as [number, string, boolean, string][];
      const inList = covered(SQL_TEXT_DIFFERS);
      const missing = rows
        .filter(([i, lower, letter, nfc]) => {
          const c = String.fromCodePoint(i);
          // U+FEFF is removed in either case (an invisible character; DuckDB's NFC drops it).
          const differs =
            (i !== 0xfeff && (c.toLowerCase() !== lower || c.normalize('NFC') !== nfc)) ||
            TAG_CHAR.test(c) !== letter;
          return differs && !inList(i);
        })
        .map(([i]) => i.toString(16));
      expect(missing).toEqual([]);
      expect(inList(0x130) && inList(0x3a3)).toBe(true); // İ and Σ: context rules, not per code point
    } finally {
      store.close();
    }
  });

  it('cover a letter of every canonical decomposition DuckDB composes unlike this Node', async () => {
    // Each code point alone and, where it has one, its canonical decomposition (NFD): what NFC
    // composes. A sequence DuckDB composes otherwise must hold a character the guard matches.
    const texts: string[] = [];
    for (let i = 1; i < 0x110000; i++) {
      if (isSurrogate(i)) continue;
      const c = String.fromCodePoint(i);
      if (c.normalize('NFD') !== c) texts.push(c.normalize('NFD'));
      if (c.normalize('NFC') !== c) texts.push(c);
    }
    const store = await openStore(':memory:');
    try {
      const c = store.connection;
      await c.run('CREATE TEMP TABLE t (s VARCHAR)');
      const appender = await c.createAppender('t', 'main', 'temp');
      for (const s of texts) {
        appender.appendVarchar(s);
        appender.endRow();
      }
      appender.closeSync();
      const rows = (
        await c.runAndReadAll(
          `SELECT s, nfc_normalize(s), regexp_matches(s, '${TEXT_NORM_GUARD_CLASS}') FROM t`,
        )
      ).getRows() as [string, string, boolean][];
      const missing = rows
        .filter(([s, nfc, guarded]) => s.normalize('NFC') !== nfc && !guarded)
        .map(([s]) => [...s].map((p) => p.codePointAt(0)!.toString(16)).join('+'));
      expect(missing).toEqual([]);
      expect(texts.length).toBeGreaterThan(2000);
      expect(NFC_DIFFERS.length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  it('cover every letter or digit NFKC changes, alone or composed with the ones after it', () => {
    const inList = covered(TAG_FOLD_DIFFERS);
    const missing: string[] = [];
    for (let i = 1; i < 0x110000; i++) {
      if (isSurrogate(i)) continue;
      const c = String.fromCodePoint(i);
      const parts = [...c.normalize('NFD')];
      const composes = parts.length >= 2 && parts.every((p) => TAG_CHAR.test(p));
      if (TAG_CHAR.test(c) && c.normalize('NFKC') !== c && !inList(i)) missing.push(i.toString(16));
      for (const p of composes ? parts : [])
        if (!inList(p.codePointAt(0)!)) missing.push(p.codePointAt(0)!.toString(16));
    }
    expect(missing).toEqual([]);
  });
});
