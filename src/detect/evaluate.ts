// `unmask evaluate`: flagged accounts and clusters against a truth file (simulate's truth.csv).
import { join } from 'node:path';

import { unformulaSafe } from '../core/index.js';
import { readCsvTable } from '../ingest/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from './partition-metrics.js';

/** Scores of one operation (or of all of them, `overall`). */
export interface OperationScore {
  readonly accounts: number;
  readonly flagged: number;
  readonly recall: number;
  /** Clusters holding its flagged accounts, with how many each. */
  readonly clusters: Record<string, number>;
}

/** Accounts of one kind (truth.csv's optional fourth column) and how many were flagged. */
export interface KindScore {
  readonly accounts: number;
  readonly flagged: number;
  /** The labels its accounts carry, sorted (e.g. ['organic'] or ['night-shift']). */
  readonly labels: readonly string[];
}

/** What `evaluate` reports. */
export interface Evaluation {
  readonly accounts: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Organic accounts in the truth file, how many of them were flagged, and the share. */
  readonly organicAccounts: number;
  readonly organicFlagged: number;
  readonly organicFlaggedShare: number;
  /** ARI / NMI of clusters (unflagged as one class) against labels (organic as one class), all accounts. */
  readonly ari: number;
  readonly nmi: number;
  /** The same over the accounts of operations only. */
  readonly operationsAri: number;
  readonly operationsNmi: number;
  readonly operations: Record<string, OperationScore>;
  /** Flagged accounts not in the truth file (counted as false positives). */
  readonly unknownFlagged: number;
  /** Per kind, when the truth file has a `kind` column (rows with an empty kind are left out). */
  readonly kinds?: Record<string, KindScore>;
}

function readCsv(path: string, required: readonly string[]): Array<Record<string, string>> {
  return readCsvTable(path, required).map((r) => r.values);
}

/** The truth file's label and (optional) kind of each account, keyed `platform:account_id`. */
function readTruth(truthPath: string) {
  const truth = new Map<string, string>();
  const kindOf = new Map<string, string>();
  for (const r of readCsv(truthPath, ['platform', 'account_id', 'label'])) {
    const key = `${r.platform}:${r.account_id}`;
    truth.set(key, r.label as string);
    if (r.kind !== undefined) kindOf.set(key, r.kind);
  }
  return { truth, kindOf };
}

/** The flagged accounts' clusters, keyed `platform:account_id`. */
function readFlagged(resultsDir: string): Map<string, string> {
  // accounts.csv is spreadsheet-safe: an id like '-1001 was written with a leading quote.
  const flagged = new Map<string, string>();
  for (const r of readCsv(join(resultsDir, 'accounts.csv'), [
    'platform',
    'account_id',
    'cluster_id',
  ]))
    flagged.set(
      `${unformulaSafe(r.platform as string)}:${unformulaSafe(r.account_id as string)}`,
      r.cluster_id as string,
    );
  return flagged;
}

/**
 * Counts over the truth's accounts in key order: operation accounts flagged or missed, organic
 * ones flagged, each operation's and kind's accounts, and the partitions (cluster against label)
 * the agreement indices compare.
 */
function tally(
  truth: ReadonlyMap<string, string>,
  kindOf: ReadonlyMap<string, string>,
  flagged: ReadonlyMap<string, string>,
) {
  let tp = 0;
  let fn = 0;
  let organic = 0;
  let organicFlagged = 0;
  const ops: Record<
    string,
    { accounts: number; flagged: number; clusters: Record<string, number> }
  > = {};
  const kinds = new Map<string, { accounts: number; flagged: number; labels: Set<string> }>();
  const predicted: string[] = [];
  const actual: string[] = [];
  const opPredicted: string[] = [];
  const opActual: string[] = [];
  for (const [key, label] of [...truth].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cluster = flagged.get(key);
    const kind = kindOf.get(key);
    if (kind) {
      let k = kinds.get(kind);
      if (!k) kinds.set(kind, (k = { accounts: 0, flagged: 0, labels: new Set() }));
      k.accounts++;
      if (cluster !== undefined) k.flagged++;
      k.labels.add(label);
    }
    predicted.push(cluster === undefined ? '-' : `c${cluster}`);
    actual.push(label);
    if (label !== 'organic') {
      const o = (ops[label] ??= { accounts: 0, flagged: 0, clusters: {} });
      o.accounts++;
      opPredicted.push(cluster === undefined ? '-' : `c${cluster}`);
      opActual.push(label);
      if (cluster !== undefined) {
        tp++;
        o.flagged++;
        o.clusters[cluster] = (o.clusters[cluster] ?? 0) + 1;
      } else fn++;
    } else {
      organic++;
      if (cluster !== undefined) organicFlagged++;
    }
  }
  return { tp, fn, organic, organicFlagged, ops, kinds, predicted, actual, opPredicted, opActual };
}

/**
 * Compares `<results>/accounts.csv` against `truth` (platform,account_id,label and optionally
 * kind, e.g. 'fandom' or 'sparse-amplifier'); with kinds, also the flagged accounts per kind.
 */
export function evaluate(truthPath: string, resultsDir: string): Evaluation {
  const { truth, kindOf } = readTruth(truthPath);
  const flagged = readFlagged(resultsDir);
  const { tp, fn, organic, organicFlagged, ops, kinds, predicted, actual, opPredicted, opActual } =
    tally(truth, kindOf, flagged);
  let fp = organicFlagged;
  let unknownFlagged = 0;
  for (const key of flagged.keys()) if (!truth.has(key)) unknownFlagged++;
  fp += unknownFlagged;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    accounts: truth.size,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    organicAccounts: organic,
    organicFlagged,
    organicFlaggedShare: round(organic === 0 ? 0 : organicFlagged / organic),
    ari: round(adjustedRandIndex(predicted, actual)),
    nmi: round(normalizedMutualInformation(predicted, actual)),
    operationsAri: round(adjustedRandIndex(opPredicted, opActual)),
    operationsNmi: round(normalizedMutualInformation(opPredicted, opActual)),
    operations: Object.fromEntries(
      Object.entries(ops)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, o]) => [name, { ...o, recall: round(o.flagged / o.accounts) }]),
    ),
    unknownFlagged,
    ...(kindOf.size > 0
      ? {
          kinds: Object.fromEntries(
            [...kinds]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([name, k]) => [
                name,
                { accounts: k.accounts, flagged: k.flagged, labels: [...k.labels].sort() },
              ]),
          ),
        }
      : {}),
  };
}
