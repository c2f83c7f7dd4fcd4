// Bad input: each kind gets a clear error naming file, line and reason, and no row is lost.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InputError, NotFoundError } from '../src/core/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import { fixture, ingestInto } from './helpers/ingest-fixture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'unmask-bad-'));

describe('ingestFiles on bad input', () => {
  it('fails with NotFoundError naming a missing file', async () => {
    await expect(ingestInto(['/no/such/export.csv'])).rejects.toThrow(NotFoundError);
    await expect(ingestInto(['/no/such/export.csv'])).rejects.toThrow(
      /no\/such\/export\.csv: no such file/,
    );
  });

  it('fails with InputError for an unknown format, naming the file and the header it saw', async () => {
    await expect(ingestInto([fixture('malformed/unknown.txt')])).rejects.toThrow(InputError);
    await expect(ingestInto([fixture('malformed/unknown.txt')])).rejects.toThrow(
      /unknown\.txt: line 1: cannot recognize the export format \(header: just some words\)/,
    );
  });

  it('fails with InputError when a named format lacks its columns', async () => {
    await expect(
      ingestInto([fixture('coortweet/shares.csv')], { format: 'x-archive' }),
    ).rejects.toThrow(/shares\.csv: line 1: missing column 'userid' required by format x-archive/);
  });

  it('reads a byte-order mark and CRLF line ends', async () => {
    const { summary, store } = await ingestInto([fixture('malformed/bom-crlf.csv')]);
    expect(summary.files[0]).toMatchObject({
      format: 'coortweet',
      read: 1,
      loaded: 1,
      rejected: 0,
    });
    expect(await queryRows(store, 'SELECT post_id, account_id, shared_post_id FROM posts')).toEqual(
      [{ post_id: 'c1@o1', account_id: 'a1', shared_post_id: 'o1' }],
    );
    store.close();
  });

  it('detects a semicolon delimiter and says which it used', async () => {
    const { summary, store } = await ingestInto([fixture('malformed/semicolon.csv')]);
    expect(summary.files[0]).toMatchObject({ format: 'coortweet', read: 2, loaded: 2 });
    store.close();
  });

  it('rejects rows split by the wrong delimiter with a hint', async () => {
    const dir = tmp();
    const file = join(dir, 'mixed.csv');
    writeFileSync(
      file,
      'object_id,account_id,content_id,timestamp_share\no1,a1,c1,1610000000\no2;a2;c2;1610000100\n',
    );
    const { summary, rejects, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(rejects[0]?.slice(1, 4)).toEqual([
      '3',
      '',
      "expected 4 fields, found 1 (wrong delimiter? expected ',')",
    ]);
    store.close();
  });

  it('rejects the row with invalid UTF-8, naming its line, field, bytes and byte offset', async () => {
    const { summary, rejects, store } = await ingestInto([fixture('malformed/invalid-utf8.csv')]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(rejects[0]?.slice(1, 4)).toEqual([
      '3',
      'account_id',
      'invalid UTF-8 byte sequence 0xFF 0xFE at byte 72',
    ]);
    store.close();
  });

  it('loads valid UTF-8 whatever it holds: U+FFFD, emoji ZWJ sequences, RTL marks, astral characters', async () => {
    const texts = ['caf\uFFFD \uFFFD\uFFFD', '👩‍👩‍👧‍👦 🏳️‍🌈', '\u200Fمرحبا\u200E ok', '𝕏 𠜎'];
    for (const name of ['posts.csv', 'posts.jsonl']) {
      const file = join(tmp(), name);
      writeFileSync(
        file,
        name.endsWith('.csv')
          ? `post_id,account_id,created_at,text\n${texts.map((t, i) => `p${i},a1,2023-01-01T00:00:0${i}Z,"${t}"`).join('\n')}\n`
          : texts
              .map((t, i) =>
                JSON.stringify({
                  post_id: `p${i}`,
                  account_id: 'a1',
                  created_at: `2023-01-01T00:00:0${i}Z`,
                  text: t,
                }),
              )
              .join('\n'),
      );
      // bulk: false reads row by row, where the check for invalid bytes is ours, not DuckDB's.
      const { summary, store } = await ingestInto([file], { bulk: false });
      expect(summary.files[0]).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
      expect(
        (await queryRows(store, 'SELECT text FROM posts ORDER BY post_id')).map((r) => r.text),
      ).toEqual(texts);
      store.close();
    }
  });

  it('rejects a broken byte sequence planted among U+FFFD rows with its line and byte offset', async () => {
    const file = join(tmp(), 'planted.jsonl');
    const good = (i: number) =>
      Buffer.from(
        `${JSON.stringify({ post_id: `p${i}`, account_id: 'a1', created_at: '2023-01-01T00:00:00Z', text: `x\uFFFD${i}` })}\n`,
      );
    const bad = Buffer.concat([
      Buffer.from('{"post_id":"p9","account_id":"a1","text":"'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"}\n'),
    ]);
    const before = Buffer.concat([good(1), good(2), good(3)]);
    writeFileSync(file, Buffer.concat([before, bad, good(4)]));
    const { summary, rejects, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 5, loaded: 4, rejected: 1 });
    expect(rejects[0]?.slice(1, 4)).toEqual([
      '4',
      '',
      `invalid UTF-8 byte sequence 0xE2 0x82 at byte ${before.length + 42}`,
    ]);
    store.close();
  });

  it('rejects the unterminated last row of a truncated file and keeps the rest', async () => {
    const { summary, rejects, store } = await ingestInto([fixture('malformed/truncated.csv')]);
    expect(summary.files[0]).toMatchObject({ format: 'native', read: 2, loaded: 1, rejected: 1 });
    expect(rejects[0]?.[1]).toBe('3');
    expect(rejects[0]?.[3]).toMatch(/unterminated quoted field at end of file/);
    store.close();
  });

  it('rejects a huge field without holding the file in memory, and loads the next rows', async () => {
    const dir = tmp();
    const file = join(dir, 'huge.csv');
    writeFileSync(
      file,
      `post_id,account_id,created_at,text\np1,a1,2023-01-01T00:00:00Z,"${'x'.repeat(5 << 20)}"\np2,a1,2023-01-01T00:00:01Z,fine\n`,
    );
    const { summary, rejects, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(rejects[0]?.[1]).toBe('2');
    expect(rejects[0]?.[3]).toMatch(/record longer than/);
    store.close();
  });

  it('loads an X-archive row with a 3 MB display name (longer than DuckDB reads by default)', async () => {
    const [header, first, second] = readFileSync(fixture('x-archive/tweets.csv'), 'utf8').split(
      '\n',
    );
    const name = 'A'.repeat(3_000_000);
    const file = join(tmp(), 'tweets.csv');
    writeFileSync(file, `${header}\n${first!.replace(',Anna,', `,"${name}",`)}\n${second}\n`);
    const { summary, store } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(
      await queryRows(
        store,
        "SELECT length(display_name) AS n FROM accounts WHERE account_id = 'u1'",
      ),
    ).toEqual([{ n: '3000000' }]);
    store.close();
  });

  it('reads naive timestamps in the zone named by --timezone', async () => {
    const { summary, store } = await ingestInto([fixture('native/posts.csv')], {
      timezone: 'Asia/Shanghai',
    });
    expect(summary.files[0]).toMatchObject({ loaded: 4, rejected: 1 });
    expect(await queryRows(store, "SELECT created_at FROM posts WHERE post_id = 'p3'")).toEqual([
      { created_at: '2023-02-28 17:17:00+00' },
    ]);
    store.close();
  });

  it('refuses an invalid --timezone', async () => {
    await expect(
      ingestInto([fixture('native/posts.csv')], { timezone: 'Mars/Olympus' }),
    ).rejects.toThrow(/--timezone: 'Mars\/Olympus' is not an IANA time zone/);
  });

  it('rejects the JSON element whose text holds invalid UTF-8 and loads the one with U+FFFD (Telegram, Meta)', async () => {
    const bad = Buffer.from([0xff, 0xfe]);
    const telegram = join(tmp(), 'result.json');
    const message = (id: number, text: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `{"id": ${id}, "type": "message", "date_unixtime": "1672567500", "from_id": "user${id}", "text": "`,
        ),
        text,
        Buffer.from('"}'),
      ]);
    writeFileSync(
      telegram,
      Buffer.concat([
        Buffer.from('{"name": "Chat", "type": "public_channel", "id": 42, "messages": ['),
        message(1, Buffer.from('lost \uFFFD char')),
        Buffer.from(', '),
        message(2, Buffer.concat([Buffer.from('broken '), bad])),
        Buffer.from(']}'),
      ]),
    );
    const t = await ingestInto([telegram]);
    expect(t.summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(t.rejects[0]?.slice(1, 4)).toEqual([
      '2',
      'messages[1]',
      'invalid UTF-8 byte sequence 0xFF 0xFE',
    ]);
    expect(await queryRows(t.store, 'SELECT text FROM posts')).toEqual([
      { text: 'lost \uFFFD char' },
    ]);
    t.store.close();
    const meta = join(tmp(), 'network.json');
    writeFileSync(
      meta,
      Buffer.concat([
        Buffer.from(
          '[{"indicator_type": "domain_name", "indicator_value": "a\uFFFD[.]example"}, {"indicator_type": "domain_name", "indicator_value": "b',
        ),
        bad,
        Buffer.from('[.]example"}]'),
      ]),
    );
    const m = await ingestInto([meta]);
    expect(m.summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(m.rejects[0]?.slice(1, 4)).toEqual(['2', '', 'invalid UTF-8 byte sequence 0xFF 0xFE']);
    m.store.close();
  });

  it('fails with InputError for a Telegram chat name holding a raw control character', async () => {
    const file = join(tmp(), 'result.json');
    writeFileSync(
      file,
      '{"name": "Chat\u0001name", "type": "public_channel", "id": 42, "messages": []}',
    );
    await expect(ingestInto([file])).rejects.toThrow(
      /result\.json: field 'name': invalid JSON string/,
    );
  });

  it('rejects a broken JSON file with the byte where it broke', async () => {
    const dir = tmp();
    const file = join(dir, 'broken.json');
    writeFileSync(
      file,
      '[{"indicator_type": "domain_name", "indicator_value": "a[.]com"}, {"indicator_',
    );
    await expect(ingestInto([file], { format: 'meta-ioc' })).rejects.toThrow(
      /broken\.json: invalid JSON near byte/,
    );
  });
});

describe('native Parquet', () => {
  it('loads rows written by DuckDB and rejects bad ones with their row number', async () => {
    const dir = tmp();
    const file = join(dir, 'posts.parquet');
    const store = await openStore(':memory:');
    await store.connection.run(`COPY (SELECT * FROM (VALUES
        ('x', 'p1', 'a1', TIMESTAMPTZ '2023-01-01 00:00:00+00', 'post', 'hello', ['https://Example.com/?utm_source=1']),
        ('x', 'p2', 'a2', NULL, 'post', 'no time', []::VARCHAR[])
      ) t(platform, post_id, account_id, created_at, kind, text, urls)) TO '${file}' (FORMAT parquet)`);
    store.close();
    const { summary, rejects, store: s } = await ingestInto([file]);
    expect(summary.files[0]).toMatchObject({ format: 'native', read: 2, loaded: 1, rejected: 1 });
    expect(rejects[0]?.slice(1, 4)).toEqual(['2', 'created_at', 'missing created_at']);
    expect(await queryRows(s, 'SELECT post_id, created_at, urls FROM posts')).toEqual([
      { post_id: 'p1', created_at: '2023-01-01 00:00:00+00', urls: ['https://example.com'] },
    ]);
    s.close();
  });
});
