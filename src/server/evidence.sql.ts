// The evidence behind one link, as the account page shows it: the post pairs (the first account's
// post on the left), the post both replied to or both shared, and for shared infrastructure the
// values the two accounts share with how many accounts in the case have each.
import { edgeEvidence } from '../signals/index.js';
import type { Store } from '../store/index.js';
import type { EvidencePair, EvidenceParent, EvidenceResponse, SharedValue } from './api-types.js';

/** Signals whose pairs are replies to one post, or shares of one post: the column that names it. */
const PARENT_COLUMN: Readonly<Record<string, string>> = {
  'co-reply': 'parent_post_id',
  'co-share:post': 'shared_post_id',
};

/** Most infrastructure values listed for one link. */
const MAX_VALUES = 50;

/**
 * The evidence of the link of `signal` between account A and account B: post pairs with A's post
 * as `a`, each with its parent post where the signal has one; shared values for infrastructure.
 */
export async function linkEvidence(
  store: Store,
  signal: string,
  platformA: string,
  accountA: string,
  platformB: string,
  accountB: string,
): Promise<EvidenceResponse> {
  if (signal === 'shared-infrastructure')
    return {
      pairs: [],
      values: await sharedValues(store, platformA, accountA, platformB, accountB),
    };
  const found = await edgeEvidence(store, signal, platformA, accountA, platformB, accountB);
  // edgeEvidence puts the account that sorts first on the left; the page's account goes there.
  const swapped = `${platformA}\u0000${accountA}` > `${platformB}\u0000${accountB}`;
  const pairs: EvidencePair[] = found.map((p) =>
    swapped ? { a: p.b, b: p.a, dtSeconds: p.dtSeconds } : { ...p },
  );
  const column = PARENT_COLUMN[signal];
  if (!column || pairs.length === 0) return { pairs, values: [] };
  const parents = await parentPosts(
    store,
    column,
    platformA,
    pairs.map((p) => p.a.postId),
  );
  return {
    pairs: pairs.map((p) => ({ ...p, parent: parents.get(p.a.postId) ?? null })),
    values: [],
  };
}

/** The posts that `column` of the given posts of `platform` names (reply parents or shared posts). */
async function parentPosts(
  store: Store,
  column: string,
  platform: string,
  postIds: readonly string[],
): Promise<Map<string, EvidenceParent>> {
  const reader = await store.connection.runAndReadAll(
    `SELECT c.post_id, c.${column}, strftime(p.created_at, '%Y-%m-%dT%H:%M:%SZ'), p.text, p.account_id, a.handle
     FROM posts c LEFT JOIN posts p ON p.platform = c.platform AND p.post_id = c.${column}
       LEFT JOIN accounts a ON a.platform = p.platform AND a.account_id = p.account_id
     WHERE c.platform = $1 AND c.post_id IN (SELECT unnest(from_json($2, '["VARCHAR"]'))) AND c.${column} IS NOT NULL`,
    [platform, JSON.stringify(postIds)],
  );
  const out = new Map<string, EvidenceParent>();
  for (const [child, id, at, text, account, handle] of reader.getRowsJson() as (string | null)[][])
    out.set(String(child), {
      postId: String(id),
      createdAt: at ?? null,
      text: text ?? null,
      accountId: account ?? null,
      handle: handle ?? null,
    });
  return out;
}

/**
 * The infrastructure values (ip, asn, device …) both accounts were observed with, rarest first,
 * with the number of accounts in the case that have each.
 */
async function sharedValues(
  store: Store,
  platformA: string,
  accountA: string,
  platformB: string,
  accountB: string,
): Promise<SharedValue[]> {
  const reader = await store.connection.runAndReadAll(
    `WITH shared AS (
       SELECT kind, value FROM observations WHERE platform = $1 AND account_id = $2
       INTERSECT SELECT kind, value FROM observations WHERE platform = $3 AND account_id = $4)
     SELECT o.kind, o.value, count(DISTINCT (o.platform, o.account_id))::INTEGER AS accounts
     FROM observations o JOIN shared s ON s.kind = o.kind AND s.value = o.value
     GROUP BY o.kind, o.value ORDER BY accounts, o.kind, o.value LIMIT ${MAX_VALUES}`,
    [platformA, accountA, platformB, accountB],
  );
  return reader.getRowsJson().map((r) => {
    const [kind, value, accounts] = r as [string, string, number];
    return { kind, value, accounts: Number(accounts) };
  });
}
