// Ingest with pictures: a native media_path column, a --media-dir folder named by media id, and
// the X archive's media folder named by tweet id; unreadable files are rejects, never crashes.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { Rng } from '../src/core/index.js';
import { drawOriginal, renderOriginal } from '../src/simulate/index.js';
import { queryRows } from '../src/store/index.js';
import { ingestInto } from './helpers/ingest-fixture.js';

async function picture(seed: string): Promise<Buffer> {
  return renderOriginal(drawOriginal(new Rng(seed)));
}

describe('ingest with pictures', () => {
  it('hashes media_path files and a media folder; bad files are rejects naming file, media id and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-media-'));
    mkdirSync(join(dir, 'pics'));
    const folder = mkdtempSync(join(tmpdir(), 'unmask-media-dir-'));
    writeFileSync(join(dir, 'pics', 'a.jpg'), await picture('a'));
    writeFileSync(join(dir, 'pics', 'broken.jpg'), (await picture('b')).subarray(0, 200));
    writeFileSync(
      join(folder, 'img-9.png'),
      await sharp(await picture('c'))
        .png()
        .toBuffer(),
    );
    writeFileSync(join(folder, 'img-10.jpg'), 'not a picture');
    writeFileSync(join(folder, 'unused.jpg'), await picture('d'));
    writeFileSync(
      join(dir, 'posts.csv'),
      [
        'post_id,account_id,created_at,text,media,media_path',
        'p1,a,2024-01-01T00:00:00Z,one,m1,pics/a.jpg',
        'p2,b,2024-01-01T00:01:00Z,two,m2,pics/broken.jpg',
        'p3,c,2024-01-01T00:02:00Z,three,m3,pics/missing.jpg',
        'p4,d,2024-01-01T00:03:00Z,four,img-9|img-10,',
        'p5,e,2024-01-01T00:04:00Z,five,img-9,',
        '',
      ].join('\n'),
    );
    const { summary, rejects, store } = await ingestInto([join(dir, 'posts.csv')], {
      mediaDirs: [folder],
    });
    try {
      expect(summary.rejected).toBe(0);
      // Files read = hashed + rejected; img-9.png serves two posts.
      expect(summary.media).toEqual({
        folderFiles: 3,
        attached: 3,
        files: 5,
        hashed: 2,
        rejected: 3,
        posts: 3,
      });
      const reasons = rejects.map(([file, line, field, reason]) => ({
        file: file!.replace(dir, 'DIR').replace(folder, 'FOLDER'),
        line,
        field,
        reason: reason!.replace(/: .*$/, ': …'),
      }));
      expect(reasons.sort((a, b) => (a.file < b.file ? -1 : 1))).toEqual([
        { file: 'DIR/pics/broken.jpg', line: '0', field: 'media', reason: 'media m2: …' },
        { file: 'DIR/pics/missing.jpg', line: '0', field: 'media', reason: 'media m3: …' },
        { file: 'FOLDER/img-10.jpg', line: '0', field: 'media', reason: 'media img-10: …' },
      ]);
      expect(rejects.find((r) => r[0]!.endsWith('missing.jpg'))![3]).toContain('not found');
      // Reported in path order, whichever file failed first (a missing file fails before a
      // truncated one is read and decoded).
      const paths = rejects.map((r) => r[0]!);
      expect(paths).toEqual([...paths].sort());
      const rows = await queryRows(
        store,
        `SELECT post_id, media_id, width, height, hash IS NOT NULL AS hashed, thumb LIKE 'data:image/webp;base64,%' AS thumb FROM post_media ORDER BY post_id, media_id`,
      );
      expect(rows).toEqual([
        { post_id: 'p1', media_id: 'm1', width: 320, height: 240, hashed: true, thumb: true },
        { post_id: 'p4', media_id: 'img-9', width: 320, height: 240, hashed: true, thumb: true },
        { post_id: 'p5', media_id: 'img-9', width: 320, height: 240, hashed: true, thumb: true },
      ]);
      // Ingesting again adds nothing and reads no file twice.
      const again = await ingestInto([join(dir, 'posts.csv')], { mediaDirs: [folder] }, store);
      expect(again.summary.media).toMatchObject({ hashed: 0, posts: 0 });
    } finally {
      store.close();
    }
  });

  it("finds the X archive's pictures by tweet id ('<tweetid>-<name>.jpg')", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-media-x-'));
    copyFileSync('test/fixtures/x-archive/tweets.csv', join(dir, 'tweets.csv'));
    const media = join(dir, 'tweet_media');
    mkdirSync(media);
    writeFileSync(join(media, '1001-Ab3xZ.jpg'), await picture('x1'));
    writeFileSync(join(media, '1002_1.jpg'), await picture('x2'));
    writeFileSync(join(media, '999999-none.jpg'), await picture('x3'));
    const { summary, store } = await ingestInto([join(dir, 'tweets.csv')], {
      mediaDirs: [media],
    });
    try {
      expect(summary.media).toMatchObject({ folderFiles: 3, attached: 2, hashed: 2, rejected: 0 });
      expect(
        await queryRows(store, 'SELECT post_id, media_id FROM post_media ORDER BY post_id'),
      ).toEqual([
        { post_id: '1001', media_id: '1001-Ab3xZ' },
        { post_id: '1002', media_id: '1002_1' },
      ]);
    } finally {
      store.close();
    }
  });

  it('hashes the photos Telegram Desktop writes beside result.json, and counts a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-media-tg-'));
    mkdirSync(join(dir, 'photos'));
    writeFileSync(join(dir, 'photos', 'photo_1@01-01-2023_10-05-00.jpg'), await picture('tg'));
    const message = (id: number, photo: string) => ({
      id,
      type: 'message',
      date: '2023-01-01T10:05:00',
      date_unixtime: String(1672567500 + id),
      from: 'Chan',
      from_id: 'channel42',
      text: 'look',
      text_entities: [{ type: 'plain', text: 'look' }],
      photo,
    });
    writeFileSync(
      join(dir, 'result.json'),
      JSON.stringify({
        name: 'Chan',
        type: 'public_channel',
        id: 42,
        messages: [
          message(1, 'photos/photo_1@01-01-2023_10-05-00.jpg'),
          message(2, 'photos/photo_2@01-01-2023_10-06-00.jpg'),
          message(3, '(File not included. Change data exporting settings to download.)'),
        ],
      }),
    );
    const { summary, rejects, store } = await ingestInto([join(dir, 'result.json')]);
    try {
      expect(summary.loaded).toBe(3);
      expect(summary.media).toMatchObject({ files: 2, hashed: 1, rejected: 1 });
      expect(rejects.map((r) => r[3])).toEqual([
        'media photo_2@01-01-2023_10-06-00: image file not found',
      ]);
      expect(await queryRows(store, 'SELECT post_id, media_id FROM post_media')).toEqual([
        { post_id: '42/1', media_id: 'photo_1@01-01-2023_10-05-00' },
      ]);
    } finally {
      store.close();
    }
  });

  it('names a missing --media-dir', async () => {
    await expect(
      ingestInto(['test/fixtures/x-archive/tweets.csv'], { mediaDirs: ['/no/such/folder'] }),
    ).rejects.toThrow(/--media-dir: '\/no\/such\/folder' is not a folder/);
  });
});
