// Writes a detection's files: accounts.csv, clusters.json, edges.csv, pairs.csv (DESIGN.md contracts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Store } from '../store/index.js';
import { exportDetection } from '../store/index.js';
import type { DetectResult } from './detect.js';

/** The files a detection writes, by role. */
export interface DetectionFiles {
  readonly accounts: string;
  readonly clusters: string;
  readonly edges: string;
  readonly pairs: string;
}

/** Writes the detection's files into `dir`; returns their paths. */
export async function writeDetectionFiles(
  store: Store,
  result: DetectResult,
  dir: string,
  evidenceLimit = 20,
): Promise<DetectionFiles> {
  mkdirSync(dir, { recursive: true });
  const files: DetectionFiles = {
    accounts: join(dir, 'accounts.csv'),
    clusters: join(dir, 'clusters.json'),
    edges: join(dir, 'edges.csv'),
    pairs: join(dir, 'pairs.csv'),
  };
  await exportDetection(store, files, evidenceLimit);
  const { options } = result;
  const doc = {
    clusters: result.clusters,
    summary: {
      accounts: result.accounts,
      testedPairs: result.testedPairs,
      significantPairs: result.significantPairs,
      flaggedAccounts: result.flaggedAccounts,
      flaggedClusters: result.clusters.filter((c) => c.flagged).length,
      louvainAgreementNmi:
        result.louvainAgreement === null ? null : Math.round(result.louvainAgreement * 1000) / 1000,
    },
    params: {
      signals: options.signals,
      windowSeconds: options.window,
      minWeight: options.minWeight,
      // Signals whose minimum weight detection raised past their pair budget (co-share, 50M pairs).
      minWeightRaised: result.minWeightUsed,
      fdr: options.fdr,
      seed: options.seed,
      minClusterSize: options.minClusterSize,
      resolution: options.resolution,
      flagAutomated: options.flagAutomated,
    },
  };
  writeFileSync(files.clusters, `${JSON.stringify(doc, null, 2)}\n`);
  return files;
}
