// The statistics of detection, in log space so that p-values of 1e-300 and below stay exact.

const LN10 = Math.LN10;

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error under 1e-13). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const y = x - 1;
  let a = c[0] as number;
  const t = y + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (c[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln of e^a + e^b without overflow. */
function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

// ln n! for n below 1024, from logGamma (filled on first use).
let logFactorials: Float64Array | null = null;
function logFactorial(n: number): number {
  if (n >= 1024) return logGamma(n + 1);
  if (!logFactorials) {
    logFactorials = new Float64Array(1024);
    for (let i = 0; i < 1024; i++) logFactorials[i] = logGamma(i + 1);
  }
  return logFactorials[n]!;
}

/**
 * log10 P(X ≥ k) for X ~ Poisson(λ): the chance of seeing at least k matches when λ are expected.
 * k ≤ 0 gives 0 (p = 1); λ ≤ 0 with k ≥ 1 gives -Infinity (p = 0).
 *
 * A sum of pmf terms is taken as its largest term (in logs) times the sum of the others relative
 * to it (in plain numbers, each the previous times λ/j or j/λ), stopped once a term adds less than
 * 1e-17 of the sum. Summing in logs term by term (an exp and a log1p each) cost 4 of the 9 s of
 * testing 4.7M edges at 1M posts.
 */
export function poissonUpperLog10(k: number, lambda: number): number {
  const n = Math.ceil(k);
  if (n <= 0) return 0;
  if (!(lambda > 0)) return -Infinity;
  const logLambda = Math.log(lambda);
  if (n <= lambda) {
    // k well below λ, the tail ~1: 1 − P(X < k). Terms j < n ≤ λ rise with j: from n − 1 down.
    let sum = 1;
    let ratio = 1;
    for (let j = n - 1; j > 0; j--) {
      ratio *= j / lambda;
      sum += ratio;
      if (ratio < 1e-17 * sum) break;
    }
    const below = (n - 1) * logLambda - lambda - logFactorial(n - 1) + Math.log(sum);
    const p = -Math.expm1(Math.min(0, below));
    return Math.log(Math.max(p, Number.MIN_VALUE)) / LN10;
  }
  // Terms from k upwards fall by λ/j each.
  let sum = 1;
  let ratio = 1;
  for (let j = n + 1; j < n + 100_000; j++) {
    ratio *= lambda / j;
    sum += ratio;
    if (ratio < 1e-17 * sum) break;
  }
  return Math.min(0, (n * logLambda - lambda - logFactorial(n) + Math.log(sum)) / LN10);
}

/**
 * Fisher's method: log10 of the combined p-value of `families` independent tests whose log10
 * p-values are given (tests not given count as p = 1). χ² with 2F degrees of freedom has the
 * closed-form tail e^{-x/2} Σ_{i<F} (x/2)^i / i!, with x = -2 Σ ln p.
 */
export function fisherLog10(log10ps: readonly number[], families: number): number {
  let half = 0; // x / 2 = -Σ ln p
  for (const l of log10ps) half -= l * LN10;
  return fisherTailLog10(half, Math.max(families, log10ps.length));
}

/**
 * {@link fisherLog10} from x/2 = −Σ ln p directly (detection sums it per pair without an array):
 * log10 of e^{-x/2} Σ_{i<F} (x/2)^i / i!.
 */
export function fisherTailLog10(half: number, families: number): number {
  if (half === Infinity) return -Infinity;
  if (half <= 0) return 0;
  // The sum's terms in plain numbers while they cannot overflow (F is a handful of families).
  if (half < 100 && families <= 50) {
    let sum = 0;
    let term = 1;
    for (let i = 0; i < families; i++) {
      sum += term;
      term *= half / (i + 1);
    }
    return Math.min(0, (Math.log(sum) - half) / LN10);
  }
  let sum = -Infinity;
  for (let i = 0; i < families; i++) sum = logAdd(sum, i * Math.log(half) - logFactorial(i));
  return Math.min(0, (sum - half) / LN10);
}

/**
 * Benjamini–Hochberg step-up over `m` hypotheses of which only those given have p < 1: returns
 * the log10 q-values (adjusted p-values) in the input order. The hypotheses not given (p = 1)
 * take part in m, never in the rejections.
 */
export function benjaminiHochbergLog10(log10ps: Float64Array, m: number): Float64Array {
  const n = log10ps.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (log10ps[a] as number) - (log10ps[b] as number));
  const q = new Float64Array(n);
  const log10m = Math.log10(Math.max(m, n, 1));
  let running = 0;
  for (let r = n - 1; r >= 0; r--) {
    const i = order[r] as number;
    const adjusted = (log10ps[i] as number) + log10m - Math.log10(r + 1);
    running = Math.min(running, adjusted);
    q[i] = running;
  }
  return q;
}
