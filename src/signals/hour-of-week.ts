// The hour-of-week null model on typed arrays (see null-model.sql.ts for the model): λ of each
// pair from per-account counts by hour of the week. Pure code, no DuckDB: worker threads load it.

/** Hour of the week of epoch ms t, 0 = Monday 00 UTC (epoch 0 was a Thursday). */
export function hourOfWeek(t: number): number {
  return (((Math.floor(t / 3_600_000) + 72) % 168) + 168) % 168;
}

// 10 ** k for the exponents tenDigits meets (the same values `10 ** k` gives, looked up: the
// power took a fifth of λ's time over 11.6M pairs).
const POW10_MIN = -330;
const POW10 = Float64Array.from({ length: 661 }, (_, i) => 10 ** (i + POW10_MIN));

/** Rounds to 10 significant digits, as `writeExpected` stores λ. */
function tenDigits(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const k = 9 - Math.floor(Math.log10(x));
  const scale = k >= POW10_MIN && k < POW10_MIN + POW10.length ? POW10[k - POW10_MIN]! : 10 ** k;
  return Math.round(x * scale) / scale;
}

/**
 * Occurrence counts per hour of the week (0 = Monday 00 UTC): sparse rows per account —
 * account u's hours are hour[start[u] .. start[u+1]) with counts n_uh in `count` — and the
 * volume S_h over every account.
 */
export interface HourCounts {
  readonly start: Int32Array;
  readonly hour: Uint8Array;
  readonly count: Float64Array;
  readonly volume: Float64Array;
}

/**
 * The same λ as {@link writeExpected} with hour-of-week strata, for signals that hold their pairs
 * in typed arrays: `counts` holds n_uh and S_h, `matches[h]` = P_h. Returns λ for each pair
 * (a[i], b[i]), floored by the unstratified expectation.
 */
export function expectedByHourOfWeek(
  a: Int32Array,
  b: Int32Array,
  counts: HourCounts,
  matches: Float64Array,
): Float64Array {
  const H = 168;
  const { start, hour, count, volume } = counts;
  const scale = new Float64Array(H);
  let total = 0;
  let pairs = 0;
  for (let h = 0; h < H; h++) {
    total += volume[h]!;
    pairs += matches[h]!;
    scale[h] = matches[h]! > 0 && volume[h]! > 0 ? Math.sqrt(2 * matches[h]!) / volume[h]! : 0;
  }
  const global = total > 0 ? (2 * pairs) / (total * total) : 0;
  // x_uh = n_uh·√(2·P_h)/S_h, once per sparse entry; pairs come grouped by a, so x_a is scattered
  // into a dense row once per run of a and each b's hours are looked up in it.
  const sums = new Float64Array(start.length - 1);
  for (let u = 0; u < sums.length; u++)
    for (let x = start[u]!; x < start[u + 1]!; x++) sums[u]! += count[x]!;
  const xs = new Float64Array(count.length);
  for (let x = 0; x < count.length; x++) xs[x] = count[x]! * scale[hour[x]!]!;
  const dense = new Float64Array(H);
  let current = -1;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!;
    const v = b[i]!;
    if (u !== current) {
      dense.fill(0);
      for (let x = start[u]!; x < start[u + 1]!; x++) dense[hour[x]!] = xs[x]!;
      current = u;
    }
    let lam = 0;
    for (let x = start[v]!; x < start[v + 1]!; x++) lam += dense[hour[x]!]! * xs[x]!;
    const floor = global * (sums[u]! || 1) * (sums[v]! || 1);
    out[i] = tenDigits(Math.max(lam, floor));
  }
  return out;
}
