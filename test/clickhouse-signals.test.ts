// `unmask signals` on a ClickHouse case (chdb, current ClickHouse) runs every signal, not only
// co-share: shared infrastructure from pairs formed in ClickHouse, and from the working case's
// observations where ingest did not send them as occurrences (an older case), writes the DuckDB
// case's CSV; so do near-duplicate text and rare co-share.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { simulate } from '../src/simulate/index.js';
import { openClickHouseCase } from '../src/store/index.js';
import { chdbMissing } from './helpers/clickhouse-cluster.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'unmask-ch-signals-'));
const data = join(dir, 'data');
const duck = join(dir, 'case.duckdb');
const chdb = `chdb:${join(dir, 'chdb')}`;

/** `unmask signals --signal NAME` on a case, as the CSV it writes. */
async function signalCsv(caseArg: string, signal: string, name: string): Promise<string> {
  const out = join(dir, `${name}.csv`);
  const r = await runCli(['signals', '--case', caseArg, '--signal', signal, '--out', out]);
  expect(r.code, r.err).toBe(0);
  return readFileSync(out, 'utf8');
}

describe.skipIf(chdbMissing !== null)('signals on a ClickHouse case (chdb)', () => {
  beforeAll(async () => {
    simulate({ scenario: 'spamouflage', seed: 5, accounts: 40 }, data);
    for (const caseArg of [duck, chdb]) {
      const r = await runCli(['ingest', data, '--case', caseArg]);
      expect(r.code, r.err).toBe(0);
    }
  }, 120_000);

  it('computes shared infrastructure from the pairs ClickHouse forms: the DuckDB case CSV', async () => {
    const reference = await signalCsv(duck, 'shared-infrastructure', 'infra-duckdb');
    expect(reference.trim().split('\n').length).toBeGreaterThan(10);
    expect(await signalCsv(chdb, 'shared-infrastructure', 'infra-chdb')).toBe(reference);
  }, 120_000);

  it('runs near-duplicate text and rare co-share too, with the DuckDB case CSV', async () => {
    for (const signal of ['near-duplicate-text', 'co-share:rare']) {
      const name = signal.replace(':', '-');
      const reference = await signalCsv(duck, signal, `${name}-duckdb`);
      expect(reference.trim().split('\n').length).toBeGreaterThan(2);
      expect(await signalCsv(chdb, signal, `${name}-chdb`)).toBe(reference);
    }
  }, 120_000);

  it('falls back to the working case where the observations were not sent as occurrences', async () => {
    const ch = await openClickHouseCase(chdb);
    try {
      await ch.command(`DROP TABLE ${ch.database}.infra_occurrences_local`);
    } finally {
      await ch.close();
    }
    expect(await signalCsv(chdb, 'shared-infrastructure', 'infra-chdb-old')).toBe(
      await signalCsv(duck, 'shared-infrastructure', 'infra-duckdb-again'),
    );
  }, 120_000);
});
