// Measures how far edited copies move a 64-bit dHash and pHash (docs/design-choices.md):
// Hamming distance per edit kind (resize, crop ≤ 10 %, JPEG q30, caption band), and between
// different originals. `npx tsx bench/image-hash-robustness.ts 400` (seeded; N originals).
import { Rng } from '../src/core/index.js';
import { hamming, imageHash } from '../src/ingest/media/perceptual-hash.js';
import {
  drawOriginal,
  editImage,
  IMAGE_EDITS,
  renderOriginal,
} from '../src/simulate/draw-images.js';
const N = Number(process.argv[2] ?? 200);
const rng = new Rng(7);
const res: Record<string, Record<string, number[]>> = { dhash: {}, phash: {} };
const origHashes: Record<string, bigint[]> = { dhash: [], phash: [] };
for (let i = 0; i < N; i++) {
  const orig = await renderOriginal(drawOriginal(rng));
  const hs = { dhash: await imageHash(orig, 'dhash'), phash: await imageHash(orig, 'phash') };
  for (const k of ['dhash', 'phash'] as const) origHashes[k].push(hs[k].hash);
  for (const e of IMAGE_EDITS) {
    const copy = await editImage(orig, e, rng);
    for (const k of ['dhash', 'phash'] as const) {
      const d = hamming(hs[k].hash, (await imageHash(copy, k)).hash);
      (res[k][e] ??= []).push(d);
    }
  }
}
const q = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
for (const k of ['dhash', 'phash'] as const) {
  for (const [e, ds] of Object.entries(res[k]))
    console.log(
      k,
      e,
      'median',
      q(ds, 0.5),
      'p95',
      q(ds, 0.95),
      'max',
      Math.max(...ds),
      'hist',
      JSON.stringify(
        ds.reduce((m: Record<number, number>, d) => ((m[d] = (m[d] ?? 0) + 1), m), {}),
      ),
    );
  const hs = origHashes[k];
  const dd: number[] = [];
  for (let i = 0; i < hs.length; i++)
    for (let j = i + 1; j < hs.length; j++) dd.push(hamming(hs[i]!, hs[j]!));
  console.log(
    k,
    'distinct originals: min',
    Math.min(...dd),
    'p0.1%',
    q(dd, 0.001),
    'p1%',
    q(dd, 0.01),
    'median',
    q(dd, 0.5),
    'pairs',
    dd.length,
    '<=8',
    dd.filter((d) => d <= 8).length,
    '<=10',
    dd.filter((d) => d <= 10).length,
    '<=12',
    dd.filter((d) => d <= 12).length,
  );
}
