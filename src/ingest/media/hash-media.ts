// Perceptual hashes of the case's image files: the files a media folder or a `media_path` column
// attached to posts are decoded once each, hashed (pHash, 64 bits) and shrunk to a thumbnail.
import { readFile } from 'node:fs/promises';

import type { Store } from '../../store/index.js';
import { folderImages } from './media-folder.js';
import { imageHash } from './perceptual-hash.js';
import type { HashedFile } from './post-media.sql.js';
import {
  attachFolderImages,
  dropUnreadable,
  unhashedFiles,
  writeHashes,
} from './post-media.sql.js';
import { thumbnailDataUri } from './thumbnail.js';

/** An image file that could not be hashed, with the media ids it stands for and why. */
export interface MediaReject {
  readonly path: string;
  readonly mediaIds: readonly string[];
  readonly reason: string;
}

/** What hashing did: files = hashed + rejected; posts counts post_media rows hashed. */
export interface MediaSummary {
  /** Image files in the media folders (0 without --media-dir). */
  readonly folderFiles: number;
  /** post_media rows the folders added (a file can serve several posts). */
  readonly attached: number;
  /** Distinct image files read. */
  readonly files: number;
  readonly hashed: number;
  readonly rejected: number;
  /** post_media rows that got a hash. */
  readonly posts: number;
}

/** Options of {@link hashPostMedia}. */
export interface HashMediaOptions {
  /** Folders of image files named by media id or post id (`--media-dir`); default none. */
  readonly mediaDirs: readonly string[];
  /** Ingest run the folder's rows are recorded under. */
  readonly runId: number;
  /** Files decoded at once (sharp works on libuv's thread pool); default 4. */
  readonly concurrency?: number;
  /** Called after each file, with files done and files in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Attaches the media folders' files to posts, then hashes every image file of the case that has
 * no hash yet; a file that cannot be decoded is reported in `rejects` and its rows removed.
 */
export async function hashPostMedia(
  store: Store,
  options: HashMediaOptions,
  onReject: (reject: MediaReject) => void,
): Promise<MediaSummary> {
  const images = options.mediaDirs.length > 0 ? folderImages(options.mediaDirs) : [];
  const attached = await attachFolderImages(store, images, options.runId);
  const pending = await unhashedFiles(store);
  const hashed: HashedFile[] = [];
  const unreadable: MediaReject[] = [];
  let posts = 0;
  let next = 0;
  let done = 0;
  const work = async () => {
    while (next < pending.length) {
      const file = pending[next++]!;
      try {
        const bytes = await readFile(file.path);
        const [h, thumb] = await Promise.all([imageHash(bytes), thumbnailDataUri(bytes)]);
        hashed.push({ path: file.path, hash: h.hash, width: h.width, height: h.height, thumb });
        posts += file.posts;
      } catch (error) {
        unreadable.push({ path: file.path, mediaIds: file.mediaIds, reason: readReason(error) });
      }
      options.onProgress?.(++done, pending.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, work));
  // Files finish in any order: hashes are written, and rejects reported, in path order.
  const byPath = (a: { path: string }, b: { path: string }) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  hashed.sort(byPath);
  unreadable.sort(byPath).forEach(onReject);
  await writeHashes(store, hashed);
  await dropUnreadable(
    store,
    unreadable.map((r) => r.path),
  );
  return {
    folderFiles: images.length,
    attached,
    files: pending.length,
    hashed: hashed.length,
    rejected: unreadable.length,
    posts,
  };
}

/** A one-line reason for an unreadable image (the file's error, or the decoder's first line). */
function readReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'image file not found';
  if (e.code === 'EACCES') return 'image file not readable (permission denied)';
  const first = String(e.message ?? error).split('\n')[0]!;
  return `not a readable image: ${first}`;
}
