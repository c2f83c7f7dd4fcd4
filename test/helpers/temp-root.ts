// Vitest global setup: every test's temporary directory (os.tmpdir()) goes under one directory per
// run, removed when the run ends. Tests create case files and simulated data in temp directories;
// left behind, thousands of them filled /tmp (and slowed later benchmarks through page reclaim).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'unmask-tests-'));
  // Forked test workers inherit the environment, and os.tmpdir() reads TMPDIR on each call.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
