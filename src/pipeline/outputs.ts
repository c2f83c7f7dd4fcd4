// What `report`, `export`, `analyze` and `demo` write, from a case with detection results.
//
// Characterize, export and report load when an output is written, not with the pipeline's index,
// which `unmask ingest` loads too (docs/design-choices.md, "Commands load their modules when they
// run").
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';

import type { GroupProfile } from '../characterize/index.js';
import { readProfiles } from '../characterize/index.js';
import type { Progress, Tlp } from '../core/index.js';
import { ConfigError, NotFoundError, TLP } from '../core/index.js';
import { clusterCount, clusterMembers, hasDetection } from '../detect/index.js';
import type { GraphEdges } from '../export/index.js';
import type { Store } from '../store/index.js';
import {
  caseEpoch,
  currentDecisions,
  isClickHouseCase,
  parseClickHouseCase,
} from '../store/index.js';

/**
 * The case's name in reports and STIX: its file name without extension ('case' files: their
 * folder's); a ClickHouse case's database.
 */
export const caseNameOf = (path: string) => {
  if (isClickHouseCase(path)) return parseClickHouseCase(path).database;
  const name = basename(path, extname(path));
  return name === 'case' ? basename(dirname(resolve(path))) : name;
};

/** What the written outputs say about how they were made and may be shared. */
export interface OutputOptions {
  /** The marking of the report and the shared objects; TLP:GREEN by default. */
  readonly tlp?: Tlp;
  /** The command line that made the output, as the report shows it (e.g. 'unmask report …'). */
  readonly command?: string;
  /**
   * DISARM's STIX bundle (DISARMframeworks' generated_files/DISARM_STIX/DISARM.json); the STIX
   * export then carries DISARM's own attack-patterns. Default: the UNMASK_DISARM environment variable.
   */
  readonly disarm?: string;
}

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
  options: OutputOptions = {},
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
    {
      tlp: options.tlp ?? TLP.green,
      command:
        options.command ?? `unmask report --case ${basename(casePath)} --out ${basename(out)}`,
    },
  );
  if (ext === '.md') writeFileSync(out, renderMarkdown(model));
  else if (ext === '.pdf')
    await htmlToPdf(renderHtml(model), out, {
      marking: model.provenance.tlp.label,
      colour: model.provenance.tlp.colour,
    });
  else writeFileSync(out, renderHtml(model));
}

/** Export formats. */
export const EXPORT_FORMATS = ['stix', 'misp', 'gexf', 'graphml', 'takedown'] as const;

/** Reads what the STIX bundle and MISP events share: profiles, members, decisions, the case's time. */
async function shareInput(
  store: Store,
  casePath: string,
  progress: Progress,
  profiles: readonly GroupProfile[] | undefined,
  tlp: Tlp,
) {
  return {
    profiles: profiles ?? (await ensureProfiles(store, casePath, progress)),
    members: await clusterMembers(store),
    decisions: await currentDecisions(store),
    timestamp: await caseEpoch(store),
    caseName: caseNameOf(casePath),
    tlp,
  };
}

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
  options: OutputOptions = {},
): Promise<string> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new ConfigError(`--format: expected ${EXPORT_FORMATS.join(', ')}, got '${format}'`);
  const exports = await import('../export/index.js');
  if (format === 'gexf' || format === 'graphml') {
    if (!(await hasDetection(store)) && edges === 'significant')
      throw new NotFoundError(
        `${casePath}: no detection results; run 'unmask detect' first or export --edges all`,
      );
    const r = await exports.writeGraph(store, format, out, edges, progress);
    return `${r.nodes.toLocaleString('en')} nodes, ${r.edges.toLocaleString('en')} edges`;
  }
  const input = await shareInput(store, casePath, progress, profiles, options.tlp ?? TLP.green);
  if (format === 'takedown') {
    // Accounts outside the clusters that an analyst included are listed after the members.
    const outside = await exports.accountsOutsideClusters(
      store,
      exports.includedOutsideClusters(input.decisions, input.members),
    );
    const n = await exports.writeTakedown(
      out,
      [...input.members, ...outside],
      ...takedownEvidence(input.profiles),
      (m) => exports.memberDecision(input.decisions, m),
    );
    return `${n.toLocaleString('en')} accounts`;
  }
  if (format === 'misp') {
    const events = exports.mispEvents({ ...input, urls: await exports.clusterUrls(store) });
    writeFileSync(out, `${JSON.stringify(exports.mispDocument(events), null, 2)}\n`);
    return `${events.length} MISP event${events.length === 1 ? '' : 's'}`;
  }
  const disarmPath = options.disarm ?? process.env.UNMASK_DISARM;
  const bundle = exports.stixBundle({
    ...input,
    disarm: disarmPath ? exports.disarmObjects(readJsonFile(disarmPath), disarmPath) : null,
    amplification: await exports.clusterAmplification(store),
    accountLanguages: await exports.clusterAccountLanguages(store),
    topPosts: await exports.clusterTopPosts(store),
  });
  writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
  return `${bundle.objects.length.toLocaleString('en')} STIX objects`;
}

/** A JSON file's content; a missing or malformed file is a usage error naming it. */
function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read DISARM's bundle (${(e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not JSON (${(e as Error).message})`);
  }
}

/** The takedown list's operation and evidence of a cluster. */
function takedownEvidence(
  profiles: readonly GroupProfile[],
): [(c: number) => string, (c: number) => string] {
  const byCluster = new Map(profiles.map((p) => [Number(p.id.replace('cluster-', '')), p]));
  return [
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
  ];
}
