// Review decisions as an append-only, hash-chained audit log in the case file.
import { createHash } from 'node:crypto';

import type { Store } from './open-store.js';

/** What an analyst decided. */
export const REVIEW_ACTIONS = [
  'confirm-cluster',
  'dismiss-cluster',
  'include-account',
  'exclude-account',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** One audit entry. */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly reviewer: string;
  readonly action: ReviewAction;
  /** 'cluster:<id>' or 'account:<platform>:<account_id>'. */
  readonly target: string;
  readonly rationale: string;
  readonly prevHash: string;
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash of an entry: SHA-256 over the previous hash and the entry's fields. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([e.prevHash, e.seq, e.at, e.reviewer, e.action, e.target, e.rationale]))
    .digest('hex');
}

const toEntry = (r: readonly unknown[]): AuditEntry => ({
  seq: Number(r[0]),
  at: String(r[1]),
  reviewer: String(r[2]),
  action: String(r[3]) as ReviewAction,
  target: String(r[4]),
  rationale: String(r[5]),
  prevHash: String(r[6]),
  hash: String(r[7]),
});
const SELECT = `SELECT seq, strftime(decided_at, '%Y-%m-%dT%H:%M:%S.%gZ'), reviewer, action, target, rationale, prev_hash, hash FROM audit_log`;

/** Appends a decision (in one transaction with reading the chain's head); returns the entry. */
export async function appendAudit(
  store: Store,
  d: { reviewer: string; action: ReviewAction; target: string; rationale: string },
  now: number,
): Promise<AuditEntry> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    const head = (await c.runAndReadAll(`${SELECT} ORDER BY seq DESC LIMIT 1`)).getRows()[0];
    const prev = head ? toEntry(head) : null;
    const base = {
      seq: (prev?.seq ?? 0) + 1,
      at: new Date(now).toISOString(),
      reviewer: d.reviewer,
      action: d.action,
      target: d.target,
      rationale: d.rationale,
      prevHash: prev?.hash ?? GENESIS,
    };
    const entry: AuditEntry = { ...base, hash: entryHash(base) };
    await c.run(`INSERT INTO audit_log VALUES ($1, $2::TIMESTAMPTZ, $3, $4, $5, $6, $7, $8)`, [
      entry.seq,
      entry.at,
      entry.reviewer,
      entry.action,
      entry.target,
      entry.rationale,
      entry.prevHash,
      entry.hash,
    ]);
    await c.run('COMMIT');
    return entry;
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The audit log, oldest first. */
export async function readAudit(
  store: Store,
  offset = 0,
  limit = 1_000_000,
): Promise<AuditEntry[]> {
  return (
    await store.connection.runAndReadAll(`${SELECT} ORDER BY seq LIMIT $1 OFFSET $2`, [
      limit,
      offset,
    ])
  )
    .getRows()
    .map(toEntry);
}

/** Checks the chain: every hash recomputes and links to the previous one; returns the first break. */
export async function verifyAudit(
  store: Store,
): Promise<{ ok: boolean; entries: number; brokenAt: number | null }> {
  const entries = await readAudit(store);
  let prev = GENESIS;
  for (const e of entries) {
    const { hash, ...rest } = e;
    if (e.prevHash !== prev || entryHash(rest) !== hash)
      return { ok: false, entries: entries.length, brokenAt: e.seq };
    prev = hash;
  }
  return { ok: true, entries: entries.length, brokenAt: null };
}

/** What a decision makes of its target: a cluster confirmed or dismissed, an account included or excluded. */
export type ReviewStatus = 'confirmed' | 'dismissed' | 'included' | 'excluded';

const STATUS: Record<ReviewAction, ReviewStatus> = {
  'confirm-cluster': 'confirmed',
  'dismiss-cluster': 'dismissed',
  'include-account': 'included',
  'exclude-account': 'excluded',
};

/** The latest review decision on a cluster or an account, as the workspace shows it. */
export interface Review {
  readonly status: ReviewStatus;
  readonly action: ReviewAction;
  readonly reviewer: string;
  readonly at: string;
  readonly seq: number;
  readonly rationale: string;
}

/**
 * The review of `target` in `decisions` (from {@link currentDecisions}), or null.
 * @example
 * reviewOf(decisions, 'cluster:3')
 * // → { status: 'confirmed', action: 'confirm-cluster', reviewer: 'Ana Lima', at: '2024-05-01T09:30:00.000Z', seq: 3, rationale: '…' }
 */
export function reviewOf(
  decisions: ReadonlyMap<string, AuditEntry>,
  target: string,
): Review | null {
  const e = decisions.get(target);
  if (!e) return null;
  const { action, reviewer, at, seq, rationale } = e;
  return { status: STATUS[action], action, reviewer, at, seq, rationale };
}

/** The latest decision per target. */
export async function currentDecisions(store: Store): Promise<Map<string, AuditEntry>> {
  const out = new Map<string, AuditEntry>();
  for (const e of await readAudit(store)) out.set(e.target, e);
  return out;
}
