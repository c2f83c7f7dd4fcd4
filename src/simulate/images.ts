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

/** An account of truth.csv. */
interface TruthAccount {
  readonly platform: string;
  readonly accountId: string;
  readonly label: string;
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
  const accounts = readTruthAccounts(dir);
  const organic = accounts.filter((a) => a.label === 'organic');
  mkdirSync(join(dir, 'media'), { recursive: true });
  const album = new Album(dir, rng, options.start, options.days * 86_400_000);
  const copies = await operationCopies(rng, album, accounts, options.basesPerOperation ?? 6);
  const posters = rng.sample(organic, Math.min(organic.length, options.organicPosters ?? 400));
  for (const [i, account] of posters.entries())
    album.post(account, await renderOriginal(drawOriginal(rng)), `organic:${i}`, 'original');
  const viralShares = await viralPictures(rng, album, organic);
  album.write();
  return {
    pictures: album.truth.length,
    posts: album.posts.length,
    copies,
    organicOriginals: posters.length,
    viralShares,
    files: ['image-posts.csv', 'image-truth.csv', 'media/'],
  };
}

// The accounts of truth.csv, in its order.
function readTruthAccounts(dir: string): TruthAccount[] {
  return readFileSync(join(dir, 'truth.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [platform, accountId, label] = line.split(',');
      return { platform: platform!, accountId: accountId!, label: label! };
    });
}

/** The pictures posted so far: media/ files written as they come, the CSV lines kept for the end. */
class Album {
  readonly truth: PictureTruth[] = [];
  /** Lines of image-posts.csv. */
  readonly posts: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly rng: Rng,
    private readonly start: number,
    private readonly span: number,
  ) {}

  /** Writes the picture as the next media file and posts it at a random time of the run. */
  post(account: TruthAccount, picture: Buffer, base: string, edit: ImageEdit): void {
    const n = this.truth.length + 1;
    const mediaId = `pic${n}`;
    const postId = `img${n}`;
    writeFileSync(join(this.dir, 'media', `${mediaId}.jpg`), picture);
    const at = new Date(this.start + Math.floor(this.rng.next() * this.span)).toISOString();
    this.posts.push(
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
    this.truth.push({ mediaId, postId, ...account, base, edit });
  }

  /** Writes image-posts.csv and image-truth.csv. */
  write(): void {
    writeFileSync(
      join(this.dir, 'image-posts.csv'),
      `platform,post_id,account_id,created_at,kind,text,media,media_path\n${this.posts.join('')}`,
    );
    writeFileSync(
      join(this.dir, 'image-truth.csv'),
      `media_id,post_id,platform,account,label,base,edit\n${this.truth
        .map((t) => csvRow([t.mediaId, t.postId, t.platform, t.accountId, t.label, t.base, t.edit]))
        .join('')}`,
    );
  }
}

// Each operation draws `basesPerOperation` base pictures; each of its accounts posts 1–3 copies
// (edited, or the base itself one time in five). Returns the copies per edit.
async function operationCopies(
  rng: Rng,
  album: Album,
  accounts: readonly TruthAccount[],
  basesPerOperation: number,
): Promise<Record<string, number>> {
  const operations = [...new Set(accounts.map((a) => a.label))].filter((l) => l !== 'organic');
  const copies: Record<string, number> = {};
  for (const operation of operations) {
    const members = accounts.filter((a) => a.label === operation);
    const bases: Buffer[] = [];
    for (let b = 0; b < basesPerOperation; b++) bases.push(await renderOriginal(drawOriginal(rng)));
    for (const account of members) {
      for (let c = rng.int(1, 3); c > 0; c--) {
        const b = rng.int(0, bases.length - 1);
        const edit: ImageEdit = rng.chance(0.2) ? 'original' : rng.pick(IMAGE_EDITS);
        copies[edit] = (copies[edit] ?? 0) + 1;
        album.post(account, await editImage(bases[b]!, edit, rng), `op:${operation}:${b}`, edit);
      }
    }
  }
  return copies;
}

// Viral pictures: the same file re-posted unchanged by 10–25 organic accounts each. Returns the
// number of shares.
async function viralPictures(
  rng: Rng,
  album: Album,
  organic: readonly TruthAccount[],
): Promise<number> {
  let shares = 0;
  for (let v = 0; v < 2 && organic.length >= 25; v++) {
    const picture = await renderOriginal(drawOriginal(rng));
    for (const account of rng.sample(organic, rng.int(10, 25))) {
      album.post(account, picture, `viral:${v}`, 'original');
      shares++;
    }
  }
  return shares;
}
