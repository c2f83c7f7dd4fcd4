// What the simulator produces: accounts with ground-truth labels, posts, observations, follows.
import type { AssetType, PostKind } from '../model/index.js';

/** A simulated account and its ground-truth label (an operation name or 'organic'). */
export interface SimAccount {
  readonly platform: string;
  readonly accountId: string;
  handle: string;
  readonly displayName: string;
  readonly assetType: AssetType;
  readonly createdAt: number;
  readonly followers: number;
  readonly following: number;
  readonly location: string | null;
  readonly language: string;
  readonly description: string | null;
  readonly label: string;
  /** What the account is within its label, e.g. 'everyday', 'fandom', 'operator' (truth.csv's kind). */
  readonly kind: string;
  /** Earlier handles with the instant each stopped being used (repurposed accounts). */
  readonly previousHandles: Array<{ handle: string; until: number }>;
}

/** A simulated post (every action is one). */
export interface SimPost {
  readonly platform: string;
  readonly postId: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly kind: PostKind;
  readonly text: string | null;
  readonly language: string | null;
  readonly urls: readonly string[];
  readonly hashtags: readonly string[];
  readonly sharedPostId: string | null;
  readonly sharedAccountId: string | null;
  readonly parentPostId: string | null;
  readonly parentAccountId: string | null;
  readonly client: string | null;
}

/** Where generated records go; writers implement it and stream to files. */
export interface SimSink {
  account(a: SimAccount): void;
  post(p: SimPost): void;
  observation(
    accountId: string,
    platform: string,
    kind: string,
    value: string,
    firstSeen: number,
    lastSeen: number,
  ): void;
  follow(platform: string, followerId: string, followedId: string): void;
}
