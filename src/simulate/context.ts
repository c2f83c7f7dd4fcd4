// Shared state of one simulation run: options, id issuers, the clock, and quick schedule draws.
import type { Rng } from '../core/index.js';
import { dailyOffsets, DAY } from './clock.js';
import { IdIssuer } from './ids.js';
import type { SimSink } from './types.js';

/** Resolved simulation options (see SimulateOptions for meanings and defaults). */
export interface SimConfig {
  readonly seed: number;
  readonly accounts: number;
  readonly days: number;
  readonly start: number;
  readonly postsPerDay: number;
  readonly stealth: number;
  readonly hardNegatives: number;
}

/** A popular post organic accounts retweet and reply to. */
export interface PopularPost {
  readonly postId: string;
  readonly accountId: string;
  readonly platform: string;
  readonly createdAt: number;
  readonly weight: number;
}

/** Mutable run state passed to every generator. */
export class SimContext {
  readonly accountIds = new IdIssuer(0x5bd1e995, 10);
  readonly postIds = new IdIssuer(0x27d4eb2d, 10);
  readonly end: number;
  /** Popular posts, by creation time, for retweets and replies. */
  popular: PopularPost[] = [];
  private readonly offsetCache = new Map<string, number[]>();

  constructor(
    readonly config: SimConfig,
    readonly sink: SimSink,
  ) {
    this.end = config.start + config.days * DAY;
  }

  /** Returns the UTC offset (minutes) of `zone` on day `d` of the run. */
  offset(zone: string, d: number): number {
    let offsets = this.offsetCache.get(zone);
    if (!offsets) {
      offsets = dailyOffsets(zone, this.config.start, this.config.days + 1);
      this.offsetCache.set(zone, offsets);
    }
    return offsets[Math.max(0, Math.min(d, offsets.length - 1))] as number;
  }

  /** Returns a popular post created before `t` (recent ones more likely), or null. */
  recentPopular(rng: Rng, t: number): PopularPost | null {
    let hi = this.popular.length;
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.popular[mid] as PopularPost).createdAt < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    // Mostly the last two days' posts, by weight (two passes, no allocation: this is hot).
    const from = Math.max(0, lo - 60);
    const recent = t - 2 * DAY;
    let total = 0;
    for (let i = from; i < lo; i++) {
      const p = this.popular[i] as PopularPost;
      total += p.weight * (p.createdAt > recent ? 1 : 0.05);
    }
    let r = rng.next() * total;
    for (let i = from; i < lo; i++) {
      const p = this.popular[i] as PopularPost;
      r -= p.weight * (p.createdAt > recent ? 1 : 0.05);
      if (r < 0) return p;
    }
    return (this.popular[lo - 1] as PopularPost) ?? null;
  }
}

/** Cumulative weights for fast repeated draws from one distribution. */
export class Cumulative {
  private readonly cum: Float64Array;

  constructor(weights: readonly number[]) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    weights.forEach((w, i) => {
      s += w;
      this.cum[i] = s;
    });
  }

  /** Returns an index drawn by weight. */
  draw(rng: Rng): number {
    const r = rng.next() * (this.cum[this.cum.length - 1] as number);
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cum[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * Returns the UTC instant of a draw from a local 96-quarter-hour profile on run day `d`, for a
 * clock at UTC offset `offsetMinutes`.
 */
export function localInstant(
  ctx: SimContext,
  rng: Rng,
  profile: Cumulative,
  d: number,
  offsetMinutes: number,
): number {
  const q = profile.draw(rng);
  const localMs = ctx.config.start + d * DAY + q * 900_000 + Math.floor(rng.next() * 900_000);
  return localMs - offsetMinutes * 60_000;
}
