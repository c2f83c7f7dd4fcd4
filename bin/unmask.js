#!/usr/bin/env node
// The unmask command: runs the built CLI (npm install builds it via `prepare`).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'unmask: not built; run `npm install` (or `npm run build`) in the unmask folder first\n',
  );
  process.exit(2);
}
await import(built.href);
