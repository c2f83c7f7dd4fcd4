// The demo's output folder: made by the demo and marked, so a later run replaces only its own.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError } from '../core/index.js';

/** The file `unmask demo` leaves in its folder to know the folder as its own. */
export const DEMO_MARKER = '.unmask-demo';

/**
 * Makes `dir` an empty demo folder with its marker: creates it when missing, uses it when empty,
 * replaces it when an earlier demo made it (the marker is there). Anything else (a file, or a
 * folder with other things in it) is a ConfigError, and `dir` is left as it was.
 */
export function prepareDemoFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new ConfigError(`--out ${dir}: a file, not a folder; choose another --out`);
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER))
      throw new ConfigError(
        `--out ${dir}: the folder is not empty and was not made by 'unmask demo' (no ${DEMO_MARKER} in it); choose another --out or an empty folder`,
      );
    if (entries.length > 0) rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, DEMO_MARKER),
    "made by 'unmask demo': the next demo run with this --out replaces the whole folder\n",
  );
}
