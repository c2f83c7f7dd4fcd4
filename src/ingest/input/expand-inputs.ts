// Turns the paths given to ingest into input sources: folders walked, compressed files and zip
// archives recognized by their first bytes, files that are not exports set aside with a reason.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { InputError, NotFoundError } from '../../core/index.js';
import { containerOf } from './decompress.js';
import type { InputSource } from './input-source.js';
import { fileSource, zipMemberSource } from './input-source.js';
import { notDataReason } from './not-data.js';
import { zipMembers } from './zip-members.js';

/** An input found under the given paths. */
export interface FoundInput {
  readonly source: InputSource;
  /** True when the path was given as such (not found in a folder or archive): never skipped. */
  readonly named: boolean;
}

/** A file left out because it is not an export, and why. */
export interface SkippedFile {
  readonly file: string;
  /** e.g. 'documentation', 'hidden file', 'image'. */
  readonly reason: string;
}

/** What {@link expandInputs} found. */
export interface ExpandedInputs {
  readonly inputs: FoundInput[];
  readonly skipped: SkippedFile[];
}

/**
 * Returns the inputs under the given paths: files as given (a zip archive gives its members),
 * folders walked in name order. Files in folders and archives whose name says they are not data
 * (README, .DS_Store, images …) are skipped; throws NotFoundError for a missing path.
 */
export async function expandInputs(paths: readonly string[]): Promise<ExpandedInputs> {
  const inputs: FoundInput[] = [];
  const skipped: SkippedFile[] = [];
  const visit = async (path: string, named: boolean): Promise<void> => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new NotFoundError(`${path}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) await visit(join(path, name), false);
      return;
    }
    const reason = named ? null : notDataReason(path);
    if (reason !== null) {
      skipped.push({ file: path, reason });
      return;
    }
    const container = stat.isFile() ? containerOf(headOf(path)) : 'plain';
    if (container !== 'zip') {
      inputs.push({ source: fileSource(path, container, stat.size), named });
      return;
    }
    for (const member of await zipMembers(path)) {
      const memberReason = notDataReason(member.name);
      if (memberReason !== null)
        skipped.push({ file: `${path}!${member.name}`, reason: memberReason });
      else inputs.push({ source: zipMemberSource(path, member), named: false });
    }
  };
  for (const path of paths) await visit(path, true);
  return { inputs, skipped };
}

function headOf(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  }
  try {
    const head = Buffer.alloc(4);
    const n = readSync(fd, head, 0, 4, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
