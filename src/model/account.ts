// An account-like asset on a platform: a user account, Page, Group, channel or Instagram account.

/** The kinds of asset an account row can be. */
export const ASSET_TYPES = [
  'account',
  'page',
  'group',
  'channel',
  'instagram_account',
  'bot',
  'unknown',
] as const;

/** One of {@link ASSET_TYPES}. */
export type AssetType = (typeof ASSET_TYPES)[number];

/** A normalized account. Times are epoch milliseconds (UTC instants); absent fields are null. */
export interface Account {
  readonly platform: string; // e.g. 'x', 'facebook', 'telegram'
  readonly accountId: string;
  readonly handle: string | null;
  readonly displayName: string | null;
  readonly assetType: AssetType;
  readonly createdAt: number | null;
  readonly followers: number | null;
  readonly following: number | null;
  readonly reportedLocation: string | null;
  readonly language: string | null;
  readonly description: string | null;
  /** When the export saw the account with these names (epoch ms); used for rename history. */
  readonly seenAt: number | null;
}

/** Returns an account with every optional field null, then the given fields. */
export function account(
  fields: Pick<Account, 'platform' | 'accountId'> & Partial<Account>,
): Account {
  return {
    handle: null,
    displayName: null,
    assetType: 'account',
    createdAt: null,
    followers: null,
    following: null,
    reportedLocation: null,
    language: null,
    description: null,
    seenAt: null,
    ...fields,
  };
}
