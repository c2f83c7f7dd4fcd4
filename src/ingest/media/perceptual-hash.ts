// 64-bit perceptual hashes of images: pHash (DCT hash, the default) and dHash (difference hash).
//
// dHash: N. Krawetz, "Kind of like that" (hackerfactor.com, 2013): the image in grey at 9×8, one
// bit per horizontally adjacent pair (left brighter than right). pHash: Zauner, "Implementation and
// Benchmarking of Perceptual Image Hash Functions" (2010): the image in grey at 32×32, its 2-D DCT,
// one bit per coefficient of the 8×8 lowest frequencies (above their median or not). Both are read
// most significant bit first, row by row; docs/design-choices.md has the robustness measurement
// that chose pHash.
import sharp from 'sharp';

/** The perceptual hash kinds. */
export type HashKind = 'dhash' | 'phash';

/** A decoded image's hash and size. */
export interface ImageHash {
  /** The 64 bits as an unsigned integer. */
  readonly hash: bigint;
  readonly width: number;
  readonly height: number;
}

/** Returns the 64-bit dHash of grey pixels at 9 × 8 (row-major, 72 bytes). */
export function dHashOf(grey: Uint8Array): bigint {
  let h = 0n;
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) h = (h << 1n) | (grey[y * 9 + x]! > grey[y * 9 + x + 1]! ? 1n : 0n);
  return h;
}

// DCT-II basis at 32 points for the 8 lowest frequencies: COS[u * 32 + x].
const COS = new Float64Array(8 * 32);
for (let u = 0; u < 8; u++)
  for (let x = 0; x < 32; x++) COS[u * 32 + x] = Math.cos(((2 * x + 1) * u * Math.PI) / 64);

/** Returns the 64-bit pHash of grey pixels at 32 × 32 (row-major, 1,024 bytes). */
export function pHashOf(grey: Uint8Array): bigint {
  // Rows first (32 rows × 8 frequencies), then columns: the 8 × 8 low-frequency block.
  const rows = new Float64Array(32 * 8);
  for (let y = 0; y < 32; y++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 32; x++) s += grey[y * 32 + x]! * COS[u * 32 + x]!;
      rows[y * 8 + u] = s;
    }
  const block = new Float64Array(64);
  for (let v = 0; v < 8; v++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 32; y++) s += rows[y * 8 + u]! * COS[v * 32 + y]!;
      block[v * 8 + u] = s;
    }
  // The median of the 63 AC coefficients (the DC term only says how bright the image is).
  const median = Array.from(block.subarray(1)).sort((a, b) => a - b)[31]!;
  let h = 0n;
  for (let i = 0; i < 64; i++) h = (h << 1n) | (block[i]! > median ? 1n : 0n);
  return h;
}

// Images are decoded once to grey at GRID × GRID; caption bands are found and cut there, and the
// rest is averaged down to the hash's grid (area averaging: flat regions stay flat, so dHash's
// bits there do not flip with resampling noise).
const GRID = 64;

/**
 * Decodes an image (a path or its bytes: JPEG, PNG, WebP, GIF, TIFF, AVIF, SVG) and returns its
 * perceptual hash and size; throws sharp's error for a corrupt or unsupported file.
 */
export async function imageHash(
  input: string | Uint8Array,
  kind: HashKind = 'phash',
): Promise<ImageHash> {
  const image = sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 });
  const meta = await image.metadata();
  const { data } = await image
    .rotate() // EXIF orientation, so a rotated-by-metadata copy hashes as it is shown
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(GRID, GRID, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(data.buffer, data.byteOffset, GRID * GRID);
  const [top, bottom] = contentRows(grey);
  const hash =
    kind === 'dhash'
      ? dHashOf(areaResample(grey, top, bottom, 9, 8))
      : pHashOf(areaResample(grey, top, bottom, 32, 32));
  return {
    hash,
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height,
  };
}

/**
 * The rows [top, bottom) of a GRID × GRID grey image left when a caption band is cut: at the top
 * or bottom edge, within 30 % of the height, rows of one colour, then rows with text on it, then
 * rows of that colour again (a white bar with a line of text, as memes add and strip them).
 */
export function contentRows(grey: Uint8Array): [number, number] {
  const near = (y: number, colour: number) => {
    let n = 0;
    for (let x = 0; x < GRID; x++) if (Math.abs(grey[y * GRID + x]! - colour) <= 16) n++;
    return n / GRID;
  };
  const band = (edge: number, step: number): number => {
    const row = grey.subarray(edge * GRID, edge * GRID + GRID);
    const colour = Array.from(row).sort((a, b) => a - b)[GRID >> 1]!;
    const uniform = (i: number) => near(edge + i * step, colour) >= 0.85;
    // Caption bands are white or black; a picture's own edge of another colour is left alone.
    if ((colour > 55 && colour < 200) || !uniform(0)) return 0;
    // A margin of the band's colour, a line of text, a margin again; then the picture.
    let i = 1;
    const limit = Math.floor(GRID * 0.3);
    while (i < limit && uniform(i)) i++;
    const text = i;
    while (i < limit && !uniform(i)) i++;
    if (i === text || i >= limit) return 0;
    while (i < limit && uniform(i)) i++;
    return i >= limit || i < Math.ceil(GRID * 0.05) ? 0 : i;
  };
  const top = band(0, 1);
  const bottom = GRID - band(GRID - 1, -1);
  return bottom - top >= GRID / 2 ? [top, bottom] : [0, GRID];
}

/** Averages rows [top, bottom) of a GRID-wide grey image down to w × h (each cell the mean of its area). */
function areaResample(
  grey: Uint8Array,
  top: number,
  bottom: number,
  w: number,
  h: number,
): Uint8Array {
  const out = new Uint8Array(w * h);
  const sx = GRID / w;
  const sy = (bottom - top) / h;
  // The share of source pixel p (of unit width) inside [a, b).
  const overlap = (p: number, a: number, b: number) =>
    Math.max(0, Math.min(p + 1, b) - Math.max(p, a));
  for (let cy = 0; cy < h; cy++) {
    const y0 = top + cy * sy;
    const y1 = y0 + sy;
    for (let cx = 0; cx < w; cx++) {
      const x0 = cx * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let weight = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = overlap(y, y0, y1);
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const wxy = wy * overlap(x, x0, x1);
          sum += wxy * grey[y * GRID + x]!;
          weight += wxy;
        }
      }
      out[cy * w + cx] = Math.round(sum / weight);
    }
  }
  return out;
}

/** Returns the number of differing bits of two 64-bit hashes. */
export function hamming(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** Returns the hash as 16 lowercase hex digits. */
export function hashHex(hash: bigint): string {
  return BigInt.asUintN(64, hash).toString(16).padStart(16, '0');
}
