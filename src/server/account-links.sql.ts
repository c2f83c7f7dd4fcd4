// The account page's answer to "why is this account flagged?": each account's significant links
// (detection's pairs, under both accounts, strongest first) with the other account's handle and
// cluster and each signal's observed count and expectation, kept beside the
// workspace index and read a page at a time by the account's integer key.
import { poissonUpperLog10 } from '../detect/index.js';
import type { AuditEntry, Store } from '../store/index.js';
import { reviewOf } from '../store/index.js';
import type { AccountLink, LinkSignal } from './api-types.js';

/** Version of ws_links' layout: a case indexed by another version is indexed again. */
const LAYOUT = 2;

/**
 * Builds `ws_links` when it is missing or older than the workspace index (call after
 * ensureWorkspaceIndex); returns whether it built. Rows: `ak` (the account), `pos` (page order:
 * smallest pair p first), `j` (the link as JSON, without its per-signal p and reviews).
 */
export async function ensureLinkIndex(store: Store): Promise<boolean> {
  const c = store.connection;
  const index = (await c.runAndReadAll('SELECT fingerprint FROM ws_index')).getRows()[0]?.[0];
  const want = JSON.stringify([LAYOUT, index ?? null]);
  await c.run('CREATE TABLE IF NOT EXISTS ws_links_index (fingerprint VARCHAR NOT NULL)');
  const have = (await c.runAndReadAll('SELECT fingerprint FROM ws_links_index')).getRows()[0]?.[0];
  if (have === want) return false;
  await c.run('BEGIN TRANSACTION');
  try {
    // Detection's pairs under the workspace's account keys. Pairs and edges both name the account
    // that sorts first (platform, account id) as a, and ak follows that order, so a < b here too.
    await c.run(`CREATE OR REPLACE TEMP TABLE wl_pairs AS
      SELECT ka.ak AS a, kb.ak AS b, p.p_value, p.q_value, p.log10_p, p.signals
      FROM detect_pairs p
        JOIN ws_accounts ka ON ka.platform = p.platform_a AND ka.account_id = p.account_a
        JOIN ws_accounts kb ON kb.platform = p.platform_b AND kb.account_id = p.account_b`);
    // Each signal's edge of those pairs, on integer keys: the signal edges' account keys mapped to
    // the workspace's once (a few rows per account), then the edges joined on integers.
    await c.run(`CREATE OR REPLACE TEMP TABLE wl_map AS
      SELECT x.ak AS ek, w.ak FROM edge_accounts x JOIN ws_accounts w ON w.platform = x.platform AND w.account_id = x.account_id`);
    await c.run(`CREATE OR REPLACE TEMP TABLE wl_sig AS
      SELECT ma.ak AS a, mb.ak AS b, r.sid, r.pair, r.weight, r.observed, r.expected
      FROM edge_rows r JOIN wl_map ma ON ma.ek = r.a JOIN wl_map mb ON mb.ek = r.b
      WHERE (ma.ak, mb.ak) IN (SELECT (a, b) FROM wl_pairs)`);
    await c.run(`CREATE OR REPLACE TABLE ws_links AS
      WITH sig AS (
        SELECT s.a, s.b, list({'signal': g.signal, 'weight': s.weight, 'observed': s.observed,
          'expected': s.expected} ORDER BY g.signal) AS signals
        FROM wl_sig s JOIN edge_signals g ON g.sid = s.sid
        GROUP BY s.a, s.b),
      sides AS (
        SELECT a AS ak, b AS other, a, b, p_value, q_value, log10_p, signals FROM wl_pairs
        UNION ALL SELECT b AS ak, a AS other, a, b, p_value, q_value, log10_p, signals FROM wl_pairs)
      SELECT x.ak, (row_number() OVER (PARTITION BY x.ak ORDER BY x.log10_p, x.other) - 1)::INTEGER AS pos,
        to_json({'other': {'platform': k.platform, 'account_id': k.account_id, 'handle': acc.handle,
            'cluster_id': m.cluster_id},
          'p_value': x.p_value, 'q_value': x.q_value, 'log10_p': x.log10_p, 'significant': x.signals,
          'signals': coalesce(s.signals, [])})::VARCHAR AS j
      FROM sides x JOIN ws_accounts k ON k.ak = x.other
        LEFT JOIN accounts acc ON acc.platform = k.platform AND acc.account_id = k.account_id
        LEFT JOIN cluster_members m ON m.platform = k.platform AND m.account_id = k.account_id
        LEFT JOIN sig s ON s.a = x.a AND s.b = x.b
      ORDER BY x.ak, pos`);
    for (const t of ['wl_pairs', 'wl_map', 'wl_sig']) await c.run(`DROP TABLE ${t}`);
    await c.run('DELETE FROM ws_links_index');
    await c.run('INSERT INTO ws_links_index VALUES ($1)', [want]);
    await c.run('COMMIT');
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return true;
}

/** A stored link as an account page shows it, but for the other account's decision. */
export interface StoredLink extends Omit<AccountLink, 'other'> {
  readonly other: Omit<AccountLink['other'], 'review'>;
}

/** A link as ws_links holds it (its `j`). */
interface LinkRow extends Omit<StoredLink, 'signals'> {
  readonly signals: Array<Omit<LinkSignal, 'log10_p'>>;
}

/**
 * The links of a page of ws_links (a JSON list of its `j`), each signal with its Poisson p
 * (observed against expected), signals strongest first.
 */
export function storedLinks(json: string): StoredLink[] {
  return (JSON.parse(json) as LinkRow[]).map((l) => ({
    ...l,
    signals: l.signals
      .map((s) => ({
        ...s,
        // Clamped where the tail underflows (p = 0 is not JSON; 1e-300 reads as "< 1e-300").
        log10_p:
          s.observed === null || s.expected === null
            ? null
            : Math.max(-300, poissonUpperLog10(s.observed, s.expected)),
      }))
      .sort((x, y) => (x.log10_p ?? 0) - (y.log10_p ?? 0)),
  }));
}

/** The links with each other account's latest decision in `decisions`. */
export function linksWithReviews(
  links: readonly StoredLink[],
  decisions: ReadonlyMap<string, AuditEntry>,
): AccountLink[] {
  return links.map((l) => ({
    ...l,
    other: {
      ...l.other,
      review: reviewOf(decisions, `account:${l.other.platform}:${l.other.account_id}`),
    },
  }));
}
