// The shape of a working day: work blocks and breaks of a 96-quarter profile, and the shifts of a
// crew (levels of a piecewise-constant fit of the 48 half hours, chosen by BIC).

const QPD = 96;

const hhmm = (q: number) =>
  `${String(Math.floor(q / 4) % 24).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;

/** Work blocks and breaks of a 96-quarter local weekday profile. */
export function blocksAndBreaks(profile: Float64Array): {
  workBlocks: Array<{ start: string; end: string }>;
  breaks: Array<{ start: string; end: string; label: string }>;
} {
  const sorted = [...profile].filter((v) => v > 0).sort((a, b) => b - a);
  const level = sorted[Math.floor(sorted.length / 4)] ?? 0;
  const active = Array.from(profile, (v) => v >= 0.3 * level);
  // Runs of active quarters; drop active runs shorter than 30 minutes.
  const runs: Array<[number, number]> = [];
  for (let q = 0; q < QPD;) {
    if (!active[q]) {
      q++;
      continue;
    }
    let e = q;
    while (e < QPD && active[e]) e++;
    if (e - q >= 2) runs.push([q, e]);
    q = e;
  }
  const breaks: Array<{ start: string; end: string; label: string }> = [];
  const merged: Array<[number, number]> = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && r[0] - last[1] < 2) last[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  for (let i = 1; i < merged.length; i++) {
    const s = (merged[i - 1] as [number, number])[1];
    const e = (merged[i] as [number, number])[0];
    if (e - s > 16) continue; // more than four hours is the end of a shift, not a break
    const h = s / 4;
    const label = h >= 11 && h < 14.5 ? 'lunch' : h >= 16.5 && h < 20 ? 'supper' : 'break';
    breaks.push({ start: hhmm(s), end: hhmm(e), label });
  }
  return {
    workBlocks: merged.map(([s, e]) => ({ start: hhmm(s), end: e >= QPD ? '24:00' : hhmm(e) })),
    breaks,
  };
}

/** The largest share of a circular profile inside `width` consecutive bins. */
export function concentration(profile: Float64Array, width: number): number {
  let total = 0;
  for (const v of profile) total += v;
  if (total === 0) return 0;
  const n = profile.length;
  let window = 0;
  for (let q = 0; q < width; q++) window += profile[q] as number;
  let best = window;
  for (let q = 0; q < n; q++) {
    window += (profile[(q + width) % n] as number) - (profile[q] as number);
    best = Math.max(best, window);
  }
  return best / total;
}

/** A stretch of the day at one activity level, relative to the busiest (1). */
export interface ShiftSegment {
  readonly start: string;
  readonly end: string;
  readonly level: number;
}

/**
 * Piecewise-constant levels of a circular 48-half-hour profile: for 1 to 6 segments the least
 * Poisson deviance (dynamic programming over cut points), the number chosen by BIC.
 */
export function shiftSegments(profile: Float64Array): ShiftSegment[] {
  const n = profile.length;
  let total = 0;
  for (const v of profile) total += v;
  if (total === 0) return [];
  // Prefix sums over two laps; a segment's Poisson negative log-likelihood at its mean, less the
  // terms every segmentation shares, is S − S·ln(S / len) for its sum S.
  const prefix = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++)
    prefix[i + 1] = (prefix[i] as number) + (profile[i % n] as number);
  const cost = (from: number, len: number) => {
    const s = (prefix[from + len] as number) - (prefix[from] as number);
    return s > 0 ? s - s * Math.log(s / len) : 0;
  };
  let best: { bic: number; cuts: number[] } = { bic: Infinity, cuts: [0] };
  for (let k = 1; k <= 6; k++) {
    // Circular: fix the first cut at each position, then split the rest optimally.
    for (let first = 0; first < (k === 1 ? 1 : n); first++) {
      const dp: number[][] = Array.from({ length: k + 1 }, () =>
        new Array<number>(n + 1).fill(Infinity),
      );
      const back: number[][] = Array.from({ length: k + 1 }, () =>
        new Array<number>(n + 1).fill(0),
      );
      (dp[0] as number[])[0] = 0;
      for (let j = 1; j <= k; j++)
        for (let e = j; e <= n; e++)
          for (let s = j - 1; s < e; s++) {
            const v = ((dp[j - 1] as number[])[s] as number) + cost(first + s, e - s);
            if (v < ((dp[j] as number[])[e] as number)) {
              (dp[j] as number[])[e] = v;
              (back[j] as number[])[e] = s;
            }
          }
      const nll = (dp[k] as number[])[n] as number;
      const bic = 2 * nll + 2 * k * Math.log(total);
      if (bic < best.bic) {
        const cuts: number[] = [];
        let e = n;
        for (let j = k; j >= 1; j--) {
          const s = (back[j] as number[])[e] as number;
          cuts.unshift((first + s) % n);
          e = s;
        }
        best = { bic, cuts };
      }
    }
  }
  const levels = best.cuts.map((c, i) => {
    const next = best.cuts[(i + 1) % best.cuts.length] as number;
    const len = ((next - c + n - 1) % n) + 1;
    let s = 0;
    for (let j = 0; j < len; j++) s += profile[(c + j) % n] as number;
    return { c, len, mean: s / len };
  });
  const max = Math.max(...levels.map((l) => l.mean));
  const hm = (slot: number) => hhmm(((slot % n) * 96) / n);
  return levels.map((l) => ({
    start: hm(l.c),
    end: hm(l.c + l.len),
    level: Math.round((l.mean / max) * 100) / 100,
  }));
}
