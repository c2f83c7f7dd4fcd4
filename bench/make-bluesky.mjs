// node bench/make-bluesky.mjs <out.jsonl> <lines>: a Jetstream capture reshaped from the fixture's
// events, in about the firehose's mix (likes 45%, posts 25% with links, tags, mentions, replies and
// quotes, reposts 12%, follows 8%, deletes 6%, identities, profiles and account events 4%), dids,
// times and texts varied; for timing the bluesky bulk path against DuckDB's read_json of the same
// file (docs/formats.md).
import { createWriteStream, readFileSync } from 'node:fs';

const [out, n] = process.argv.slice(2);
const events = readFileSync('test/fixtures/bluesky/jetstream.jsonl', 'utf8')
  .split('\n')
  .slice(0, 12)
  .map((l) => JSON.parse(l));
// The fixture's lines: 0 identity, 1 post, 2 repost, 3 like, 4 reply, 5 quote, 6 quote with media,
// 7 follow, 8 profile, 9 delete, 10 account event, 11 block.
const MIX = [
  [45, 3],
  [12, 1],
  [5, 4],
  [4, 5],
  [4, 6],
  [12, 2],
  [8, 7],
  [6, 9],
  [2, 0],
  [1, 8],
  [1, 10],
];
const words = [
  'vote',
  'fraud',
  'ballots',
  'media',
  'silent',
  'Maricopa',
  'news',
  'truth',
  'rigged',
];
let seed = 7;
const rnd = (k) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
const pick = () => {
  let r = rnd(100);
  for (const [share, i] of MIX) if ((r -= share) < 0) return i;
  return 3;
};
const did = () => `did:plc:${(100000 + rnd(50000)).toString(36).padStart(24, 'a')}`;
const rkey = (i) => `3l${i.toString(36).padStart(11, '0')}`;
const stream = createWriteStream(out);
let buffer = '';
for (let i = 0; i < Number(n); i++) {
  const e = JSON.parse(JSON.stringify(events[pick()]));
  e.did = did();
  e.time_us = 1732050840000000 + i * 1000;
  const record = e.commit?.record;
  if (e.commit) e.commit.rkey = rkey(i);
  if (record?.createdAt) record.createdAt = new Date(Date.UTC(2024, 10, 19) + i * 37).toISOString();
  const target = `at://${did()}/app.bsky.feed.post/${rkey(rnd(i + 1))}`;
  if (record?.subject?.uri) record.subject.uri = target;
  if (record?.reply) record.reply.parent.uri = target;
  if (record?.text !== undefined) {
    const tag = `${words[rnd(words.length)]}${rnd(50)}`;
    record.text = `${record.text} ${Array.from({ length: 3 + rnd(8) }, () => words[rnd(words.length)]).join(' ')} #${tag}`;
    for (const f of record.facets ?? [])
      for (const x of f.features) {
        if (x.tag !== undefined) x.tag = tag;
        if (x.uri !== undefined)
          x.uri = `https://site${rnd(300)}.example/a/${rnd(2000)}?utm_source=bsky`;
        if (x.did !== undefined) x.did = did();
      }
  }
  if (e.identity) e.identity.handle = `user${rnd(50000)}.bsky.social`;
  buffer += `${JSON.stringify(e)}\n`;
  if (buffer.length > 1 << 20) {
    stream.write(buffer);
    buffer = '';
  }
}
stream.end(buffer);
