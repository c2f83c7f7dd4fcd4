// The workspace API's request and response types, declared once: the server's routes answer them
// and the web UI imports them (types only; this file imports nothing, so the browser build and its
// type check never pull in Node code).

/** What an analyst decides about a cluster or an account. */
export type ReviewAction =
  'confirm-cluster' | 'dismiss-cluster' | 'include-account' | 'exclude-account';

/** What a decision makes of its target. */
export type ReviewStatus = 'confirmed' | 'dismissed' | 'included' | 'excluded';

/** The latest review decision on a cluster or an account, or null when there is none. */
export interface Review {
  readonly status: ReviewStatus;
  readonly action: ReviewAction;
  readonly reviewer: string;
  /** ISO 8601 UTC time the decision was recorded. */
  readonly at: string;
  /** Its number in the audit log. */
  readonly seq: number;
  readonly rationale: string;
}

/** `POST /api/review`: the reviewer is not part of it, the access token says who decides. */
export interface ReviewRequest {
  readonly action: ReviewAction;
  /** 'cluster:<id>' or 'account:<platform>:<account_id>'. */
  readonly target: string;
  readonly rationale: string;
}

/** An audit log entry (what `POST /api/review` answers, and `GET /api/audit` lists). */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly reviewer: string;
  readonly action: ReviewAction;
  readonly target: string;
  readonly rationale: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** `GET /api/audit`. */
export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly verified: {
    readonly ok: boolean;
    readonly entries: number;
    /** Sequence number of the first entry whose hash no longer matches, or null. */
    readonly brokenAt: number | null;
  };
}

/** `GET /api/me`: the analyst the token stands for. */
export interface Me {
  readonly reviewer: string;
}

/** `GET /api/summary`. */
export interface CaseSummary {
  readonly posts: number;
  readonly accounts: number;
  readonly clusters: number;
  readonly flagged_clusters: number;
  readonly flagged_accounts: number;
  readonly first_post: string | null;
  readonly last_post: string | null;
  readonly detection: {
    readonly run_at: string;
    /** The parameters of the last `detect`, as JSON text. */
    readonly params: string | null;
    /** Pairs tested, and found significant. */
    readonly tested: number;
    readonly significant: number | null;
  } | null;
}

/** Assets by platform and type, e.g. `{x: {account: 30}, facebook: {page: 2}}`. */
export type PlatformAssets = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** One row of `GET /api/clusters`. */
export interface ClusterRow {
  readonly id: number;
  readonly size: number;
  readonly score: number;
  readonly p_value: number;
  readonly flagged: boolean;
  readonly category: string;
  /** The operation its profile assigns it to (several clusters may share one). */
  readonly operation: string | null;
  readonly utc_offset_minutes: number | null;
  /** 'office', 'night', 'round-the-clock' … as the profile's clock says. */
  readonly clock: string | null;
  readonly platforms: PlatformAssets | null;
  readonly disarm: readonly string[] | null;
  readonly review: Review | null;
}

/** `GET /api/clusters`. */
export interface ClusterList {
  readonly total: number;
  readonly items: readonly ClusterRow[];
}

/** A cluster member, strongest first. */
export interface Member {
  readonly platform: string;
  readonly account_id: string;
  readonly handle: string | null;
  readonly asset_type: string;
  readonly score: number;
  readonly flagged: boolean;
  readonly automated?: boolean;
  readonly followers?: number | null;
  /**
   * The latest decision on the account itself, or null: it then stands under its cluster's
   * decision (the cluster's `review`), as in the takedown list.
   */
  readonly review: Review | null;
}

/** A significant link between two accounts (both in the cluster, or one outside it). */
export interface Edge {
  readonly platform_a: string;
  readonly account_a: string;
  readonly platform_b: string;
  readonly account_b: string;
  /** −log10 of the pair's q-value (FDR-adjusted p). */
  readonly strength: number;
  /** The signals that are significant on their own for the pair. */
  readonly signals: readonly string[];
  readonly log10_p: number;
}

/** A link from a cluster to an account outside it, with both ends' clusters (−1: none). */
export interface NeighbourEdge extends Edge {
  readonly cluster_a: number;
  readonly cluster_b: number;
}

/** The parts of a cluster's profile the workspace shows. */
export interface ClusterProfile {
  readonly timezone: {
    readonly utcOffsetMinutes: number | null;
    readonly confidence: number;
    readonly dst: string;
  };
  readonly schedule: {
    readonly breaks: ReadonlyArray<{ start: string; end: string; label: string }>;
  } | null;
  /** Posts per weekday (Monday first) and hour, in the operators' clock. */
  readonly heatmap: ReadonlyArray<readonly number[]>;
  readonly disarm: ReadonlyArray<{ id: string; name: string; evidence: string }>;
  readonly samplePosts: ReadonlyArray<{ text: string; accounts: number }>;
}

/** `GET /api/clusters/:id`. */
export interface ClusterDetail {
  readonly id: number;
  readonly size: number;
  readonly score: number;
  readonly p_value: number;
  readonly flagged: boolean;
  readonly category: string;
  readonly operation: string | null;
  readonly review: Review | null;
  readonly summary: unknown;
  readonly profile: ClusterProfile | null;
  readonly members: readonly Member[];
  readonly edges: readonly Edge[];
  readonly neighbourhood: readonly NeighbourEdge[];
}

/** One signal's part in a link: what it counted against what chance predicts. */
export interface LinkSignal {
  readonly signal: string;
  /** Matches counted (for shared infrastructure: values shared). */
  readonly observed: number | null;
  /** Matches expected by chance under the null model. */
  readonly expected: number | null;
  /** log10 of P(X ≥ observed) for X ~ Poisson(expected); null when untested. */
  readonly log10_p: number | null;
  /** The signal's weight (co-share: objects co-shared; infrastructure: rarity-weighted). */
  readonly weight: number;
}

/** A significant link of an account: the other account and why the pair stands out. */
export interface AccountLink {
  readonly other: {
    readonly platform: string;
    readonly account_id: string;
    readonly handle: string | null;
    /** Its cluster, or null when it is in none. */
    readonly cluster_id: number | null;
    readonly review: Review | null;
  };
  /** The pair's fused p-value and its FDR-adjusted q-value. */
  readonly p_value: number;
  readonly q_value: number;
  readonly log10_p: number;
  /** Signals significant on their own for the pair (detection's choice). */
  readonly significant: readonly string[];
  /** Every signal that links the pair, the strongest (smallest p) first. */
  readonly signals: readonly LinkSignal[];
}

/** An account's profile as ingested. */
export interface AccountProfile {
  readonly platform: string;
  readonly account_id: string;
  readonly handle?: string | null;
  readonly display_name?: string | null;
  readonly asset_type?: string | null;
  readonly created_at?: string | null;
  readonly followers?: number | null;
  readonly following?: number | null;
  readonly reported_location?: string | null;
  readonly language?: string | null;
  readonly description?: string | null;
}

/** One post of an account. */
export interface PostRow {
  readonly post_id: string;
  readonly created_at: string;
  readonly kind: string;
  readonly text: string | null;
  readonly language?: string | null;
  readonly urls?: readonly string[] | null;
  readonly hashtags?: readonly string[] | null;
  readonly parent_post_id?: string | null;
  readonly shared_post_id?: string | null;
}

/** A raw signal edge of an account (significant or not), by signal then strength. */
export interface SignalEdge {
  readonly signal: string | null;
  readonly other_platform: string | null;
  readonly other_account: string | null;
  readonly weight: number;
  readonly expected: number | null;
  readonly evidence: ReadonlyArray<string | null>;
}

/** `GET /api/accounts/:platform/:accountId`. */
export interface AccountDetail {
  readonly account: AccountProfile;
  /** Its handles and display names over time, the latest last. */
  readonly names: ReadonlyArray<{
    readonly handle: string | null;
    readonly display_name?: string | null;
    readonly first_seen?: string | null;
    readonly last_seen?: string | null;
  }>;
  readonly membership: {
    readonly cluster_id: number;
    readonly score: number;
    readonly flagged: boolean;
    readonly automated?: boolean;
    readonly utc_offset_minutes: number | null;
  } | null;
  /** The operation of its cluster, when profiled. */
  readonly operation: string | null;
  /** The latest decision on the account itself; it wins over its cluster's. */
  readonly review: Review | null;
  readonly clusterReview: Review | null;
  readonly daily: ReadonlyArray<{ day: string; posts: number }>;
  readonly hourOfWeek: ReadonlyArray<{ weekday: number; hour: number; posts: number }>;
  readonly posts: readonly PostRow[];
  readonly postsTotal: number;
  readonly edgeCounts: ReadonlyArray<{ signal: string; edges: number }>;
  readonly edges: readonly SignalEdge[];
  /** A page of its significant links, strongest (smallest p) first. */
  readonly links: readonly AccountLink[];
  readonly linksTotal: number;
}

/** A post in a piece of evidence. */
export interface EvidencePost {
  readonly postId: string;
  readonly createdAt: string;
  readonly text: string | null;
  readonly urls: readonly string[];
  /** Thumbnails (WebP data URIs, at most 96 px) of the post's pictures, when it has any. */
  readonly images?: readonly string[];
}

/** One pair of posts behind a link, and their gap in seconds. */
export interface EvidencePair {
  readonly a: EvidencePost;
  readonly b: EvidencePost;
  readonly dtSeconds: number;
  /** Co-reply: the post both replied to; co-share of a post: the post both shared. */
  readonly parent?: EvidenceParent | null;
}

/** The post a pair replied to or shared; only its id when the case does not hold it. */
export interface EvidenceParent {
  readonly postId: string;
  readonly createdAt: string | null;
  readonly text: string | null;
  readonly accountId: string | null;
  readonly handle: string | null;
}

/** An infrastructure value two accounts share, and how rare it is. */
export interface SharedValue {
  /** 'ip', 'asn', 'device' … */
  readonly kind: string;
  readonly value: string;
  /** Accounts in the case with this value (1 of 2 is strong, 1 of 10,000 is not). */
  readonly accounts: number;
}

/** `GET /api/evidence`: post pairs for post signals, shared values for infrastructure. */
export interface EvidenceResponse {
  readonly pairs: readonly EvidencePair[];
  readonly values: readonly SharedValue[];
}

/** `GET /api/search` results: accounts (handle) or posts (text, url, hashtag). */
export interface SearchResults {
  readonly items: ReadonlyArray<{
    readonly platform: string;
    readonly account_id: string;
    readonly handle?: string | null;
    readonly display_name?: string | null;
    readonly asset_type?: string | null;
    readonly post_id?: string;
    readonly created_at?: string;
    readonly kind?: string;
    readonly text?: string | null;
    readonly urls?: readonly string[] | null;
    readonly hashtags?: readonly string[] | null;
    /** The account's cluster, or null outside the clusters. */
    readonly cluster: number | null;
    /** The latest decision on the account itself. */
    readonly review: Review | null;
    /** The latest decision on its cluster (the account stands under it without its own). */
    readonly clusterReview: Review | null;
  }>;
}

/** One of the operations the profiles name, with its clusters. */
export interface OperationRow {
  readonly name: string;
  readonly clusters: readonly number[];
  readonly accounts: number;
}

/** `GET /api/operations`. */
export interface OperationList {
  readonly items: readonly OperationRow[];
}

/** `GET /api/operations/:name`: its clusters drawn together, and the links between them. */
export interface OperationDetail {
  readonly name: string;
  readonly clusters: ReadonlyArray<
    Pick<
      ClusterDetail,
      'id' | 'size' | 'score' | 'p_value' | 'flagged' | 'category' | 'operation' | 'review'
    >
  >;
  /** Members of each cluster (the first 200 of each), with their cluster. */
  readonly members: ReadonlyArray<Member & { readonly cluster: number }>;
  /** Links inside each cluster. */
  readonly edges: readonly Edge[];
  /** Links between two of its clusters. */
  readonly between: readonly NeighbourEdge[];
}

/** `GET /api/signals`: the signal registry, for the UI's legends and colours. */
export interface SignalList {
  readonly signals: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    /** 'timing', 'content', 'infrastructure' … (one fused test per family). */
    readonly family: string;
    /** Whether detection tests it (observed against expected). */
    readonly tested: boolean;
    /** CSS colour of its links in network views. */
    readonly colour: string;
  }>;
}

/** What a refused or failed request answers (4xx, 500). */
export interface ApiError {
  /** 'bad request', 'unauthorized', 'not found' … */
  readonly error: string;
  /** What was wrong, for a person. */
  readonly message: string;
}
