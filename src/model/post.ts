// A post: every action an account takes (post, share, reply, comment, quote, reaction) is one row.

/** The kinds of action a post row records. */
export const POST_KINDS = ['post', 'share', 'reply', 'comment', 'quote', 'reaction'] as const;

/** One of {@link POST_KINDS}. */
export type PostKind = (typeof POST_KINDS)[number];

/** A normalized post. `createdAt` is epoch milliseconds (a UTC instant). */
export interface Post {
  readonly platform: string;
  readonly postId: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly kind: PostKind;
  /** The text exactly as exported. */
  readonly text: string | null;
  /** NFKC, case-folded, whitespace-collapsed text; null when there is no text. */
  readonly textNorm: string | null;
  readonly language: string | null;
  /** Canonical URLs (see `canonicalUrl`). */
  readonly urls: readonly string[];
  /** Host of each canonical URL without `www.`, deduplicated. */
  readonly domains: readonly string[];
  /** The subset of `urls` on known link shorteners (kept as-is, not expanded). */
  readonly shortUrls: readonly string[];
  /** Case-folded hashtags without `#`. */
  readonly hashtags: readonly string[];
  /** Case-folded mentioned handles without `@`. */
  readonly mentions: readonly string[];
  /** Media fingerprints (file hashes or perceptual hashes) as given by the export. */
  readonly media: readonly string[];
  readonly sharedPostId: string | null;
  readonly sharedAccountId: string | null;
  readonly parentPostId: string | null;
  readonly parentAccountId: string | null;
  /** Posting client or app, e.g. 'Twitter Web App'. */
  readonly client: string | null;
  /** Engagement counts the export reports for this post, when it does. */
  readonly shares: number | null;
  readonly comments: number | null;
  readonly reactions: number | null;
  readonly views: number | null;
}
