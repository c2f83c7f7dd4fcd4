// `unmask simulate --images`: pictures beside a scenario's export. Each operation draws a few base
// pictures and its accounts post edited copies of them (resized, cropped, JPEG quality 30, a caption
// band added; or the base itself); organic accounts post pictures of their own, and a few share
// viral ones. Written as image-posts.csv (native posts with `media` and `media_path`), media/*.jpg
// and image-truth.csv (which base and edit each picture is).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { csvRow, Rng } from '../core/index.js';
import type { ImageEdit } from './draw-images.js';
import { drawOriginal, editImage, IMAGE_EDITS, renderOriginal } from './draw-images.js';

/** Options of {@link simulateImages}. */
export interface ImageSimulationOptions {
  /** The scenario's seed; the same seed draws the same pictures. */
  readonly seed: number;
  /** First day of the scenario (epoch ms) and its length in days: the posts' times fall inside. */
  readonly start: number;
  readonly days: number;
  /** Base pictures per operation; default 6. */
  readonly basesPerOperation?: number;
  /** Organic accounts that post a picture of their own (at most); default 400. */
  readonly organicPosters?: number;
}

/** What {@link simulateImages} wrote. */
export interface ImageSimulationSummary {
  readonly pictures: number;
  readonly posts: number;
  /** Copies of operations' bases posted, per edit ('original' for the base itself). */
  readonly copies: Readonly<Record<string, number>>;
  readonly organicOriginals: number;
  readonly viralShares: number;
  readonly files: readonly string[];
}

/** One line of image-truth.csv. */
interface PictureTruth {
  readonly mediaId: string;
  readonly postId: string;
  readonly platform: string;
  readonly accountId: string;
  readonly label: string;
  /** 'op:<operation>:<n>' for an operation's base, 'organic:<n>', or 'viral:<n>'. */
  readonly base: string;
  readonly edit: ImageEdit;
}

/**
 * Draws the pictures of the scenario written in `dir` (it reads truth.csv for the accounts and their
 * labels) and writes image-posts.csv, image-truth.csv and media/.
 */
export async function simulateImages(
  dir: string,
  options: ImageSimulationOptions,
): Promise<ImageSimulationSummary> {
  const rng = new Rng(`${options.seed}:images`);
  const accounts = readFileSync(join(dir, 'truth.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [platform, accountId, label] = line.split(',');
      return { platform: platform!, accountId: accountId!, label: label! };
    });
  const operations = [...new Set(accounts.map((a) => a.label))].filter((l) => l !== 'organic');
  const organic = accounts.filter((a) => a.label === 'organic');
  mkdirSync(join(dir, 'media'), { recursive: true });
  const truth: PictureTruth[] = [];
  const posts: string[] = [];
  const span = options.days * 86_400_000;
  const copies: Record<string, number> = {};
  const post = async (
    account: { platform: string; accountId: string; label: string },
    picture: Buffer,
    base: string,
    edit: ImageEdit,
  ) => {
    const n = truth.length + 1;
    const mediaId = `pic${n}`;
    const postId = `img${n}`;
    writeFileSync(join(dir, 'media', `${mediaId}.jpg`), picture);
    const at = new Date(options.start + Math.floor(rng.next() * span)).toISOString();
    posts.push(
      csvRow([
        account.platform,
        postId,
        account.accountId,
        at,
        'post',
        '',
        mediaId,
        `media/${mediaId}.jpg`,
      ]),
    );
    truth.push({ mediaId, postId, ...account, base, edit });
  };
  for (const operation of operations) {
    const members = accounts.filter((a) => a.label === operation);
    const bases: Buffer[] = [];
    for (let b = 0; b < (options.basesPerOperation ?? 6); b++)
      bases.push(await renderOriginal(drawOriginal(rng)));
    for (const account of members) {
      for (let c = rng.int(1, 3); c > 0; c--) {
        const b = rng.int(0, bases.length - 1);
        const edit: ImageEdit = rng.chance(0.2) ? 'original' : rng.pick(IMAGE_EDITS);
        copies[edit] = (copies[edit] ?? 0) + 1;
        await post(account, await editImage(bases[b]!, edit, rng), `op:${operation}:${b}`, edit);
      }
    }
  }
  const posters = rng.sample(organic, Math.min(organic.length, options.organicPosters ?? 400));
  for (const [i, account] of posters.entries())
    await post(account, await renderOriginal(drawOriginal(rng)), `organic:${i}`, 'original');
  const organicOriginals = posters.length;
  // Viral pictures: the same file re-posted unchanged by 10–25 organic accounts each.
  let viralShares = 0;
  for (let v = 0; v < 2 && organic.length >= 25; v++) {
    const picture = await renderOriginal(drawOriginal(rng));
    for (const account of rng.sample(organic, rng.int(10, 25))) {
      await post(account, picture, `viral:${v}`, 'original');
      viralShares++;
    }
  }
  writeFileSync(
    join(dir, 'image-posts.csv'),
    `platform,post_id,account_id,created_at,kind,text,media,media_path\n${posts.join('')}`,
  );
  writeFileSync(
    join(dir, 'image-truth.csv'),
    `media_id,post_id,platform,account,label,base,edit\n${truth
      .map((t) => csvRow([t.mediaId, t.postId, t.platform, t.accountId, t.label, t.base, t.edit]))
      .join('')}`,
  );
  return {
    pictures: truth.length,
    posts: posts.length,
    copies,
    organicOriginals,
    viralShares,
    files: ['image-posts.csv', 'image-truth.csv', 'media/'],
  };
}
