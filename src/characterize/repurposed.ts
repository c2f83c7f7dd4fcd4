// Repurposed accounts: accounts with more than one handle on record, and accounts whose first third
// of posts differs from the last in language or in ad-like content (bought spam Pages turned).
import type { groupHistories, groupRenames } from './characterize.sql.js';

/** A repurposed account: its handles in order and what switched, if anything. */
export interface RepurposedAccount {
  readonly platform: string;
  readonly accountId: string;
  readonly handles: string[];
  readonly switch: string | null;
}

/** The repurposed accounts of a group, by account id. */
export function repurposedAccounts(
  group: string,
  renames: Awaited<ReturnType<typeof groupRenames>>,
  histories: Awaited<ReturnType<typeof groupHistories>>,
): RepurposedAccount[] {
  const out = new Map<
    string,
    { platform: string; accountId: string; handles: string[]; switch: string | null }
  >();
  for (const r of renames.filter((x) => x.group === group))
    out.set(`${r.platform}:${r.accountId}`, {
      platform: r.platform,
      accountId: r.accountId,
      handles: r.handles,
      switch: null,
    });
  for (const h of histories.filter((x) => x.group === group)) {
    const langSwitch = h.early !== h.late && h.early !== 'und' && h.late !== 'und';
    const adSwitch = h.earlyAds >= 0.5 && h.lateAds <= 0.1;
    if (!langSwitch && !adSwitch) continue;
    const what = [
      adSwitch
        ? `ad-like posts ${Math.round(h.earlyAds * 100)}% → ${Math.round(h.lateAds * 100)}%`
        : null,
      langSwitch ? `language ${h.early} → ${h.late}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    const key = `${h.platform}:${h.accountId}`;
    const prev = out.get(key);
    out.set(key, {
      platform: h.platform,
      accountId: h.accountId,
      handles: prev?.handles ?? [],
      switch: what,
    });
  }
  return [...out.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}
