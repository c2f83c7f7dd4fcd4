// The workspace API, from the browser (same origin). The access token comes once in the link that
// `unmask serve` prints (?token=); it is kept for this tab only and taken out of the address bar,
// so it does not stay in the history or get copied along with the URL. The request and response
// types are the server's (src/server/api-types.ts).
import type { AuditEntry, Review, ReviewAction } from '../../src/server/api-types';

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

/** GETs an API path; resolves to its JSON. */
export async function get<T>(path: string): Promise<T> {
  return body<T>(await fetch(path, { headers }));
}

/** POSTs `payload` as JSON to an API path; resolves to the answer's JSON. */
export async function post<T>(path: string, payload: unknown): Promise<T> {
  return body<T>(
    await fetch(path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }),
  );
}

/** The link of a download (the token rides in the query: a link cannot send a header). */
export const downloadUrl = (what: string) =>
  `/api/export/${what}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

const STATUS: Record<ReviewAction, Review['status']> = {
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

/** The hash route of an account's page. */
export const accountHref = (platform: string, accountId: string) =>
  `#/accounts/${encodeURIComponent(platform)}/${encodeURIComponent(accountId)}`;

/** Opens an account's page (from a click on the network). */
export const openAccount = (platform: string, accountId: string) => {
  location.hash = accountHref(platform, accountId);
};
