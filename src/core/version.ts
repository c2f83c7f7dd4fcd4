// unmask's own version, read once from package.json (two folders above both src/core and dist/core).
import { readFileSync } from 'node:fs';

/** The version in package.json, e.g. '0.1.0'. */
export const UNMASK_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
