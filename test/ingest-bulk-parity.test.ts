// The bulk (DuckDB) and row-by-row (JS) paths load a native posts file into identical rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { queryRows } from '../src/store/index.js';
import { fixture, ingestInto } from './helpers/ingest-fixture.js';

const CLEAN = `platform,post_id,account_id,created_at,kind,text,language,urls,hashtags,mentions,media,shared_post_id,shares
X,p1,a1,2023-03-01T09:15:00+08:00,post,"Taiwan  is\u200b PART of China\u3000 https://t.co/x",en,https://WWW.News.example/a/?utm_source=x&b=2&a=1|https://bit.ly/3x,#Taiwan|＃China,@Anna,abc123,,5
x,p2,a2,1677633300,share,"Café  au lait",fr,,,,,p1,
facebook,p3,a3,2023-03-01T01:16:00Z,comment,"台湾是中国的一部分",zh,['https://example.cn/x?fbclid=1'],['台湾'],[],[],,0
youtube,p4,a4,1677633300000,reply,"Bore da, mae'r newyddion yn bwysig",cy,,,,,,
`;

const ROW = `SELECT * EXCLUDE (run_id) FROM posts ORDER BY platform, post_id`;
const ACCOUNTS = 'SELECT * FROM accounts ORDER BY ALL';

/** Writes `text` to a file `name` in a new temporary folder; returns its path. */
function fileWith(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'unmask-parity-')), name);
  writeFileSync(file, text);
  return file;
}

/**
 * Loads a file into a new case by the bulk path and into another row by row; checks that each
 * path ran with the given counts and that both hold the same posts and accounts. Returns the posts.
 */
async function loadBothWays(
  file: string,
  counts: Record<string, number>,
): Promise<Record<string, unknown>[]> {
  const bulk = await ingestInto([file]);
  const rows = await ingestInto([file], { bulk: false });
  try {
    expect(bulk.summary.files[0]).toMatchObject({ ...counts, mode: 'bulk' });
    expect(rows.summary.files[0]).toMatchObject({ ...counts, mode: 'rows' });
    const posts = await queryRows(bulk.store, ROW);
    expect(posts).toEqual(await queryRows(rows.store, ROW));
    expect(await queryRows(bulk.store, ACCOUNTS)).toEqual(await queryRows(rows.store, ACCOUNTS));
    return posts;
  } finally {
    bulk.store.close();
    rows.store.close();
  }
}

// Words as posts hold them, with the letters DuckDB lower-cases or composes unlike JS: Turkish İ,
// Greek Σ (final ς at the end of a word), letters newer than DuckDB's Unicode (Garay, Kirat Rai,
// Tulu-Tigalari and Gurung Khema sequences NFC composes), beside text SQL reads alike.
const WORDS = [
  'İSTANBUL',
  'İzmir',
  'ΟΔΟΣ',
  'ΣΟΦΙΑ',
  'Σ',
  'ς',
  'σοφός',
  '\u{10D50}\u{10D70}',
  '\u{16D63}\u{16D67}',
  '\u{113C2}\u{113C9}',
  '\u{1611E}\u{1611E}',
  '\uA7CB\uA7DC',
  'Café',
  'Cafe\u0301',
  '台湾',
  'Москва',
  'مرحبا',
  '👩‍👩‍👧‍👦',
  '\uFFFD',
  '#Tag',
  '@Anna',
  'https://t.co/x',
  'news',
  'PART',
];
const SEPARATORS = [' ', '  ', '\u3000', '\u200b', '\n', '\u00a0', ', ', '"'];
const realText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;

describe('bulk and row-by-row ingest of native posts', () => {
  it('normalize real-looking text alike, row by row (fast-check; İ, Σ, new letters)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(realText, { minLength: 1, maxLength: 25 }), async (texts) => {
        const lines = texts.map((t, i) => `p${i},a${i % 3},${1677633300 + i},${csvCell(t)}`);
        const file = fileWith(
          'posts.csv',
          `post_id,account_id,created_at,text\n${lines.join('\n')}\n`,
        );
        await loadBothWays(file, { read: texts.length, rejected: 0 });
      }),
      { numRuns: 12, seed: 25 },
    );
  });

  it('normalize Turkish İ, final sigma and letters newer than DuckDB as JS does', async () => {
    const file = fileWith(
      'posts.csv',
      'post_id,account_id,created_at,text\np1,a1,1677633300,İSTANBUL ΟΔΟΣ\np2,a1,1677633301,\u{113C2}\u{113C9} Hello\np3,a1,1677633302,Plain  TEXT\n',
    );
    const posts = await loadBothWays(file, { read: 3, loaded: 3 });
    expect(posts.map((p) => p.text_norm)).toEqual([
      'i\u0307stanbul οδος',
      '\u{113C8} hello',
      'plain text',
    ]);
  });

  it('produce the same rows, normalized text, canonical URLs and folded tags included', async () => {
    const file = fileWith('posts.csv', CLEAN);
    const a = await loadBothWays(file, { read: 4, loaded: 4, rejected: 0 });
    expect(a[0]).toMatchObject({
      post_id: 'p3',
      text_norm: '台湾是中国的一部分',
      urls: ['https://example.cn/x'],
      hashtags: ['台湾'],
    });
    expect(a.find((r) => r.post_id === 'p1')).toMatchObject({
      platform: 'x',
      created_at: '2023-03-01 01:15:00+00',
      text_norm: 'taiwan is part of china https://t.co/x',
      urls: ['https://news.example/a?a=1&b=2', 'https://bit.ly/3x'],
      domains: ['news.example', 'bit.ly'],
      short_urls: ['https://bit.ly/3x'],
      hashtags: ['taiwan', 'china'],
      mentions: ['anna'],
      media: ['abc123'],
      shares: '5',
    });
  });

  it('load a file whose text holds U+FFFD in bulk, alike (it is text)', async () => {
    const file = fileWith(
      'posts.csv',
      `${CLEAN}x,p5,a\uFFFD5,1677633301,post,"lost \uFFFD\uFFFD char",en,,,,,,\n`,
    );
    const a = await loadBothWays(file, { read: 5, loaded: 5, rejected: 0 });
    expect(a.find((r) => r.post_id === 'p5')).toMatchObject({
      account_id: 'a\uFFFD5',
      text: 'lost \uFFFD\uFFFD char',
    });
  });

  it('load gzip and zstd posts files in bulk (DuckDB decompresses them), alike', async () => {
    const gz = fileWith('posts.csv.gz', '');
    writeFileSync(gz, gzipSync(CLEAN));
    const zst = fixture('compressed/posts.csv.zst'); // CLEAN, by the zstd command line tool
    const plain = await loadBothWays(fileWith('posts.csv', CLEAN), { read: 4, loaded: 4 });
    expect(await loadBothWays(gz, { read: 4, loaded: 4 })).toEqual(plain);
    expect(await loadBothWays(zst, { read: 4, loaded: 4 })).toEqual(plain);
  });

  it('load a file with a few of the columns, and a second ingest as duplicates, alike', async () => {
    const file = fileWith(
      'posts.csv',
      'post_id,account_id,created_at,text\n p1 , a1 ,1677633300,Hello  World\np2,a2,2023-03-01T01:16:00Z,\n',
    );
    for (const bulk of [true, false]) {
      const first = await ingestInto([file], { bulk });
      const again = await ingestInto([file], { bulk }, first.store);
      try {
        expect(first.summary.files[0]).toMatchObject({
          read: 2,
          loaded: 2,
          duplicates: 0,
          mode: bulk ? 'bulk' : 'rows',
        });
        expect(again.summary.files[0]).toMatchObject({ read: 2, loaded: 0, duplicates: 2 });
        expect(await queryRows(first.store, ROW)).toMatchObject([
          { platform: 'unknown', post_id: 'p1', account_id: 'a1', kind: 'post' },
          { platform: 'unknown', post_id: 'p2', text: null, urls: [], hashtags: [] },
        ]);
      } finally {
        first.store.close();
      }
    }
    await loadBothWays(file, { read: 2, loaded: 2 });
  });

  it('load a CooRTweet file alike, padded cells and a content id sharing two objects included', async () => {
    const file = fileWith(
      'shares.csv',
      'object_id,account_id,content_id,timestamp_share\no1,u1,c1,1700726300\n o2 ,u2 , c1 ,1700726301\no1,u3,c3,1700726360\n',
    );
    const a = await loadBothWays(file, { read: 3, loaded: 3 });
    expect(a.map((r) => [r.post_id, r.account_id, r.kind, r.shared_post_id])).toEqual([
      ['c1@o1', 'u1', 'share', 'o1'],
      ['c1@o2', 'u2', 'share', 'o2'],
      ['c3@o1', 'u3', 'share', 'o1'],
    ]);
  });

  it('trim cells padded with tabs, no-break and ideographic spaces, and quoted line breaks alike', async () => {
    const native = fileWith(
      'posts.csv',
      'post_id,account_id,created_at,text,hashtags\n' +
        'p1\t,\u00a0a1,1677633300\u3000,"\nHello  World\r\n",\t#Tag\n' +
        '\u2003p2,a2\u202f,2023-03-01T01:16:00Z,\u3000\u3000,\n' +
        'p3,a3,1677633301,"\t",\n',
    );
    const shares = fileWith(
      'shares.csv',
      'object_id,account_id,content_id,timestamp_share\no1\t,\u00a0u1,c1\u3000,1700726300\n',
    );
    const a = await loadBothWays(native, { rejected: 0 });
    expect(a.map((r) => [r.post_id, r.account_id, r.text, r.hashtags])).toEqual([
      ['p1', 'a1', 'Hello  World', ['tag']],
      ['p2', 'a2', null, []],
      ['p3', 'a3', null, []],
    ]);
    const b = await loadBothWays(shares, { rejected: 0 });
    expect(b.map((r) => [r.post_id, r.account_id])).toEqual([['c1@o1', 'u1']]);
  });

  it('load list items with a tab or line break inside alike (staged as spaces)', async () => {
    const file = fileWith(
      'posts.csv',
      'post_id,account_id,created_at,hashtags,mentions\np1,a1,1677633300,"#a\tb|#c\nd",@x\ty\n',
    );
    const a = await loadBothWays(file, { rejected: 0 });
    expect(a.map((r) => [r.hashtags, r.mentions])).toEqual([[['a b', 'c d'], ['x y']]]);
  });

  it('falls back to row-by-row reading for a CooRTweet file with a bad row, losing none', async () => {
    const file = fileWith(
      'shares.csv',
      'object_id,account_id,content_id,timestamp_share\no1,u1,c1,1700726300\no1,u2,c2,yesterday\no1,,c3,1700726301\no2,u4,c4,1700726302\n',
    );
    const { summary, rejects, store } = await ingestInto([file]);
    try {
      expect(summary.files[0]).toMatchObject({ read: 4, loaded: 2, rejected: 2, mode: 'rows' });
      expect(rejects.map((r) => r.slice(1, 3))).toEqual([
        ['3', 'timestamp_share'],
        ['4', 'account_id'],
      ]);
      expect(rejects[0]?.[3]).toMatch(/yesterday/);
      expect(rejects[1]?.[3]).toMatch(/missing account_id/);
      expect(await queryRows(store, 'SELECT post_id FROM posts ORDER BY 1')).toEqual([
        { post_id: 'c1@o1' },
        { post_id: 'c4@o2' },
      ]);
    } finally {
      store.close();
    }
  });

  it('falls back to row-by-row reading, with exact lines, when one row is bad', async () => {
    const file = fileWith('posts.csv', `${CLEAN}x,p5,a5,not a time,post,hi,en,,,,,,\n`);
    const { summary, rejects, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 5, loaded: 4, rejected: 1, mode: 'rows' });
    expect(rejects[0]?.slice(1, 3)).toEqual(['6', 'created_at']);
    store.close();
  });

  it('falls back to row-by-row reading for bytes that are not UTF-8, rejecting that row only', async () => {
    const file = fileWith('posts.csv', '');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(CLEAN),
        Buffer.from('x,p5,a5,1677633301,post,"bad '),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('",en,,,,,,\n'),
      ]),
    );
    const { summary, rejects, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 5, loaded: 4, rejected: 1, mode: 'rows' });
    expect(rejects[0]?.slice(1, 4)).toEqual([
      '6',
      'text',
      `invalid UTF-8 byte sequence 0xC3 at byte ${Buffer.byteLength(CLEAN) + 29}`,
    ]);
    store.close();
  });
});
