// Images benchmark, one process per step so that each peak RSS is its own.
// Usage: node bench/images-case.mjs hash <pictures> <dir>
//          draw <pictures> seeded pictures (320×240 JPEG; a fifth of them edited copies), then time
//          their perceptual hashing and thumbnails as ingest does → {pictures, seconds, perSecond, peakRssMb}
//        node bench/images-case.mjs signal <posts> <dir>
//          a case of <posts> image posts with synthetic pHashes (each picture posted twice on average,
//          a tenth of the posts edited copies: 1–3 bits flipped), then time near-duplicate-image
//          → {posts, distinct, seconds, edges, pairs, verified, peakRssMb}
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Rng, silentProgress } from '../dist/core/index.js';
import { hashPostMedia } from '../dist/ingest/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { NEAR_DUPLICATE_IMAGE_DEFAULTS } from '../dist/signals/near-duplicate-image.js';
import { nearDuplicateImage } from '../dist/signals/near-duplicate-image.js';
import { drawOriginal, editImage, IMAGE_EDITS, renderOriginal } from '../dist/simulate/index.js';
import { openStore, scalar } from '../dist/store/index.js';

const [mode, size, dir] = process.argv.slice(2);
const n = Number(size);
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'media'), { recursive: true });
const store = await openStore(join(dir, 'case.duckdb'));
try {
  if (mode === 'hash') {
    const rng = new Rng('bench-images');
    const lines = ['post_id,account_id,created_at,media'];
    let base = null;
    for (let i = 0; i < n; i++) {
      // Four originals, then an edited copy of the last one.
      const picture =
        i % 5 === 4
          ? await editImage(base, IMAGE_EDITS[i % IMAGE_EDITS.length], rng)
          : (base = await renderOriginal(drawOriginal(rng)));
      writeFileSync(join(dir, 'media', `m${i}.jpg`), picture);
      lines.push(`p${i},a${i % 500},2024-01-01T00:00:00Z,m${i}`);
    }
    writeFileSync(join(dir, 'posts.csv'), `${lines.join('\n')}\n`);
    await ingestFiles(
      store,
      [join(dir, 'posts.csv')],
      { format: 'auto', platform: null, timezone: null, rejectsPath: join(dir, 'rejects.csv') },
      { progress: silentProgress, now: Date.now },
    );
    const t = performance.now();
    const r = await hashPostMedia(store, { mediaDirs: [join(dir, 'media')], runId: 2 }, () => {});
    const seconds = (performance.now() - t) / 1000;
    console.log(
      JSON.stringify({
        pictures: r.hashed,
        rejected: r.rejected,
        seconds,
        perSecond: r.hashed / seconds,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      }),
    );
  } else if (mode === 'signal') {
    const c = store.connection;
    // Picture of post i: one of n/2; a tenth of the posts flip 1–3 bits of it (edited copies).
    await c.run(`CREATE TABLE bench_posts AS
      SELECT i, 'p' || i AS post_id, 'a' || (hash(i, 'account') % ${Math.max(1, Math.round(n / 20))}) AS account_id,
        TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds((hash(i, 'time') % (30 * 86400))::BIGINT) AS created_at,
        (hash(hash(i, 'picture') % ${Math.max(1, Math.round(n / 2))})::HUGEINT - 9223372036854775808)::BIGINT AS base,
        hash(i, 'edit') % 10 = 0 AS edited
      FROM range(${n}) t(i)`);
    await c.run(`INSERT INTO posts (platform, post_id, account_id, created_at, kind, media, run_id)
      SELECT 'x', post_id, account_id, created_at, 'post', ['m' || i], 1 FROM bench_posts`);
    await c.run(`INSERT INTO post_media (platform, post_id, account_id, media_id, path, hash, run_id)
      SELECT 'x', post_id, account_id, 'm' || i, '', CASE WHEN edited THEN
        xor(xor(base, 1::BIGINT << (hash(i, 1) % 63)::INTEGER), CASE WHEN hash(i, 2) % 2 = 0 THEN 1::BIGINT << (hash(i, 3) % 63)::INTEGER ELSE 0 END)
        ELSE base END, 1 FROM bench_posts`);
    await c.run('DROP TABLE bench_posts');
    const distinct = await scalar(store, 'SELECT count(DISTINCT hash) FROM post_media');
    const t = performance.now();
    const r = await nearDuplicateImage(store, NEAR_DUPLICATE_IMAGE_DEFAULTS);
    const seconds = (performance.now() - t) / 1000;
    console.log(
      JSON.stringify({
        posts: r.items,
        distinct,
        seconds,
        edges: r.edges,
        pairs: r.pairs,
        verified: r.verified,
        skippedFamilies: r.skippedFamilies,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      }),
    );
  } else throw new Error('usage: images-case.mjs hash <pictures> <dir> | signal <posts> <dir>');
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
