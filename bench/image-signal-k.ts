// Measures near-duplicate-image at several k on a simulated case with pictures (docs/signals.md):
// recall of planted edited-copy account pairs and pairs linked among organic originals.
//   npx tsx src/cli/run.ts simulate --scenario spamouflage --seed 1 --images --out DIR
//   npx tsx src/cli/run.ts ingest DIR --case DIR.duckdb
//   npx tsx bench/image-signal-k.ts DIR DIR.duckdb
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  NEAR_DUPLICATE_IMAGE_DEFAULTS,
  nearDuplicateImage,
} from '../src/signals/near-duplicate-image.js';
import { openStore, rows } from '../src/store/index.js';

const [dir, casePath] = process.argv.slice(2) as [string, string];
const truth = readFileSync(join(dir, 'image-truth.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [mediaId, , platform, account, , base, edit] = l.split(',');
    return { mediaId, acc: `${platform}:${account}`, base: base!, edit: edit! };
  });
const store = await openStore(casePath);
try {
  for (const k of [6, 8, 10, 12, 14]) {
    await nearDuplicateImage(store, { ...NEAR_DUPLICATE_IMAGE_DEFAULTS, k });
    const linked = new Set(
      (
        await rows(
          store,
          `SELECT platform_a || ':' || account_a, platform_b || ':' || account_b FROM signal_edges WHERE signal = 'near-duplicate-image'`,
        )
      ).map(([a, b]) => `${a}|${b}`),
    );
    const isLinked = (a: string, b: string) => linked.has(`${a}|${b}`) || linked.has(`${b}|${a}`);
    let planted = 0;
    let found = 0;
    const byBase = new Map<string, typeof truth>();
    for (const t of truth) byBase.set(t.base, [...(byBase.get(t.base) ?? []), t]);
    for (const [base, ts] of byBase) {
      if (!base.startsWith('op:')) continue;
      for (let i = 0; i < ts.length; i++)
        for (let j = i + 1; j < ts.length; j++) {
          if (ts[i]!.acc === ts[j]!.acc) continue;
          planted++;
          if (isLinked(ts[i]!.acc, ts[j]!.acc)) found++;
        }
    }
    const viral = new Set(truth.filter((t) => t.base.startsWith('viral')).map((t) => t.acc));
    const organic = [
      ...new Set(truth.filter((t) => t.base.startsWith('organic')).map((t) => t.acc)),
    ];
    let organicLinked = 0;
    for (let i = 0; i < organic.length; i++)
      for (let j = i + 1; j < organic.length; j++)
        if (
          !(viral.has(organic[i]!) && viral.has(organic[j]!)) &&
          isLinked(organic[i]!, organic[j]!)
        )
          organicLinked++;
    console.log(
      `k=${k}: recall ${(found / planted).toFixed(4)} of ${planted} planted copy pairs; ${organicLinked} linked pairs among ${organic.length} organic-original accounts; ${linked.size} edges`,
    );
  }
} finally {
  store.close();
}
