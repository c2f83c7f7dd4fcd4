// The report's model: one section per operation in the shape of a platform threat report, with the
// provenance (TLP, time, data window, command, parameters, version, case hash) a reader needs
// before trusting or citing it. A pure function of the case's results; renderers in render-*.ts.
import type { GroupProfile } from '../characterize/index.js';
import { readProfiles } from '../characterize/index.js';
import type { Tlp } from '../core/index.js';
import { TLP, UNMASK_VERSION } from '../core/index.js';
import type { MemberInfo } from '../detect/index.js';
import { clusterMembers, clusterVerdicts, detectionRun } from '../detect/index.js';
import type { AuditEntry, Store } from '../store/index.js';
import { caseEpoch, currentDecisions } from '../store/index.js';
import type { CaseCoverage, PicturePair } from './report.sql.js';
import {
  caseCoverage,
  caseHash,
  clusterDailyActivity,
  clusterLinks,
  dataWindow,
  flaggedPicturePairs,
  HASHED_TABLES,
  postTotals,
} from './report.sql.js';

/** One operation of the report. */
export interface OperationSection {
  readonly id: string;
  readonly groups: readonly GroupProfile[];
  readonly members: readonly MemberInfo[];
  readonly summary: string;
  readonly assets: Record<string, Record<string, number>>;
  readonly followers: number;
  readonly heatmap: number[][];
  readonly daily: ReadonlyArray<{ day: string; posts: number }>;
  readonly links: ReadonlyArray<{ a: string; b: string; strength: number; signals: string[] }>;
  /** Analysts' decisions on its clusters and accounts, oldest first. */
  readonly decisions: readonly AuditEntry[];
  /** Near-duplicate pictures its accounts posted, strongest links first (at most 4 pairs). */
  readonly pictures: readonly PicturePair[];
}

/** Where a report comes from: what a reader needs before trusting or citing it. */
export interface ReportProvenance {
  readonly tlp: Tlp;
  /** The report's clock: the given time, else the case's newest post (ISO 8601). */
  readonly generatedAt: string;
  /** Whether generatedAt is the case's newest post (no time was given). */
  readonly generatedAtIsCaseClock: boolean;
  readonly dataWindow: { first: string | null; last: string | null };
  /** The command line that wrote the report. */
  readonly command: string;
  readonly version: string;
  /** Detection's parameters as stored with its run (signals, window, fdr, seed …). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number | null;
  /** SHA-256 of the case's content (report.sql.ts, caseHash) and the tables it covers. */
  readonly caseHash: string;
  readonly hashedTables: readonly string[];
  readonly coverage: CaseCoverage;
}

/** How a report is made: its marking, the command line it names and, optionally, its clock. */
export interface ReportOptions {
  /** TLP:GREEN by default. */
  readonly tlp?: Tlp;
  /** e.g. 'unmask report --case case.duckdb --out report.html'. */
  readonly command?: string;
  /** The time to print as generated-at (ISO 8601); the case's newest post by default. */
  readonly generatedAt?: string;
}

/** Everything a report shows; a pure function of the case's results. */
export interface ReportModel {
  readonly title: string;
  readonly generatedFrom: string;
  readonly caseCounts: { accounts: number; posts: number };
  readonly detection: {
    params: string;
    tested: number;
    significant: number;
    flagged: number;
  } | null;
  readonly operations: readonly OperationSection[];
  readonly unflagged: ReadonlyArray<{ id: string; accounts: number; reason: string }>;
  readonly provenance: ReportProvenance;
}

const PLATFORM_NAMES: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  reddit: 'Reddit',
  medium: 'Medium',
  telegram: 'Telegram',
  tiktok: 'TikTok',
  vk: 'VK',
};
const TYPE_NAMES: Record<string, [string, string]> = {
  account: ['account', 'accounts'],
  page: ['Page', 'Pages'],
  group: ['Group', 'Groups'],
  channel: ['channel', 'channels'],
  instagram_account: ['account', 'accounts'],
  bot: ['automated account', 'automated accounts'],
};

/** "43 Facebook accounts, 7 Pages and 6 Groups, 8 Instagram accounts and 3 YouTube channels". */
export function assetSentence(assets: Record<string, Record<string, number>>): string {
  const parts: string[] = [];
  const platforms = Object.entries(assets).sort(
    ([, a], [, b]) => sum(Object.values(b)) - sum(Object.values(a)),
  );
  for (const [platform, types] of platforms)
    for (const [type, n] of Object.entries(types).sort(([, a], [, b]) => b - a)) {
      const [one, many] = TYPE_NAMES[type] ?? [
        type.replace(/_/g, ' '),
        `${type.replace(/_/g, ' ')}s`,
      ];
      const name = PLATFORM_NAMES[platform] ?? platform;
      parts.push(`${n.toLocaleString('en')} ${name} ${n === 1 ? one : many}`);
    }
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** 'UTC+8', 'UTC−3:30' or 'unknown'. */
export const utc = (m: number | null) =>
  m === null
    ? 'unknown'
    : `UTC${m >= 0 ? '+' : '−'}${Math.floor(Math.abs(m) / 60)}${Math.abs(m) % 60 ? `:${String(Math.abs(m) % 60).padStart(2, '0')}` : ''}`;

type Link = OperationSection['links'][number];

/** One operation's section from its clusters and the case's members, links, days and decisions. */
function operationSection(
  id: string,
  groups: GroupProfile[],
  members: readonly MemberInfo[],
  links: readonly Link[],
  daily: ReadonlyArray<{ cluster: number; day: string; posts: number }>,
  decisions: ReadonlyMap<string, AuditEntry>,
  pictures: readonly PicturePair[],
): OperationSection {
  const clusters = new Set(groups.map(clusterOf));
  const opMembers = members.filter((m) => m.flagged && clusters.has(m.cluster));
  const keys = new Set(opMembers.map((m) => `${m.platform}:${m.accountId}`));
  const assets: Record<string, Record<string, number>> = {};
  for (const m of opMembers) {
    const types = (assets[m.platform] ??= {});
    types[m.assetType] = (types[m.assetType] ?? 0) + 1;
  }
  const heatmap = Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, h) => sum(groups.map((g) => g.heatmap[d]?.[h] ?? 0))),
  );
  const days = new Map<string, number>();
  for (const d of daily)
    if (clusters.has(d.cluster)) days.set(d.day, (days.get(d.day) ?? 0) + d.posts);
  const followers = sum(opMembers.map((m) => m.followers ?? 0));
  const clock = groups.find((g) => g.timezone.utcOffsetMinutes !== null);
  const summary = `unmask flagged ${assetSentence(assets)} for coordinated inauthentic behaviour, in ${groups.length} cluster${groups.length === 1 ? '' : 's'} linked into one operation.${
    clock
      ? ` Its operators worked on ${utc(clock.timezone.utcOffsetMinutes)}${clock.schedule?.breaks.length ? `, with breaks (${clock.schedule.breaks.map((b) => `${b.label} ${b.start}–${b.end}`).join(', ')})` : ''}; daylight saving: ${clock.timezone.dst}.`
      : ''
  } About ${followers.toLocaleString('en')} accounts followed one or more of its assets.`;
  const targets = new Set([
    ...groups.map((g) => `cluster:${clusterOf(g)}`),
    ...members
      .filter((m) => clusters.has(m.cluster))
      .map((m) => `account:${m.platform}:${m.accountId}`),
  ]);
  return {
    id,
    groups,
    members: opMembers,
    summary,
    assets,
    followers,
    heatmap,
    daily: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, posts]) => ({ day, posts })),
    links: links.filter((l) => keys.has(l.a) && keys.has(l.b)),
    decisions: [...decisions.values()]
      .filter((e) => targets.has(e.target))
      .sort((a, b) => a.seq - b.seq),
    pictures: pictures.filter((p) => keys.has(p.a) && keys.has(p.b)).slice(0, 4),
  };
}

const clusterOf = (g: GroupProfile) => Number(g.id.replace('cluster-', ''));

/** Detection's stored parameters as an object (they are stored as JSON). */
function parseParams(params: string | undefined): Record<string, unknown> {
  if (!params) return {};
  try {
    const v = JSON.parse(params) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return { params };
  }
}

/** The report's provenance from the case and the options. */
async function provenance(
  store: Store,
  caseName: string,
  params: Record<string, unknown>,
  options: ReportOptions,
): Promise<ReportProvenance> {
  const epoch = await caseEpoch(store);
  return {
    tlp: options.tlp ?? TLP.green,
    generatedAt: options.generatedAt ?? epoch,
    generatedAtIsCaseClock: options.generatedAt === undefined,
    dataWindow: await dataWindow(store),
    command: options.command ?? `unmask report --case ${caseName}`,
    version: UNMASK_VERSION,
    params,
    seed: typeof params.seed === 'number' ? params.seed : null,
    caseHash: await caseHash(store),
    hashedTables: HASHED_TABLES,
    coverage: await caseCoverage(store),
  };
}

/**
 * Reads the case's detection and characterization results into a report model; `given` profiles
 * replace the stored ones (profiles computed without keeping them in the case).
 */
export async function buildReport(
  store: Store,
  caseName: string,
  given?: readonly GroupProfile[],
  options: ReportOptions = {},
): Promise<ReportModel> {
  const profiles =
    given ?? (await readProfiles(store)).map((p) => JSON.parse(p.profile) as GroupProfile);
  const members = await clusterMembers(store);
  const links = await clusterLinks(store, true);
  const daily = await clusterDailyActivity(store);
  const decisions = await currentDecisions(store);
  const run = await detectionRun(store);
  const pictures = await flaggedPicturePairs(store);
  const flaggedClusters = new Set(members.filter((m) => m.flagged).map((m) => m.cluster));
  const byOperation = new Map<string, GroupProfile[]>();
  for (const g of profiles)
    if (flaggedClusters.has(clusterOf(g)))
      byOperation.set(g.operation, [...(byOperation.get(g.operation) ?? []), g]);
  const operations = [...byOperation]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([id, groups]) =>
      operationSection(id, groups, members, links, daily, decisions, pictures),
    );
  const verdicts = await clusterVerdicts(store);
  const unflagged = profiles
    .filter((g) => !flaggedClusters.has(clusterOf(g)))
    .map((g) => {
      const verdict = verdicts.get(clusterOf(g));
      return {
        id: g.id,
        accounts: g.accounts,
        reason:
          verdict?.category === 'likely-organic'
            ? verdict.reason
            : g.clock === 'automated'
              ? 'accounts on timers (schedulers, news feeds)'
              : 'below the flagging rules',
      };
    });
  const params = parseParams(run?.params);
  return {
    title: `Coordinated inauthentic behaviour in ${caseName}`,
    generatedFrom: `${caseName}, data up to ${(await caseEpoch(store)).slice(0, 10)}`,
    caseCounts: await postTotals(store),
    detection: run
      ? {
          params: run.params,
          tested: run.tested,
          significant: run.significant,
          flagged: run.flagged,
        }
      : null,
    operations,
    unflagged,
    provenance: await provenance(store, caseName, params, options),
  };
}
