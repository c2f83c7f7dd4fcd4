// Where the third-party conformance data lives: ../shared beside the project (never committed).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The shared folder beside the project root. */
export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');

/** Path of a file under ../shared; throws when the folder is missing so the suite fails loudly. */
export function shared(...parts: string[]): string {
  const path = join(SHARED, ...parts);
  if (!existsSync(path))
    throw new Error(`conformance data missing: ${path} (the suite needs ../shared)`);
  return path;
}
