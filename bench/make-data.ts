// Writes synthetic native posts (CSV and Parquet) for the ingest benchmark, through DuckDB.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { openStore } from '../src/store/index.js';

/** Returns the path of a synthetic native posts file with `rows` rows, creating it once. */
export async function syntheticPosts(
  dir: string,
  rows: number,
  format: 'csv' | 'parquet',
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `posts-${rows}.${format}`);
  if (existsSync(path)) return path;
  const store = await openStore(':memory:');
  try {
    // ~1k posts per account, texts with URLs and hashtags, timestamps over 30 days.
    await store.connection.run(`COPY (
      SELECT 'x' AS platform, 'p' || i AS post_id, 'acc' || (i % ${Math.max(1, Math.floor(rows / 1000))}) AS account_id,
        strftime(TIMESTAMP '2024-01-01' + to_seconds((i * 2654435761) % 2592000), '%Y-%m-%dT%H:%M:%SZ') AS created_at,
        CASE WHEN i % 3 = 0 THEN 'share' ELSE 'post' END AS kind,
        'Breaking: story number ' || (i % 50000) || ' about topic ' || (i % 97) || ' https://news' || (i % 300) || '.example/a/' || (i % 50000) AS text,
        'en' AS language,
        'https://news' || (i % 300) || '.example/a/' || (i % 50000) || '?utm_source=x' AS urls,
        'topic' || (i % 97) || '|news' AS hashtags,
        CASE WHEN i % 3 = 0 THEN 'p' || (i % 20000) ELSE NULL END AS shared_post_id
      FROM range(${rows}) t(i)) TO '${path}' (FORMAT ${format === 'csv' ? 'csv, HEADER true' : 'parquet'})`);
  } finally {
    store.close();
  }
  return path;
}
