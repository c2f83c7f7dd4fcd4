// The operator clock: which UTC offset explains a group's activity as people on one working day,
// with a calibrated confidence (probability of being right within an hour), its shifts, work
// blocks and breaks in local time, weekend share, holiday rest and daylight-saving behaviour.
import { Rng } from '../core/index.js';
import type { HolidayCountry } from '../model/index.js';
import {
  COUNTRY_CALENDARS,
  dstTransitions,
  followingShare,
  inSummerTime,
  zonesFollowing,
  zoneShares,
} from './calendars.js';
import type { DstEvidence } from './dst-test.js';
import { dstEvidence } from './dst-test.js';
import type { HolidayEvidence } from './holiday-test.js';
import { dipsOnHolidays, holidayEvidence } from './holiday-test.js';
import type { LanguageAnchor } from './language-zones.js';
import { LANGUAGE_RATIO, languageAnchor } from './language-zones.js';
import type { DayCounts, OffsetFit, OffsetPosterior } from './offset-fit.js';
import {
  dayCounts,
  mostProbable,
  offsetDistance,
  offsetFit,
  offsetPosterior,
} from './offset-fit.js';
import type { ShiftSegment } from './shifts.js';
import { blocksAndBreaks, concentration, shiftSegments } from './shifts.js';
import { SLOTS } from './week-templates.js';

const DAY = 86_400_000;
const Q = 15 * 60_000;
const QPD = 96;

/** What the clock found. */
export interface OperatorClock {
  /**
   * 'office': one working day; 'shifts': a crew that works several shifts or around the clock;
   * 'automated': timers; 'diffuse': no daily rhythm (e.g. many people in many zones).
   */
  readonly kind: 'office' | 'shifts' | 'automated' | 'diffuse' | 'insufficient';
  readonly timezone: {
    /** The offset, when it is right within an hour with probability ≥ {@link REPORT_CONFIDENCE}. */
    readonly utcOffsetMinutes: number | null;
    /** Probability that the offset (or, when none is reported, the likeliest one) is right within an hour. */
    readonly confidence: number;
    /** The likeliest offset even when it is not reported. */
    readonly likeliestMinutes: number | null;
    /** The smallest set of offsets holding 90% of the probability, as a range (minutes). */
    readonly interval: { readonly from: number; readonly to: number } | null;
    /**
     * The offsets around the best-fitting one that the day's shape alone cannot tell apart (their
     * best templates within one tempered log-likelihood unit): a wide range means the offset rests
     * on the prior over office hours or on the calendar, not on the shape.
     */
    readonly shapeRange: { readonly from: number; readonly to: number } | null;
    /** Offsets more than an hour from the likeliest, with their probability. */
    readonly runnersUp: ReadonlyArray<{ utcOffsetMinutes: number; share: number }>;
    /** Probability that no working or waking day explains the activity. */
    readonly diffuse: number;
    readonly dst: 'none' | 'us' | 'eu' | 'unknown';
    readonly dstEvidence: DstEvidence['evidence'];
    readonly dstRules: DstEvidence['rules'];
    /** The country whose public holidays the group rests on, if any. */
    readonly holidayCountry: string | null;
    /**
     * The group's main language where its speakers' zones weighed on the offset (a language of a
     * few neighbouring zones, e.g. `ru`, holding most of its posts), else null.
     */
    readonly language: string | null;
    readonly basis: string;
  };
  readonly schedule: {
    readonly workBlocks: ReadonlyArray<{ start: string; end: string }>;
    readonly breaks: ReadonlyArray<{ start: string; end: string; label: string }>;
    readonly weekendShare: number;
    /** Countries on whose holidays the group rests, with the dip and its tests. */
    readonly holidays: ReadonlyArray<HolidayEvidence>;
    /** Share of activity in the local night (01:00–06:00). */
    readonly nightShare: number;
  } | null;
  /** The crew's shifts: levels of the weekday day, in local time when the offset is known, else UTC. */
  readonly shifts: {
    readonly zone: 'local' | 'UTC';
    readonly segments: readonly ShiftSegment[];
    readonly description: string;
  } | null;
  /** Activity per weekday (Mon = 0) and hour, local at the reported offset (UTC when none). */
  readonly heatmap: number[][];
  readonly events: number;
}

/** Options of {@link operatorClock}. */
export interface ClockOptions {
  /** Share of the group's accounts on timers from which the group counts as automated. */
  readonly automatedShare: number;
  /** Bootstrap resamples of days; default 50. */
  readonly resamples: number;
  readonly seed: number;
  /** Evidence weight of the profile (see {@link CLOCK_EVIDENCE}, the default). */
  readonly evidence?: number;
  /** Fit the contrast above the profile's floor (default {@link GROUP_CONTRAST}). */
  readonly contrast?: boolean;
  /** The group's languages and their shares of its posts (e.g. `{ ru: 0.8, de: 0.07 }`). */
  readonly languages?: Readonly<Record<string, number>>;
}

/** Confidence from which an offset is reported. */
export const REPORT_CONFIDENCE = 0.5;
/**
 * Evidence weight of a profile: the likelihood is tempered as if it held at most this many
 * independent events, because activity comes in bursts and real days differ from the templates.
 * Chosen on simulated groups (bench/clock-calibration.ts) so that stated confidence matches accuracy.
 */
export const CLOCK_EVIDENCE = 100;
/**
 * Whether a group's clock is fitted on the contrast above its floor (offset-fit.ts, `aboveFloor`).
 * Off: on the calibration population it made the clock less accurate and more confident (Brier
 * 0.209–0.222 on the check set against 0.198; crowds spread over many zones got offsets), though it
 * put ira-dev NonEnglish at UTC+2:30 (docs/characterization.md). `--contrast` in
 * bench/clock-calibration.ts measures it again.
 */
export const GROUP_CONTRAST = false;
/**
 * The least a measured absence of daylight saving keeps of an offset whose zones all follow the
 * rule: a likelihood ratio of 1/20, however strong the test, since its power is itself estimated.
 */
export const DST_ABSENCE_FLOOR = 0.05;
const ALL_OFFSETS = Array.from({ length: 53 }, (_, i) => -720 + i * 30);

const mean = (xs: readonly number[]) =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined;
const round = (x: number) => Math.round(x * 1000) / 1000;
const utc = (m: number) =>
  `UTC${m >= 0 ? '+' : '−'}${Math.floor(Math.abs(m) / 60)}${Math.abs(m) % 60 ? `:${String(Math.abs(m) % 60).padStart(2, '0')}` : ''}`;

/** Moves summer-time instants back onto the standard clock of a daylight-saving rule. */
function toStandard(times: ArrayLike<number>, rule: 'us' | 'eu'): Float64Array {
  return Float64Array.from(times as ArrayLike<number>, (t) =>
    inSummerTime(rule, t) ? t + 3_600_000 : t,
  );
}

/**
 * The largest Bayes factor a p-value can carry against its null, 1 / (−e·p·ln p) for p < 1/e
 * (Sellke, Bayarri & Berger 2001, "Calibration of p values for testing precise null hypotheses").
 */
export function bayesFactorBound(p: number): number {
  const q = Math.max(p, 1e-12);
  return q < 1 / Math.E ? 1 / (-Math.E * q * Math.log(q)) : 1;
}

// Upper tail of the standard normal (Abramowitz & Stegun 7.1.26 through erfc).
const upperTail = (z: number) => {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
};

/**
 * The prior over candidate offsets: even, then weighted by the calendar evidence. A followed
 * daylight-saving rule favours the zones whose clocks change at its transitions in the data, as far
 * as its p-value can carry ({@link bayesFactorBound}); each country's holidays weigh by their
 * likelihood ratio ({@link holidayOffsetRatios}). Neither excludes an offset.
 */
function offsetPrior(
  dst: DstEvidence,
  holidays: readonly HolidayEvidence[],
  dc: DayCounts,
  language: LanguageAnchor | null,
): { candidates: number[]; prior: number[] } {
  const year = dataYear(dc);
  const prior = ALL_OFFSETS.map(() => 1);
  const favour = (offsets: ReadonlyMap<number, number>, factor: number) =>
    ALL_OFFSETS.forEach((m, i) => {
      const share = offsets.get(m) ?? 0;
      prior[i] = (prior[i] as number) * (1 + (factor - 1) * share);
    });
  const rule = dst.rules.find((r) => r.rule === dst.dst);
  if (rule) {
    // The zones whose clocks change at the rule's transitions that the data shows followed.
    const start = dc.firstDay * DAY;
    const tested = dstTransitions(start, start + dc.days * DAY).filter(
      (t) => t.rule === rule.rule && dst.evidence.some((e) => e.transition === t.label),
    );
    const followed = tested.filter((t) =>
      dst.evidence.some((e) => e.transition === t.label && e.followed),
    );
    const zones = zonesFollowing(followed.length ? followed : tested);
    favour(new Map(zones.map((m) => [m, 1])), bayesFactorBound(upperTail(rule.z)));
  }
  // A rule measured as not followed weighs against the offsets whose zones change clocks at its
  // transitions: by the likelihood ratio of the rule's combined z under an hour's move (mean
  // `power`) against none (mean 0), floored at DST_ABSENCE_FLOOR since the power is estimated.
  for (const r of dst.rules) {
    if (r.rule === dst.dst) continue;
    const start = dc.firstDay * DAY;
    const tested = dstTransitions(start, start + dc.days * DAY).filter(
      (t) => t.rule === r.rule && dst.evidence.some((e) => e.transition === t.label),
    );
    const lr = Math.max(DST_ABSENCE_FLOOR, Math.min(1, Math.exp(r.z * r.power - r.power ** 2 / 2)));
    const share = followingShare(tested);
    ALL_OFFSETS.forEach((m, i) => {
      // An offset no zone keeps (UTC+0:30) stands for an office starting on the half hour in the
      // zones either side: it takes their mean share.
      const f =
        share.get(m) ??
        mean([share.get(m - 30), share.get(m + 30)].filter((x) => x !== undefined)) ??
        0;
      prior[i] = (prior[i] as number) * (1 - f + f * lr);
    });
  }
  // Holidays worked through weigh against no offset (holidayShares says why).
  for (const h of holidays) {
    const factor = holidayRatio(h);
    if (factor > 1) favour(holidayShares(h.country, year), factor);
  }
  // A language of a few neighbouring zones favours them by its speakers (language-zones.ts).
  if (language) favour(language.offsets, LANGUAGE_RATIO);
  return { candidates: ALL_OFFSETS, prior };
}

/** The year in the middle of a group's activity. */
const dataYear = (dc: DayCounts) => new Date((dc.firstDay + dc.days / 2) * DAY).getUTCFullYear();

/**
 * What a country's holiday test weighs: the runs' likelihood ratio ({@link keepsHolidaysRatio}),
 * or, where the holidays' activity as a whole dips (to at most {@link HOLIDAY_DIP} of the days
 * around them, neighbours twice as busy), what the placebo test's p-value can carry
 * ({@link bayesFactorBound}) if that is more. The two read the same days differently: the runs
 * count how many holiday periods dip beyond the group's ordinary days, strong where the group rarely
 * misses a working day and blind to depth; the p-value weighs how deep the holidays dip in all,
 * which still speaks for a bursty group that dips often on ordinary days (ira-dev's HashtagGamer).
 */
function holidayRatio(h: HolidayEvidence): number {
  return dipsOnHolidays(h)
    ? Math.max(h.likelihoodRatio, bayesFactorBound(h.pValue))
    : h.likelihoodRatio;
}

/**
 * The offsets a country's holidays favour and each one's share ({@link zoneShares}: operations sit
 * where their state's institutions do). Holidays worked through weigh against no offset: most
 * offsets hold countries not tested, and an offset's countries (Moscow, Riyadh and Istanbul keep
 * UTC+3) are not equally likely homes of an operation, so a worked-through country's ratio below 1
 * would push the answer towards untested neighbours (measured: the simulated IRA went to UTC−3 and
 * ira-dev's HashtagGamer to UTC+0:30).
 */
function holidayShares(country: HolidayCountry, year: number): Map<number, number> {
  return zoneShares(COUNTRY_CALENDARS.find((c) => c.code === country)?.zones ?? [], year);
}

/** The run of candidates around the best-fitting one whose fit is within 1/`evidence` of it. */
function tiedRange(fit: OffsetFit, evidence: number): { from: number; to: number } | null {
  const { candidates, shapeFit } = fit;
  if (candidates.length === 0) return null;
  let best = 0;
  shapeFit.forEach((v, i) => {
    if (v > (shapeFit[best] as number)) best = i;
  });
  const tied = (i: number) => (shapeFit[best] as number) - (shapeFit[i] as number) <= 1 / evidence;
  let lo = best;
  let hi = best;
  while (lo > 0 && tied(lo - 1)) lo--;
  while (hi < candidates.length - 1 && tied(hi + 1)) hi++;
  return { from: candidates[lo] as number, to: candidates[hi] as number };
}

/** Local weekday quarter profile, weekend share, night share and heatmap at an offset. */
function localProfile(times: ArrayLike<number>, offsetMinutes: number) {
  const profile = new Float64Array(QPD);
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let weekend = 0;
  let night = 0;
  let weekdayTotal = 0;
  for (let i = 0; i < times.length; i++) {
    const local = (times[i] as number) + offsetMinutes * 60_000;
    const wd = (((Math.floor(local / DAY) + 3) % 7) + 7) % 7;
    const q = Math.floor((((local % DAY) + DAY) % DAY) / Q);
    (heatmap[wd] as number[])[Math.floor(q / 4)]++;
    if (wd >= 5) weekend++;
    else {
      profile[q] = (profile[q] as number) + 1;
      weekdayTotal++;
      if (q >= 4 && q < 24) night++;
    }
  }
  return {
    profile,
    heatmap,
    weekendShare: times.length ? weekend / times.length : 0,
    nightShare: weekdayTotal ? night / weekdayTotal : 0,
  };
}

/** Quiet stretches shorter than this between two busy ones are breaks (lunch, supper), not shift ends. */
const BREAK_MINUTES = 150;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Describes a crew's shifts from the levels of its day: each run of neighbouring segments at ≥ 40%
 * of the busiest (with breaks of under 2.5 hours between them) is a stretch of work, split into
 * shifts where its level changes by more than 30%
 * (parts shorter than two hours joining their neighbour: a burst is not a shift); each shift named
 * by its start in local time (day 05–13, evening 13–20, night otherwise; plain "shift" in UTC),
 * with its mean level when below the busiest; a crew never below 25% of its busiest works around
 * the clock.
 */
export function describeShifts(
  segments: readonly ShiftSegment[],
  zone: string,
  local: boolean,
): string {
  if (segments.length === 0) return 'no activity';
  const low = Math.min(...segments.map((s) => s.level));
  const shifts = busyStretches(segments, low).flatMap(mergeParts);
  const top = Math.max(...shifts.map((s) => s.level));
  const name = (start: string) => {
    if (!local) return 'shift';
    const h = Number(start.slice(0, 2));
    return h >= 5 && h < 13 ? 'day shift' : h >= 13 && h < 20 ? 'evening shift' : 'night shift';
  };
  const list = shifts
    .map((s) => {
      const level = s.level / top;
      return `${name(s.start)} ${s.start}–${s.end}${level < 0.9 ? ` at ${Math.round(level * 100)}%` : ''}`;
    })
    .join(', ');
  const count = `${shifts.length} shift${shifts.length === 1 ? '' : 's'} (${zone}): ${list}`;
  return low >= 0.25
    ? `${count}; around the clock, never below ${Math.round(low * 100)}% of the busiest`
    : count;
}

/** A part of a stretch of work; `level` is the mean over its working minutes (`work`): a break keeps none. */
interface ShiftPart {
  readonly start: string;
  readonly end: string;
  readonly level: number;
  readonly minutes: number;
  readonly work: number;
}

const segmentMinutes = (s: { start: string; end: string }) =>
  (minutesOf(s.end) - minutesOf(s.start) + 1440) % 1440 || 1440;

/**
 * The stretches of work of a day's segments: runs of segments at ≥ 40% of the busiest, a quiet
 * segment shorter than {@link BREAK_MINUTES} between busy ones counting as a break inside them.
 * The day is read from its quietest segment (`low`) so that no stretch wraps past the list's end.
 */
function busyStretches(segments: readonly ShiftSegment[], low: number): ShiftPart[][] {
  const first = segments.findIndex((s) => s.level === low);
  const at = (i: number) =>
    segments[(first + i + segments.length) % segments.length] as ShiftSegment;
  const busy = segments.map((_, i) => {
    const s = at(i);
    if (s.level >= 0.4) return true;
    if (i === 0 || segmentMinutes(s) >= BREAK_MINUTES) return false;
    return at(i - 1).level >= 0.4 && at(i + 1).level >= 0.4;
  });
  const stretches: ShiftPart[][] = [];
  let open = false;
  for (let i = 0; i < segments.length; i++) {
    const s = at(i);
    if (!busy[i]) {
      open = false;
      continue;
    }
    const minutes = segmentMinutes(s);
    const brk = s.level < 0.4;
    const part = {
      start: s.start,
      end: s.end,
      level: brk ? 0 : s.level,
      minutes,
      work: brk ? 0 : minutes,
    };
    if (open) (stretches[stretches.length - 1] as ShiftPart[]).push(part);
    else stretches.push([part]);
    open = true;
  }
  return stretches;
}

/**
 * The shifts of one stretch: parts shorter than two hours (or breaks) join their longer
 * neighbour (a burst is not a shift); then neighbours within 30% of each other's level join.
 */
function mergeParts(stretch: readonly ShiftPart[]): ShiftPart[] {
  const parts = [...stretch];
  const join = (a: ShiftPart, b: ShiftPart): ShiftPart => ({
    start: a.start,
    end: b.end,
    level: (a.level * a.work + b.level * b.work) / (a.work + b.work || 1),
    minutes: a.minutes + b.minutes,
    work: a.work + b.work,
  });
  const short = (p: ShiftPart) => p.minutes < 120 || p.work === 0;
  for (let i = parts.findIndex(short); i >= 0 && parts.length > 1; i = parts.findIndex(short)) {
    const j =
      i === 0
        ? 1
        : i === parts.length - 1
          ? i - 1
          : (parts[i - 1] as ShiftPart).minutes >= (parts[i + 1] as ShiftPart).minutes
            ? i - 1
            : i + 1;
    const [x, y] = i < j ? [i, j] : [j, i];
    parts.splice(x, 2, join(parts[x] as ShiftPart, parts[y] as ShiftPart));
  }
  for (let i = 1; i < parts.length;) {
    const a = parts[i - 1] as ShiftPart;
    const b = parts[i] as ShiftPart;
    if (Math.min(a.level, b.level) >= 0.7 * Math.max(a.level, b.level))
      parts.splice(i - 1, 2, join(a, b));
    else i++;
  }
  return parts;
}

/** The calendar facts a group's clock rests on, before the offset is fitted. */
export interface ClockCalendar {
  readonly dst: DstEvidence;
  /** The instants, moved onto the standard clock when the group follows US or EU daylight saving. */
  readonly onClock: ArrayLike<number>;
  /** Their counts per UTC day and half hour. */
  readonly dc: DayCounts;
  readonly holidays: readonly HolidayEvidence[];
  /** The country whose holidays the group rests on (the most significant), if any. */
  readonly resting: HolidayEvidence | null;
  /** What the group's main language says about its offset, if anything. */
  readonly language: LanguageAnchor | null;
  /** Candidate offsets (minutes) and their prior weights. */
  readonly candidates: readonly number[];
  readonly prior: readonly number[];
}

/**
 * The daylight-saving verdict, the holiday tests, the language anchor and the candidate offsets
 * they leave, for the instants (epoch ms) of a group's activity and its languages' shares;
 * `rng` draws the holiday placebos.
 */
export function clockCalendar(
  times: ArrayLike<number>,
  rng: Rng,
  languages: Readonly<Record<string, number>> = {},
): ClockCalendar {
  const raw = dayCounts(times);
  const dst = dstEvidence(raw);
  const onClock = dst.dst === 'us' || dst.dst === 'eu' ? toStandard(times, dst.dst) : times;
  const dc: DayCounts = onClock === times ? raw : dayCounts(onClock);
  const holidays = holidayEvidence(onClock, COUNTRY_CALENDARS, rng);
  const rest = holidays
    .filter((h) => h.rests)
    .sort((a, b) => a.pValue - b.pValue || a.ratio - b.ratio);
  const language = languageAnchor(languages, dataYear(dc));
  return {
    dst,
    onClock,
    dc,
    holidays,
    resting: rest[0] ?? null,
    language,
    ...offsetPrior(dst, holidays, dc, language),
  };
}

/** A clock with no offset: automated, or too little activity to read one. */
function noClock(kind: OperatorClock['kind'], basis: string, events: number): OperatorClock {
  return {
    kind,
    timezone: {
      utcOffsetMinutes: null,
      confidence: 0,
      likeliestMinutes: null,
      interval: null,
      shapeRange: null,
      runnersUp: [],
      diffuse: 1,
      dst: 'unknown',
      dstEvidence: [],
      dstRules: [],
      holidayCountry: null,
      language: null,
      basis,
    },
    schedule: null,
    shifts: null,
    heatmap: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)),
    events,
  };
}

/**
 * The likeliest offset of a posterior, whether it is reported, the range of the offsets holding
 * 90% of what is not diffuse (relative to the likeliest) and the runners-up more than an hour away.
 */
function readPosterior(posterior: OffsetPosterior) {
  const { candidates } = posterior;
  const { offsetMinutes: likeliest, confidence } = mostProbable(posterior);
  const reported = confidence >= REPORT_CONFIDENCE ? likeliest : null;
  const ranked = candidates
    .map((m, i) => ({ m, p: posterior.probability[i] as number }))
    .sort((a, b) => b.p - a.p);
  let mass = 0;
  const held: number[] = [];
  const alive = 1 - posterior.diffuse;
  for (const r of ranked) {
    if (mass >= 0.9 * alive) break;
    mass += r.p;
    held.push(offsetDistance(r.m, likeliest) * Math.sign(((r.m - likeliest + 2160) % 1440) - 720));
  }
  const runnersUp = ranked
    .filter((r) => offsetDistance(r.m, likeliest) > 60 && r.p >= 0.01)
    .slice(0, 3)
    .map((r) => ({ utcOffsetMinutes: r.m, share: round(r.p) }));
  const interval = held.length
    ? { from: likeliest + Math.min(...held), to: likeliest + Math.max(...held) }
    : null;
  return { likeliest, confidence, reported, interval, runnersUp };
}

/**
 * The kind of day a local weekday profile shows, from its shift segments: one office day at a
 * reported offset, shifts (a crew that never stops, or two separate busy blocks), or no rhythm.
 */
function dayKind(
  profile: Float64Array,
  segments: readonly ShiftSegment[],
  reported: number | null,
): OperatorClock['kind'] {
  const levels = segments.map((s) => s.level);
  const lowest = Math.min(...levels);
  const blocks = segments.filter(
    (s, i) =>
      s.level >= 0.4 && (segments[(i + segments.length - 1) % segments.length]?.level ?? 0) < 0.4,
  ).length;
  const rhythm = segments.length >= 2 && lowest <= 0.67;
  const oneDay = concentration(profile, 48) >= 0.85;
  if (!rhythm) return 'diffuse';
  if (oneDay && reported !== null) return 'office';
  if (lowest >= 0.25 || blocks >= 2) return 'shifts';
  return reported !== null ? 'office' : 'diffuse';
}

/** The clock's reasons in words: the offset and its confidence, the shape, the calendar. */
function clockBasis(
  read: ReturnType<typeof readPosterior>,
  diffuse: number,
  shapeRange: { from: number; to: number } | null,
  anchors: { resting: HolidayEvidence | null; language: LanguageAnchor | null },
  dst: DstEvidence['dst'],
): string {
  const { resting, language } = anchors;
  const { reported, likeliest, confidence } = read;
  return [
    reported !== null
      ? `${utc(reported)} is right within an hour with probability ${round(confidence)}`
      : `no offset is right within an hour with probability ${REPORT_CONFIDENCE} or more (likeliest ${utc(likeliest)}, ${round(confidence)})`,
    diffuse >= 0.5 ? 'the activity fits no single working or waking day' : null,
    shapeRange && shapeRange.to - shapeRange.from >= 120
      ? `the day's shape fits ${utc(shapeRange.from)} to ${utc(shapeRange.to)} equally well; within that the prior on office hours and the calendar decide`
      : null,
    resting
      ? `rests on ${resting.country}'s public holidays (${resting.days} working-day holidays at ${Math.round(resting.ratio * 100)}% of the same weekdays around them, p = ${resting.pValue})`
      : null,
    language
      ? `writes ${language.language} (${Math.round(language.share * 100)}% of posts), whose speakers live mostly at ${utc(language.offsetMinutes)} (${Math.round(language.concentration * 100)}% within an hour of it), favoured up to ${LANGUAGE_RATIO}×`
      : null,
    dst === 'us' || dst === 'eu' ? `follows ${dst.toUpperCase()} daylight saving` : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Infers the operator clock of a group from the instants (epoch ms) of its human accounts' activity.
 * `automatedShare` is the share of its accounts on timers (≥ 2/3 gives kind 'automated').
 */
export function operatorClock(times: ArrayLike<number>, options: ClockOptions): OperatorClock {
  if (options.automatedShare >= 2 / 3)
    return noClock(
      'automated',
      'most accounts post around the clock at regular intervals: timers, not an office',
      times.length,
    );
  if (times.length < 200)
    return noClock(
      'insufficient',
      `only ${times.length} actions; at least 200 are needed`,
      times.length,
    );
  const rng = new Rng(`clock:${options.seed}`);
  const { dst, onClock, dc, holidays, resting, language, candidates, prior } = clockCalendar(
    times,
    rng,
    options.languages,
  );
  const evidence = options.evidence ?? CLOCK_EVIDENCE;
  const fit = offsetFit(dc, {
    candidates,
    resamples: options.resamples,
    rng,
    contrast: options.contrast ?? GROUP_CONTRAST,
  });
  const posterior = offsetPosterior(fit, { prior, evidence });
  const shapeRange = tiedRange(fit, evidence);
  const read = readPosterior(posterior);
  const { reported } = read;
  // Shape of the day at the reported offset (UTC when none).
  const local = localProfile(onClock, reported ?? 0);
  const half = new Float64Array(48);
  for (let q = 0; q < QPD; q++)
    half[q >> 1] = (half[q >> 1] as number) + (local.profile[q] as number);
  const segments = shiftSegments(half);
  const kind = dayKind(local.profile, segments, reported);
  return {
    kind,
    timezone: {
      utcOffsetMinutes: reported,
      confidence: round(read.confidence),
      likeliestMinutes: read.likeliest,
      interval: read.interval,
      shapeRange,
      runnersUp: read.runnersUp,
      diffuse: round(posterior.diffuse),
      dst: dst.dst,
      dstEvidence: dst.evidence,
      dstRules: dst.rules,
      holidayCountry: resting?.country ?? null,
      language: language?.language ?? null,
      basis: clockBasis(read, posterior.diffuse, shapeRange, { resting, language }, dst.dst),
    },
    schedule:
      reported !== null && kind !== 'diffuse'
        ? {
            ...blocksAndBreaks(local.profile),
            weekendShare: round(local.weekendShare),
            holidays: holidays.filter((h) => h.rests),
            nightShare: round(local.nightShare),
          }
        : null,
    shifts:
      kind === 'shifts' || kind === 'office'
        ? {
            zone: reported !== null ? 'local' : 'UTC',
            segments,
            description: describeShifts(
              segments,
              reported !== null ? utc(reported) : 'UTC',
              reported !== null,
            ),
          }
        : null,
    heatmap: local.heatmap,
    events: times.length,
  };
}

/** A member's own clock: its likeliest offset and the probability that it is right within an hour. */
export interface AccountClock {
  /** The offset, when it is right within an hour with probability ≥ {@link REPORT_CONFIDENCE}. */
  readonly utcOffsetMinutes: number | null;
  /** The likeliest offset even when it is not reported; null without enough posts. */
  readonly likeliestMinutes: number | null;
  readonly confidence: number;
}

/** Posts an account needs for its own clock. */
export const ACCOUNT_CLOCK_MIN = 100;
/**
 * Distinct active days and active half hours it needs as well: 100 posts in a handful of sessions
 * say little about a working day (on ira-dev, accounts with 100–200 posts in 20–35 half hours came
 * out at UTC−11 or +14 with confidence 0.7–0.86).
 */
export const ACCOUNT_CLOCK_MIN_DAYS = 14;
export const ACCOUNT_CLOCK_MIN_SLOTS = 50;
/**
 * Evidence weight of one account's profile, at most (its distinct active half hours when fewer).
 * Chosen on simulated members (bench/clock-calibration.ts) so that stated confidence matches accuracy.
 */
export const MEMBER_CLOCK_EVIDENCE = 50;

/** Options of {@link accountClock}. */
export interface AccountClockOptions {
  /** Evidence weight (default {@link MEMBER_CLOCK_EVIDENCE}). */
  readonly evidence?: number;
}

/**
 * One account's clock: the same templates without bootstrap or calendar tests (too few days),
 * the likelihood tempered to its distinct active half hours (bursts count once).
 */
export function accountClock(
  times: ArrayLike<number>,
  options: AccountClockOptions = {},
): AccountClock {
  return accountClocks(times, [options.evidence ?? MEMBER_CLOCK_EVIDENCE])[0] as AccountClock;
}

/** One account's clock at each of several evidence weights, from one fit (for calibration). */
export function accountClocks(
  times: ArrayLike<number>,
  evidences: readonly number[],
): AccountClock[] {
  const none = () =>
    evidences.map(() => ({ utcOffsetMinutes: null, likeliestMinutes: null, confidence: 0 }));
  if (times.length < ACCOUNT_CLOCK_MIN) return none();
  const dc = dayCounts(times);
  let active = 0;
  let days = 0;
  for (let d = 0; d < dc.days; d++) {
    let on = false;
    for (let s = 0; s < SLOTS; s++)
      if ((dc.counts[d * SLOTS + s] as number) > 0) {
        active++;
        on = true;
      }
    if (on) days++;
  }
  if (days < ACCOUNT_CLOCK_MIN_DAYS || active < ACCOUNT_CLOCK_MIN_SLOTS) return none();
  const fit = offsetFit(dc, {
    candidates: ALL_OFFSETS.filter((m) => m % 60 === 0),
    resamples: 0,
    rng: new Rng('account-clock'),
  });
  return evidences.map((e) => {
    const { offsetMinutes, confidence } = mostProbable(
      offsetPosterior(fit, { evidence: Math.min(e, active) }),
    );
    return {
      utcOffsetMinutes: confidence >= REPORT_CONFIDENCE ? offsetMinutes : null,
      likeliestMinutes: offsetMinutes,
      confidence: round(confidence),
    };
  });
}
