// The one interface every coordination signal implements.
import type { Store } from '../store/index.js';

/** Options every signal understands; each uses those that apply to it. */
export interface SignalOptions {
  /** Largest |Δt| in seconds for time-windowed signals (co-share, co-reply); default 60. */
  readonly window: number;
  /** Smallest edge weight kept (in the signal's own unit); default 1 (0 for weights below 1). */
  readonly minWeight: number;
  /** Evidence items kept per edge; default 20. */
  readonly evidenceLimit: number;
  /**
   * Where a signal would keep more pairs than its budget (co-share at minimum weight 1 on
   * breaking-news links): raise the minimum weight and say so in the summary's `note`, instead of
   * stopping with an error. `detect` sets it; `unmask signals` does not (the user named the weight).
   */
  readonly raiseMinWeight?: boolean;
}

/** Defaults of {@link SignalOptions}. */
export const SIGNAL_DEFAULTS: SignalOptions = { window: 60, minWeight: 1, evidenceLimit: 20 };

/** What a signal run did: edges written, items (messages, texts, values) considered, and skipped. */
export interface SignalSummary {
  readonly signal: string;
  readonly edges: number;
  readonly items: number;
  readonly skipped: number;
  /** What `skipped` counts, e.g. 'texts under 25 characters'. */
  readonly skippedWhat: string;
  /** The minimum weight the edges were kept at, when it was raised above the requested one. */
  readonly minWeightUsed?: number;
  /** Anything else the run did that a reader must know (a raised minimum weight). */
  readonly note?: string;
}

/**
 * What a signal measures, for the fusion: within a family the smallest p-value counts
 * (Bonferroni-corrected for the family's size), across families p-values combine (Fisher).
 * 'supporting' signals are not tested (rhythm).
 */
export type SignalFamily = 'timing' | 'content' | 'infrastructure' | 'supporting';

/**
 * A coordination signal: writes its account-pair edges with evidence into the case. Declared
 * once, in the registry (`registry.ts`); detect, the command line's help and the workspace read
 * everything about it from there.
 */
export interface Signal {
  readonly name: string;
  /** One sentence on what links two accounts. */
  readonly description: string;
  /** Whether its edges carry an observed count and a null expectation (p-values), or only support. */
  readonly tested: boolean;
  readonly family: SignalFamily;
  /** Whether `detect` runs it when `--signals` is not given. */
  readonly detectByDefault: boolean;
  /** Its colour in network drawings and charts (CSS hex). */
  readonly colour: string;
  /**
   * What counts as one of an account's occurrences of the signal: a SQL condition over `posts`,
   * 'observations' (infrastructure sightings), or null (not tested). An account with no
   * occurrence of any signal of a family cannot show that family's evidence (detect's fusion).
   */
  readonly occurrence: string | 'observations' | null;
  /**
   * Whether its own work is the largest at scale (near-duplicate text: about 120 s of CPU of the
   * signals' ~300 s at 10M posts), so that detect, computing signals side by side, starts it
   * first and the others fill the other connection meanwhile.
   */
  readonly startsFirst?: boolean;
  /** The parameters a run with these options records (a run is reused when they are unchanged). */
  params(options: SignalOptions): unknown;
  compute(store: Store, options: SignalOptions): Promise<SignalSummary>;
}
