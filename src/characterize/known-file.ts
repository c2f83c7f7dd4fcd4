// Reads the assets of an earlier takedown (unmask's takedown CSV or any CSV with platform and
// account_id) or of Meta's indicator files (CSV or JSON) to find returning assets in a case.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { InputError } from '../core/index.js';
import { classifyIndicator, readCsvTable } from '../ingest/index.js';
import { refang } from '../normalize/index.js';

/** One known asset: an account id or handle (on a platform when known), a domain or a URL. */
export interface KnownAsset {
  readonly kind: 'account' | 'handle' | 'domain' | 'url';
  readonly platform: string | null;
  /** Account ids as given; handles, domains and URLs lower-cased, domains without `www.`. */
  readonly value: string;
  /** The file it came from (its name). */
  readonly source: string;
}

/** The known assets of a takedown CSV or a Meta indicator file; throws InputError on bad input. */
export function readKnownFile(path: string): KnownAsset[] {
  const source = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  }
  if (/^\s*\[/.test(text)) return fromIndicators(path, source, jsonIndicators(path, text));
  const rows = readCsvTable(path, []).map(({ line, values }) => ({
    line,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])),
  }));
  const header = Object.keys(rows[0]?.values ?? {});
  if (header.includes('account_id')) {
    const out: KnownAsset[] = [];
    for (const { line, values } of rows) {
      const platform = (values.platform ?? '').trim().toLowerCase() || null;
      const id = (values.account_id ?? '').trim();
      const handle = (values.handle ?? '').trim().replace(/^@/, '').toLowerCase();
      if (!id && !handle)
        throw new InputError(`${path}: line ${line}: field 'account_id' and 'handle' are empty`);
      if (id) out.push({ kind: 'account', platform, value: id, source });
      if (handle) out.push({ kind: 'handle', platform, value: handle, source });
    }
    return out;
  }
  const column = header.includes('indicator_value') ? 'indicator_value' : 'indicator';
  if (!header.includes(column))
    throw new InputError(
      `${path}: line 1: neither a takedown list (platform, account_id, handle) nor a Meta indicator file (Indicator or indicator_value); found ${header.join(', ')}`,
    );
  return fromIndicators(
    path,
    source,
    rows.map(({ line, values }) => ({
      line,
      value: values[column] ?? '',
      type: values.indicator_type ?? null,
    })),
  );
}

function jsonIndicators(path: string, text: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new InputError(`${path}: expected a JSON array of indicators`);
  return parsed.map((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    return {
      line: i + 1,
      value: typeof o.indicator_value === 'string' ? o.indicator_value : '',
      type: typeof o.indicator_type === 'string' ? o.indicator_type : null,
    };
  });
}

function fromIndicators(
  path: string,
  source: string,
  items: ReadonlyArray<{ line: number; value: string; type: string | null }>,
): KnownAsset[] {
  const out: KnownAsset[] = [];
  for (const { line, value, type } of items) {
    if (!value.trim()) throw new InputError(`${path}: line ${line}: the indicator is empty`);
    const c = classifyIndicator(refang(value.trim()), type);
    if (c.kind === 'account')
      out.push({ kind: 'handle', platform: c.platform, value: c.value.toLowerCase(), source });
    else if (c.kind === 'domain')
      out.push({
        kind: 'domain',
        platform: null,
        value: c.value.toLowerCase().replace(/^www\./, ''),
        source,
      });
    else if (c.kind === 'url')
      out.push({ kind: 'url', platform: null, value: c.value.toLowerCase(), source });
  }
  return out;
}
