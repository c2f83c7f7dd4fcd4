// Pictures for simulated image posts: seeded originals made of random shapes and colours, and the
// edited copies operations post (resized, cropped, re-encoded at JPEG quality 30, a caption band
// added or stripped). Rendered with sharp from SVG, so the same seed draws the same pixels.
import sharp from 'sharp';

import type { Rng } from '../core/index.js';

/** The edits an operation applies to a base picture before posting a copy. */
export const IMAGE_EDITS = ['resize', 'crop', 'jpeg30', 'caption'] as const;

/** One of {@link IMAGE_EDITS}, or 'original' for the picture as drawn. */
export type ImageEdit = (typeof IMAGE_EDITS)[number] | 'original';

const WIDTH = 320;
const HEIGHT = 240;

/** Returns an SVG original: a background and 6–10 random shapes (rectangles, ellipses, triangles). */
export function drawOriginal(rng: Rng): string {
  const colour = () => `rgb(${rng.int(0, 255)},${rng.int(0, 255)},${rng.int(0, 255)})`;
  let shapes = '';
  const count = rng.int(6, 10);
  for (let i = 0; i < count; i++) {
    const x = rng.int(-40, WIDTH - 20);
    const y = rng.int(-40, HEIGHT - 20);
    const w = rng.int(40, 180);
    const h = rng.int(40, 160);
    const fill = colour();
    const kind = rng.int(0, 2);
    if (kind === 0) shapes += `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}"/>`;
    else if (kind === 1)
      shapes += `<ellipse cx="${x + w / 2}" cy="${y + h / 2}" rx="${w / 2}" ry="${h / 2}" fill="${fill}"/>`;
    else
      shapes += `<polygon points="${x},${y + h} ${x + w / 2},${y} ${x + w},${y + h}" fill="${fill}"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="${colour()}"/>${shapes}</svg>`;
}

/** Returns the original as JPEG bytes (quality 90). */
export async function renderOriginal(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/**
 * Returns an edited copy of a JPEG original: 'resize' scales it to 40–80 % of its width,
 * 'crop' cuts 0–5 % from each edge (at most 10 % of each dimension), 'jpeg30' re-encodes it at
 * quality 30, 'caption' adds a white caption band of dark text-like bars under it (a copy whose
 * caption is stripped is the other side of the same pair).
 */
export async function editImage(original: Buffer, edit: ImageEdit, rng: Rng): Promise<Buffer> {
  const image = sharp(original);
  switch (edit) {
    case 'original':
      return original;
    case 'resize': {
      const width = Math.round(WIDTH * (0.4 + 0.4 * rng.next()));
      return image.resize({ width }).jpeg({ quality: 85 }).toBuffer();
    }
    case 'crop': {
      const left = rng.int(0, Math.floor(WIDTH * 0.05));
      const right = rng.int(0, Math.floor(WIDTH * 0.05));
      const top = rng.int(0, Math.floor(HEIGHT * 0.05));
      const bottom = rng.int(0, Math.floor(HEIGHT * 0.05));
      return image
        .extract({ left, top, width: WIDTH - left - right, height: HEIGHT - top - bottom })
        .jpeg({ quality: 85 })
        .toBuffer();
    }
    case 'jpeg30':
      return image.jpeg({ quality: 30 }).toBuffer();
    case 'caption': {
      const band = Math.round(HEIGHT * (0.1 + 0.05 * rng.next()));
      let bars = '';
      for (let x = 8; x < WIDTH - 30;) {
        const w = rng.int(10, 40);
        bars += `<rect x="${x}" y="${Math.round(band * 0.3)}" width="${w}" height="${Math.round(band * 0.4)}" fill="#222"/>`;
        x += w + rng.int(4, 10);
      }
      const caption = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${band}"><rect width="100%" height="100%" fill="#fff"/>${bars}</svg>`,
      );
      return image
        .extend({ bottom: band, background: '#ffffff' })
        .composite([{ input: caption, left: 0, top: HEIGHT }])
        .jpeg({ quality: 85 })
        .toBuffer();
    }
  }
}
