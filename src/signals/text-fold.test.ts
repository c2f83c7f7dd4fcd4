// The table-driven fold and the typed-array MinHash paths against plain reference implementations.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import unhomoglyph from 'unhomoglyph';
import { describe, expect, it } from 'vitest';

import { readCsvObjects } from '../../test/helpers/ingest-fixture.js';
import { Rng } from '../core/index.js';
import { simulate } from '../simulate/index.js';
import { jaccard, jaccardAtLeast, MinHasher, overlapNeeded, OverlapSketches } from './minhash.js';
import { foldForSimilarity, TextFolder } from './text-fold.js';
import { orderByKey } from './typed.js';

// The fold as it was first written, with regular expressions over the whole string.
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range
const ASCII = /^[\x00-\x7f]*$/;
// eslint-disable-next-line no-control-regex -- see ASCII
const NON_ASCII = /[^\x00-\x7f]/g;
function referenceFold(text: string): string {
  const masked = text.replace(URL, ' ').replace(MENTION, ' ');
  const folded = ASCII.test(masked)
    ? masked
    : masked.normalize('NFKC').replace(NON_ASCII, (ch) => unhomoglyph(ch));
  return folded.toLowerCase().replace(NON_WORD, ' ').trim();
}

const TRICKY = [
  'Тhе US bоmbеd @someone https://x.example/a Ｎｏｒｄ Stream!',
  'SHOUTING HTTPS://EXAMPLE.COM/X and WWW.EXAMPLE.ORG/y',
  '  leading and trailing  ',
  '𝐁𝐨𝐥𝐝 math letters and emoji 🙂🙂 and 𠀀 (CJK Ext B)',
  'e\u0301cole combining accent; ﬁ ligature; ① circled',
  '한국어 텍스트와 ㄱㄴ 호환 자모',
  'ภาษาไทยไม่มีช่องว่างระหว่างคำ',
  '中文没有空格，标点符号也要去掉。',
  '',
  '@only @mentions',
  'tabs\tand\nnewlines\r\n',
  'ΟΔΟΣ οδος Σ',
];

let simulated: string[] | undefined;
/** The texts of a small simulated case (made once for the file's tests). */
function simulatedTexts(): string[] {
  if (!simulated) {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-fold-'));
    simulate({ scenario: 'spamouflage+ira', accounts: 600, days: 7, seed: 5 }, dir);
    simulated = readCsvObjects(join(dir, 'posts.csv'))
      .map((p) => p.text as string)
      .filter(Boolean);
  }
  return simulated;
}

describe('TextFolder', () => {
  it('folds as the regular-expression reference on every simulated text and tricky cases', () => {
    const texts = simulatedTexts();
    expect(texts.length).toBeGreaterThan(1000);
    const folder = new TextFolder();
    for (const text of [...TRICKY, ...texts]) {
      const expected = referenceFold(text);
      expect(foldForSimilarity(text), text).toBe(expected);
      folder.fold(text);
      expect(folder.floorLength()).toBe(
        expected.length +
          (expected.match(
            /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu,
          )?.length ?? 0),
      );
    }
  });
});

describe('TextFolder.foldUtf8', () => {
  it('folds UTF-8 bytes as fold does the decoded text, plain ASCII or not', () => {
    const texts = simulatedTexts();
    // ASCII texts near the fast path's edge: masking could act on them, or looks as if it could.
    const edges = [
      'see www.example.org now',
      'see WwW.example.org now',
      'wwww. and ww.w and w.ww and a.www',
      'at 10:30, the ratio 3:2',
      'http//no colon, https:/one slash',
      'mail me@example.org or @handle_1',
      'trailing www',
      'www.',
      '\u0000 nul and \u007f del',
      'plain ascii, nothing to mask (really)!',
    ];
    const a = new TextFolder();
    const b = new TextFolder();
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    for (const text of [...TRICKY, ...edges, ...texts]) {
      // Inside a larger buffer, as a text sits in a batch of records.
      const bytes = encoder.encode(`12:${text}:34`);
      const to = bytes.length - 3;
      a.fold(text);
      b.foldUtf8(bytes, 3, to, decoder);
      expect(b.text(), text).toBe(a.text());
      expect(b.floorLength(), text).toBe(a.floorLength());
    }
  });
});

describe('MinHasher on code units', () => {
  it('gives the same shingle sets and signatures as the string path', () => {
    const h = new MinHasher();
    const f = new TextFolder();
    const sig = new Int32Array(32);
    const set = new Int32Array(4096);
    for (const text of TRICKY) {
      f.fold(text);
      const folded = f.text();
      h.signatureOf(f.units, f.length, sig);
      expect([...sig]).toEqual([...h.signature(h.shingles(folded))]);
      const n = h.shingleSetOf(f.units, 0, f.length, set, 7);
      expect([...set.subarray(7, 7 + n)]).toEqual([...h.shingles(folded)]);
    }
  });

  it('gives the string path sets and signatures for every shingle size and short texts', () => {
    const rng = new Rng(13);
    for (const shingle of [2, 3, 4, 5, 6]) {
      const h = new MinHasher({ shingle, hashes: 32, bands: 8 });
      const sig = new Int32Array(32);
      const set = new Int32Array(64);
      for (let trial = 0; trial < 300; trial++) {
        const units = Uint16Array.from({ length: rng.int(0, 40) }, () => rng.int(97, 103));
        const text = String.fromCharCode(...units);
        h.signatureOf(units, units.length, sig);
        expect([...sig]).toEqual([...h.signature(h.shingles(text))]);
        const n = h.shingleSetOf(units, 0, units.length, set, 3);
        expect([...set.subarray(3, 3 + n)]).toEqual([...h.shingles(text)]);
      }
    }
  });

  it('keeps the signatures it has always given (a stored ClickHouse case was signed with them)', () => {
    const h = new MinHasher();
    const f = new TextFolder();
    f.fold(TRICKY[0]!);
    const sig = new Int32Array(32);
    h.signatureOf(f.units, f.length, sig);
    // Computed before the 4-unit shingle hash was written out.
    expect(h.bandHashes(sig)).toEqual([
      3280164608, 570308932, 4135204953, 2765852670, 3658009255, 2458624054, 2303896118, 3218039004,
    ]);
  });

  it('decides Jaccard ≥ θ as the full computation does', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 2000; trial++) {
      const universe = rng.int(5, 64);
      const pick = () =>
        Int32Array.from(
          [...new Set(Array.from({ length: rng.int(1, 40) }, () => rng.int(0, universe - 1)))].sort(
            (a, b) => a - b,
          ),
        );
      const a = pick();
      const b = pick();
      const theta = [0.3, 0.5, 0.6, 0.8, 1][trial % 5] as number;
      expect(jaccardAtLeast(a, 0, a.length, b, 0, b.length, theta)).toBe(jaccard(a, b) >= theta);
    }
  });
});

describe('OverlapSketches', () => {
  it('never turns away a pair that reaches the threshold, and turns away most that share little', () => {
    const rng = new Rng(12);
    // Hashes whose low 14 bits (the sketch's bit) repeat often, beside arbitrary ones, so that
    // sketches collide as they do on sets of long texts.
    const pool = Array.from({ length: 400 }, (_, i) =>
      i % 2 === 0 ? (rng.int(0, 2 ** 17) << 14) | rng.int(0, 63) : rng.int(-(2 ** 31), 2 ** 31 - 1),
    );
    const sketches = new OverlapSketches(3);
    let turnedAway = 0;
    let shareLittle = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const base = Array.from(
        { length: rng.int(1, 120) },
        () => pool[rng.int(0, pool.length - 1)]!,
      );
      const pick = (keep: number) =>
        Int32Array.from(
          new Set([
            ...base.filter(() => rng.int(0, 99) < keep),
            ...Array.from({ length: rng.int(0, 30) }, () => pool[rng.int(0, pool.length - 1)]!),
          ]),
        ).sort();
      const a = pick(rng.int(30, 100));
      const b = pick(rng.int(30, 100));
      if (a.length === 0 || b.length === 0) continue;
      const theta = [0.3, 0.5, 0.6, 0.8, 1][trial % 5] as number;
      const slot = trial % 3;
      sketches.add(slot, a, 0, a.length);
      const may = sketches.mayReach(slot, b, 0, b.length, overlapNeeded(a.length, b.length, theta));
      sketches.remove(slot, a, 0, a.length);
      if (jaccardAtLeast(a, 0, a.length, b, 0, b.length, theta)) expect(may).toBe(true);
      if (jaccard(a, b) < theta / 2) {
        shareLittle++;
        if (!may) turnedAway++;
      }
    }
    // Removing a sketch leaves its slot empty: nothing may reach a need of one.
    const one = Int32Array.from([5]);
    for (let slot = 0; slot < 3; slot++) expect(sketches.mayReach(slot, one, 0, 1, 1)).toBe(false);
    expect(turnedAway).toBeGreaterThan(shareLittle * 0.8);
  });
});

describe('orderByKey', () => {
  it('orders by unsigned key and keeps ties in the given order', () => {
    const rng = new Rng(12);
    const keys = Int32Array.from({ length: 5000 }, () => rng.int(-25, 24) * 0x1234567);
    const start = Int32Array.from({ length: 5000 }, (_, i) => 4999 - i);
    const got = [...orderByKey(keys, start)];
    const want = [...start].sort((x, y) => (keys[x]! >>> 0) - (keys[y]! >>> 0) || y - x);
    expect(got).toEqual(want);
  });
});
