import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { ingestInto } from '../../../test/helpers/ingest-fixture.js';
import { queryRows } from '../../store/index.js';

const HEADER =
  'tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,like_count,reply_count,retweet_count,hashtags,urls,user_mentions';

// Rows as the real archives write them: retweets, replies, quotes; python-list cells, empty ones
// (tags then come from the text), tags that fold to nothing; a repeated tweet id (the first
// wins); a renamed account, seen at several times; counts with thousands commas; text with a
// no-break space, an invisible mark and Cyrillic; a profile field with a trailing space.
const ROWS = [
  '1,u1,Anna,anna_k,"Austin, TX",patriot ,"1,200",80,2016-03-01,en,en,"Big news! https://t.co/abc #Election2020",2020-10-01 14:05,Twitter Web App,,,,False,,,5,1,2,[\'Election2020\'],[\'https://www.Example.com/story?utm_source=tw&id=7\'],[]',
  '2,u2,Bob,bob_r,Ohio,,45,90,2017-05-02,en,en,"RT @anna_k: Big news!",2020-10-01 14:06,Twitter for Android,,,,True,u1,1,0,0,0,[],[],[\'u1\']',
  '3,u3,Вера,vera,,,,,2015-01-01 10:20,ru,ru,"Новости\u00a0дня\u200b #Выборы @anna_k",2020-10-01 14:07:30,,u1,1,,false,,,,,,[],[],[]',
  '4,u1,Anna K.,anna_k2,"Austin, TX",patriot,"1,300",81,2016-03-01,en,en,"Quote this https://bit.ly/x1",2020-10-02 09:00,Twitter Web App,,,2,FALSE,,,0,0,0,[\'#\'],"[\'https://bit.ly/x1\', \'http://example.com/a\']",[]',
  '1,u1,Anna,anna_k,,,,,,,en,"a repeat of tweet 1",2020-10-03 10:00,,,,,False,,,,,,[],[],[]',
  '5,u2,Bob,bob_r,Ohio,,46,90,2017-05-02,en,und,"  spaced   out text  ",2020-10-03 11:00,,,,,yes,u3,3,,,,[],[],[]',
];

async function tables(paths: string[], bulk: boolean) {
  const { store, summary } = await ingestInto(paths, { timezone: 'UTC', bulk });
  try {
    const out: Record<string, unknown[]> = { mode: summary.files.map((f) => f.mode) };
    for (const [table, skip] of [
      ['posts', 'run_id'],
      ['accounts', 'platform'],
      ['account_names', 'platform'],
    ] as const)
      out[table] = await queryRows(store, `SELECT * EXCLUDE (${skip}) FROM ${table} ORDER BY ALL`);
    out.counts = summary.files.map((f) => [f.read, f.loaded, f.rejected, f.duplicates]);
    return out;
  } finally {
    store.close();
  }
}

describe('x-archive tweets in bulk', () => {
  it('loads a clean tweets file inside DuckDB to the same case as the row path, plain or gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-xab-'));
    const plain = join(dir, 'tweets.csv');
    writeFileSync(plain, [HEADER, ...ROWS].join('\n') + '\n');
    const gz = join(dir, 'tweets.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from([HEADER, ...ROWS].join('\n') + '\n')));
    const rows = await tables([plain], false);
    expect(rows.mode).toEqual(['rows']);
    expect(rows.counts).toEqual([[6, 5, 0, 1]]);
    for (const path of [plain, gz]) {
      const bulk = await tables([path], true);
      expect(bulk.mode).toEqual(['bulk']);
      expect({ ...bulk, mode: null }).toEqual({ ...rows, mode: null });
    }
    // The things the bulk path must get right, spelled out.
    const posts = rows.posts as Record<string, unknown>[];
    expect(posts.map((p) => [p.post_id, p.kind, p.shared_post_id, p.parent_post_id])).toEqual([
      ['1', 'post', null, null],
      ['2', 'share', '1', null],
      ['3', 'reply', null, '1'],
      ['4', 'quote', '2', null],
      ['5', 'share', '3', null],
    ]);
    expect(posts[2]).toMatchObject({ hashtags: ['выборы'], mentions: ['anna_k'] });
    expect(posts[3]).toMatchObject({ hashtags: [], domains: ['bit.ly', 'example.com'] });
    expect(posts[4]).toMatchObject({ text: 'spaced   out text', text_norm: 'spaced out text' });
    expect(rows.accounts).toContainEqual(
      expect.objectContaining({ account_id: 'u1', handle: 'anna_k', followers: '1300' }),
    );
  });

  it('reads texts as the row path does where SQL and JS differ: İ, final Σ, NFKC tags, white space, tag boundaries', async () => {
    const texts = [
      'İstanbul #İZMİR ΣΟΦΙΑΣ σοφιας',
      '#ＴＡＧ ＃tag x² #x² #ﬁne',
      'plain #Tag #tag #TAG @Bob @bob ＠carol',
      'line\nbreak\t\ttabs  and\u00a0nbsp \u200b zero width ',
      '#a#b x#c &#d /#e _#f #g_h #1 #١٢',
      '@a.b @c@d e@f @g_h @' + 'x'.repeat(60),
      '\u200b',
      'Новости #Выборы @Ivan_1 #ВЫБОРЫ',
      '#Ⅻ #ｈｅｌｌｏ #한국 #한국',
    ];
    const rows = texts.map(
      (text, i) =>
        `${100 + i},u${i % 3},N,n${i % 3},,,,,,,en,"${text.replace(/"/g, '""')}",2020-10-01 14:0${i},,,,,False,,,,,,[],[],[]`,
    );
    // A listed tag cell wins over the text; an empty text reads no tags.
    rows.push(
      `200,u1,N,n1,,,,,,,en,"text #bar @baz",2020-10-02 10:00,,,,,False,,,,,,"['Foo', 'foo']",[],"['Qux']"`,
      `201,u1,N,n1,,,,,,,en,,2020-10-02 10:01,,,,,False,,,,,,[],[],[]`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'unmask-xab-'));
    const path = join(dir, 'tweets.csv');
    writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
    const byRow = await tables([path], false);
    const bulk = await tables([path], true);
    expect(bulk.mode).toEqual(['bulk']);
    expect({ ...bulk, mode: null }).toEqual({ ...byRow, mode: null });
    const posts = byRow.posts as Record<string, unknown>[];
    const post = (id: string) => posts.find((p) => p.post_id === id)!;
    expect(post('100').text_norm).toBe(texts[0]!.toLowerCase()); // i̇ (two code points), final ς
    expect(post('101')).toMatchObject({ hashtags: ['tag', 'x2', 'fine'] });
    expect(post('102')).toMatchObject({ hashtags: ['tag'], mentions: ['bob', 'carol'] });
    expect(post('103')).toMatchObject({ text_norm: 'line break tabs and nbsp zero width' });
    expect(post('104')).toMatchObject({ hashtags: ['a', 'g_h', '1', '١٢'] });
    expect(post('106')).toMatchObject({ text_norm: null });
    expect(post('200')).toMatchObject({ hashtags: ['foo'], mentions: ['qux'] });
    expect(post('201')).toMatchObject({ hashtags: [], mentions: [] });
  });

  it("takes the later row's profile when an account's tweets share a minute, both ways", async () => {
    const rows = [0, 1, 2].map(
      (i) =>
        `${300 + i},u9,Name ${i},h${i},,,${10 + i},,,,en,"t${i}",2024-05-01 12:00,,,,,False,,,,,,[],[],[]`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'unmask-xab-'));
    const path = join(dir, 'tweets.csv');
    writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
    for (const bulk of [false, true]) {
      const { accounts } = await tables([path], bulk);
      expect(accounts).toEqual([
        expect.objectContaining({ handle: 'h2', display_name: 'Name 2', followers: '12' }),
      ]);
    }
  });

  it('leaves a file with a row of too many fields to the row path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-xab-'));
    const path = join(dir, 'tweets.csv');
    writeFileSync(path, [HEADER, ROWS[0], `${ROWS[1]},extra`, ROWS[2]].join('\n') + '\n');
    const { store, summary } = await ingestInto([path], { timezone: 'UTC' });
    try {
      expect(summary.files.map((f) => [f.mode, f.read])).toEqual([['rows', 3]]);
    } finally {
      store.close();
    }
  });

  it('sends a file with a row it cannot read the same way to the row path, which rejects that line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-xab-'));
    const path = join(dir, 'tweets.csv');
    const bad = ROWS[1]!.replace('2020-10-01 14:06', '01/10/2020 14:06');
    writeFileSync(path, [HEADER, ROWS[0], bad, ROWS[2]].join('\n') + '\n');
    const { store, summary, rejects } = await ingestInto([path], { timezone: 'UTC' });
    try {
      expect(summary.files.map((f) => [f.mode, f.read, f.loaded, f.rejected])).toEqual([
        ['rows', 3, 2, 1],
      ]);
      expect(rejects[0]?.[1]).toBe('3');
    } finally {
      store.close();
    }
  });
});
