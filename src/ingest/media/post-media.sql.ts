// The post_media table's queries: attaching a media folder's files to posts, the files still to
// hash, and writing hashes back.
import type { Store } from '../../store/index.js';
import { dropTables, rows, scalar, sqlString } from '../../store/index.js';
import type { FolderImage } from './media-folder.js';

/**
 * Attaches folder images to the case's posts: a file named by one of a post's media ids, or else
 * (the X information-operations archive's media folders) a file named by the post id, alone or
 * followed by '-' or '_' and more. Returns the number of post_media rows added.
 */
export async function attachFolderImages(
  store: Store,
  images: readonly FolderImage[],
  runId: number,
): Promise<number> {
  if (images.length === 0) return 0;
  const c = store.connection;
  await c.run('CREATE OR REPLACE TEMP TABLE media_folder (stem VARCHAR, path VARCHAR)');
  for (let i = 0; i < images.length; i += 500) {
    const values = images
      .slice(i, i + 500)
      .map((m) => `(${sqlString(m.stem)}, ${sqlString(m.path)})`)
      .join(',');
    await c.run(`INSERT INTO media_folder VALUES ${values}`);
  }
  try {
    const before = await scalar(store, 'SELECT count(*) FROM post_media');
    await c.run(`INSERT INTO post_media (platform, post_id, account_id, media_id, path, run_id)
      WITH by_media AS (
        SELECT p.platform, p.post_id, p.account_id, f.stem AS media_id, min(f.path) AS path
        FROM (SELECT platform, post_id, account_id, unnest(media) AS media_id FROM posts WHERE len(media) > 0) p
        JOIN media_folder f ON f.stem = p.media_id GROUP BY ALL),
      by_post AS (
        SELECT p.platform, p.post_id, p.account_id, f.stem AS media_id, f.path
        FROM media_folder f JOIN posts p ON p.post_id = regexp_extract(f.stem, '^([^-_]+)', 1)
        WHERE f.stem NOT IN (SELECT media_id FROM by_media))
      SELECT *, ${runId} FROM (SELECT * FROM by_media UNION ALL SELECT * FROM by_post) s
      WHERE NOT EXISTS (SELECT 1 FROM post_media m WHERE m.platform = s.platform AND m.post_id = s.post_id AND m.media_id = s.media_id)`);
    return (await scalar(store, 'SELECT count(*) FROM post_media')) - before;
  } finally {
    await dropTables(store, ['media_folder']);
  }
}

/** The image files not hashed yet, each with the media ids that point at it. */
export async function unhashedFiles(
  store: Store,
): Promise<{ path: string; mediaIds: string[]; posts: number }[]> {
  const r = await rows(
    store,
    `SELECT path, list(DISTINCT media_id ORDER BY media_id), count(*) FROM post_media WHERE hash IS NULL GROUP BY path ORDER BY path`,
  );
  return r.map(([path, ids, n]) => ({
    path: String(path),
    mediaIds: (ids as { items: unknown[] }).items.map(String),
    posts: Number(n),
  }));
}

/** A hashed file: its hash's two 32-bit halves, its size and its thumbnail. */
export interface HashedFile {
  readonly path: string;
  readonly hash: bigint;
  readonly width: number;
  readonly height: number;
  readonly thumb: string;
}

/** Writes hashes, sizes and thumbnails of files into their post_media rows. */
export async function writeHashes(store: Store, files: readonly HashedFile[]): Promise<void> {
  if (files.length === 0) return;
  const c = store.connection;
  await c.run(
    'CREATE OR REPLACE TEMP TABLE media_hashed (path VARCHAR, hash BIGINT, width INTEGER, height INTEGER, thumb VARCHAR)',
  );
  try {
    for (let i = 0; i < files.length; i += 200) {
      const values = files
        .slice(i, i + 200)
        .map(
          (f) =>
            `(${sqlString(f.path)}, ${BigInt.asIntN(64, f.hash)}, ${f.width}, ${f.height}, ${sqlString(f.thumb)})`,
        )
        .join(',');
      await c.run(`INSERT INTO media_hashed VALUES ${values}`);
    }
    await c.run(`UPDATE post_media m SET hash = h.hash, width = h.width, height = h.height, thumb = h.thumb
      FROM media_hashed h WHERE m.path = h.path AND m.hash IS NULL`);
  } finally {
    await dropTables(store, ['media_hashed']);
  }
}

/** Removes the post_media rows of files that could not be read (they went to the rejects file). */
export async function dropUnreadable(store: Store, paths: readonly string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += 500)
    await store.connection.run(
      `DELETE FROM post_media WHERE hash IS NULL AND path IN (${paths
        .slice(i, i + 500)
        .map(sqlString)
        .join(',')})`,
    );
}
