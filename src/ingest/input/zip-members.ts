// Lists and streams the members of a zip archive through its central directory (yauzl).
//
// yauzl reads the central directory at the end of the archive and inflates one member at a time
// from its offset, so an archive is never unpacked to disk nor held in memory whole.
import type { Readable } from 'node:stream';

import type { Entry, ZipFile } from 'yauzl';
import yauzl from 'yauzl';

import { InputError } from '../../core/index.js';

/** A file inside a zip archive. */
export interface ZipMember {
  /** Its path inside the archive, e.g. 'data/tweets.csv'. */
  readonly name: string;
  /** Its position in the central directory (0-based). */
  readonly index: number;
  /** Bytes once inflated, as the archive states them. */
  readonly size: number;
}

/** Returns the files of a zip archive (folders left out); throws InputError for a broken one. */
export async function zipMembers(path: string): Promise<ZipMember[]> {
  const zip = await openZip(path);
  const out: ZipMember[] = [];
  try {
    let index = 0;
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.endsWith('/'))
        out.push({ name: entry.fileName, index, size: entry.uncompressedSize });
      index++;
    }
  } catch (error) {
    throw new InputError(`${path}: not a readable zip archive (${(error as Error).message})`);
  } finally {
    zip.close();
  }
  return out;
}

/** Opens member `index` of a zip archive as a stream of its inflated bytes. */
export async function openZipMember(path: string, member: ZipMember): Promise<Readable> {
  const zip = await openZip(path);
  try {
    let index = 0;
    let entry: Entry | null = null;
    for await (const e of zip.eachEntry()) {
      if (index++ === member.index) {
        entry = e;
        break;
      }
    }
    if (entry === null || entry.fileName !== member.name)
      throw new InputError(`${path}!${member.name}: the member is gone (archive changed?)`);
    if (entry.isEncrypted())
      throw new InputError(
        `${path}!${member.name}: encrypted zip member; decrypt the archive first`,
      );
    return await zip.openReadStreamPromise(entry);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${path}!${member.name}: cannot read the member (${(error as Error).message})`,
    );
  } finally {
    // The file stays open until the member's stream has been read (yauzl's 'close' event).
    zip.close();
  }
}

async function openZip(path: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(path, { autoClose: false });
  } catch (error) {
    throw new InputError(`${path}: not a readable zip archive (${(error as Error).message})`);
  }
}
