// node bench/make-xapiv2.mjs <out.jsonl> <tweets> [--pages]: twarc2 flattened tweets reshaped from the
// fixture's four (ids, authors, times, texts, links and tags varied), for timing the x-api-v2 bulk path
// (docs/formats.md); with --pages, raw response pages of 100 tweets each instead (`data`, the authors
// in `includes.users`, referenced tweets as {type, id} with the originals in `includes.tweets`).
import { readFileSync, writeFileSync } from 'node:fs';
const [out, n] = process.argv.slice(2);
const pages = process.argv.includes('--pages');
const base = readFileSync('test/fixtures/x-api-v2/flattened.jsonl', 'utf8')
  .split('\n')
  .slice(0, 4)
  .map((l) => JSON.parse(l));
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
  'election',
  'county',
  'sample',
];
let seed = 7;
const rnd = (k) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
const parts = [];
for (let i = 0; i < Number(n); i++) {
  const t = JSON.parse(JSON.stringify(base[i % 4]));
  const author = String(1580000000000000000n + BigInt(rnd(20000)));
  t.id = String(1635580000000000000n + BigInt(i));
  t.author_id = author;
  if (t.author) {
    t.author.id = author;
    t.author.username = `user_${author.slice(-5)}`;
  }
  t.created_at = new Date(Date.UTC(2023, 2, 1) + i * 7000).toISOString();
  t.text = `${t.text} ${Array.from({ length: 4 + rnd(8) }, () => words[rnd(words.length)]).join(' ')} #${words[rnd(words.length)]}${rnd(50)}`;
  if (t.entities?.urls)
    for (const u of t.entities.urls)
      u.expanded_url = `https://site${rnd(300)}.example/a/${rnd(2000)}?utm_source=x`;
  if (t.entities?.hashtags)
    t.entities.hashtags.push({ start: 0, end: 5, tag: `${words[rnd(words.length)]}${rnd(50)}` });
  parts.push(pages ? t : JSON.stringify(t));
}
writeFileSync(out, (pages ? asPages(parts) : parts).join('\n') + '\n');

// Raw response pages of 100 tweets: expansions moved to includes, as the API returns them.
function asPages(tweets) {
  const out = [];
  for (let i = 0; i < tweets.length; i += 100) {
    const users = new Map();
    const included = new Map();
    const data = tweets.slice(i, i + 100).map(({ author, ...t }) => {
      if (author) users.set(author.id, author);
      if (t.referenced_tweets)
        t.referenced_tweets = t.referenced_tweets.map(({ type, ...r }) => {
          included.set(r.id, r);
          return { type, id: r.id };
        });
      return t;
    });
    const includes = { users: [...users.values()], tweets: [...included.values()] };
    out.push(JSON.stringify({ data, includes, meta: { result_count: data.length } }));
  }
  return out;
}
