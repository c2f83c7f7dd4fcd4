// Meta threat-research indicator files: CSV (Tactic, Technique, Procedure, Indicator, Note; 2023+)
// and JSON arrays of {indicator_type, indicator_value, comment, ds} (2020–22). Values are re-fanged.
import { basename, extname } from 'node:path';

import { InputError } from '../../core/index.js';
import type { Indicator } from '../../model/index.js';
import { refang } from '../../normalize/index.js';
import type { AdapterContext, FileSample, IngestAdapter, IngestItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { csvItems } from '../csv/csv-rows.js';
import { optional, optionalInstant } from '../fields.js';
import { dataName } from '../input/not-data.js';
import { jsonElements } from '../json-items.js';
import { classifyIndicator } from './classify.js';

/** Meta's indicator files; each row becomes one {@link Indicator} of the file's network. */
export const metaIoc: IngestAdapter<'meta-ioc'> = {
  format: 'meta-ioc',
  recognize: (sample: FileSample) =>
    (sample.header !== null &&
      (['tactic', 'technique', 'indicator'].every((c) => sample.header?.includes(c)) ||
        ['indicator_type', 'indicator_value'].every((c) => sample.header?.includes(c)))) ||
    (/^\s*\[/.test(sample.head) && /"indicator_(type|value)"/.test(sample.head)),
  read(sample, context) {
    // 'Q2_2023_x.csv', also as 'Q2_2023_x.csv.gz' or 'archive.zip!Q2_2023_x.csv'.
    const name = dataName(sample.path.split('!').at(-1) ?? '');
    const network = basename(name, extname(name)).trim();
    if (/^\s*\[/.test(sample.head)) return readJson(sample, context, network);
    if (sample.header?.includes('indicator_value')) {
      // 2020–22 indicator files also come as CSV with the JSON field names.
      return csvItems(sample, context, (row) => {
        const type = optional(row.get('indicator_type'));
        const value = row.get('indicator_value');
        if (value === '') throw new RowError('indicator_value', 'missing indicator_value');
        const published = optionalInstant(row.get('ds'), 'ds', { timezone: 'UTC' });
        return {
          indicator: indicatorOf(
            network,
            value,
            type,
            null,
            type,
            null,
            optional(row.get('comment')),
            published,
          ),
        };
      });
    }
    if (!sample.header?.includes('indicator')) {
      throw new InputError(
        `${sample.path}: line 1: missing column 'Indicator' required by format meta-ioc`,
      );
    }
    return csvItems(sample, context, (row) => {
      const rawValue = row.get('indicator');
      if (rawValue === '') throw new RowError('indicator', 'missing indicator');
      return {
        indicator: indicatorOf(
          network,
          rawValue,
          null,
          optional(row.get('tactic')),
          optional(row.get('technique')),
          optional(row.get('procedure')),
          optional(row.get('note')),
          null,
        ),
      };
    });
  },
};

async function* readJson(
  sample: FileSample,
  context: AdapterContext,
  network: string,
): AsyncGenerator<IngestItem[]> {
  try {
    for await (const batch of jsonElements(sample.source, /^\d+$/, context.onProgress)) {
      yield batch.map(({ index, value, invalid }): IngestItem => {
        const raw = JSON.stringify(value).slice(0, 500);
        if (invalid !== undefined)
          return { line: index, reject: { field: '', reason: invalid, raw } };
        if (value === null || typeof value !== 'object')
          return { line: index, reject: { field: '', reason: 'expected an object', raw } };
        const o = value as Record<string, unknown>;
        const v = typeof o.indicator_value === 'string' ? o.indicator_value : '';
        if (v.trim() === '')
          return {
            line: index,
            reject: { field: 'indicator_value', reason: 'missing indicator_value', raw },
          };
        const type = typeof o.indicator_type === 'string' ? o.indicator_type : null;
        const comment = typeof o.comment === 'string' ? o.comment : null;
        try {
          const published =
            typeof o.ds === 'string' ? optionalInstant(o.ds, 'ds', { timezone: 'UTC' }) : null;
          return {
            line: index,
            indicator: indicatorOf(network, v, type, null, type, null, comment, published),
          };
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          return { line: index, reject: { field: error.field, reason: error.message, raw } };
        }
      });
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${sample.path}: ${(error as Error).message}`);
  }
}

function indicatorOf(
  network: string,
  rawValue: string,
  typeHint: string | null,
  tactic: string | null,
  technique: string | null,
  procedure: string | null,
  note: string | null,
  published: number | null,
): Indicator {
  const c = classifyIndicator(refang(rawValue), typeHint);
  return {
    network,
    kind: c.kind,
    value: c.value,
    platform: c.platform,
    count: c.count,
    tactic,
    technique,
    procedure,
    note,
    published,
  };
}
