// The Bluesky bulk path (DuckDB, with the row path's code for the lines SQL leaves) and the row
// path (JSON.parse, eventItem per line) load the same case and write the same rejects.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  fileWith,
  loadBothWays as bothWays,
  TEXT_PIECES,
} from '../../../test/helpers/bulk-both-ways.js';
import { fixture, ingestInto, sampleOf } from '../../../test/helpers/ingest-fixture.js';
import { openStore, queryRows } from '../../store/index.js';
import type { LineReject } from './bulk.sql.js';
import { bulkLoadBluesky } from './bulk.sql.js';

const loadBothWays = (file: string, counts: Record<string, number>) =>
  bothWays(file, 'bluesky', counts);

// The fixture's lines: 1 an identity, 2–7 posts, a repost, a like, a reply and quotes, 8 a follow,
// 9 a profile, 10 a delete, 11 an account event, 12 a block, 13 a post without createdAt, 14 cut
// short (not JSON), 15 a repeat of 2, 16 an old-style (`type: com`) post.
const LINES = readFileSync(fixture('bluesky', 'jetstream.jsonl'), 'utf8').trimEnd().split('\n');
const POST = JSON.parse(LINES[1]!) as { commit: { record: Record<string, unknown> } };
const WITHOUT_BROKEN = [...LINES.slice(0, 13), ...LINES.slice(14)];

/** Loads `file` by the bulk path alone: its outcome (with the lines the row path's code read). */
async function bulkOutcome(file: string) {
  const store = await openStore(':memory:');
  const rejects: LineReject[] = [];
  try {
    const sample = await sampleOf(file);
    const context = { platform: null, timezone: null, onProgress: () => {} };
    const compression = file.endsWith('.gz') ? 'gzip' : 'none';
    const args = { sample, compression, context, runId: 1, startedAt: 0 } as const;
    return { outcome: await bulkLoadBluesky(store, args, (r) => rejects.push(r)), rejects };
  } finally {
    store.close();
  }
}

describe('bluesky bulk path', () => {
  it('maps the feed records in SQL and reads only the other lines with the row path’s code', async () => {
    const feed = [1, 2, 3, 4, 5, 6, 14, 15].map((i) => LINES[i]!).join('\n');
    const clean = await bulkOutcome(fileWith('feed.jsonl', `${feed}\n`));
    expect(clean.outcome).toMatchObject({ mode: 'bulk', read: 8, loaded: 7, byRowCode: 0 });
    // The post without a time (the identity, profile, follow, delete, account event and block are
    // mapped in SQL).
    const all = await bulkOutcome(fileWith('capture.jsonl', `${WITHOUT_BROKEN.join('\n')}\n`));
    expect(all.outcome).toMatchObject({ mode: 'bulk', read: 15, rejected: 4, byRowCode: 1 });
    expect(all.rejects.map((r) => r.line)).toEqual([10, 11, 12, 13]);
  });

  it('names each reject’s own line in a file DuckDB reads with several threads', async () => {
    // 56 MB (16,000 lines padded to 3.5 kB): DuckDB reads it in parallel, and the table's rowid
    // (the old rank) named other lines than the rejects' own from about 16 MB on.
    const pad = 'x'.repeat(3000);
    const lines = Array.from({ length: 16_000 }, (_, i) => {
      const event = JSON.parse(WITHOUT_BROKEN[i % WITHOUT_BROKEN.length]!) as {
        commit?: { rkey?: string };
      };
      if (event.commit) event.commit.rkey = `k${i}`;
      return JSON.stringify({ ...event, pad });
    });
    const { outcome, rejects } = await bulkOutcome(fileWith('big.jsonl', `${lines.join('\n')}\n`));
    expect(outcome).toMatchObject({ mode: 'bulk', read: 16_000 });
    expect(rejects.length).toBeGreaterThan(4000);
    const misplaced = rejects.filter((r) => !lines[r.line - 1]!.startsWith(r.raw.slice(0, 400)));
    expect(misplaced.map((r) => r.line)).toEqual([]);
  });

  it('loads a capture as the row path does: feed records in SQL, the other lines by the row path, rejects with their lines', async () => {
    // Blank lines (also white space only and CRLF) move the line numbers of the rejects after them.
    const content = `${WITHOUT_BROKEN.slice(0, 5).join('\n')}\n\n  \t\n${WITHOUT_BROKEN.slice(5).join('\r\n')}\n`;
    const posts = await loadBothWays(fileWith('capture.jsonl', content), {
      read: 15,
      loaded: 10,
      rejected: 4,
      duplicates: 1,
    });
    expect(posts.map((p) => p.kind).sort()).toEqual(
      ['post', 'post', 'quote', 'quote', 'reaction', 'reply', 'share'].sort(),
    );
    const { rejects, store } = await ingestInto([fileWith('capture.jsonl', content)], {
      format: 'bluesky',
    });
    store.close();
    expect(rejects.map((r) => r[1])).toEqual(['12', '13', '14', '15']);
  });

  it('loads a second, overlapping capture into the same case: its posts already there are duplicates', async () => {
    // The first into an empty case (the merge skips its test against the case's posts), the second
    // into one that has posts; the row path gives the same counts and case.
    const first = fileWith('first.jsonl', `${[1, 2, 3, 14].map((i) => LINES[i]!).join('\n')}\n`);
    const second = fileWith(
      'second.jsonl',
      `${[2, 3, 4, 5, 6].map((i) => LINES[i]!).join('\n')}\n`,
    );
    const bulk = await ingestInto([first, second], { format: 'bluesky' });
    const rows = await ingestInto([first, second], { format: 'bluesky', bulk: false });
    try {
      const counts = (r: typeof bulk) =>
        r.summary.files.map(({ mode, read, loaded, rejected, duplicates }) => ({
          mode,
          read,
          loaded,
          rejected,
          duplicates,
        }));
      expect(counts(bulk)).toEqual([
        { mode: 'bulk', read: 4, loaded: 3, rejected: 0, duplicates: 1 },
        { mode: 'bulk', read: 5, loaded: 3, rejected: 0, duplicates: 2 },
      ]);
      expect(counts(rows)).toEqual(counts(bulk).map((c) => ({ ...c, mode: 'rows' })));
      for (const sql of [
        'SELECT * FROM posts ORDER BY ALL',
        'SELECT * FROM accounts ORDER BY ALL',
        'SELECT file, rows_read, loaded, rejected, duplicates FROM ingest_runs ORDER BY run_id',
      ])
        expect(await queryRows(bulk.store, sql)).toEqual(await queryRows(rows.store, sql));
    } finally {
      bulk.store.close();
      rows.store.close();
    }
  });

  it('numbers the lines of a file without a last line break, with or without a blank line', async () => {
    // Its size alone cannot tell a blank line from a last line break: the last byte does.
    for (const [content, lines] of [
      [`${LINES[9]}\n${LINES[10]}`, [1, 2]],
      [`${LINES[9]}\n\n${LINES[10]}`, [1, 3]],
      [`${LINES[9]}\n${LINES[10]}\n\n`, [1, 2]],
    ] as const) {
      const file = fileWith('events.jsonl', content);
      await loadBothWays(file, { read: 2, rejected: 2 });
      const { outcome, rejects } = await bulkOutcome(file);
      expect(outcome).toMatchObject({ mode: 'bulk', byRowCode: 0 });
      expect(rejects.map((r) => r.line)).toEqual(lines);
    }
  });

  it('loads a file of feed records only with no line read twice, gzip too', async () => {
    const feed = [1, 2, 3, 4, 5, 6, 14].map((i) => LINES[i]!).join('\n');
    const counts = { read: 7, loaded: 6, rejected: 0, duplicates: 1 };
    await loadBothWays(fileWith('feed.jsonl', `${feed}\n`), counts);
    await loadBothWays(fileWith('feed.jsonl.gz', gzipSync(`${feed}\n`)), counts);
  });

  it('leaves a file with a line that is not JSON to the row path', async () => {
    const { summary, store } = await ingestInto([fixture('bluesky', 'jetstream.jsonl')], {
      format: 'bluesky',
    });
    store.close();
    expect(summary.files[0]).toMatchObject({ read: 16, rejected: 5, mode: 'rows' });
    // DuckDB refuses a lone surrogate (`\ud800`) too; JSON.parse takes it.
    const lone = LINES[1]!.replace('Share before', 'Share \\ud800 before');
    const { summary: s2, store: st2 } = await ingestInto([fileWith('lone.jsonl', `${lone}\n`)], {
      format: 'bluesky',
    });
    st2.close();
    expect(s2.files[0]).toMatchObject({ read: 1, loaded: 1, mode: 'rows' });
  });

  type Change = (r: Record<string, unknown>) => Record<string, unknown>;
  const link = (uri: unknown) => [{ features: [{ $type: 'app.bsky.richtext.facet#link', uri }] }];
  it.each<[string, Change, number]>([
    ['a time with microseconds', (r) => ({ ...r, createdAt: '2024-11-19T21:14:03.211123Z' }), 1],
    ['a time with an offset', (r) => ({ ...r, createdAt: '2024-11-19T23:14:03+02:00' }), 1],
    ['a year before 100', (r) => ({ ...r, createdAt: '0050-11-19T21:14:03Z' }), 1],
    ['an hour 24', (r) => ({ ...r, createdAt: '2024-11-19T24:00:00Z' }), 1],
    ['a number for a text', (r) => ({ ...r, text: 17 }), 1],
    ['a facet link that is an object', (r) => ({ ...r, facets: link({}) }), 1],
    ['a facet link with a tab', (r) => ({ ...r, facets: link('\thttps://a.example/\t') }), 0],
    ['langs that are not all text', (r) => ({ ...r, langs: [1, ' de '] }), 0],
    ['a language with a control character', (r) => ({ ...r, langs: ['d\u0001e'] }), 1],
    ['a NUL character', (r) => ({ ...r, text: 'a\u0000b' }), 1],
    ['no text', (r) => ({ ...r, text: null }), 0],
  ])('loads a post with %s alike, the row path’s code reading only it', async (_, change, n) => {
    const record = change(POST.commit.record);
    const odd = { ...POST, commit: { ...POST.commit, rkey: 'odd', record } };
    const content = [LINES[1], JSON.stringify(odd), LINES[2], LINES[3]].join('\n');
    const file = fileWith('odd.jsonl', `${content}\n`);
    await loadBothWays(file, { read: 4 });
    expect((await bulkOutcome(file)).outcome).toMatchObject({ mode: 'bulk', byRowCode: n });
  });

  type Event = Record<string, unknown> & { commit?: Record<string, unknown> };
  const event = (i: number) => JSON.parse(LINES[i]!) as Event;
  const follow = (subject: unknown, createdAt: unknown = '2024-11-19T21:16:42.000Z') => {
    const e = event(7);
    return { ...e, commit: { ...e.commit, record: { subject, createdAt } } };
  };
  const account = (a: unknown) => ({ ...event(10), account: a });
  it.each<[string, string, number]>([
    ['a follow of a DID with spaces around it', JSON.stringify(follow(' did:plc:abc ')), 0],
    ['a follow of a number', JSON.stringify(follow(17)), 1],
    ['a follow of a DID with a tab in it', JSON.stringify(follow('did:plc:a\tb')), 1],
    ['a follow of nobody', JSON.stringify(follow('')), 1],
    ['a follow without a time', JSON.stringify(follow('did:plc:abc', null)), 1],
    [
      'a follow with a time with an offset',
      JSON.stringify(follow('did:plc:abc', '2024-11-19T23:16:42+02:00')),
      1,
    ],
    [
      'an old-style delete (type com, commit.type d)',
      JSON.stringify({
        ...event(9),
        kind: undefined,
        type: 'com',
        commit: { ...event(9).commit, operation: undefined, type: 'd' },
      }),
      0,
    ],
    [
      'a delete without an rkey',
      JSON.stringify({ ...event(9), commit: { ...event(9).commit, rkey: ' ' } }),
      1,
    ],
    [
      'a delete of a collection with a line break in its name',
      LINES[9]!.replace('app.bsky.feed.post', 'app.bsky\\nfeed.post'),
      0,
    ],
    [
      'a delete of an operation written twice',
      LINES[9]!.replace('"operation":"delete"', '"operation":"create","operation":"delete"'),
      1,
    ],
    ['an account event without an account', JSON.stringify(account(undefined)), 0],
    ['an account event, active', JSON.stringify(account({ active: true })), 0],
    [
      'an account event with texts',
      JSON.stringify(account({ active: ' ', status: ' deactivated ' })),
      0,
    ],
    [
      'an account event with a number',
      JSON.stringify(account({ active: 1, status: 'suspended' })),
      1,
    ],
    [
      'an account event with a status object',
      JSON.stringify(account({ active: false, status: {} })),
      1,
    ],
    [
      'an account event with a line break',
      JSON.stringify(account({ active: false, status: 'a\nb' })),
      1,
    ],
    ['a block of 600 bytes', LINES[11]!.replace('"rkey"', `"pad":"${'x'.repeat(400)}","rkey"`), 1],
    [
      'a block without a time',
      LINES[11]!.replace('"createdAt":"2024-11-19T21:17:20.000Z",', ''),
      1,
    ],
    ['a list item', LINES[11]!.replace(/graph\.block/g, 'graph.listitem'), 0],
    [
      'a like of a URI with spaces around it',
      LINES[3]!.replace('"uri":"at://', '"uri":" \\u00a0at://').replace('2y"}}', '2y\\t"}}'),
      0,
    ],
    ['a like by a DID ending in a no-break space', LINES[3]!.replace('hh"', 'hh\u00a0"'), 0],
    ['a like by a DID with an ideographic space inside', LINES[3]!.replace('hh"', 'h\u3000h"'), 0],
  ])(
    'loads %s alike, the row path’s code reading only what SQL cannot vouch for',
    async (_, line, n) => {
      const content = [LINES[1], line, LINES[2], LINES[3]].join('\n');
      const file = fileWith('odd.jsonl', `${content}\n`);
      await loadBothWays(file, { read: 4 });
      expect((await bulkOutcome(file)).outcome).toMatchObject({ mode: 'bulk', byRowCode: n });
    },
  );

  const identity = (change: (e: Event) => Event) => JSON.stringify(change(event(0)));
  const withIdentity = (i: unknown) => identity((e) => ({ ...e, identity: i }));
  const handle = (h: unknown) =>
    identity((e) => ({ ...e, identity: { ...(e.identity as object), handle: h } }));
  const seenAt = (t: unknown) => identity((e) => ({ ...e, time_us: t }));
  const profile = (record: unknown, operation = 'update') => {
    const e = event(8);
    return JSON.stringify({ ...e, commit: { ...e.commit, operation, record } });
  };
  const names = (displayName: unknown, description: unknown) =>
    profile({ $type: 'app.bsky.actor.profile', displayName, description });
  it.each<[string, string, number]>([
    ['an identity', LINES[0]!, 0],
    ['an identity with a handle with spaces around it', handle(' a.bsky.social\u00a0'), 0],
    ['an identity with a tab in its handle', handle('a\tb.bsky.social'), 0],
    ['an identity with a handle of spaces', handle('  '), 1],
    ['an identity with a number for a handle', handle(17), 1],
    ['an identity without an identity', withIdentity(undefined), 1],
    ['an identity with a text for an identity', withIdentity('x'), 1],
    ['an identity without time_us', seenAt(undefined), 0],
    ['an identity with time_us null', seenAt(null), 0],
    ['an identity seen in its first millisecond', seenAt(999), 0],
    ['an identity with time_us 0', seenAt(0), 0],
    ['an identity with the largest exact time_us', seenAt(Number.MAX_SAFE_INTEGER), 0],
    [
      'an identity with a time_us past 2^53',
      LINES[0]!.replace('1732050840012345', '9007199254740993'),
      1,
    ],
    [
      'an identity with a 20-digit time_us (loaded, its time unknown)',
      LINES[0]!.replace('1732050840012345', '17320508400123450000'),
      1,
    ],
    ['an identity with a time_us as text', seenAt('1732050840012345'), 1],
    ['an identity with a negative time_us', seenAt(-5000), 1],
    ['an identity with a fractional time_us', seenAt(1732050840012.5), 1],
    [
      'an identity with time_us in exponent form',
      LINES[0]!.replace('1732050840012345', '1.7e15'),
      1,
    ],
    [
      'an old-style identity (type id)',
      identity((e) => ({ ...e, kind: undefined, type: 'id' })),
      0,
    ],
    [
      'an identity with its handle written twice',
      LINES[0]!.replace('"handle":"', '"handle":"first.bsky.social","handle":"'),
      1,
    ],
    [
      'an identity with its kind written twice',
      LINES[0]!.replace('"kind":"identity"', '"kind":"account","kind":"identity"'),
      1,
    ],
    ['a profile', LINES[8]!, 0],
    ['a profile created', profile(event(8).commit!.record, 'create'), 0],
    [
      'a profile with texts with line breaks and spaces',
      names(' News\n24 ', '\tLine one.\r\nLine two.\n'),
      0,
    ],
    ['a profile without texts', profile({ $type: 'app.bsky.actor.profile' }), 0],
    ['a profile with null texts and blank ones', names(null, '  '), 0],
    ['a profile with an empty record', profile({}), 0],
    ['a profile without a record', profile(undefined), 1],
    ['a profile with a text for a record', profile('x'), 1],
    ['a profile with a number for a name', names(24, 'x'), 1],
    ['a profile with an object for a description', names('x', {}), 1],
    ['a profile with a NUL character', names('a\u0000b', 'x'), 1],
    ['a profile deleted', profile(undefined, 'delete'), 0],
    [
      'a profile with its name written twice',
      LINES[8]!.replace('"displayName":"', '"displayName":"First","displayName":"'),
      1,
    ],
    [
      'a profile with a name written with an escaped key twice',
      LINES[8]!.replace('"displayName":"', '"displayName":"First","\\u0064isplayName":"'),
      1,
    ],
  ])('loads %s alike, SQL mapping it where it can vouch for it', async (_, line, n) => {
    const content = [LINES[1], line, LINES[2], LINES[0], LINES[8]].join('\n');
    const file = fileWith('accounts.jsonl', `${content}\n`);
    await loadBothWays(file, { read: 5 });
    expect((await bulkOutcome(file)).outcome).toMatchObject({ mode: 'bulk', byRowCode: n });
  });

  it('loads real-looking texts, tags, links, mentions and langs alike (fast-check)', async () => {
    const piece = fc.constantFrom(...TEXT_PIECES, ' ', '  ', '\n', '"', '\\', '\u200b', 'x');
    const str = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const facet = (type: string, key: string, value: string) => ({
      features: [{ $type: `app.bsky.richtext.facet#${type}`, [key]: value }],
    });
    const record = fc.record({
      text: fc.option(str),
      tag: str,
      url: fc.constantFrom(
        'https://WWW.News.example/a/?utm_source=x&b=1',
        'bit.ly/x',
        '',
        ' https://x.example ',
      ),
      mention: fc.constantFrom('did:plc:abc', ' did:plc:ABC ', ''),
      lang: fc.option(fc.constantFrom('en', ' de ', '', 'pt-BR')),
      quote: fc.boolean(),
      time: fc.constantFrom(
        '2024-11-19T21:14:03.211Z',
        '2024-11-19T21:14:03Z',
        '2024-11-19T21:14:03.5Z',
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 6 }), async (records) => {
        const lines = records.map((r, i) => {
          const embed = r.quote
            ? {
                $type: 'app.bsky.embed.record',
                record: { uri: `at://did:plc:q${i}/app.bsky.feed.post/x` },
              }
            : undefined;
          const record = {
            $type: 'app.bsky.feed.post',
            createdAt: r.time,
            text: r.text,
            langs: r.lang === null ? undefined : [r.lang],
            facets: [
              facet('tag', 'tag', r.tag),
              facet('link', 'uri', r.url),
              facet('mention', 'did', r.mention),
            ],
            embed,
          };
          return JSON.stringify({ ...POST, commit: { ...POST.commit, rkey: `k${i}`, record } });
        });
        await loadBothWays(fileWith('posts.jsonl', `${lines.join('\n')}\n`), {
          read: records.length,
        });
      }),
      { numRuns: 10, seed: 25, endOnFailure: true },
    );
  }, 180_000);

  it('reads a line with a repeated key as JSON.parse does (its last value), by the row path’s code', async () => {
    // In the record (the text), in the commit (the rkey, written as an escaped key) and at the
    // top (the did): DuckDB's JSON functions read the first value, JSON.parse the last.
    const repeated = [
      LINES[1]!.replace('"text":"The count', '"text":"first","text":"The count'),
      LINES[2]!.replace('"rkey":"', '"\\u0072key":"first","rkey":"'),
      LINES[3]!.replace('{"did":"', '{"did":"did:plc:first","did":"'),
    ];
    repeated.forEach((l, i) => expect(l).not.toBe(LINES[i + 1]));
    const content = `${[...repeated, LINES[4]!, LINES[5]!].join('\n')}\n`;
    const { outcome } = await bulkOutcome(fileWith('feed.jsonl', content));
    expect(outcome).toMatchObject({ mode: 'bulk', read: 5, loaded: 5, byRowCode: 3 });
    const posts = await loadBothWays(fileWith('feed.jsonl', content), { read: 5, loaded: 5 });
    const original = await loadBothWays(
      fileWith('feed.jsonl', `${LINES.slice(1, 6).join('\n')}\n`),
      {
        read: 5,
        loaded: 5,
      },
    );
    expect(posts).toEqual(original);
  });
});
