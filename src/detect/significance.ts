// The pair test of detection: each tested edge's p-value under its signal's null, fused per
// account pair over the families the pair could show, Benjamini–Hochberg over the pairs that could
// ever be linked. Keeps the weak pairs for the membership test and the strongest pair for the
// "why nothing was found" answer.
import type { Store } from '../store/index.js';
import type { AccountOpportunity } from './detect.sql.js';
import { streamTestedEdges, untestedEdges } from './detect.sql.js';
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

/** Edges of account pairs: account numbers, and each edge's signal id, number and weight. */
export interface PairEdges {
  readonly length: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly sid: Int32Array;
  readonly pair: Int32Array;
  readonly weight: Float64Array;
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
  /**
   * The edges of the significant pairs, in the order of `significant`; null when the case holds
   * edges the test did not read (signals not tested, edges without a count or expectation), which
   * the pairs' files show too.
   */
  readonly significantEdges: PairEdges | null;
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
  const { signals, fdr } = options;
  let testableAccounts = 0;
  for (const n of opportunity.actions) if (n >= MIN_ACTIONS) testableAccounts++;
  const m = (testableAccounts * (testableAccounts - 1)) / 2;
  const cut = Math.log10(fdr);
  const fusion = new PairFusion(opportunity, options, logFamilySizes(options), m, cut);
  const testable = isTestable(opportunity);
  for await (const batch of streamTestedEdges(store, signals)) {
    for (let i = 0; i < batch.a.length; i++) {
      const a = batch.a[i] as number;
      const b = batch.b[i] as number;
      if (a !== fusion.a || b !== fusion.b) {
        fusion.finish();
        if (!testable(a) || !testable(b)) continue;
        fusion.start(a, b);
      }
      fusion.add(
        batch.signal[i] as number,
        batch.observed[i] as number,
        batch.expected[i] as number,
      );
      fusion.keep(batch.sid[i] as number, batch.pair[i] as number, batch.weight[i] as number);
    }
  }
  fusion.finish();
  const significant = adjust(fusion.candidates, m, cut, signals);
  const complete = (await untestedEdges(store, signals)) === 0;
  return {
    tested: fusion.tested,
    testableAccounts,
    hypotheses: m,
    significant: significant.pairs,
    significantEdges: complete
      ? fusion.candidateEdges.select(significant.index, fusion.candidates)
      : null,
    weak: fusion.weak,
    strongest: fusion.strongest,
    cutoffLog10P: cut - Math.log10(Math.max(m, 1)),
  };
}

/**
 * log10 of each family's Bonferroni factor: the number of its signals that could speak in this
 * case (a signal the case holds no occurrence of, no pictures hashed, no observations, is no test).
 */
function logFamilySizes(options: PairTestOptions): number[] {
  const { familyOf, families } = options;
  const familySize = Array.from({ length: families }, (_, f) =>
    familyOf.reduce((n, g, s) => n + (g === f && options.present?.[s] !== false ? 1 : 0), 0),
  );
  return familySize.map((n) => Math.log10(Math.max(1, n)));
}

/**
 * Fuses the tested edges of one account pair at a time, as the stream delivers them (all signals
 * of a pair together), and files each finished pair: among the candidates when its fused p passes
 * the cut, among the weak pairs, and as the strongest pair so far.
 */
class PairFusion {
  /** The current pair's accounts; -1 when there is none (or it is not tested). */
  a = -1;
  b = -1;
  tested = 0;
  strongest: StrongestPair | null = null;
  /** Pairs whose fused log10 p passes the cut, and the bits of their signals at p ≤ 0.01. */
  readonly candidates: Candidates = { a: [], b: [], lp: [], sig: [], edges: [] };
  /** The candidates' edges: candidate i's from `candidates.edges[i]` to the next one's. */
  readonly candidateEdges = new EdgeBuffer();
  /** The current pair's edges. */
  private readonly edges = new EdgeBuffer();
  readonly weak: PairList = { a: [], b: [], lp: [], observed: [] };
  /** The current pair's smallest log10 p per family (0 for none). */
  private readonly famMin: Float64Array;
  /** Bits of the current pair's signals at p ≤ 0.01. */
  private present = 0;
  /**
   * The current pair's tests (signal number, observed, expected, log10 p), kept to describe the
   * strongest pair: typed arrays reused from pair to pair, not an object per tested edge (37M at
   * 10M posts).
   */
  private readonly tests = new PairTestList();

  constructor(
    private readonly opportunity: AccountOpportunity,
    private readonly options: PairTestOptions,
    private readonly logFamilySize: readonly number[],
    private readonly m: number,
    private readonly cut: number,
  ) {
    this.famMin = new Float64Array(options.families);
  }

  /** Starts the tests of pair (a, b). */
  start(a: number, b: number): void {
    this.a = a;
    this.b = b;
    this.famMin.fill(0);
    this.present = 0;
  }

  /** Keeps an edge of the current pair (its signal id, number and weight). */
  keep(sid: number, pair: number, weight: number): void {
    this.edges.push(sid, pair, weight);
  }

  /** Adds the current pair's test of signal number `s`. */
  add(s: number, observed: number, expected: number): void {
    const lp = poissonUpperLog10(observed, expected);
    this.tests.push(s, observed, expected, lp);
    const f = this.options.familyOf[s] as number;
    this.famMin[f] = Math.min(this.famMin[f] as number, lp);
    if (lp <= -2) this.present |= 1 << s;
  }

  /** Fuses and files the current pair, if any; then there is none. */
  finish(): void {
    if (this.a >= 0) this.file(this.a, this.b);
    this.a = -1;
    this.tests.clear();
    this.edges.clear();
  }

  private file(a: number, b: number): void {
    this.tested++;
    const opportunities = bits(
      (this.opportunity.families[a] ?? 0) & (this.opportunity.families[b] ?? 0),
    );
    const { lp, F } = fuseFamilies(this.famMin, this.logFamilySize, opportunities);
    if (lp <= WEAK_LOG10_P) {
      this.weak.a.push(a);
      this.weak.b.push(b);
      this.weak.lp.push(lp);
      this.weak.observed.push(this.tests.largestObserved());
    }
    if (lp <= this.cut) {
      this.candidates.a.push(a);
      this.candidates.b.push(b);
      this.candidates.lp.push(lp);
      this.candidates.sig.push(this.present);
      this.candidates.edges.push(this.candidateEdges.length);
      this.candidateEdges.append(this.edges);
    }
    if (this.strongest === null || lp < this.strongest.log10P)
      this.strongest = {
        a,
        b,
        log10P: lp,
        log10Q: Math.min(0, lp + Math.log10(Math.max(this.m, 1))),
        families: F,
        // The stream orders a pair's signals as it likes: sorted here, so reruns write the same.
        tests: this.tests
          .toSignalTests(this.options.signals)
          .sort((x, y) => (x.signal < y.signal ? -1 : x.signal > y.signal ? 1 : 0)),
      };
  }
}

/** One pair's signal tests in parallel typed arrays, cleared and refilled for each pair. */
class PairTestList {
  length = 0;
  private signal = new Int32Array(16);
  private observed = new Float64Array(16);
  private expected = new Float64Array(16);
  private log10P = new Float64Array(16);

  push(s: number, observed: number, expected: number, log10P: number): void {
    if (this.length === this.signal.length) this.grow();
    const i = this.length++;
    this.signal[i] = s;
    this.observed[i] = observed;
    this.expected[i] = expected;
    this.log10P[i] = log10P;
  }

  clear(): void {
    this.length = 0;
  }

  /** The largest observed count of the pair's tests (0 for none). */
  largestObserved(): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) n = Math.max(n, this.observed[i]!);
    return n;
  }

  /** The tests as objects, in the order they were added (`signals` names the signal numbers). */
  toSignalTests(signals: readonly string[]): SignalTest[] {
    return Array.from({ length: this.length }, (_, i) => ({
      signal: signals[this.signal[i]!] as string,
      observed: this.observed[i]!,
      expected: this.expected[i]!,
      log10P: this.log10P[i]!,
    }));
  }

  private grow(): void {
    const n = this.signal.length * 2;
    const grown = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(a);
      return next;
    };
    this.signal = grown(this.signal, (k) => new Int32Array(k));
    this.observed = grown(this.observed, (k) => new Float64Array(k));
    this.expected = grown(this.expected, (k) => new Float64Array(k));
    this.log10P = grown(this.log10P, (k) => new Float64Array(k));
  }
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
  cand: Candidates,
  m: number,
  cut: number,
  signals: readonly string[],
): { pairs: PairTests['significant'][number][]; index: number[] } {
  const q = benjaminiHochbergLog10(Float64Array.from(cand.lp), m);
  const pairs: PairTests['significant'][number][] = [];
  const index: number[] = [];
  for (let i = 0; i < q.length; i++)
    if ((q[i] as number) <= cut) {
      index.push(i);
      pairs.push({
        a: cand.a[i] as number,
        b: cand.b[i] as number,
        log10P: cand.lp[i] as number,
        log10Q: q[i] as number,
        signals: signals.filter((_, s) => ((cand.sig[i] as number) & (1 << s)) !== 0),
      });
    }
  return { pairs, index };
}

/** Pairs whose fused p passed the cut: accounts, log10 p, signal bits, first edge in the buffer. */
interface Candidates {
  readonly a: number[];
  readonly b: number[];
  readonly lp: number[];
  readonly sig: number[];
  readonly edges: number[];
}

/** Edges (signal id, number, weight) in growing typed arrays. */
class EdgeBuffer {
  length = 0;
  private sid = new Int32Array(16);
  private pair = new Int32Array(16);
  private weight = new Float64Array(16);

  push(sid: number, pair: number, weight: number): void {
    if (this.length === this.sid.length) this.reserve(this.length + 1);
    this.sid[this.length] = sid;
    this.pair[this.length] = pair;
    this.weight[this.length++] = weight;
  }

  append(other: EdgeBuffer): void {
    this.reserve(this.length + other.length);
    this.sid.set(other.sid.subarray(0, other.length), this.length);
    this.pair.set(other.pair.subarray(0, other.length), this.length);
    this.weight.set(other.weight.subarray(0, other.length), this.length);
    this.length += other.length;
  }

  clear(): void {
    this.length = 0;
  }

  /** The edges of the candidates numbered in `index` (ascending), with their accounts. */
  select(index: readonly number[], cand: Candidates): PairEdges {
    const end = (i: number) => (i + 1 < cand.edges.length ? cand.edges[i + 1]! : this.length);
    let n = 0;
    for (const i of index) n += end(i) - cand.edges[i]!;
    const out = {
      length: n,
      a: new Int32Array(n),
      b: new Int32Array(n),
      sid: new Int32Array(n),
      pair: new Int32Array(n),
      weight: new Float64Array(n),
    };
    let k = 0;
    for (const i of index)
      for (let e = cand.edges[i]!; e < end(i); e++, k++) {
        out.a[k] = cand.a[i]!;
        out.b[k] = cand.b[i]!;
        out.sid[k] = this.sid[e]!;
        out.pair[k] = this.pair[e]!;
        out.weight[k] = this.weight[e]!;
      }
    return out;
  }

  private reserve(n: number): void {
    if (n <= this.sid.length) return;
    const size = Math.max(n, this.sid.length * 2);
    const sid = new Int32Array(size);
    const pair = new Int32Array(size);
    const weight = new Float64Array(size);
    sid.set(this.sid.subarray(0, this.length));
    pair.set(this.pair.subarray(0, this.length));
    weight.set(this.weight.subarray(0, this.length));
    this.sid = sid;
    this.pair = pair;
    this.weight = weight;
  }
}
