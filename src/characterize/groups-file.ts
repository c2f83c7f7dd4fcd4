// Reads an analyst's groups.csv (platform,account_id,group), naming the line of any bad row.
import { InputError } from '../core/index.js';
import { readCsvTable } from '../ingest/index.js';
import type { GroupMember } from './characterize.sql.js';

const COLUMNS = ['platform', 'account_id', 'group'] as const;

/** Returns the members listed in `path`; throws InputError naming the file and line of a bad row. */
export function readGroupsFile(path: string): GroupMember[] {
  const out = readCsvTable(path, COLUMNS).map(({ line, values }) => {
    for (const name of COLUMNS)
      if (!(values[name] ?? '').trim())
        throw new InputError(`${path}: line ${line}: field '${name}' is empty`);
    return {
      platform: (values.platform as string).trim().toLowerCase(),
      accountId: (values.account_id as string).trim(),
      group: (values.group as string).trim(),
    };
  });
  if (out.length === 0)
    throw new InputError(`${path}: no groups (the file has a header and no rows)`);
  return out;
}
