// JSON schemas of the workspace API's answers (TypeBox), one per type of api-types.ts: each route
// declares its answer's schema, Fastify serializes by it (fast-json-stringify) and the OpenAPI
// document describes it. The type checker holds each schema to its type in api-types.ts (SAME
// below), so the two cannot drift apart; test/server-schemas.test.ts holds every route's live
// answer to the schema it declares.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

import type * as Api from './api-types.js';

/** Objects list every property: one the schema does not name is a drift, not a silent extra. */
const Obj = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Int = Type.Integer();
const Num = Type.Number();
const Bool = Type.Boolean();

export const ReviewStatus = Type.Union([
  Type.Literal('confirmed'),
  Type.Literal('dismissed'),
  Type.Literal('included'),
  Type.Literal('excluded'),
]);
export const ReviewAction = Type.Union([
  Type.Literal('confirm-cluster'),
  Type.Literal('dismiss-cluster'),
  Type.Literal('include-account'),
  Type.Literal('exclude-account'),
]);
export const Review = Obj({
  status: ReviewStatus,
  action: ReviewAction,
  reviewer: Str,
  at: Str,
  seq: Int,
  rationale: Str,
});
const MaybeReview = Nullable(Review);

export const AuditEntry = Obj({
  seq: Int,
  at: Str,
  reviewer: Str,
  action: ReviewAction,
  target: Str,
  rationale: Str,
  prevHash: Str,
  hash: Str,
});
export const AuditPage = Obj({
  items: Type.Array(AuditEntry),
  verified: Obj({ ok: Bool, entries: Int, brokenAt: Nullable(Int) }),
});

export const Me = Obj({ reviewer: Str });

export const CaseSummary = Obj({
  posts: Int,
  accounts: Int,
  clusters: Int,
  flagged_clusters: Int,
  flagged_accounts: Int,
  first_post: Nullable(Str),
  last_post: Nullable(Str),
  detection: Nullable(
    Obj({ run_at: Str, params: Nullable(Str), tested: Int, significant: Nullable(Int) }),
  ),
});

const PlatformAssets = Type.Record(Str, Type.Record(Str, Num));

/** What every cluster answer carries first (its review follows its own fields). */
const clusterCore = {
  id: Int,
  size: Int,
  score: Num,
  p_value: Num,
  flagged: Bool,
  category: Str,
  operation: Nullable(Str),
};
const clusterFields = { ...clusterCore, review: MaybeReview };

export const ClusterRow = Obj({
  ...clusterCore,
  utc_offset_minutes: Nullable(Int),
  clock: Nullable(Str),
  platforms: Nullable(PlatformAssets),
  disarm: Nullable(Type.Array(Str)),
  review: MaybeReview,
});
export const ClusterList = Obj({ total: Int, items: Type.Array(ClusterRow) });

export const Member = Obj({
  platform: Str,
  account_id: Str,
  handle: Nullable(Str),
  asset_type: Str,
  score: Num,
  flagged: Bool,
  automated: Type.Optional(Bool),
  followers: Type.Optional(Nullable(Num)),
  review: MaybeReview,
});

const edgeFields = {
  platform_a: Str,
  account_a: Str,
  platform_b: Str,
  account_b: Str,
  strength: Num,
  signals: Type.Array(Str),
  log10_p: Num,
};
export const Edge = Obj(edgeFields);
export const NeighbourEdge = Obj({ ...edgeFields, cluster_a: Int, cluster_b: Int });

/**
 * The parts of a profile the workspace shows; the rest of characterize's profile comes along as
 * it is (its own type, GroupProfile, in src/characterize), so more properties are allowed here.
 */
export const ClusterProfile = Type.Object(
  {
    timezone: Type.Object({
      utcOffsetMinutes: Nullable(Num),
      confidence: Num,
      dst: Str,
    }),
    schedule: Nullable(
      Type.Object({ breaks: Type.Array(Obj({ start: Str, end: Str, label: Str })) }),
    ),
    heatmap: Type.Array(Type.Array(Num)),
    disarm: Type.Array(Type.Object({ id: Str, name: Str, evidence: Str })),
    samplePosts: Type.Array(Type.Object({ text: Str, accounts: Num })),
  },
  { additionalProperties: true },
);

export const ClusterDetail = Obj({
  ...clusterFields,
  /** Detection's summary of the cluster (signals and their weights), as it stored it. */
  summary: Type.Unknown(),
  profile: Nullable(ClusterProfile),
  members: Type.Array(Member),
  edges: Type.Array(Edge),
  neighbourhood: Type.Array(NeighbourEdge),
});

export const LinkSignal = Obj({
  signal: Str,
  observed: Nullable(Num),
  expected: Nullable(Num),
  log10_p: Nullable(Num),
  weight: Num,
});
export const AccountLink = Obj({
  other: Obj({
    platform: Str,
    account_id: Str,
    handle: Nullable(Str),
    cluster_id: Nullable(Int),
    review: MaybeReview,
  }),
  p_value: Num,
  q_value: Num,
  log10_p: Num,
  significant: Type.Array(Str),
  signals: Type.Array(LinkSignal),
});

const MaybeStr = Type.Optional(Nullable(Str));
const MaybeNum = Type.Optional(Nullable(Num));
export const AccountProfile = Obj({
  platform: Str,
  account_id: Str,
  handle: MaybeStr,
  display_name: MaybeStr,
  asset_type: MaybeStr,
  created_at: MaybeStr,
  followers: MaybeNum,
  following: MaybeNum,
  reported_location: MaybeStr,
  language: MaybeStr,
  description: MaybeStr,
});

export const PostRow = Obj({
  post_id: Str,
  created_at: Str,
  kind: Str,
  text: Nullable(Str),
  language: MaybeStr,
  urls: Type.Optional(Nullable(Type.Array(Str))),
  hashtags: Type.Optional(Nullable(Type.Array(Str))),
  parent_post_id: MaybeStr,
  shared_post_id: MaybeStr,
});

export const SignalEdge = Obj({
  signal: Nullable(Str),
  other_platform: Nullable(Str),
  other_account: Nullable(Str),
  weight: Num,
  expected: Nullable(Num),
  evidence: Type.Array(Nullable(Str)),
});

export const AccountDetail = Obj({
  account: AccountProfile,
  names: Type.Array(
    Obj({
      handle: Nullable(Str),
      display_name: MaybeStr,
      first_seen: MaybeStr,
      last_seen: MaybeStr,
    }),
  ),
  membership: Nullable(
    Obj({
      cluster_id: Int,
      score: Num,
      flagged: Bool,
      automated: Type.Optional(Bool),
      utc_offset_minutes: Nullable(Int),
    }),
  ),
  operation: Nullable(Str),
  review: MaybeReview,
  clusterReview: MaybeReview,
  daily: Type.Array(Obj({ day: Str, posts: Int })),
  hourOfWeek: Type.Array(Obj({ weekday: Int, hour: Int, posts: Int })),
  posts: Type.Array(PostRow),
  postsTotal: Int,
  edgeCounts: Type.Array(Obj({ signal: Str, edges: Int })),
  edges: Type.Array(SignalEdge),
  links: Type.Array(AccountLink),
  linksTotal: Int,
});

export const EvidencePost = Obj({
  postId: Str,
  createdAt: Str,
  text: Nullable(Str),
  urls: Type.Array(Str),
  images: Type.Optional(Type.Array(Str)),
});
export const EvidenceParent = Obj({
  postId: Str,
  createdAt: Nullable(Str),
  text: Nullable(Str),
  accountId: Nullable(Str),
  handle: Nullable(Str),
});
export const EvidencePair = Obj({
  a: EvidencePost,
  b: EvidencePost,
  dtSeconds: Num,
  parent: Type.Optional(Nullable(EvidenceParent)),
});
export const SharedValue = Obj({ kind: Str, value: Str, accounts: Int });
export const EvidenceResponse = Obj({
  pairs: Type.Array(EvidencePair),
  values: Type.Array(SharedValue),
});

export const SearchResults = Obj({
  items: Type.Array(
    Obj({
      platform: Str,
      account_id: Str,
      handle: MaybeStr,
      display_name: MaybeStr,
      asset_type: MaybeStr,
      post_id: Type.Optional(Str),
      created_at: Type.Optional(Str),
      kind: Type.Optional(Str),
      text: MaybeStr,
      urls: Type.Optional(Nullable(Type.Array(Str))),
      hashtags: Type.Optional(Nullable(Type.Array(Str))),
      cluster: Nullable(Int),
      review: MaybeReview,
      clusterReview: MaybeReview,
    }),
  ),
});

export const OperationRow = Obj({ name: Str, clusters: Type.Array(Int), accounts: Int });
export const OperationList = Obj({ items: Type.Array(OperationRow) });
export const OperationDetail = Obj({
  name: Str,
  clusters: Type.Array(Obj(clusterFields)),
  members: Type.Array(
    Type.Composite([Member, Obj({ cluster: Int })], { additionalProperties: false }),
  ),
  edges: Type.Array(Edge),
  between: Type.Array(NeighbourEdge),
});

export const SignalList = Obj({
  signals: Type.Array(Obj({ name: Str, description: Str, family: Str, tested: Bool, colour: Str })),
});

/** What every 4xx and 500 answers. */
export const ApiError = Obj({ error: Str, message: Str });

/**
 * Each API route's answer, by method and path (as routed under /api); the routes declare these,
 * and the schema test validates their live answers against them.
 */
export const ANSWERS = {
  'GET /me': Me,
  'GET /summary': CaseSummary,
  'GET /signals': SignalList,
  'GET /clusters': ClusterList,
  'GET /clusters/:id': ClusterDetail,
  'GET /accounts/:platform/:accountId': AccountDetail,
  'GET /evidence': EvidenceResponse,
  'GET /operations': OperationList,
  'GET /operations/:name': OperationDetail,
  'GET /search': SearchResults,
  'POST /review': AuditEntry,
  'GET /audit': AuditPage,
  /** Files (CSV, STIX, GEXF, GraphML, HTML): no JSON answer but errors. */
  'GET /export/:what': null,
} as const;

// ---- The schemas against the types: each pair must describe the same values. ----

/** T with readonly dropped throughout (a schema's static type is not readonly). */
type Writable<T> =
  T extends ReadonlyArray<infer U>
    ? Writable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T;
/**
 * true when schema S's values are exactly type T's: the same properties, each as optional and of
 * the same type (assignable both ways would let an optional property of one be missing from the
 * other, and serializing by a schema drops what it does not list).
 */
type Same<S extends TSchema, T> =
  (<X>() => X extends Writable<Static<S>> ? 1 : 2) extends <X>() => X extends Writable<T> ? 1 : 2
    ? true
    : false;

/** Fails to type-check when a schema and its type in api-types.ts part. */
export const SAME: {
  review: Same<typeof Review, Api.Review>;
  auditEntry: Same<typeof AuditEntry, Api.AuditEntry>;
  auditPage: Same<typeof AuditPage, Api.AuditPage>;
  me: Same<typeof Me, Api.Me>;
  summary: Same<typeof CaseSummary, Api.CaseSummary>;
  clusterList: Same<typeof ClusterList, Api.ClusterList>;
  clusterDetail: Same<typeof ClusterDetail, Api.ClusterDetail>;
  accountDetail: Same<typeof AccountDetail, Api.AccountDetail>;
  evidence: Same<typeof EvidenceResponse, Api.EvidenceResponse>;
  search: Same<typeof SearchResults, Api.SearchResults>;
  operations: Same<typeof OperationList, Api.OperationList>;
  operation: Same<typeof OperationDetail, Api.OperationDetail>;
  signals: Same<typeof SignalList, Api.SignalList>;
  error: Same<typeof ApiError, Api.ApiError>;
} = {
  review: true,
  auditEntry: true,
  auditPage: true,
  me: true,
  summary: true,
  clusterList: true,
  clusterDetail: true,
  accountDetail: true,
  evidence: true,
  search: true,
  operations: true,
  operation: true,
  signals: true,
  error: true,
};
