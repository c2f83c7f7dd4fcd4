// node bench/make-crowdtangle.mjs <out.csv> <rows>: a CrowdTangle Pages export in the fixture's
// columns (pages, times with zone suffixes, messages with links and tags, counts varied), for
// timing the crowdtangle bulk path against DuckDB's read_csv of the same file (docs/formats.md).
import { createWriteStream } from 'node:fs';
import { readFileSync } from 'node:fs';

const [out, n] = process.argv.slice(2);
const header = readFileSync('test/fixtures/crowdtangle/pages.csv', 'utf8').split('\n')[0];
const words = ['vote', 'fraud', 'ballots', 'media', 'silent', 'Nord', 'Stream', 'news', 'truth'];
const more = ['pipeline', 'energy', 'sanctions', 'Europe', 'gas', 'winter', 'prices', 'leaders'];
const all = [...words, ...more];
let seed = 7;
const rnd = (k) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
const quoted = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const stream = createWriteStream(out);
stream.write(`${header}\n`);
const zones = ['EDT', 'EST', 'UTC'];
for (let i = 0; i < Number(n); i++) {
  const page = rnd(5000);
  const at = new Date(Date.UTC(2023, 0, 1) + i * 30_000).toISOString().slice(0, 19);
  const words = Array.from({ length: 8 + rnd(20) }, () => all[rnd(all.length)]).join(' ');
  const link = `https://site${rnd(400)}.example/a/${rnd(3000)}?fbclid=x${rnd(99)}`;
  const short = rnd(3) === 0 ? ` https://bit.ly/${rnd(5000).toString(36)}` : '';
  const message = `${words}${short} #${all[rnd(all.length)]}${rnd(30)}`;
  const count = () => String(rnd(rnd(10) === 0 ? 20000 : 200));
  const row = [
    `Page ${page}`,
    `page.${page}`,
    String(100000000 + page),
    'NEWS_SITE',
    ['US', 'RU', 'DE', 'CN'][page % 4],
    `About page ${page}`,
    '2019-05-05 10:00:00 UTC',
    String(1000 + page),
    String(1200 + page),
    `${at.replace('T', ' ')} ${zones[i % 3]}`,
    at.slice(0, 10),
    at.slice(11),
    ['Link', 'Status', 'Photo'][rnd(3)],
    count(),
    ...Array.from({ length: 9 }, count),
    '',
    `https://www.facebook.com/${100000000 + page}/posts/${i}`,
    message,
    link,
    rnd(2) === 0 ? link : '',
  ];
  if (!stream.write(`${row.map(quoted).join(',')}\n`))
    await new Promise((resolve) => stream.once('drain', resolve));
}
stream.end();
