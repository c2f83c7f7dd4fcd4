// Canonical URLs so that the same link shared in different spellings is one co-share object.

/** Hosts of link shorteners: kept as-is (never expanded offline) but marked. */
export const SHORTENER_HOSTS: ReadonlySet<string> = new Set([
  'bit.ly',
  'bitly.com',
  't.co',
  'goo.gl',
  'tinyurl.com',
  'ow.ly',
  'buff.ly',
  'dlvr.it',
  'is.gd',
  'fb.me',
  'trib.al',
  'ift.tt',
  'tiny.cc',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'lnkd.in',
  'wp.me',
  'amzn.to',
  'youtu.be',
  'bl.ink',
  'v.gd',
  'rb.gy',
  's.id',
  't.ly',
  'url.cn',
  'dwz.cn',
]);

// Query parameters that track the click, not the content (utm_*, click ids, share ids).
const TRACKING_PARAM =
  /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|igsh|yclid|_ga|_gl|ref_src|ref_url|s_cid|cmpid|__tn__|__cft__\[\d+\]|mibextid|rdt|share_id|si|feature|spm|from|xtor)$/i;

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** A canonical URL with its domain and whether it is a known shortener. */
export interface CanonicalUrl {
  readonly url: string; // e.g. 'https://example.com/a?id=1'
  readonly domain: string; // e.g. 'example.com'
  readonly shortener: boolean;
}

/**
 * Returns the canonical form of a URL: lower-case scheme and host, no `www.`, no default port,
 * no tracking parameters, remaining parameters sorted, no fragment (except `#!` routes), no
 * trailing slash; null when the text is not an absolute http(s) URL.
 * @example canonicalUrl('HTTPS://www.Example.com:443/a/?utm_source=x&b=2#top')?.url // 'https://example.com/a?b=2'
 */
export function canonicalUrl(raw: string): CanonicalUrl | null {
  let text = raw.trim();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (/^www\./i.test(text)) text = `http://${text}`;
    else return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname
    .toLowerCase()
    .replace(/^www\d?\./, '')
    .replace(/\.$/, '');
  if (host === '') return null;
  const port =
    parsed.port && parsed.port !== DEFAULT_PORTS[parsed.protocol] ? `:${parsed.port}` : '';
  const params = [...parsed.searchParams].filter(([key]) => !TRACKING_PARAM.test(key));
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = params.length
    ? `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
    : '';
  let path = parsed.pathname.replace(/\/+$/, '');
  if (path === '/') path = '';
  const fragment = parsed.hash.startsWith('#!') ? parsed.hash : '';
  return {
    url: `${parsed.protocol}//${host}${port}${path}${query}${fragment}`,
    domain: host,
    shortener: SHORTENER_HOSTS.has(host),
  };
}
