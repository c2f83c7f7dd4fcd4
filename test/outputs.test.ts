// analyze end to end on a seeded scenario: every file, the report as a pure function (snapshot),
// deterministic STIX, well-formed graphs, a takedown list that spreadsheets can't execute.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { Effects } from '../src/core/index.js';
import { silentProgress } from '../src/core/index.js';
import { writeGraph } from '../src/export/index.js';
import { analyze } from '../src/pipeline/index.js';
import { buildReport, renderMarkdown } from '../src/report/index.js';
import { simulate } from '../src/simulate/index.js';
import { openStore, queryRows } from '../src/store/index.js';
import { FIXED_NOW, readCsvObjects } from './helpers/ingest-fixture.js';

const effects: Effects = { progress: silentProgress, now: () => FIXED_NOW };

describe('analyze', () => {
  let root: string;
  let data: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'unmask-analyze-'));
    data = join(root, 'data');
    simulate({ scenario: 'spamouflage', seed: 4, accounts: 300 }, data);
    await analyze([data], { out: join(root, 'a', 'run') }, effects);
    await analyze([data], { out: join(root, 'b', 'run') }, effects);
  }, 180_000);

  it('leaves the case and every output in the folder', () => {
    for (const f of [
      'case.duckdb',
      'accounts.csv',
      'clusters.json',
      'edges.csv',
      'profiles.json',
      'report.html',
      'bundle.stix.json',
      'takedown.csv',
      'network.gexf',
    ])
      expect(readFileSync(join(root, 'a', 'run', f)).length, f).toBeGreaterThan(0);
  });

  it('writes the same STIX bundle, report and takedown list for the same seed', () => {
    for (const f of ['bundle.stix.json', 'report.html', 'takedown.csv', 'network.gexf'])
      expect(readFileSync(join(root, 'b', 'run', f), 'utf8'), f).toBe(
        readFileSync(join(root, 'a', 'run', f), 'utf8'),
      );
  });

  it('renders the same report from the same results (snapshot)', async () => {
    const store = await openStore(join(root, 'a', 'run', 'case.duckdb'));
    try {
      const md = renderMarkdown(await buildReport(store, 'snapshot-case'));
      expect(md).toMatchSnapshot();
      expect(md).toContain('## operation-1');
      expect(md).toMatch(/UTC\+8/);
    } finally {
      store.close();
    }
  });

  it('draws where the operation seeded its content and where it amplified it, with lags', () => {
    const html = readFileSync(join(root, 'a', 'run', 'report.html'), 'utf8');
    const section = html.slice(html.indexOf('<h3>Seed here, amplify there</h3>'));
    expect(section).toMatch(/^<h3>Seed here, amplify there<\/h3><p>\d+ pieces of content/);
    expect(section).toMatch(/Seeded on (medium|reddit|youtube) \(\d+\)/);
    expect(section).toMatch(
      /(medium|reddit|youtube) → (facebook|x|instagram): \d+, median lag \d+ min/,
    );
    expect(section).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart flow"');
  });

  it('lists every language each operation wrote in, with its share, and nothing it did not', async () => {
    // The truth: the language fields of the posts (not shares or reactions) of the flagged accounts
    // of each operation, as the simulator wrote them.
    const flagged = readCsvObjects(join(root, 'a', 'run', 'accounts.csv'));
    const profiles = JSON.parse(readFileSync(join(root, 'a', 'run', 'profiles.json'), 'utf8')) as {
      groups: Array<{ id: string; operation: string }>;
    };
    const opOf = new Map(profiles.groups.map((g) => [g.id.replace('cluster-', ''), g.operation]));
    const accountOp = new Map(
      flagged.map((a) => [`${a.platform}:${a.account_id}`, opOf.get(a.cluster_id ?? '')]),
    );
    const truth = new Map<string, Map<string, number>>();
    for (const p of readCsvObjects(join(data, 'posts.csv'))) {
      const op = accountOp.get(`${p.platform}:${p.account_id}`);
      if (!op || p.kind === 'share' || p.kind === 'reaction' || !p.text) continue;
      const counts = truth.get(op) ?? new Map<string, number>();
      counts.set(p.language ?? '', (counts.get(p.language ?? '') ?? 0) + 1);
      truth.set(op, counts);
    }
    const html = readFileSync(join(root, 'a', 'run', 'report.html'), 'utf8');
    expect(truth.size).toBeGreaterThan(0);
    for (const [op, counts] of truth) {
      const section = html.slice(html.indexOf(`<section class="operation" id="${op}">`));
      const line = /<p>Languages: ([^<]*)<\/p>/.exec(section)?.[1] ?? '';
      const listed = new Map(
        line
          .split(', ')
          .map((x) => [x.split(' ')[0] ?? '', Number(x.split(' ')[1]?.replace('%', ''))]),
      );
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      // Texts without a language field count towards their script's language where the script
      // names one (Han: zh), else as undetermined ('und-Latn'): never as a language not written.
      const unlabelled = (100 * (counts.get('') ?? 0)) / total;
      const languages = [...counts.keys()].filter((l) => l !== '');
      expect(
        [...listed.keys()].filter((l) => !l.startsWith('und')).sort(),
        `${op}: ${line}`,
      ).toEqual(languages.sort());
      expect(languages.length, op).toBeGreaterThanOrEqual(5);
      for (const language of languages) {
        const share = (100 * (counts.get(language) ?? 0)) / total;
        expect(listed.get(language), `${op} ${language}`).toBeGreaterThanOrEqual(share - 1);
        expect(listed.get(language), `${op} ${language}`).toBeLessThanOrEqual(
          share + unlabelled + 1,
        );
      }
    }
  });

  it('lists every flagged account in the takedown list, with its operation and evidence', () => {
    const takedown = readCsvObjects(join(root, 'a', 'run', 'takedown.csv'));
    const flagged = readCsvObjects(join(root, 'a', 'run', 'accounts.csv'));
    expect(takedown.map((r) => r.account_id).sort()).toEqual(
      flagged.map((r) => r.account_id).sort(),
    );
    expect(Object.keys(takedown[0] ?? {})).toEqual([
      'platform',
      'asset_type',
      'account_id',
      'handle',
      'cluster',
      'operation',
      'score',
      'followers',
      'evidence',
      'decision',
      'rationale',
    ]);
    for (const r of takedown) {
      expect(r.operation).toMatch(/^operation-\d+$/);
      expect(r.evidence).toMatch(/links: /);
    }
  });

  it('builds a STIX bundle whose campaign uses DISARM techniques and is indicated by the accounts', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'a', 'run', 'bundle.stix.json'), 'utf8')) as {
      objects: Array<Record<string, string>>;
    };
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const t of [
      'identity',
      'campaign',
      'intrusion-set',
      'relationship',
      'user-account',
      'indicator',
      'report',
      'marking-definition',
    ])
      expect(types.has(t), t).toBe(true);
    const kinds = new Set(bundle.objects.map((o) => o.relationship_type).filter(Boolean));
    expect([...kinds].sort()).toEqual(['attributed-to', 'indicates', 'targets', 'uses']);
    const uses = bundle.objects.filter((o) => o.relationship_type === 'uses');
    expect(uses.length).toBeGreaterThan(3);
    for (const u of uses) expect(u.target_ref).toMatch(/^attack-pattern--/);
    const ids = bundle.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes GEXF a graph tool can read: every edge between declared nodes', () => {
    const gexf = readFileSync(join(root, 'a', 'run', 'network.gexf'), 'utf8');
    const nodes = new Set([...gexf.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]));
    const edges = [...gexf.matchAll(/<edge id="\d+" source="([^"]+)" target="([^"]+)"/g)];
    expect(nodes.size).toBeGreaterThan(10);
    expect(edges.length).toBeGreaterThan(10);
    for (const e of edges) {
      expect(nodes.has(e[1])).toBe(true);
      expect(nodes.has(e[2])).toBe(true);
    }
    expect(gexf.trim().endsWith('</gexf>')).toBe(true);
  });

  it('exports every raw signal edge as the signals give them: summed per pair, signals named', async () => {
    const store = await openStore(join(root, 'a', 'run', 'case.duckdb'));
    try {
      const path = join(root, 'all.graphml');
      const counts = await writeGraph(store, 'graphml', path, 'all', silentProgress);
      const graphml = readFileSync(path, 'utf8');
      const edges = [
        ...graphml.matchAll(
          /<edge source="([^"]+)" target="([^"]+)"><data key="weight">([^<]+)<\/data><data key="signals">([^<]*)<\/data>/g,
        ),
      ].map((m) => [m[1], m[2], Number(m[3]), m[4]]);
      const nodes = [...graphml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]);
      // The reference: the edges by account names, grouped and ordered as strings.
      const expected = await queryRows(
        store,
        `SELECT platform_a || ':' || account_a AS a, platform_b || ':' || account_b AS b, sum(weight) AS w,
           string_agg(signal, '|' ORDER BY signal) AS s FROM signal_edge_weights GROUP BY ALL ORDER BY 1, 2`,
      );
      expect(edges).toEqual(
        expected.map((r) => [r.a, r.b, Math.round(Number(r.w) * 1000) / 1000, r.s]),
      );
      expect(edges.some((e) => String(e[3]).includes('|'))).toBe(true);
      const ends = await queryRows(
        store,
        `SELECT p || ':' || a AS id FROM (SELECT platform_a AS p, account_a AS a FROM signal_edge_weights
           UNION SELECT platform_b, account_b FROM signal_edge_weights) ORDER BY 1`,
      );
      expect(nodes).toEqual(ends.map((r) => r.id));
      expect(counts).toEqual({ nodes: nodes.length, edges: edges.length });
    } finally {
      store.close();
    }
  });
});
