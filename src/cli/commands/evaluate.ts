// `unmask evaluate --truth <truth.csv> --results <dir> [--out evaluation.json]`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { evaluate } from '../../detect/index.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';

/** Raw flags of the evaluate command. */
export interface EvaluateFlags {
  readonly truth: string;
  readonly results: string;
  readonly out?: string;
  readonly json?: boolean;
}

/** Scores detection results against ground truth; prints and writes evaluation.json. */
export function evaluateCommand(flags: EvaluateFlags, io: CliIo): number {
  const e = evaluate(flags.truth, flags.results);
  const out = flags.out ?? join(flags.results, 'evaluation.json');
  writeFileSync(out, `${JSON.stringify(e, null, 2)}\n`);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  io.stdout.write(
    formatTable(
      ['operation', 'accounts', 'flagged', 'recall', 'clusters'],
      Object.entries(e.operations).map(([name, o]) => [
        name,
        o.accounts,
        o.flagged,
        f(o.recall),
        Object.entries(o.clusters)
          .sort(([, a], [, b]) => b - a)
          .map(([c, n]) => `#${c}: ${n}`)
          .join(', '),
      ]),
    ),
  );
  if (e.kinds)
    io.stdout.write(
      formatTable(
        ['kind', 'label', 'accounts', 'flagged', 'share flagged'],
        Object.entries(e.kinds).map(([kind, k]) => [
          kind,
          k.labels.join(', '),
          k.accounts,
          k.flagged,
          `${((k.accounts ? k.flagged / k.accounts : 0) * 100).toFixed(1)}%`,
        ]),
      ),
    );
  io.stdout.write(
    `precision ${f(e.precision)}  recall ${f(e.recall)}  F1 ${f(e.f1)}  ARI ${f(e.ari)}  NMI ${f(e.nmi)}  (operations only: ARI ${f(e.operationsAri)}, NMI ${f(e.operationsNmi)})\n`,
  );
  io.stdout.write(
    `${e.truePositives} true and ${e.falsePositives} false positives, ${e.falseNegatives} missed; ${e.organicFlagged} of ${e.organicAccounts} organic accounts flagged (${(e.organicFlaggedShare * 100).toFixed(2)}%) → ${out}\n`,
  );
  return 0;
}
