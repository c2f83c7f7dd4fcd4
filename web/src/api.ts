// The workspace API, from the browser (same origin). The access token comes once in the link that
// `unmask serve` prints (?token=); it is kept for this tab only and taken out of the address bar,
// so it does not stay in the history or get copied along with the URL.
const TOKEN_KEY = 'unmask-token';
const fromLink = new URLSearchParams(location.search).get('token');
if (fromLink) {
  sessionStorage.setItem(TOKEN_KEY, fromLink);
  const clean = new URL(location.href);
  clean.searchParams.delete('token');
  history.replaceState(history.state, '', `${clean.pathname}${clean.search}${clean.hash}`);
}
const token = sessionStorage.getItem(TOKEN_KEY);
const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

/** The JSON body of a response, or an Error with the status and the server's message. */
async function body<T>(r: Response): Promise<T> {
  if (!r.ok)
    throw new Error(
      `${r.status}: ${((await r.json().catch(() => ({}))) as { message?: string }).message ?? r.statusText}`,
    );
  return (await r.json()) as T;
}

export async function get<T>(path: string): Promise<T> {
  return body<T>(await fetch(path, { headers }));
}

export async function post<T>(path: string, payload: unknown): Promise<T> {
  return body<T>(
    await fetch(path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }),
  );
}

export const downloadUrl = (what: string) =>
  `/api/export/${what}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/** The analyst this tab's token stands for (GET /api/me): decisions are recorded under that name. */
export interface Me {
  reviewer: string;
}

/** What POST /api/review takes: the reviewer is not part of it, the token says who decides. */
export interface ReviewRequest {
  action: 'confirm-cluster' | 'dismiss-cluster' | 'include-account' | 'exclude-account';
  target: string;
  rationale: string;
}

/** The latest review decision on a cluster or an account, as the API gives it. */
export interface Review {
  status: 'confirmed' | 'dismissed' | 'included' | 'excluded';
  action: ReviewRequest['action'];
  reviewer: string;
  at: string;
  seq: number;
  rationale: string;
}

/** An audit log entry (what POST /api/review answers). */
export interface AuditEntry {
  seq: number;
  at: string;
  reviewer: string;
  action: ReviewRequest['action'];
  target: string;
  rationale: string;
  prevHash: string;
  hash: string;
}

const STATUS: Record<ReviewRequest['action'], Review['status']> = {
  'confirm-cluster': 'confirmed',
  'dismiss-cluster': 'dismissed',
  'include-account': 'included',
  'exclude-account': 'excluded',
};

/** The review an audit entry records. */
export const reviewOf = (e: AuditEntry): Review => ({
  status: STATUS[e.action],
  action: e.action,
  reviewer: e.reviewer,
  at: e.at,
  seq: e.seq,
  rationale: e.rationale,
});

export interface ClusterRow {
  id: number;
  size: number;
  score: number;
  p_value: number;
  flagged: boolean;
  category: string;
  operation: string | null;
  utc_offset_minutes: number | null;
  clock: string | null;
  platforms: Record<string, Record<string, number>> | null;
  disarm: string[] | null;
  review: Review | null;
}

export interface Member {
  platform: string;
  account_id: string;
  handle: string | null;
  asset_type: string;
  score: number;
  flagged: boolean;
}

export interface Edge {
  platform_a: string;
  account_a: string;
  platform_b: string;
  account_b: string;
  strength: number;
  signals: string[];
}
