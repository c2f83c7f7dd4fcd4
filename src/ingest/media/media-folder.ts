// The image files of a media folder (`unmask ingest --media-dir DIR`), by file name.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, parse } from 'node:path';

import { NotFoundError } from '../../core/index.js';

/** Extensions read as images (what sharp decodes). */
export const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
]);

/** An image file found in a media folder, by its name without extension. */
export interface FolderImage {
  /** The file name without its extension, e.g. '1150327040853217280-abc' for '1150327040853217280-abc.jpg'. */
  readonly stem: string;
  readonly path: string;
}

/** Lists the image files under the folders (recursively, in name order); throws for a missing folder. */
export function folderImages(dirs: readonly string[]): FolderImage[] {
  const found: FolderImage[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
        found.push({ stem: parse(entry.name).name, path });
    }
  };
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new NotFoundError(`--media-dir: '${dir}' is not a folder`);
    visit(dir);
  }
  return found;
}
