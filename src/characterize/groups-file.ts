// Reads an analyst's groups.csv (platform,account_id,group), naming the line of any bad row.
import { readFileSync } from 'node:fs';

import { InputError } from '../errors.js';
import { CsvParser } from '../ingest/csv/csv-records.js';
import type { GroupMember } from '../store/index.js';

/** Returns the members listed in `path`; throws InputError naming the file and line of a bad row. */
export function readGroupsFile(path: string): GroupMember[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  }
  const records = new CsvParser(44, 1 << 22).push(text.replace(/^\uFEFF/, ''), true);
  const header = records[0]?.error === undefined ? (records[0]?.fields ?? []) : [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0)
      throw new InputError(
        `${path}: line 1: missing column '${name}' (expected platform,account_id,group)`,
      );
    return i;
  };
  const [p, a, g] = [col('platform'), col('account_id'), col('group')];
  const out: GroupMember[] = [];
  for (const r of records.slice(1)) {
    if (r.error !== undefined) throw new InputError(`${path}: line ${r.line}: ${r.error}`);
    if (r.fields.length === 1 && r.fields[0] === '') continue;
    const [platform, accountId, group] = [r.fields[p], r.fields[a], r.fields[g]].map((v) =>
      (v ?? '').trim(),
    );
    for (const [name, v] of [
      ['platform', platform],
      ['account_id', accountId],
      ['group', group],
    ] as const)
      if (!v) throw new InputError(`${path}: line ${r.line}: field '${name}' is empty`);
    out.push({
      platform: (platform as string).toLowerCase(),
      accountId: accountId as string,
      group: group as string,
    });
  }
  if (out.length === 0)
    throw new InputError(`${path}: no groups (the file has a header and no rows)`);
  return out;
}
