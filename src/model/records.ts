// The smaller record kinds: infrastructure observations, follows, labels and threat indicators.

/** A platform-internal observation about an account (IP, ASN, device …). Times in epoch ms. */
export interface Observation {
  readonly platform: string;
  readonly accountId: string;
  readonly kind: string; // e.g. 'ip', 'asn', 'device', 'user_agent', 'email_domain'
  readonly value: string;
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
}

/** A follow edge: `followerId` follows `followedId`. */
export interface Follow {
  readonly platform: string;
  readonly followerId: string;
  readonly followedId: string;
  readonly firstSeen: number | null;
}

/** Ground truth for evaluation: `label` is an operation name or 'organic'. */
export interface Label {
  readonly platform: string;
  readonly accountId: string;
  readonly label: string;
}

/** The kinds of indicator a threat-research file carries. */
export const INDICATOR_KINDS = [
  'url',
  'domain',
  'account',
  'asset_count',
  'text',
  'ip',
  'hash',
  'email',
  'other',
] as const;

/** One of {@link INDICATOR_KINDS}. */
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** A published indicator of a known network (e.g. Meta's threat-research files), re-fanged. */
export interface Indicator {
  /** The file's network name, e.g. 'Q2_2023_Spamouflage_China_based_CIB_updated'. */
  readonly network: string;
  readonly kind: IndicatorKind;
  /** Re-fanged value: a URL, domain, handle, text, or for asset counts the asset description. */
  readonly value: string;
  /** Platform an account or asset-count indicator belongs to, when it can be told. */
  readonly platform: string | null;
  /** Asset count for `asset_count` indicators (e.g. 7704 for "7,704 Facebook accounts"). */
  readonly count: number | null;
  readonly tactic: string | null;
  readonly technique: string | null;
  readonly procedure: string | null;
  readonly note: string | null;
  /** Publication date (epoch ms) when the file gives one. */
  readonly published: number | null;
}

/**
 * An image file a post carries: its media id (as the post's `media` lists it, or the file's name)
 * and where the file is. Its perceptual hash is computed at ingest (post_media table).
 */
export interface MediaFile {
  readonly platform: string;
  readonly postId: string;
  readonly accountId: string;
  readonly mediaId: string;
  /** Absolute path of the image file. */
  readonly path: string;
}
