// Classifies a re-fanged threat indicator: URL, domain, account profile, asset count or text.
import type { IndicatorKind } from '../../model/index.js';

/** The kind, value and platform an indicator string stands for. */
export interface Classified {
  readonly kind: IndicatorKind;
  readonly value: string;
  readonly platform: string | null;
  readonly count: number | null;
}

// Hosts whose profile URLs name an account: host → [platform, path pattern of the handle].
const PROFILE_HOSTS: ReadonlyArray<readonly [RegExp, string, RegExp]> = [
  [/^(twitter|x)\.com$/, 'x', /^\/(?!i\/|intent\/|search|hashtag\/)@?([A-Za-z0-9_]{1,30})\/?$/],
  [/^(m\.)?facebook\.com$/, 'facebook', /^\/(?!groups\/|pages\/category)([A-Za-z0-9.-]{3,})\/?$/],
  [/^instagram\.com$/, 'instagram', /^\/([A-Za-z0-9._]{1,30})\/?$/],
  [/^tiktok\.com$/, 'tiktok', /^\/@([A-Za-z0-9._]{1,30})\/?$/],
  [/^youtube\.com$/, 'youtube', /^\/(?:@|c\/|user\/|channel\/)([A-Za-z0-9._-]+)\/?$/],
  [/^reddit\.com$/, 'reddit', /^\/(?:u|user)\/([A-Za-z0-9_-]+)\/?$/],
  [/^medium\.com$/, 'medium', /^\/@([A-Za-z0-9._-]+)\/?$/],
  [/^t\.me$/, 'telegram', /^\/([A-Za-z0-9_]{4,})\/?$/],
  [/^vk\.com$/, 'vk', /^\/([A-Za-z0-9_.]+)\/?$/],
];

// "7,704 Facebook accounts" → platform and asset words.
const ASSET_COUNT = /^(\d[\d,]*)\s+(.+)$/;
const PLATFORM_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/instagram/i, 'instagram'],
  [/facebook/i, 'facebook'],
  [/twitter|\bx\b/i, 'x'],
  [/tiktok/i, 'tiktok'],
  [/youtube/i, 'youtube'],
  [/telegram/i, 'telegram'],
  [/reddit/i, 'reddit'],
  [/medium/i, 'medium'],
  [/vk|vkontakte/i, 'vk'],
];

/** Returns what a re-fanged indicator string is. */
export function classifyIndicator(value: string, typeHint: string | null): Classified {
  const v = value.trim();
  const hint = (typeHint ?? '').toLowerCase();
  const count = ASSET_COUNT.exec(v);
  if (
    count &&
    v.length < 80 &&
    /account|page|group|channel|profile|user/i.test(count[2] as string)
  ) {
    return {
      kind: 'asset_count',
      value: (count[2] as string).trim(),
      platform: platformOf(count[2] as string),
      count: Number((count[1] as string).replace(/,/g, '')),
    };
  }
  if (/package|app_id/.test(hint)) return { kind: 'other', value: v, platform: null, count: null };
  // Scheme-less URLs ("sites.google.com/view/x") are URLs too.
  if (
    !/^https?:\/\//i.test(v) &&
    (hint.includes('url') || /^([a-z0-9-]+\.)+[a-z]{2,}\/\S*$/i.test(v))
  ) {
    return classifyIndicator(`https://${v}`, null);
  }
  if (/^https?:\/\//i.test(v)) {
    try {
      const u = new URL(v);
      const host = u.hostname.toLowerCase().replace(/^www\./, '');
      for (const [hostPattern, platform, pathPattern] of PROFILE_HOSTS) {
        const m = hostPattern.test(host) ? pathPattern.exec(u.pathname) : null;
        if (m)
          return { kind: 'account', value: (m[1] as string).toLowerCase(), platform, count: null };
      }
    } catch {
      return { kind: 'other', value: v, platform: null, count: null };
    }
    return { kind: 'url', value: v, platform: null, count: null };
  }
  if (hint.includes('domain') || /^(?=.{4,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i.test(v))
    return { kind: 'domain', value: v.toLowerCase(), platform: null, count: null };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v) || hint === 'ip')
    return { kind: 'ip', value: v, platform: null, count: null };
  if (
    /^[a-f0-9]{32}$|^[a-f0-9]{40}$|^[a-f0-9]{64}$/i.test(v) ||
    hint.includes('hash') ||
    hint.includes('sha') ||
    hint.includes('md5')
  )
    return { kind: 'hash', value: v.toLowerCase(), platform: null, count: null };
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(v))
    return { kind: 'email', value: v.toLowerCase(), platform: null, count: null };
  if (/\s/.test(v) && v.length > 20) return { kind: 'text', value: v, platform: null, count: null };
  return { kind: 'other', value: v, platform: null, count: null };
}

function platformOf(text: string): string | null {
  for (const [pattern, platform] of PLATFORM_WORDS) if (pattern.test(text)) return platform;
  return null;
}
