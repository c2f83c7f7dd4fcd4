// Fuzzed exports: seeded mutations of every format's fixture never crash ingest. Each one ends in
// exit 0, 1 or 2 (never an internal error), and every row read is loaded, rejected or a duplicate.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exitFor } from '../src/cli/cli-error.js';
import { silentProgress } from '../src/core/index.js';
import { CsvParser } from '../src/ingest/csv/csv-records.js';
import type { FormatName } from '../src/ingest/index.js';
import { ingestFiles } from '../src/pipeline/index.js';
import type { Store } from '../src/store/index.js';
import { openStore } from '../src/store/index.js';
import { FIXED_NOW, fixture } from './helpers/ingest-fixture.js';

// Every format's real-shaped fixtures (the malformed ones are mutations already).
const FIXTURES: readonly (readonly [string, FormatName])[] = [
  ['native/posts.csv', 'native'],
  ['native/activity.jsonl', 'native'],
  ['x-archive/tweets.csv', 'x-archive'],
  ['x-archive/users.csv', 'x-archive'],
  ['x-api-v2/flattened.jsonl', 'x-api-v2'],
  ['x-api-v2/search-pages.jsonl', 'x-api-v2'],
  ['4cat/telegram-dataset.csv', '4cat'],
  ['4cat/bsky-dataset.json', '4cat'],
  ['4cat/twitterv2-dataset.ndjson', '4cat'],
  ['bluesky/jetstream.jsonl', 'bluesky'],
  ['reddit/RS_2023-11.ndjson', 'reddit'],
  ['reddit/RC_2023-11.ndjson', 'reddit'],
  ['tiktok/videos.jsonl', 'tiktok'],
  ['tiktok/video-query-page.json', 'tiktok'],
  ['youtube/videos.json', 'youtube'],
  ['youtube/commentThreads.jsonl', 'youtube'],
  ['youtube/channels.json', 'youtube'],
  ['mastodon/statuses.json', 'mastodon'],
  ['coortweet/shares.csv', 'coortweet'],
  ['coortweet/multi-column.csv', 'coortweet'],
  ['crowdtangle/pages.csv', 'crowdtangle'],
  ['telegram/result.json', 'telegram'],
  ['meta-ioc/Q9_2099_Example_CIB_network.csv', 'meta-ioc'],
  ['meta-ioc/2099_example.json', 'meta-ioc'],
];

// One change to a file's bytes; `at` is reduced modulo the length at the time it applies.
type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'bytes'; at: number; bytes: readonly number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'huge'; at: number; size: number; quoted: boolean }
  | { kind: 'bom' }
  | { kind: 'crlf' };

const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('flip' as const), at, byte: fc.nat(255) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at,
      text: fc.constantFrom(
        '"',
        ',',
        ';',
        '\t',
        '\n',
        '\r',
        '\0',
        '""',
        '\uFFFD',
        '👩‍👩‍👧',
        '{',
        '}',
        '[',
        ']',
        ':',
        '\\',
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at,
      bytes: fc.constantFrom(
        [0xff],
        [0xc3],
        [0xe2, 0x82],
        [0xed, 0xa0, 0x80],
        [0xef, 0xbb, 0xbf],
        [0],
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at,
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at }) },
  {
    // Fields past DuckDB's 2 MB line limit and past the CSV reader's 4 Mi-character record limit.
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      at,
      size: fc.constantFrom(2_500_000, 4_300_000),
      quoted: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
);

const fuzzCase = fc.record({
  fixture: fc.constantFrom(...FIXTURES),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  // --format auto, or the fixture's own format named (so a mangled header still reaches it).
  named: fc.boolean(),
  // Stored plain, gzipped, or gzipped and then one compressed byte changed at `corruptAt`.
  gzip: fc.constantFrom('no', 'no', 'no', 'no', 'yes', 'corrupt'),
  corruptAt: fc.nat(),
});

function mutate(data: Buffer, m: Mutation): Buffer {
  const pos = 'at' in m ? m.at % (data.length + 1) : 0;
  const splice = (insert: Buffer, remove = 0) =>
    Buffer.concat([data.subarray(0, pos), insert, data.subarray(pos + remove)]);
  switch (m.kind) {
    case 'flip': {
      if (data.length === 0) return data;
      const out = Buffer.from(data);
      out[pos % data.length] = m.byte;
      return out;
    }
    case 'insert':
      return splice(Buffer.from(m.text));
    case 'bytes':
      return splice(Buffer.from(m.bytes));
    case 'delete':
      return splice(Buffer.alloc(0), m.length);
    case 'truncate':
      return data.subarray(0, pos);
    case 'duplicate-line': {
      const start = data.lastIndexOf(10, pos - 1) + 1;
      const end = data.indexOf(10, pos);
      const line = data.subarray(start, end < 0 ? data.length : end + 1);
      return Buffer.concat([data.subarray(0, start), line, data.subarray(start)]);
    }
    case 'huge': {
      const x = 'x'.repeat(m.size);
      return splice(Buffer.from(m.quoted ? `"${x}"` : x));
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), data]);
    case 'crlf':
      return Buffer.from(data.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  }
}

describe('ingest of fuzzed exports', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'unmask-fuzz-'));
    store = await openStore(':memory:', { threads: 1 });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends every ingest in exit 0, 1 or 2 with read = loaded + rejected + duplicates (300 seeded cases)', async () => {
    let n = 0;
    const outcomes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fuzzCase,
        async ({ fixture: [file, format], mutations, named, gzip, corruptAt }) => {
          let data: Buffer = readFileSync(fixture(file));
          for (const m of mutations) data = mutate(data, m);
          let path = join(dir, `${n++}-${basename(file)}`);
          if (gzip !== 'no') {
            data = gzipSync(data);
            if (gzip === 'corrupt') data[corruptAt % data.length] ^= 0x55;
            path += '.gz';
          }
          writeFileSync(path, data);
          const rejectsPath = `${path}.rejects.csv`;
          let code: number;
          try {
            const summary = await ingestFiles(
              store,
              [path],
              { format: named ? format : 'auto', platform: null, timezone: null, rejectsPath },
              { progress: silentProgress, now: () => FIXED_NOW },
            );
            for (const f of summary.files)
              expect(f.read).toBe(f.loaded + f.rejected + f.duplicates);
            const rejects = new CsvParser(44, 1 << 24).push(
              readFileSync(rejectsPath, 'utf8'),
              true,
            );
            expect(rejects.length - 1).toBe(summary.rejected);
            code = summary.rejected > 0 ? 1 : 0;
          } catch (error) {
            // An error the CLI does not map to exit 2 is an internal error (exit 70): a crash.
            const known = exitFor(error);
            if (known === null) throw error;
            code = known.code;
          } finally {
            rmSync(path, { force: true });
          }
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
          expect([0, 1, 2]).toContain(code);
        },
      ),
      { seed: 2025, numRuns: 300 },
    );
    // The mutations reach every outcome: clean files, rejected rows, unusable files.
    expect([...outcomes.keys()].sort()).toEqual([0, 1, 2]);
  }, 300_000);
});
