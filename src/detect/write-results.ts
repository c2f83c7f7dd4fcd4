// Writes a detection's files: accounts.csv, clusters.json, edges.csv, pairs.csv (DESIGN.md contracts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Store } from '../store/index.js';
import type { DetectResult } from './detect.js';
import { exportDetection } from './detect.sql.js';

/** The files a detection writes, by role. */
export interface DetectionFiles {
  readonly accounts: string;
  readonly clusters: string;
  readonly edges: string;
  readonly pairs: string;
}

/** Says why a run flagged no one: the testable pairs, the strongest pair and the cut it missed. */
export function nothingFoundReason(result: DetectResult): string {
  const s = result.strongestPair;
  const tested = `${result.testedPairs.toLocaleString('en')} linked pairs tested among ${result.testableAccounts.toLocaleString('en')} accounts with at least 2 shareable actions (${result.hypotheses.toLocaleString('en')} possible pairs)`;
  if (s === null)
    return `no account pair is linked by any signal: ${tested}. Nothing to test; check that the export has the shared objects the signals need (${Object.entries(
      result.families,
    )
      .map(([f, n]) => `${f}: ${n} accounts`)
      .join(', ')}).`;
  const who = (a: { handle: string | null; accountId: string }) => a.handle ?? a.accountId;
  const tests = s.tests
    .map(
      (t) =>
        `${t.signal} ${t.observed} observed vs ${t.expected.toPrecision(2)} expected (p ${t.pValue.toExponential(1)})`,
    )
    .join('; ');
  return `no pair stands out from chance: ${tested}. The strongest, ${who(s.a)} and ${who(s.b)}: ${tests}; fused p ${s.pValue.toExponential(1)}, but the first-ranked pair needs p ≤ ${result.cutoffPValue.toExponential(1)} (FDR ${result.options.fdr} over the possible pairs).`;
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
      testableAccounts: result.testableAccounts,
      hypotheses: result.hypotheses,
      testedPairs: result.testedPairs,
      significantPairs: result.significantPairs,
      peripheryAccounts: result.peripheryAccounts,
      // Accounts with occurrences of each family; a family with none had no data in this case
      // and entered no pair's fusion.
      families: result.families,
      familiesAvailable: Object.entries(result.families)
        .filter(([, n]) => n > 0)
        .map(([f]) => f),
      strongestPair: result.strongestPair,
      cutoffPValue: result.cutoffPValue,
      whyNothing: result.flaggedAccounts === 0 ? nothingFoundReason(result) : null,
      flaggedAccounts: result.flaggedAccounts,
      flaggedClusters: result.clusters.filter((c) => c.flagged).length,
      // Coordinated clusters set aside as likely organic (docs/detection.md, step 7).
      likelyOrganicClusters: result.clusters.filter((c) => c.category === 'likely-organic').length,
      likelyOrganicAccounts: result.clusters
        .filter((c) => c.category === 'likely-organic')
        .reduce((n, c) => n + c.size, 0),
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
      flagLikelyOrganic: options.flagLikelyOrganic,
    },
  };
  writeFileSync(files.clusters, `${JSON.stringify(doc, null, 2)}\n`);
  return files;
}
