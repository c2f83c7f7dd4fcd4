import { describe, expect, it } from 'vitest';

import { ConfigError } from '../core/index.js';
import { isClickHouseCase, parseClickHouseCase } from './clickhouse.js';

describe('parseClickHouseCase(text)', () => {
  it('rejects a URL without a database, a bad name or a chdb case without a folder, naming the part', () => {
    expect(() => parseClickHouseCase('clickhouse://127.0.0.1:8123/')).toThrow(/no database/);
    expect(() => parseClickHouseCase('clickhouse://127.0.0.1:8123/a-b')).toThrow(
      /database 'a-b' must be letters/,
    );
    expect(() => parseClickHouseCase('clickhouse://h:1/db?cluster=x;y')).toThrow(ConfigError);
    expect(() => parseClickHouseCase('chdb:')).toThrow(/chdb needs a folder/);
  });

  it('reads host, HTTP port, database, cluster, user, nodes and timeout', () => {
    const spec = parseClickHouseCase(
      'clickhouse://10.0.0.5:8124/cases?cluster=main&user=analyst&nodes=10.0.0.5:8124,10.0.0.6:8124&timeout=7200',
    );
    expect(spec).toMatchObject({
      kind: 'server',
      url: 'http://10.0.0.5:8124',
      database: 'cases',
      cluster: 'main',
      user: 'analyst',
      nodes: ['10.0.0.5:8124', '10.0.0.6:8124'],
      timeoutMs: 7_200_000,
    });
    expect(parseClickHouseCase('clickhouse://h/db')).toMatchObject({
      url: 'http://h:8123',
      cluster: null,
      user: 'default',
      nodes: null,
      timeoutMs: 3_600_000,
    });
    expect(() => parseClickHouseCase('clickhouse://h/db?timeout=soon')).toThrow(
      /timeout must be a positive number of seconds, not soon/,
    );
    expect(parseClickHouseCase('chdb:./case?database=x')).toMatchObject({
      kind: 'chdb',
      path: './case',
      database: 'x',
    });
  });

  it('tells a ClickHouse case from a DuckDB file', () => {
    expect(isClickHouseCase('clickhouse://h:8123/db')).toBe(true);
    expect(isClickHouseCase('chdb:./x')).toBe(true);
    expect(isClickHouseCase('case.duckdb')).toBe(false);
    expect(isClickHouseCase('./clickhouse/case.duckdb')).toBe(false);
  });
});
