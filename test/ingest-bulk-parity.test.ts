// The bulk (DuckDB) and row-by-row (JS) paths load a native posts file into identical rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { queryRows } from '../src/store/index.js';
import { ingestInto } from './helpers/ingest-fixture.js';

const CLEAN = `platform,post_id,account_id,created_at,kind,text,language,urls,hashtags,mentions,media,shared_post_id,shares
X,p1,a1,2023-03-01T09:15:00+08:00,post,"Taiwan  is\u200b PART of China\u3000 https://t.co/x",en,https://WWW.News.example/a/?utm_source=x&b=2&a=1|https://bit.ly/3x,#Taiwan|＃China,@Anna,abc123,,5
x,p2,a2,1677633300,share,"Café  au lait",fr,,,,,p1,
facebook,p3,a3,2023-03-01T01:16:00Z,comment,"台湾是中国的一部分",zh,['https://example.cn/x?fbclid=1'],['台湾'],[],[],,0
youtube,p4,a4,1677633300000,reply,"Bore da, mae'r newyddion yn bwysig",cy,,,,,,
`;

const ROW = `SELECT * EXCLUDE (run_id) FROM posts ORDER BY platform, post_id`;

describe('bulk and row-by-row ingest of native posts', () => {
  it('produce the same rows, normalized text, canonical URLs and folded tags included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-parity-'));
    const file = join(dir, 'posts.csv');
    writeFileSync(file, CLEAN);
    const bulk = await ingestInto([file]);
    const rows = await ingestInto([file], { bulk: false });
    try {
      expect(bulk.summary.files[0]).toMatchObject({
        read: 4,
        loaded: 4,
        rejected: 0,
        mode: 'bulk',
      });
      expect(rows.summary.files[0]).toMatchObject({
        read: 4,
        loaded: 4,
        rejected: 0,
        mode: 'rows',
      });
      const a = await queryRows(bulk.store, ROW);
      expect(a).toEqual(await queryRows(rows.store, ROW));
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
    } finally {
      bulk.store.close();
      rows.store.close();
    }
  });

  it('falls back to row-by-row reading, with exact lines, when one row is bad', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-parity-'));
    const file = join(dir, 'posts.csv');
    writeFileSync(file, `${CLEAN}x,p5,a5,not a time,post,hi,en,,,,,,\n`);
    const { summary, rejects, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 5, loaded: 4, rejected: 1, mode: 'rows' });
    expect(rejects[0]?.slice(1, 3)).toEqual(['6', 'created_at']);
    store.close();
  });
});
