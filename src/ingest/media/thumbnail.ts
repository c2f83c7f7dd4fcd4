// Small thumbnails of images, embedded as data URIs so evidence shows pictures offline.
import sharp from 'sharp';

/** Longest side of a thumbnail in pixels. */
export const THUMBNAIL_SIZE = 96;

/** Returns a WebP data URI of the image shrunk to fit 96 × 96 px (about 1–3 KB). */
export async function thumbnailDataUri(input: string | Uint8Array): Promise<string> {
  const bytes = await sharp(input, { failOn: 'error' })
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 60 })
    .toBuffer();
  return `data:image/webp;base64,${bytes.toString('base64')}`;
}
