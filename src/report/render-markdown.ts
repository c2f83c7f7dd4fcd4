// The report as Markdown: the text and tables of the HTML (no charts), with its marking, provenance,
// method and limitations.
import type { ReportModel } from './report.js';
import { utc } from './report.js';
import type { TextBlock } from './report-method.js';
import { limitationsBlock, methodBlock, provenanceItems } from './report-method.js';
import { lag } from './svg.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function operationLines(op: ReportModel['operations'][number]): string[] {
  const lines = [`## ${op.id}`, '', op.summary, '', '### Tactics (DISARM)', ''];
  lines.push('| technique | evidence |', '|---|---|');
  const seen = new Set<string>();
  for (const g of op.groups)
    for (const t of g.disarm)
      if (!seen.has(t.id)) {
        seen.add(t.id);
        lines.push(`| ${t.id} ${t.name} | ${cell(t.evidence)} |`);
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
  lines.push('', '### Analyst review', '');
  if (op.decisions.length === 0)
    lines.push('Not reviewed yet: every finding here is the model’s alone.');
  else {
    lines.push('| decision | target | reviewer | at | rationale |', '|---|---|---|---|---|');
    for (const e of op.decisions)
      lines.push(
        `| ${e.action} | ${e.target} | ${cell(e.reviewer)} | ${e.at} | ${cell(e.rationale)} |`,
      );
  }
  lines.push('');
  return lines;
}

const blockLines = (b: TextBlock) => [
  `## ${b.heading}`,
  '',
  ...b.paragraphs.flatMap((p) => [p, '']),
  ...b.items.map((i) => `- ${i}`),
  ...(b.items.length ? [''] : []),
  ...b.after.flatMap((p) => [p, '']),
];

/** Renders the report as Markdown (text and tables; the charts are in the HTML and PDF). */
export function renderMarkdown(model: ReportModel): string {
  const tlp = model.provenance.tlp.label;
  const lines = [`**${tlp}**`, '', `# ${model.title}`, '', `From ${model.generatedFrom}.`, ''];
  lines.push(...provenanceItems(model).map((l) => `- ${l}`), '');
  for (const op of model.operations) lines.push(...operationLines(op));
  if (model.operations.length === 0) lines.push('No operation was flagged.', '');
  lines.push(...blockLines(methodBlock(model)), ...blockLines(limitationsBlock(model)));
  lines.push(`**${tlp}**: ${model.provenance.tlp.audience}.`);
  return `${lines.join('\n')}\n`;
}
