// The network write-up: one section per operation in the shape of a platform threat report,
// rendered as one self-contained HTML file (inline SVG), Markdown, or PDF through Chromium.
import type { GroupProfile } from '../characterize/index.js';
import { operationLanguages, operationSamples } from '../characterize/index.js';
import { readProfiles } from '../characterize/index.js';
import { escapeHtml } from '../core/index.js';
import type { MemberInfo } from '../detect/index.js';
import { clusterMembers, detectionRun } from '../detect/index.js';
import type { Store } from '../store/index.js';
import { caseEpoch } from '../store/index.js';
import { clusterDailyActivity, clusterLinks, postTotals } from './report.sql.js';
import { assetsSvg, flowSvg, heatmapSvg, lag, networkSvg, timelineSvg } from './svg.js';

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
  readonly links: ReadonlyArray<{ a: string; b: string; strength: number }>;
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
const utc = (m: number | null) =>
  m === null
    ? 'unknown'
    : `UTC${m >= 0 ? '+' : '−'}${Math.floor(Math.abs(m) / 60)}${Math.abs(m) % 60 ? `:${String(Math.abs(m) % 60).padStart(2, '0')}` : ''}`;

/**
 * Reads the case's detection and characterization results into a report model; `given` profiles
 * replace the stored ones (profiles computed without keeping them in the case).
 */
export async function buildReport(
  store: Store,
  caseName: string,
  given?: readonly GroupProfile[],
): Promise<ReportModel> {
  const profiles =
    given ?? (await readProfiles(store)).map((p) => JSON.parse(p.profile) as GroupProfile);
  const members = await clusterMembers(store);
  const links = await clusterLinks(store, true);
  const daily = await clusterDailyActivity(store);
  const counts = await postTotals(store);
  const run = await detectionRun(store);
  const flaggedClusters = new Set(members.filter((m) => m.flagged).map((m) => m.cluster));
  const clusterOf = (g: GroupProfile) => Number(g.id.replace('cluster-', ''));
  const byOperation = new Map<string, GroupProfile[]>();
  for (const g of profiles) {
    if (!flaggedClusters.has(clusterOf(g))) continue;
    byOperation.set(g.operation, [...(byOperation.get(g.operation) ?? []), g]);
  }
  const operations: OperationSection[] = [];
  for (const [id, groups] of [...byOperation].sort(([a], [b]) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )) {
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
    operations.push({
      id,
      groups,
      members: opMembers,
      summary,
      assets,
      followers,
      heatmap,
      daily: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, posts]) => ({ day, posts })),
      links: links.filter((l) => keys.has(l.a) && keys.has(l.b)),
    });
  }
  const unflagged = profiles
    .filter((g) => !flaggedClusters.has(clusterOf(g)))
    .map((g) => ({
      id: g.id,
      accounts: g.accounts,
      reason:
        g.clock === 'automated'
          ? 'accounts on timers (schedulers, news feeds)'
          : 'below the flagging rules',
    }));
  return {
    title: `Coordinated inauthentic behaviour in ${caseName}`,
    generatedFrom: `${caseName}, data up to ${(await caseEpoch(store)).slice(0, 10)}`,
    caseCounts: counts,
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
  };
}

/** Renders the report as one self-contained HTML document. */
export function renderHtml(model: ReportModel): string {
  const css = `body{font-family:"Noto Sans","Noto Sans CJK SC","Noto Sans Thai","DejaVu Sans",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#212121;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:2px solid #c62828;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.4em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .5em;font-size:.9em;text-align:left;vertical-align:top}
.summary{font-size:1.05em;background:#fafafa;border-left:4px solid #c62828;padding:.6em 1em}.muted{color:#666;font-size:.9em}
figure{margin:1em 0}svg{max-width:100%;height:auto}blockquote{margin:.4em 0;padding:.3em .8em;border-left:3px solid #bbb;background:#f7f7f7}
@media print{h2{page-break-before:always}figure{page-break-inside:avoid}}`;
  let body = `<h1>${escapeHtml(model.title)}</h1><p class="muted">From ${escapeHtml(model.generatedFrom)}: ${model.caseCounts.accounts.toLocaleString('en')} accounts, ${model.caseCounts.posts.toLocaleString('en')} actions.`;
  if (model.detection)
    body += ` ${model.detection.significant.toLocaleString('en')} of ${model.detection.tested.toLocaleString('en')} linked account pairs were linked beyond chance (false discovery rate control over all pairs); ${model.detection.flagged} accounts flagged.`;
  body += '</p>';
  if (model.operations.length === 0) body += '<p>No operation was flagged.</p>';
  for (const op of model.operations) {
    const clock = op.groups.find((g) => g.timezone.utcOffsetMinutes !== null);
    body += `<section class="operation" id="${escapeHtml(op.id)}"><h2>${escapeHtml(op.id)}</h2><p class="summary">${escapeHtml(op.summary)}</p>`;
    body += `<h3>Assets</h3><figure>${assetsSvg(op.assets, 'Assets by platform and type')}</figure>`;
    body += `<h3>Operator clock</h3>`;
    if (clock)
      body += `<p>Best explained as a working schedule on <b>${escapeHtml(utc(clock.timezone.utcOffsetMinutes))}</b> (confidence ${clock.timezone.confidence}; ${escapeHtml(clock.timezone.basis)}). Daylight saving: ${escapeHtml(clock.timezone.dst)}${clock.timezone.dstEvidence.length ? ` (${clock.timezone.dstEvidence.map((e) => `${e.transition}: ${e.followed ? 'followed' : `not followed, shift ${e.shiftMinutes} min`}`).join('; ')})` : ''}. Weekend share ${Math.round((clock.schedule?.weekendShare ?? 0) * 100)}%.</p>`;
    else body += `<p>No working schedule: ${escapeHtml(op.groups[0]?.timezone.basis ?? '')}.</p>`;
    body += `<figure>${heatmapSvg(op.heatmap, `Activity by weekday and hour, ${clock ? utc(clock.timezone.utcOffsetMinutes) : 'UTC'}`, clock?.schedule?.breaks ?? [])}</figure>`;
    body += `<figure>${timelineSvg(op.daily, 'Actions per day (UTC)')}</figure>`;
    body += `<h3>Network</h3><figure>${networkSvg(
      op.members.map((m) => ({
        id: `${m.platform}:${m.accountId}`,
        label: `${m.platform} ${m.handle ?? m.accountId}`,
        cluster: m.cluster,
      })),
      op.links,
      `${op.members.length} accounts, ${op.links.length} links beyond chance, coloured by cluster`,
    )}</figure>`;
    body += `<h3>Tactics (DISARM)</h3><table><tr><th>technique</th><th>evidence</th></tr>`;
    const seen = new Set<string>();
    for (const g of op.groups)
      for (const t of g.disarm) {
        if (seen.has(t.id)) continue;
        seen.add(t.id);
        body += `<tr><td>${escapeHtml(t.id)} ${escapeHtml(t.name)}${t.framework === 'meta-kill-chain' ? ' <span class="muted">(Meta kill chain)</span>' : ''}</td><td>${escapeHtml(t.evidence)}</td></tr>`;
      }
    body += '</table>';
    body += `<h3>Narratives</h3>`;
    const top = (k: 'hashtag' | 'domain' | 'term') =>
      [...new Map(op.groups.flatMap((g) => g.narratives[k]).map((n) => [n.value, n])).values()]
        .sort((a, b) => b.posts - a.posts)
        .slice(0, 8)
        .map((n) => `${k === 'hashtag' ? '#' : ''}${escapeHtml(n.value)} (${n.posts})`)
        .join(', ');
    body += `<p>Hashtags: ${top('hashtag') || '—'}<br>Domains: ${top('domain') || '—'}<br>Distinctive words: ${top('term') || '—'}</p>`;
    const langs = operationLanguages(op.groups);
    body += `<p>Languages: ${Object.entries(langs)
      .map(([l, s]) => `${escapeHtml(l)} ${Math.round(s * 100)}%`)
      .join(', ')}</p>`;
    for (const s of operationSamples(op.groups, 5))
      body += `<blockquote lang="${escapeHtml(s.language)}">${escapeHtml(s.text)} <span class="muted">— posted by ${s.accounts} accounts</span></blockquote>`;
    const errors = [
      ...new Set(
        op.groups.flatMap((g) => g.distinctiveErrors.map((e) => `${e.word} (for ${e.likely})`)),
      ),
    ];
    if (errors.length) body += `<p>Shared misspellings: ${errors.map(escapeHtml).join(', ')}</p>`;
    body += crossPlatformHtml(op.groups);
    body += `<h3>Reach</h3>`;
    for (const g of op.groups)
      body += `<p>${escapeHtml(g.id)}: ${g.echoChamber.engagements.toLocaleString('en')} engagements, ${g.echoChamber.inOperationShare === null ? '—' : `${Math.round(g.echoChamber.inOperationShare * 100)}%`} from the operation itself. Breakout Scale category ${g.breakout.category} (${escapeHtml(g.breakout.evidence)}).</p>`;
    const repurposed = op.groups.flatMap((g) => g.repurposed);
    if (repurposed.length)
      body += `<p>Repurposed accounts: ${repurposed
        .slice(0, 10)
        .map((r) =>
          escapeHtml(r.handles.join(' → ') || `${r.platform}:${r.accountId} ${r.switch ?? ''}`),
        )
        .join('; ')}${repurposed.length > 10 ? ` and ${repurposed.length - 10} more` : ''}.</p>`;
    const linked = op.groups.flatMap((g) =>
      g.linkedGroups.map(
        (l) =>
          `${g.id} ↔ ${l.group}: ${l.evidence.map((e) => `${e.kind} (${e.count})`).join(', ')}`,
      ),
    );
    if (linked.length)
      body += `<h3>Linked clusters</h3><ul>${[...new Set(linked)].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
    const indicators = op.groups.flatMap((g) => g.indicators);
    body += `<h3>Indicators</h3><table><tr><th>platform</th><th>type</th><th>handle</th><th>account id</th><th>cluster</th></tr>${op.members
      .slice(0, 50)
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.platform)}</td><td>${escapeHtml(m.assetType)}</td><td>${escapeHtml(m.handle ?? '')}</td><td>${escapeHtml(m.accountId)}</td><td>${m.cluster}</td></tr>`,
      )
      .join(
        '',
      )}</table>${op.members.length > 50 ? `<p class="muted">${op.members.length - 50} more in the takedown list.</p>` : ''}`;
    if (indicators.length)
      body += `<p>Matches with published indicators: ${indicators.map((i) => `${escapeHtml(i.network)} (${i.matches} ${escapeHtml(i.kind)})`).join('; ')}</p>`;
    body += '</section>';
  }
  if (model.unflagged.length)
    body += `<h2>Also found, not flagged</h2><ul>${model.unflagged.map((u) => `<li>${escapeHtml(u.id)}: ${u.accounts} accounts, ${escapeHtml(u.reason)}</li>`).join('')}</ul>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title><style>${css}</style></head><body>${body}</body></html>\n`;
}

/**
 * "Seed here, amplify there": the operation's content flow between platforms, its seeding and
 * amplifying assets, and its returning assets (members matching an earlier takedown).
 */
function crossPlatformHtml(groups: readonly GroupProfile[]): string {
  // Profiles kept before content flows existed have none.
  const flow = groups.find((g) => g.contentFlow)?.contentFlow ?? null;
  let body = '';
  if (flow && flow.items > 0) {
    const seeds = flow.seeding.map((s) => `${s.platform} (${s.items})`).join(', ');
    const carriers = flow.flows
      .map((f) => `${f.from} → ${f.to}: ${f.items}, median lag ${lag(f.medianLagMinutes)}`)
      .join('; ');
    body += `<h3>Seed here, amplify there</h3><p>${flow.items} pieces of content (URLs, texts) appeared on more than one platform. Seeded on ${escapeHtml(seeds)}; carried later: ${escapeHtml(carriers)}. ${flow.roles.seeders} assets seeded more than they amplified, ${flow.roles.amplifiers} amplified.</p>`;
    body += `<figure>${flowSvg(flow.seeding, flow.flows, 'Where content first appeared (left) and which platforms carried it later (right): pieces · median lag')}</figure>`;
    const role = (r: { platform: string; accountId: string; seeded: number; amplified: number }) =>
      `${r.platform}:${r.accountId} (${r.seeded} seeded, ${r.amplified} amplified)`;
    if (flow.seeders.length)
      body += `<p>Seeders: ${flow.seeders.slice(0, 5).map(role).map(escapeHtml).join('; ')}</p>`;
    if (flow.amplifiers.length)
      body += `<p>Amplifiers: ${flow.amplifiers.slice(0, 5).map(role).map(escapeHtml).join('; ')}</p>`;
  }
  const returning = groups.flatMap((g) => g.returningAssets ?? []);
  if (returning.length)
    body += `<h3>Returning assets</h3><p>${returning.length} asset${returning.length === 1 ? '' : 's'} of an earlier takedown or indicator list:</p><ul>${returning
      .slice(0, 20)
      .map(
        (r) =>
          `<li class="returning">${escapeHtml(`${r.platform}:${r.handle ?? r.accountId}`)}: ${escapeHtml(r.matches.map((m) => `${m.kind} ${m.value} (${m.source})`).join(', '))}</li>`,
      )
      .join('')}</ul>`;
  return body;
}

/** Renders the report as Markdown (text and tables; the charts are in the HTML and PDF). */
export function renderMarkdown(model: ReportModel): string {
  const lines = [`# ${model.title}`, '', `From ${model.generatedFrom}.`, ''];
  for (const op of model.operations) {
    lines.push(
      `## ${op.id}`,
      '',
      op.summary,
      '',
      '### Tactics (DISARM)',
      '',
      '| technique | evidence |',
      '|---|---|',
    );
    const seen = new Set<string>();
    for (const g of op.groups)
      for (const t of g.disarm)
        if (!seen.has(t.id)) {
          seen.add(t.id);
          lines.push(`| ${t.id} ${t.name} | ${t.evidence.replace(/\|/g, '\\|')} |`);
        }
    const flow = op.groups.find((g) => g.contentFlow)?.contentFlow;
    if (flow && flow.items > 0)
      lines.push(
        '',
        '### Seed here, amplify there',
        '',
        `Seeded on ${flow.seeding.map((s) => `${s.platform} (${s.items})`).join(', ')}.`,
        ...flow.flows.map(
          (f) => `- ${f.from} → ${f.to}: ${f.items} pieces, median lag ${lag(f.medianLagMinutes)}`,
        ),
      );
    const returning = op.groups.flatMap((g) => g.returningAssets ?? []);
    if (returning.length)
      lines.push(
        '',
        '### Returning assets',
        '',
        ...returning.map(
          (r) =>
            `- ${r.platform}:${r.handle ?? r.accountId}: ${r.matches.map((m) => `${m.kind} ${m.value} (${m.source})`).join(', ')}`,
        ),
      );
    lines.push('', '### Clusters', '');
    for (const g of op.groups)
      lines.push(
        `- ${g.id}: ${g.accounts} accounts; clock ${g.clock}${g.timezone.utcOffsetMinutes !== null ? ` ${utc(g.timezone.utcOffsetMinutes)}` : ''}; Breakout category ${g.breakout.category}`,
      );
    lines.push('');
  }
  if (model.operations.length === 0) lines.push('No operation was flagged.', '');
  return `${lines.join('\n')}\n`;
}
