// What `report`, `export`, `analyze` and `demo` write, from a case with detection results.
//
// Characterize, export and report load when an output is written, not with the pipeline's index,
// which `unmask ingest` loads too (docs/design-choices.md, "Commands load their modules when they
// run").
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';

import type { GroupProfile } from '../characterize/index.js';
import { readProfiles } from '../characterize/index.js';
import type { Progress } from '../core/index.js';
import { ConfigError, NotFoundError } from '../core/index.js';
import { clusterCount, clusterMembers, hasDetection } from '../detect/index.js';
import type { GraphEdges } from '../export/index.js';
import type { Store } from '../store/index.js';
import { caseEpoch, currentDecisions } from '../store/index.js';

/** The case's name in reports and STIX: its file name without extension ('case' files: their folder's). */
export const caseNameOf = (path: string) => {
  const name = basename(path, extname(path));
  return name === 'case' ? basename(dirname(resolve(path))) : name;
};

/**
 * The stored profiles; characterizes the detected clusters first when there are none, keeping
 * their profiles in the case unless `keep` is false (then the case is left as it was).
 */
export async function ensureProfiles(
  store: Store,
  casePath: string,
  progress: Progress,
  keep = true,
): Promise<GroupProfile[]> {
  if (!(await hasDetection(store)))
    throw new NotFoundError(
      `${casePath}: no detection results; run 'unmask detect --case ${casePath} --out <dir>' first`,
    );
  let stored = await readProfiles(store);
  if (stored.length === 0 && (await clusterCount(store)) > 0) {
    const { characterize } = await import('../characterize/index.js');
    const made = await characterize(store, { groups: null, seed: 1, keep }, progress);
    if (!keep) return made.groups;
    stored = await readProfiles(store);
  }
  return stored.map((p) => JSON.parse(p.profile) as GroupProfile);
}

/**
 * Writes the report to `out`; the format follows the extension (.html, .md, .pdf). With
 * `profiles` given (from {@link ensureProfiles}), reads nothing else of them and writes nothing
 * into the case.
 */
export async function writeReport(
  store: Store,
  casePath: string,
  out: string,
  progress: Progress,
  profiles?: readonly GroupProfile[],
): Promise<void> {
  const ext = extname(out).toLowerCase();
  if (!['.html', '.htm', '.md', '.pdf'].includes(ext))
    throw new ConfigError(
      `--out: the report format follows the extension: .html, .md or .pdf (got '${out}')`,
    );
  const { buildReport, htmlToPdf, renderHtml, renderMarkdown } = await import('../report/index.js');
  const model = await buildReport(
    store,
    caseNameOf(casePath),
    profiles ?? (await ensureProfiles(store, casePath, progress)),
  );
  if (ext === '.md') writeFileSync(out, renderMarkdown(model));
  else if (ext === '.pdf') await htmlToPdf(renderHtml(model), out);
  else writeFileSync(out, renderHtml(model));
}

/** Export formats. */
export const EXPORT_FORMATS = ['stix', 'gexf', 'graphml', 'takedown'] as const;

/**
 * Writes one export; returns a one-line description of what it holds. With `profiles` given (from
 * {@link ensureProfiles}), writes nothing into the case.
 */
export async function writeExport(
  store: Store,
  casePath: string,
  format: string,
  out: string,
  progress: Progress,
  edges: GraphEdges = 'significant',
  profiles?: readonly GroupProfile[],
): Promise<string> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new ConfigError(`--format: expected ${EXPORT_FORMATS.join(', ')}, got '${format}'`);
  const { stixBundle, writeGraph, writeTakedown } = await import('../export/index.js');
  if (format === 'gexf' || format === 'graphml') {
    if (!(await hasDetection(store)) && edges === 'significant')
      throw new NotFoundError(
        `${casePath}: no detection results; run 'unmask detect' first or export --edges all`,
      );
    const r = await writeGraph(store, format, out, edges, progress);
    return `${r.nodes.toLocaleString('en')} nodes, ${r.edges.toLocaleString('en')} edges`;
  }
  const groups = profiles ?? (await ensureProfiles(store, casePath, progress));
  const members = await clusterMembers(store);
  if (format === 'takedown') {
    const decisions = await currentDecisions(store);
    const byCluster = new Map(groups.map((p) => [Number(p.id.replace('cluster-', '')), p]));
    const n = await writeTakedown(
      out,
      members,
      (c) => byCluster.get(c)?.operation ?? `cluster-${c}`,
      (c) => {
        const p = byCluster.get(c);
        if (!p) return '';
        const tz = p.timezone.utcOffsetMinutes;
        return [
          tz === null ? null : `clock UTC${tz >= 0 ? '+' : '-'}${Math.abs(tz) / 60}`,
          p.disarm
            .filter((d) => d.framework === 'disarm')
            .map((d) => d.id)
            .join(' '),
        ]
          .filter(Boolean)
          .join('; ');
      },
      (m) => {
        // The analyst's latest word on the account wins over the one on its cluster.
        const own = decisions.get(`account:${m.platform}:${m.accountId}`);
        if (own)
          return {
            include: own.action === 'include-account',
            decision: `${own.action} by ${own.reviewer}`,
            rationale: own.rationale,
          };
        const cluster = decisions.get(`cluster:${m.cluster}`);
        if (cluster)
          return {
            include: cluster.action === 'confirm-cluster',
            decision: `${cluster.action} by ${cluster.reviewer}`,
            rationale: cluster.rationale,
          };
        return null;
      },
    );
    return `${n.toLocaleString('en')} accounts`;
  }
  const bundle = stixBundle({
    profiles: groups,
    members,
    timestamp: await caseEpoch(store),
    caseName: caseNameOf(casePath),
  });
  writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
  return `${bundle.objects.length.toLocaleString('en')} STIX objects`;
}
