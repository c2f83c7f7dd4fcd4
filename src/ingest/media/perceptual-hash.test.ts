import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { Rng } from '../../core/index.js';
import { drawOriginal, editImage, IMAGE_EDITS, renderOriginal } from '../../simulate/index.js';
import { contentRows, dHashOf, hamming, hashHex, imageHash, pHashOf } from './perceptual-hash.js';
import { thumbnailDataUri } from './thumbnail.js';

describe('dHashOf(grey) and pHashOf(grey)', () => {
  it('sets a dHash bit where a pixel is brighter than its right neighbour', () => {
    // Every row falls from left to right: all 64 bits set; rising: none.
    const falling = Uint8Array.from({ length: 72 }, (_, i) => 255 - (i % 9) * 20);
    const rising = Uint8Array.from({ length: 72 }, (_, i) => (i % 9) * 20);
    expect(hashHex(dHashOf(falling))).toBe('ffffffffffffffff');
    expect(hashHex(dHashOf(rising))).toBe('0000000000000000');
  });

  it('gives a pHash half of whose 64 bits are set, the same for a brighter copy', () => {
    const rng = new Rng('phash');
    const grey = Uint8Array.from({ length: 1024 }, () => rng.int(0, 200));
    const h = pHashOf(grey);
    expect(BigInt.asUintN(64, h).toString(2).replace(/0/g, '').length).toBe(32);
    expect(hamming(h, pHashOf(grey.map((v) => v + 40)))).toBe(0);
  });

  it('counts differing bits of 64-bit values', () => {
    expect(hamming(0n, 0n)).toBe(0);
    expect(hamming(0n, -1n)).toBe(64);
    expect(hamming(0b1011n, 0b0001n)).toBe(2);
  });
});

describe('contentRows(grey)', () => {
  it('cuts a white caption band with a line of text at the bottom, and leaves a picture alone', () => {
    const grey = new Uint8Array(64 * 64).fill(90);
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) if ((x * y) % 7 === 0) grey[y * 64 + x] = 160;
    expect(contentRows(grey)).toEqual([0, 64]);
    // Rows 54–63: white margin, dark text bars on rows 57–60, white margin.
    for (let y = 54; y < 64; y++)
      for (let x = 0; x < 64; x++) grey[y * 64 + x] = y >= 57 && y <= 60 && x % 5 !== 0 ? 20 : 250;
    expect(contentRows(grey)).toEqual([0, 54]);
  });
});

describe('imageHash(input)', () => {
  // Measured on 400 originals (bench/image-hash-robustness.ts): at Hamming ≤ 10, 100 % of
  // resized, 91.5 % of cropped, 99.5 % of JPEG q30 and 95 % of captioned copies; the smallest
  // distance between two different originals was 14. Here 12 originals per edit kind.
  it.each(IMAGE_EDITS.map((e) => [e]))('keeps a %s copy near its original', async (edit) => {
    const rng = new Rng(`robust-${edit}`);
    const distances: number[] = [];
    for (let i = 0; i < 12; i++) {
      const original = await renderOriginal(drawOriginal(rng));
      const copy = await editImage(original, edit, rng);
      distances.push(hamming((await imageHash(original)).hash, (await imageHash(copy)).hash));
    }
    distances.sort((a, b) => a - b);
    expect(distances[5]).toBeLessThanOrEqual(8); // median
    expect(distances.filter((d) => d <= 10).length).toBeGreaterThanOrEqual(10);
  });

  it('keeps different pictures far apart', async () => {
    const rng = new Rng('distinct');
    const hashes = [];
    for (let i = 0; i < 30; i++)
      hashes.push((await imageHash(await renderOriginal(drawOriginal(rng)))).hash);
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++)
        expect(hamming(hashes[i]!, hashes[j]!)).toBeGreaterThan(10);
  });

  it('reads the size as shown and fails on bytes that are no image', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#369' } })
      .png()
      .toBuffer();
    expect(await imageHash(png)).toMatchObject({ width: 30, height: 20 });
    await expect(imageHash(Buffer.from('not an image'))).rejects.toThrow();
    await expect(imageHash(png.subarray(0, 40))).rejects.toThrow();
  });

  it('makes a WebP thumbnail of at most 96 px as a data URI', async () => {
    const jpeg = await renderOriginal(drawOriginal(new Rng('thumb')));
    const uri = await thumbnailDataUri(jpeg);
    expect(uri.startsWith('data:image/webp;base64,')).toBe(true);
    const meta = await sharp(Buffer.from(uri.split(',')[1]!, 'base64')).metadata();
    expect([meta.format, meta.width]).toEqual(['webp', 96]);
    expect(meta.height).toBe(72);
  });
});
