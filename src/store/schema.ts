// The case file's schema, as numbered migrations applied in order and recorded in `meta`.
import type { DuckDBConnection } from '@duckdb/node-api';

import { EDGE_TABLES, EDGE_VIEWS, keyEdgeStatements } from './edge-store.js';

/** One schema migration: its version and the statements that bring the previous version to it. */
export interface Migration {
  readonly version: number;
  readonly statements: readonly string[];
  /** Runs after the statements, for steps that depend on the data. */
  readonly run?: (connection: DuckDBConnection) => Promise<void>;
}

/** All migrations; append, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE accounts (
        platform VARCHAR NOT NULL, account_id VARCHAR NOT NULL, handle VARCHAR, display_name VARCHAR,
        asset_type VARCHAR NOT NULL, created_at TIMESTAMPTZ, followers BIGINT, following BIGINT,
        reported_location VARCHAR, language VARCHAR, description VARCHAR)`,
      `CREATE TABLE account_names (
        platform VARCHAR NOT NULL, account_id VARCHAR NOT NULL, handle VARCHAR, display_name VARCHAR,
        first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ)`,
      `CREATE TABLE posts (
        platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, account_id VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL, kind VARCHAR NOT NULL, text VARCHAR, text_norm VARCHAR,
        language VARCHAR, urls VARCHAR[], domains VARCHAR[], short_urls VARCHAR[], hashtags VARCHAR[],
        mentions VARCHAR[], media VARCHAR[], shared_post_id VARCHAR, shared_account_id VARCHAR,
        parent_post_id VARCHAR, parent_account_id VARCHAR, client VARCHAR, shares BIGINT,
        comments BIGINT, reactions BIGINT, views BIGINT, run_id INTEGER NOT NULL)`,
      `CREATE TABLE observations (
        platform VARCHAR NOT NULL, account_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, value VARCHAR NOT NULL,
        first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ)`,
      `CREATE TABLE follows (
        platform VARCHAR NOT NULL, follower_id VARCHAR NOT NULL, followed_id VARCHAR NOT NULL, first_seen TIMESTAMPTZ)`,
      `CREATE TABLE labels (platform VARCHAR NOT NULL, account_id VARCHAR NOT NULL, label VARCHAR NOT NULL)`,
      `CREATE TABLE indicators (
        network VARCHAR NOT NULL, kind VARCHAR NOT NULL, value VARCHAR NOT NULL, platform VARCHAR,
        count BIGINT, tactic VARCHAR, technique VARCHAR, procedure VARCHAR, note VARCHAR, published TIMESTAMPTZ)`,
      `CREATE TABLE ingest_runs (
        run_id INTEGER NOT NULL, file VARCHAR NOT NULL, format VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ NOT NULL, rows_read BIGINT NOT NULL, loaded BIGINT NOT NULL,
        rejected BIGINT NOT NULL, duplicates BIGINT NOT NULL)`,
    ],
  },
  {
    version: 2,
    statements: [
      // One row per unordered account pair and signal; `signals` rewrites a signal's rows.
      `CREATE TABLE signal_edges (
        signal VARCHAR NOT NULL, platform_a VARCHAR NOT NULL, account_a VARCHAR NOT NULL,
        platform_b VARCHAR NOT NULL, account_b VARCHAR NOT NULL, weight DOUBLE NOT NULL,
        weight_ab DOUBLE, weight_ba DOUBLE, mean_dt_seconds DOUBLE,
        evidence VARCHAR[] NOT NULL, evidence_posts VARCHAR[] NOT NULL)`,
      `CREATE TABLE signal_runs (
        signal VARCHAR NOT NULL, params VARCHAR NOT NULL, computed_at TIMESTAMPTZ NOT NULL,
        edges BIGINT NOT NULL, items BIGINT NOT NULL, skipped BIGINT NOT NULL)`,
    ],
  },
  {
    version: 3,
    statements: [
      // The count the signal's significance test uses (co-shared objects, families, shared values)
      // and its expectation under the signal's null model (docs/signals.md, "Significance").
      `ALTER TABLE signal_edges ADD COLUMN observed DOUBLE`,
      `ALTER TABLE signal_edges ADD COLUMN expected DOUBLE`,
      // The last `detect` run: its parameters, significant pairs, clusters and members.
      `CREATE TABLE detect_runs (
        run_at TIMESTAMPTZ NOT NULL, params VARCHAR NOT NULL, tested BIGINT NOT NULL,
        significant BIGINT NOT NULL, clusters INTEGER NOT NULL, flagged INTEGER NOT NULL)`,
      `CREATE TABLE detect_pairs (
        platform_a VARCHAR NOT NULL, account_a VARCHAR NOT NULL, platform_b VARCHAR NOT NULL,
        account_b VARCHAR NOT NULL, p_value DOUBLE NOT NULL, q_value DOUBLE NOT NULL,
        log10_p DOUBLE NOT NULL, signals VARCHAR[] NOT NULL)`,
      `CREATE TABLE clusters (
        cluster_id INTEGER NOT NULL, size INTEGER NOT NULL, score DOUBLE NOT NULL,
        p_value DOUBLE NOT NULL, flagged BOOLEAN NOT NULL, category VARCHAR NOT NULL,
        summary VARCHAR NOT NULL)`,
      `CREATE TABLE cluster_members (
        platform VARCHAR NOT NULL, account_id VARCHAR NOT NULL, cluster_id INTEGER NOT NULL,
        score DOUBLE NOT NULL, flagged BOOLEAN NOT NULL, automated BOOLEAN NOT NULL)`,
    ],
  },
  {
    version: 4,
    statements: [
      // The profiles of the detected clusters from the last `characterize` (JSON per group).
      `CREATE TABLE profiles (group_id VARCHAR NOT NULL, operation VARCHAR NOT NULL, profile VARCHAR NOT NULL)`,
    ],
  },
  {
    version: 5,
    statements: [
      // Review decisions, append-only; each entry's hash covers the previous one's (tamper shows).
      `CREATE TABLE audit_log (
        seq BIGINT NOT NULL, decided_at TIMESTAMPTZ NOT NULL, reviewer VARCHAR NOT NULL, action VARCHAR NOT NULL,
        target VARCHAR NOT NULL, rationale VARCHAR NOT NULL, prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL)`,
    ],
  },
  {
    version: 6,
    statements: [
      // Signal edges keyed by integers, read through views (src/store/edge-store.ts); the edges of
      // schema 2–5 move over, each signal's pairs, accounts and values numbered in name order.
      ...EDGE_TABLES,
      `INSERT INTO edge_signals SELECT (row_number() OVER (ORDER BY signal))::INTEGER, signal FROM (SELECT DISTINCT signal FROM signal_edges)`,
    ],
    async run(c) {
      const signals = (
        await c.runAndReadAll('SELECT sid, signal FROM edge_signals ORDER BY sid')
      ).getRows();
      for (const [sid, signal] of signals) {
        await c.run(`CREATE OR REPLACE TEMP TABLE m6_edges AS
          SELECT * EXCLUDE (signal) FROM signal_edges WHERE signal = '${String(signal).replace(/'/g, "''")}'`);
        for (const statement of keyEdgeStatements('m6_edges', Number(sid))) await c.run(statement);
      }
      await c.run('DROP TABLE IF EXISTS m6_edges');
      await c.run('DROP TABLE signal_edges');
      for (const statement of EDGE_VIEWS) await c.run(statement);
    },
  },
  {
    version: 7,
    statements: [
      // How a cluster member joined: by its significant pairs ('core') or by the membership test
      // of its links to the network as a whole ('periphery'; docs/detection.md).
      `ALTER TABLE cluster_members ADD COLUMN membership VARCHAR DEFAULT 'core'`,
    ],
  },
  {
    version: 8,
    statements: [
      // The image files of posts and their 64-bit perceptual hashes (src/ingest/media): one row per
      // post and media id; hash, size and thumbnail (a small WebP data URI) are NULL until hashed.
      `CREATE TABLE post_media (
        platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, account_id VARCHAR NOT NULL,
        media_id VARCHAR NOT NULL, path VARCHAR NOT NULL, hash BIGINT, width INTEGER, height INTEGER,
        thumb VARCHAR, run_id INTEGER NOT NULL)`,
    ],
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
