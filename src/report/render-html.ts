// The report as one self-contained HTML document (inline SVG and CSS), laid out for print too: a
// cover with the marking, provenance and summary on page 1, the TLP on every page (the PDF's header
// and footer say it again), tables whose header repeats and never ends a page alone.
import type { GroupProfile } from '../characterize/index.js';
import { operationLanguages, operationSamples } from '../characterize/index.js';
import { escapeHtml } from '../core/index.js';
import type { OperationSection, ReportModel } from './report.js';
import { utc } from './report.js';
import type { TextBlock } from './report-method.js';
import { limitationsBlock, methodBlock, methodSignals, provenanceItems } from './report-method.js';
import { assetsSvg, flowSvg, heatmapSvg, lag, operationNetworkSvg, timelineSvg } from './svg.js';

const CSS = `body{font-family:"Noto Sans","Noto Sans CJK SC","Noto Sans Thai","DejaVu Sans",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#212121;line-height:1.45}
h1{font-size:1.6em;margin-top:.4em}h2{border-bottom:2px solid #c62828;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.4em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .5em;font-size:.9em;text-align:left;vertical-align:top}
.summary{font-size:1.05em;background:#fafafa;border-left:4px solid #c62828;padding:.6em 1em}.muted{color:#666;font-size:.9em}
.tlp{display:inline-block;background:#000;font-weight:bold;padding:.1em .5em;font-size:.9em;letter-spacing:.05em}
.provenance{font-size:.85em;color:#444;list-style:none;padding:0}.provenance li{margin:.1em 0;word-break:break-all}
figure{margin:1em 0}svg{max-width:100%;height:auto}blockquote{margin:.4em 0;padding:.3em .8em;border-left:3px solid #bbb;background:#f7f7f7}
@media print{body{margin:0;max-width:none}section.operation{break-before:page}figure,tr,blockquote{break-inside:avoid}
h2,h3{break-after:avoid}thead{display:table-header-group}table{break-inside:auto}.keep{break-inside:avoid}}`;

/** An HTML table whose header repeats on each printed page; cells are escaped. */
function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const tlpBadge = (model: ReportModel) =>
  `<span class="tlp" style="color:${model.provenance.tlp.colour}">${escapeHtml(model.provenance.tlp.label)}</span>`;

/** Page 1: marking, title, the operations in one sentence each, and where the report comes from. */
function cover(model: ReportModel): string {
  let s = `<header class="cover">${tlpBadge(model)}<h1>${escapeHtml(model.title)}</h1>`;
  s += `<p class="muted">${model.caseCounts.accounts.toLocaleString('en')} accounts and ${model.caseCounts.posts.toLocaleString('en')} actions in ${escapeHtml(model.generatedFrom)}.`;
  if (model.detection)
    s += ` ${model.detection.significant.toLocaleString('en')} of ${model.detection.tested.toLocaleString('en')} linked account pairs were linked beyond chance (false discovery rate control over all pairs); ${model.detection.flagged} accounts flagged.`;
  s += '</p><h2 style="break-before:auto">Summary</h2>';
  if (model.operations.length === 0) s += '<p>No operation was flagged.</p>';
  for (const op of model.operations)
    s += `<p class="summary"><b>${escapeHtml(op.id)}.</b> ${escapeHtml(op.summary)}</p>`;
  s += `<h3>Provenance</h3><ul class="provenance">${provenanceItems(model)
    .map((l) => `<li>${escapeHtml(l)}</li>`)
    .join('')}</ul></header>`;
  return s;
}

/** The clock, heatmap and timeline of an operation. */
function clockHtml(op: OperationSection): string {
  const clock = op.groups.find((g) => g.timezone.utcOffsetMinutes !== null);
  let s = `<h3>Operator clock</h3>`;
  if (clock)
    s += `<p>Best explained as a working schedule on <b>${escapeHtml(utc(clock.timezone.utcOffsetMinutes))}</b> (confidence ${clock.timezone.confidence}; ${escapeHtml(clock.timezone.basis)}). Daylight saving: ${escapeHtml(clock.timezone.dst)}${clock.timezone.dstEvidence.length ? ` (${clock.timezone.dstEvidence.map((e) => `${e.transition}: ${e.followed ? 'followed' : `not followed, shift ${e.shiftMinutes} min`}`).join('; ')})` : ''}. Weekend share ${Math.round((clock.schedule?.weekendShare ?? 0) * 100)}%.</p>`;
  else s += `<p>No working schedule: ${escapeHtml(op.groups[0]?.timezone.basis ?? '')}.</p>`;
  s += `<figure>${heatmapSvg(op.heatmap, `Activity by weekday and hour, ${clock ? utc(clock.timezone.utcOffsetMinutes) : 'UTC'}`, clock?.schedule?.breaks ?? [])}</figure>`;
  return `${s}<figure>${timelineSvg(op.daily, 'Actions per day (UTC)')}</figure>`;
}

/** The operation as one picture: every cluster, the links in and between them, a legend. */
function networkHtml(model: ReportModel, op: OperationSection): string {
  const signals = methodSignals(model);
  return `<h3>Network</h3><figure>${operationNetworkSvg(
    op.members.map((m) => ({
      id: `${m.platform}:${m.accountId}`,
      label: `${m.platform} ${m.handle ?? m.accountId}`,
      cluster: m.cluster,
    })),
    op.links,
    op.groups.map((g) => ({
      cluster: Number(g.id.replace('cluster-', '')),
      label: `${g.id}: ${g.accounts} accounts`,
      linked: g.linkedGroups.map((l) => ({
        cluster: Number(l.group.replace('cluster-', '')),
        evidence: l.evidence.map((e) => e.kind).join(', '),
      })),
    })),
    signals.map((s) => ({ name: s.name, colour: s.colour })),
    `${op.id}: ${op.members.length} accounts in ${op.groups.length} clusters, ${op.links.length} links beyond chance`,
  )}</figure>`;
}

/** Tactics, narratives, languages, samples and shared misspellings. */
function contentHtml(op: OperationSection): string {
  const seen = new Set<string>();
  const tactics: string[][] = [];
  for (const g of op.groups)
    for (const t of g.disarm)
      if (!seen.has(t.id)) {
        seen.add(t.id);
        tactics.push([
          `${t.id} ${t.name}${t.framework === 'meta-kill-chain' ? ' (Meta kill chain)' : ''}`,
          t.evidence,
        ]);
      }
  let s = `<h3>Tactics (DISARM)</h3>${table(['technique', 'evidence'], tactics)}<h3>Narratives</h3>`;
  const top = (k: 'hashtag' | 'domain' | 'term') =>
    [...new Map(op.groups.flatMap((g) => g.narratives[k]).map((n) => [n.value, n])).values()]
      .sort((a, b) => b.posts - a.posts)
      .slice(0, 8)
      .map((n) => `${k === 'hashtag' ? '#' : ''}${escapeHtml(n.value)} (${n.posts})`)
      .join(', ');
  s += `<p>Hashtags: ${top('hashtag') || '—'}<br>Domains: ${top('domain') || '—'}<br>Distinctive words: ${top('term') || '—'}</p>`;
  s += `<p>Languages: ${Object.entries(operationLanguages(op.groups))
    .map(([l, v]) => `${escapeHtml(l)} ${Math.round(v * 100)}%`)
    .join(', ')}</p>`;
  for (const x of operationSamples(op.groups, 5))
    s += `<blockquote lang="${escapeHtml(x.language)}">${escapeHtml(x.text)} <span class="muted">— posted by ${x.accounts} accounts</span></blockquote>`;
  const errors = [
    ...new Set(
      op.groups.flatMap((g) => g.distinctiveErrors.map((e) => `${e.word} (for ${e.likely})`)),
    ),
  ];
  if (errors.length) s += `<p>Shared misspellings: ${errors.map(escapeHtml).join(', ')}</p>`;
  s += picturesHtml(op);
  return s + crossPlatformHtml(op.groups);
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

/** Reach, repurposed accounts, linked clusters. */
function reachHtml(op: OperationSection): string {
  let s = `<h3>Reach</h3>`;
  for (const g of op.groups)
    s += `<p>${escapeHtml(g.id)}: ${g.echoChamber.engagements.toLocaleString('en')} engagements, ${g.echoChamber.inOperationShare === null ? '—' : `${Math.round(g.echoChamber.inOperationShare * 100)}%`} from the operation itself. Breakout Scale category ${g.breakout.category} (${escapeHtml(g.breakout.evidence)}).</p>`;
  const repurposed = op.groups.flatMap((g) => g.repurposed);
  if (repurposed.length)
    s += `<p>Repurposed accounts: ${repurposed
      .slice(0, 10)
      .map((r) =>
        escapeHtml(r.handles.join(' → ') || `${r.platform}:${r.accountId} ${r.switch ?? ''}`),
      )
      .join('; ')}${repurposed.length > 10 ? ` and ${repurposed.length - 10} more` : ''}.</p>`;
  const linked = op.groups.flatMap((g) =>
    g.linkedGroups.map(
      (l) => `${g.id} ↔ ${l.group}: ${l.evidence.map((e) => `${e.kind} (${e.count})`).join(', ')}`,
    ),
  );
  if (linked.length)
    s += `<h3>Linked clusters</h3><ul>${[...new Set(linked)].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
  return s;
}

/** Indicators: accounts and published indicator matches. */
function indicatorsHtml(op: OperationSection): string {
  let s = `<h3>Indicators</h3>${table(
    ['platform', 'type', 'handle', 'account id', 'cluster'],
    op.members
      .slice(0, 50)
      .map((m) => [m.platform, m.assetType, m.handle ?? '', m.accountId, String(m.cluster)]),
  )}`;
  if (op.members.length > 50)
    s += `<p class="muted">${op.members.length - 50} more in the takedown list.</p>`;
  const indicators = op.groups.flatMap((g) => g.indicators);
  if (indicators.length)
    s += `<p>Matches with published indicators: ${indicators.map((i) => `${escapeHtml(i.network)} (${i.matches} ${escapeHtml(i.kind)})`).join('; ')}</p>`;
  return s;
}

/** The analysts' decisions on the operation, right under its summary: whether a person has checked it. */
function reviewHtml(op: OperationSection): string {
  return `<h3>Analyst review</h3>${
    op.decisions.length
      ? table(
          ['decision', 'target', 'reviewer', 'at', 'rationale'],
          op.decisions.map((e) => [e.action, e.target, e.reviewer, e.at, e.rationale]),
        )
      : '<p>Not reviewed yet: every finding here is the model’s alone.</p>'
  }`;
}

/** One operation's section. */
function operationHtml(model: ReportModel, op: OperationSection): string {
  return `<section class="operation" id="${escapeHtml(op.id)}"><h2>${escapeHtml(op.id)}</h2><p class="summary">${escapeHtml(op.summary)}</p>${reviewHtml(op)}<h3>Assets</h3><figure>${assetsSvg(op.assets, 'Assets by platform and type')}</figure>${clockHtml(op)}${networkHtml(model, op)}${contentHtml(op)}${reachHtml(op)}${indicatorsHtml(op)}</section>`;
}

const paragraphs = (ps: readonly string[]) => ps.map((p) => `<p>${escapeHtml(p)}</p>`).join('');

/** A Method or Limitations section: paragraphs, a list, paragraphs. */
function block(b: TextBlock): string {
  const list = b.items.length
    ? `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
    : '';
  return `<section class="${b.heading.toLowerCase()}"><h2>${escapeHtml(b.heading)}</h2>${paragraphs(b.paragraphs)}${list}${paragraphs(b.after)}</section>`;
}

/** Renders the report as one self-contained HTML document. */
export function renderHtml(model: ReportModel): string {
  let body = cover(model);
  for (const op of model.operations) body += operationHtml(model, op);
  if (model.unflagged.length)
    body += `<section class="unflagged"><h2>Also found, not flagged</h2><ul>${model.unflagged.map((u) => `<li>${escapeHtml(u.id)}: ${u.accounts} accounts, ${escapeHtml(u.reason)}</li>`).join('')}</ul></section>`;
  body += block(methodBlock(model)) + block(limitationsBlock(model));
  body += `<footer class="muted">${tlpBadge(model)} ${escapeHtml(model.provenance.tlp.audience)}. Case SHA-256 ${escapeHtml(model.provenance.caseHash)}.</footer>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="tlp" content="${escapeHtml(model.provenance.tlp.label)}"><title>${escapeHtml(model.provenance.tlp.label)} ${escapeHtml(model.title)}</title><style>${CSS}</style></head><body>${body}</body></html>\n`;
}

/** The operation's near-duplicate pictures: each pair's thumbnails side by side (embedded). */
function picturesHtml(op: OperationSection): string {
  if (op.pictures.length === 0) return '';
  const img = (src: string, who: string) =>
    `<img src="${escapeHtml(src)}" alt="picture posted by ${escapeHtml(who)}" style="max-width:96px;max-height:96px;margin-right:4px;border:1px solid #ccc">`;
  let s =
    '<h3>Shared pictures</h3><p class="muted">Near-identical pictures (resized, cropped, recompressed or captioned copies) posted by two of its accounts, the strongest links first.</p>';
  for (const p of op.pictures)
    s += `<figure class="picture-pair">${p.thumbsA.map((t) => img(t, p.a)).join('')} ↔ ${p.thumbsB.map((t) => img(t, p.b)).join('')}<figcaption>${escapeHtml(p.a)} and ${escapeHtml(p.b)}: ${p.families} shared picture famil${p.families === 1 ? 'y' : 'ies'}</figcaption></figure>`;
  return s;
}
