// The pair test of detection: each tested edge's p-value under its signal's null, fused per
// account pair over the families the pair could show, Benjamini–Hochberg over the pairs that could
// ever be linked. Keeps the weak pairs for the membership test and the strongest pair for the
// "why nothing was found" answer.
import type { Store } from '../store/index.js';
import type { AccountOpportunity } from './detect.sql.js';
import { streamTestedEdges } from './detect.sql.js';
import { benjaminiHochbergLog10, fisherTailLog10, poissonUpperLog10 } from './stats.js';

/** An account needs this many shareable actions before its pairs are tested (see docs/detection.md). */
export const MIN_ACTIONS = 2;

/** Whether an account has the shareable actions its pairs need to be tested, by account number. */
export function isTestable(opportunity: AccountOpportunity): (account: number) => boolean {
  return (account) => (opportunity.actions[account] ?? 0) >= MIN_ACTIONS;
}

/** Pairs at least this significant on their own (log10 p) are kept for the membership test. */
export const WEAK_LOG10_P = -1;

/** One signal's test of the strongest pair. */
export interface SignalTest {
  readonly signal: string;
  readonly observed: number;
  readonly expected: number;
  readonly log10P: number;
}

/** The most significant pair of the case, significant or not. */
export interface StrongestPair {
  readonly a: number;
  readonly b: number;
  /** Fused log10 p of the pair. */
  readonly log10P: number;
  /** Its q-value as the first-ranked of the tested hypotheses (log10 of p·m, at most 0). */
  readonly log10Q: number;
  /** Families its fusion counted (those both accounts had occurrences of). */
  readonly families: number;
  readonly tests: readonly SignalTest[];
}

/** Pairs in parallel arrays (account numbers a < b, log10 p, largest observed count of a signal). */
export interface PairList {
  readonly a: number[];
  readonly b: number[];
  readonly lp: number[];
  /** The pair's largest observed count over its signals (co-shared objects, families, values). */
  readonly observed: number[];
}

/** What the pair test found. */
export interface PairTests {
  /** Account pairs with at least one tested edge, both ends testable. */
  readonly tested: number;
  /** Accounts with at least {@link MIN_ACTIONS} shareable actions. */
  readonly testableAccounts: number;
  /** Hypotheses of the false-discovery control: every pair of testable accounts. */
  readonly hypotheses: number;
  /** Pairs significant at the FDR: account numbers, log10 p and q, signals at p ≤ 0.01 alone. */
  readonly significant: ReadonlyArray<{
    readonly a: number;
    readonly b: number;
    readonly log10P: number;
    readonly log10Q: number;
    readonly signals: readonly string[];
  }>;
  /** Pairs with log10 p ≤ {@link WEAK_LOG10_P}, significant or not. */
  readonly weak: PairList;
  readonly strongest: StrongestPair | null;
  /** log10 of the p-value the first-ranked pair had to reach: log10(q / m). */
  readonly cutoffLog10P: number;
}

/** Options of {@link testPairs}. */
export interface PairTestOptions {
  readonly signals: readonly string[];
  /** Family index of each signal (same order). */
  readonly familyOf: readonly number[];
  readonly families: number;
  readonly fdr: number;
  /**
   * Whether the case holds any occurrence of each signal (same order; default all): only those
   * count in their family's Bonferroni factor.
   */
  readonly present?: readonly boolean[];
}

/** A 32-bit popcount. */
function bits(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * Tests every linked pair of testable accounts: per signal P(X ≥ observed) for X ~ Poisson(λ);
 * within a family the smallest p times the number of its signals the case has data for
 * (Bonferroni); across the families both
 * accounts had occurrences of, Fisher's method. Benjamini–Hochberg at `fdr` over all pairs of
 * testable accounts.
 */
export async function testPairs(
  store: Store,
  opportunity: AccountOpportunity,
  options: PairTestOptions,
): Promise<PairTests> {
  const { signals, familyOf, families, fdr } = options;
  // A family's Bonferroni factor counts the signals that could speak in this case: a signal the
  // case holds no occurrence of (no pictures hashed, no observations) is no test.
  const familySize = Array.from({ length: families }, (_, f) =>
    familyOf.reduce((n, g, s) => n + (g === f && options.present?.[s] !== false ? 1 : 0), 0),
  );
  const logFamilySize = familySize.map((n) => Math.log10(Math.max(1, n)));
  let testableAccounts = 0;
  for (const n of opportunity.actions) if (n >= MIN_ACTIONS) testableAccounts++;
  const m = (testableAccounts * (testableAccounts - 1)) / 2;
  const cut = Math.log10(fdr);
  const cutoffLog10P = cut - Math.log10(Math.max(m, 1));
  const cand = { a: [] as number[], b: [] as number[], lp: [] as number[], sig: [] as number[] };
  const weak: PairList = { a: [], b: [], lp: [], observed: [] };
  let tested = 0;
  let curA = -1;
  let curB = -1;
  const famMin = new Float64Array(families);
  let present = 0;
  // The current pair's tests, kept to describe the strongest pair.
  const cur: SignalTest[] = [];
  let strongest: StrongestPair | null = null;
  const testable = isTestable(opportunity);
  const flush = () => {
    if (curA < 0) return;
    tested++;
    const opportunities = bits(
      (opportunity.families[curA] ?? 0) & (opportunity.families[curB] ?? 0),
    );
    const { lp, F } = fuseFamilies(famMin, logFamilySize, opportunities);
    if (lp <= WEAK_LOG10_P) {
      weak.a.push(curA);
      weak.b.push(curB);
      weak.lp.push(lp);
      weak.observed.push(cur.reduce((n, t) => Math.max(n, t.observed), 0));
    }
    if (lp <= cut) {
      cand.a.push(curA);
      cand.b.push(curB);
      cand.lp.push(lp);
      cand.sig.push(present);
    }
    if (strongest === null || lp < strongest.log10P)
      strongest = {
        a: curA,
        b: curB,
        log10P: lp,
        log10Q: Math.min(0, lp + Math.log10(Math.max(m, 1))),
        families: F,
        // The stream orders a pair's signals as it likes: sorted here, so reruns write the same.
        tests: [...cur].sort((x, y) => (x.signal < y.signal ? -1 : x.signal > y.signal ? 1 : 0)),
      };
  };
  for await (const batch of streamTestedEdges(store, signals)) {
    for (let i = 0; i < batch.a.length; i++) {
      const a = batch.a[i] as number;
      const b = batch.b[i] as number;
      if (a !== curA || b !== curB) {
        flush();
        curA = -1;
        cur.length = 0;
        if (!testable(a) || !testable(b)) continue;
        curA = a;
        curB = b;
        famMin.fill(0);
        present = 0;
      }
      const s = batch.signal[i] as number;
      const observed = batch.observed[i] as number;
      const expected = batch.expected[i] as number;
      const lp = poissonUpperLog10(observed, expected);
      cur.push({ signal: signals[s] as string, observed, expected, log10P: lp });
      const f = familyOf[s] as number;
      famMin[f] = Math.min(famMin[f] as number, lp);
      if (lp <= -2) present |= 1 << s;
    }
  }
  flush();
  return {
    tested,
    testableAccounts,
    hypotheses: m,
    significant: adjust(cand, m, cut, signals),
    weak,
    strongest,
    cutoffLog10P,
  };
}

/**
 * Fisher's method over the families with evidence (each family's smallest log10 p in `famMin`, 0
 * for none, Bonferroni-corrected by `logFamilySize`), with as many degrees of freedom as families
 * the pair could show (`opportunities`): a family neither account had any occurrence of is not a
 * test that came out p = 1, it is no test.
 */
function fuseFamilies(
  famMin: Float64Array,
  logFamilySize: readonly number[],
  opportunities: number,
): { lp: number; F: number } {
  let half = 0;
  let withEvidence = 0;
  for (let f = 0; f < famMin.length; f++)
    if (famMin[f] !== 0) {
      withEvidence++;
      half -= Math.min(0, famMin[f]! + logFamilySize[f]!) * Math.LN10;
    }
  const F = Math.max(1, withEvidence, opportunities);
  return { lp: fisherTailLog10(half, F), F };
}

/** Benjamini–Hochberg over `m` hypotheses: the candidates whose q passes the cut, with their signals. */
function adjust(
  cand: { a: number[]; b: number[]; lp: number[]; sig: number[] },
  m: number,
  cut: number,
  signals: readonly string[],
): PairTests['significant'][number][] {
  const q = benjaminiHochbergLog10(Float64Array.from(cand.lp), m);
  const significant: PairTests['significant'][number][] = [];
  for (let i = 0; i < q.length; i++)
    if ((q[i] as number) <= cut)
      significant.push({
        a: cand.a[i] as number,
        b: cand.b[i] as number,
        log10P: cand.lp[i] as number,
        log10Q: q[i] as number,
        signals: signals.filter((_, s) => ((cand.sig[i] as number) & (1 << s)) !== 0),
      });
  return significant;
}
