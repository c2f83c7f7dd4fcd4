// Test helper: ingest files into a fresh in-memory case and return the summary, rejects and store.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentProgress } from '../../src/core/index.js';
import { CsvParser } from '../../src/ingest/csv/csv-records.js';
import type { FileSample } from '../../src/ingest/index.js';
import { expandInputs, sampleSource } from '../../src/ingest/index.js';
import type { IngestOptions, IngestSummary } from '../../src/pipeline/index.js';
import { ingestFiles } from '../../src/pipeline/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';

/** Fixed clock for deterministic ingest_runs rows. */
export const FIXED_NOW = Date.UTC(2026, 0, 1);

/** Result of {@link ingestInto}: the summary, the rejects file's rows, the open store. */
export interface IngestResult {
  readonly summary: IngestSummary;
  readonly rejects: string[][];
  readonly store: Store;
}

/** Ingests `paths` into `store` (a new in-memory case when omitted). */
export async function ingestInto(
  paths: string[],
  options: Partial<IngestOptions> = {},
  store?: Store,
): Promise<IngestResult> {
  const s = store ?? (await openStore(':memory:'));
  const rejectsPath = join(mkdtempSync(join(tmpdir(), 'unmask-test-')), 'rejects.csv');
  const summary = await ingestFiles(
    s,
    paths,
    { format: 'auto', platform: null, timezone: null, rejectsPath, ...options },
    { progress: silentProgress, now: () => FIXED_NOW },
  );
  const rejects = new CsvParser(44, 1 << 20)
    .push(readFileSync(rejectsPath, 'utf8'), true)
    .slice(1)
    .map((r) => (r.error === undefined ? r.fields : [r.error]));
  return { summary, rejects, store: s };
}

/** The sample of the first input at `path` (a file, or a zip archive's first member). */
export async function sampleOf(path: string): Promise<FileSample> {
  const { inputs } = await expandInputs([path]);
  return sampleSource(inputs[0]!.source);
}

/** Path of a committed fixture. */
export function fixture(...parts: string[]): string {
  return join(import.meta.dirname, '..', 'fixtures', ...parts);
}

/** Reads a small CSV file into objects keyed by its header (tests of written exports). */
export function readCsvObjects(path: string): Record<string, string>[] {
  const records = new CsvParser(44, 1 << 22).push(readFileSync(path, 'utf8'), true);
  const header = (records[0] as { fields: string[] }).fields;
  return records
    .slice(1)
    .map((r) =>
      Object.fromEntries(header.map((h, i) => [h, (r as { fields: string[] }).fields[i] ?? ''])),
    );
}
