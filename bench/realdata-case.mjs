// Detection on real data nobody here wrote (../shared): the 120 IRA accounts of realdata/ira-dev
// against their Clemson categories, and CooRTweet's russian_coord_tweets with a shuffle test of
// whatever it flags. Usage: node bench/realdata-case.mjs <shared> <dir> [shuffles]
//   → prints {ira: {...}, russian: {...}} on its last line.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Rng, silentProgress } from '../dist/core/index.js';
import { adjustedRandIndex, detect, writeDetectionFiles } from '../dist/detect/index.js';
import { ingestFiles } from '../dist/pipeline/index.js';
import { openStore, queryRows } from '../dist/store/index.js';

const [shared, dir, shufflesArg] = process.argv.slice(2);
const shuffles = Number(shufflesArg ?? 5);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** Rows of a small CSV without quoted commas (groups.csv, accounts.csv). */
const csv = (path) => {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
};

async function ingestAndDetect(files, name, options = {}) {
  const store = await openStore(join(dir, `${name}.duckdb`));
  const t0 = performance.now();
  const summary = await ingestFiles(
    store,
    files,
    {
      format: 'auto',
      platform: null,
      timezone: null,
      rejectsPath: join(dir, `${name}.rejects.csv`),
      ...options,
    },
    { progress: silentProgress, now: Date.now },
  );
  const t1 = performance.now();
  const result = await detect(store, { seed: 1 }, silentProgress);
  await writeDetectionFiles(store, result, join(dir, name));
  const t2 = performance.now();
  return {
    store,
    summary,
    result,
    ingestSeconds: (t1 - t0) / 1000,
    detectSeconds: (t2 - t1) / 1000,
  };
}

// ira-dev: every account is an operation account; how many are flagged, in clusters of one category?
const tweets = join(shared, 'realdata', 'ira-dev', 'tweets.csv.gz');
const ira = await ingestAndDetect([tweets], 'ira');
ira.store.close();
const groups = new Map(
  csv(join(shared, 'realdata', 'ira-dev', 'groups.csv')).map((r) => [r.account_id, r.group]),
);
const flagged = csv(join(dir, 'ira', 'accounts.csv'));
const clusterOf = new Map(flagged.map((r) => [r.account_id, r.cluster_id]));
const byCluster = new Map();
for (const r of flagged) {
  const counts = byCluster.get(r.cluster_id) ?? new Map();
  const g = groups.get(r.account_id) ?? '?';
  counts.set(g, (counts.get(g) ?? 0) + 1);
  byCluster.set(r.cluster_id, counts);
}
let majority = 0;
for (const counts of byCluster.values()) majority += Math.max(...counts.values());
const perCategory = {};
for (const [id, g] of groups) {
  const c = (perCategory[g] ??= { accounts: 0, flagged: 0 });
  c.accounts++;
  if (clusterOf.has(id)) c.flagged++;
}
const ids = [...groups.keys()].sort();
const iraResult = {
  tweets: ira.summary.read,
  rejected: ira.summary.rejected,
  accounts: groups.size,
  flagged: flagged.length,
  flaggedShare: flagged.length / groups.size,
  periphery: flagged.filter((r) => r.membership === 'periphery').length,
  clusters: byCluster.size,
  // Share of flagged accounts in their cluster's majority category.
  purity: flagged.length > 0 ? majority / flagged.length : 0,
  // Flagged accounts only: clusters against Clemson categories.
  ari: adjustedRandIndex(
    ids.filter((a) => clusterOf.has(a)).map((a) => clusterOf.get(a)),
    ids.filter((a) => clusterOf.has(a)).map((a) => groups.get(a)),
  ),
  perCategory,
  families: ira.result.families,
  ingestSeconds: ira.ingestSeconds,
  detectSeconds: ira.detectSeconds,
};

// russian_coord_tweets: what is flagged, and does it stand out when who-shared-what is shuffled
// within hours of the week (the null model's own shuffle, done on the data)?
const source = join(shared, 'conformance', 'russian_coord_tweets.csv');
const rus = await ingestAndDetect([source], 'russian', { format: 'coortweet' });
const pairs = csv(join(dir, 'russian', 'pairs.csv'));
const weightsOf = async (store) =>
  new Map(
    (
      await queryRows(
        store,
        `SELECT account_a, account_b, max(observed / expected) AS ratio FROM signal_edge_weights
         WHERE expected > 0 GROUP BY ALL`,
      )
    ).map((r) => [`${r.account_a}|${r.account_b}`, Number(r.ratio)]),
  );
const real = await weightsOf(rus.store);
rus.store.close();
const [head, ...lines] = readFileSync(source, 'utf8').trim().split('\n');
const rows = lines.map((l) => l.split(','));
const col = head.split(',');
const accountCol = col.indexOf('account_id');
const timeCol = col.indexOf('timestamp_share');
const shuffled = [];
for (let s = 0; s < shuffles; s++) {
  const rng = new Rng(`shuffle-${s}`);
  const byHour = new Map();
  rows.forEach((r, i) => {
    const h = (Math.floor(Number(r[timeCol]) / 3600) + 72) % 168;
    (byHour.get(h) ?? byHour.set(h, []).get(h)).push(i);
  });
  const out = rows.map((r) => [...r]);
  for (const idx of byHour.values()) {
    const accounts = rng.sample(
      idx.map((i) => rows[i][accountCol]),
      idx.length,
    );
    idx.forEach((i, k) => (out[i][accountCol] = accounts[k]));
  }
  const file = join(dir, `russian-shuffle-${s}.csv`);
  writeFileSync(file, `${head}\n${out.map((r) => r.join(',')).join('\n')}\n`);
  const run = await ingestAndDetect([file], `russian-shuffle-${s}`, { format: 'coortweet' });
  const weights = await weightsOf(run.store);
  run.store.close();
  shuffled.push({
    flagged: run.result.flaggedAccounts,
    significantPairs: run.result.significantPairs,
    weights,
  });
}
// A flagged pair stands out when its best observed/expected beats the same pair's in every shuffle.
const standOut = pairs.filter((p) => {
  const key = `${p.account_a}|${p.account_b}`;
  return shuffled.every((s) => (s.weights.get(key) ?? 0) < (real.get(key) ?? 0));
}).length;
const russianResult = {
  shares: rus.summary.read,
  accounts: rus.result.accounts,
  testableAccounts: rus.result.testableAccounts,
  flagged: rus.result.flaggedAccounts,
  flaggedPairs: pairs.length,
  pairsStandingOut: standOut,
  shuffles,
  shuffledFlagged: shuffled.map((s) => s.flagged),
  shuffledSignificantPairs: shuffled.map((s) => s.significantPairs),
  strongestPair: rus.result.strongestPair,
  cutoffPValue: rus.result.cutoffPValue,
  detectSeconds: rus.detectSeconds,
};
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ ira: iraResult, russian: russianResult }));
