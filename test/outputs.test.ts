// analyze end to end on a seeded scenario: every file, the report as a pure function (snapshot),
// deterministic STIX, well-formed graphs, a takedown list that spreadsheets can't execute.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { Effects } from '../src/core/index.js';
import { silentProgress } from '../src/core/index.js';
import { writeGraph } from '../src/export/index.js';
import { analyze, writeExport, writeReport } from '../src/pipeline/index.js';
import { buildReport, renderHtml, renderMarkdown } from '../src/report/index.js';
import { simulate } from '../src/simulate/index.js';
import { appendAudit, openStore, queryRows } from '../src/store/index.js';
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
    expect([...kinds].sort()).toEqual([
      'amplifies',
      'attributed-to',
      'belongs-to',
      'indicates',
      'publishes',
      'targets',
      'uses',
    ]);
    const uses = bundle.objects.filter((o) => o.relationship_type === 'uses');
    expect(uses.length).toBeGreaterThan(3);
    expect(uses.filter((u) => u.target_ref.startsWith('attack-pattern--')).length).toBeGreaterThan(
      3,
    );
    const ids = bundle.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('builds a self-contained bundle: every reference resolves inside it, no custom x_ properties', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'a', 'run', 'bundle.stix.json'), 'utf8')) as {
      objects: Array<Record<string, unknown> & { id: string; type: string }>;
    };
    const ids = new Set(bundle.objects.map((o) => o.id));
    const refs: string[] = [];
    const walk = (v: unknown, key: string) => {
      if (Array.isArray(v)) for (const x of v) walk(x, key);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          expect(k.startsWith('x_'), k).toBe(false);
          if (k === 'extensions') refs.push(...Object.keys(x as object));
          walk(x, k);
        }
      else if (typeof v === 'string' && /_refs?$/.test(key)) refs.push(v);
    };
    for (const o of bundle.objects) walk(o, '');
    expect(refs.length).toBeGreaterThan(500);
    for (const r of refs) expect(ids.has(r), r).toBe(true);
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const t of ['attack-pattern', 'channel', 'narrative', 'media-content', 'language'])
      expect(types.has(t), t).toBe(true);
    // Every DAD-CDM object declares its extension definition.
    const definitions = new Map(
      bundle.objects.filter((o) => o.type === 'extension-definition').map((o) => [o.id, o]),
    );
    for (const o of bundle.objects.filter((x) =>
      ['channel', 'narrative', 'media-content', 'language'].includes(x.type),
    )) {
      const [ext] = Object.entries(o.extensions as Record<string, { extension_type: string }>);
      expect(definitions.get(ext?.[0] ?? '')?.schema, o.id).toMatch(
        new RegExp(`/${o.type}\\.json$`),
      );
      expect(ext?.[1].extension_type).toBe(o.type === 'media-content' ? 'new-sco' : 'new-sdo');
    }
    const channels = bundle.objects.filter((o) => o.type === 'channel');
    const belongs = bundle.objects.filter((o) => o.relationship_type === 'belongs-to');
    expect(belongs.length).toBe(channels.length);
  });

  it("turns analysts' decisions into the campaign's confidence, a note and an opinion, and leaves dismissed clusters out", async () => {
    const dir = join(root, 'reviewed');
    mkdirSync(dir);
    const casePath = join(dir, 'case.duckdb');
    copyFileSync(join(root, 'a', 'run', 'case.duckdb'), casePath);
    const store = await openStore(casePath);
    try {
      const clusters = (
        await queryRows(
          store,
          'SELECT DISTINCT cluster_id AS c FROM cluster_members WHERE flagged ORDER BY 1',
        )
      ).map((r) => Number(r.c));
      expect(clusters.length).toBeGreaterThan(1);
      const [first, ...rest] = clusters;
      const at = Date.parse('2024-05-01T09:30:00Z');
      for (const c of rest)
        await appendAudit(
          store,
          {
            reviewer: 'Ana Lima',
            action: 'confirm-cluster',
            target: `cluster:${c}`,
            rationale: 'same copy',
          },
          at,
        );
      await appendAudit(
        store,
        {
          reviewer: 'Ana Lima',
          action: 'dismiss-cluster',
          target: `cluster:${first}`,
          rationale: 'a fan club',
        },
        at + 1000,
      );
      const out = join(dir, 'bundle.json');
      await writeExport(store, casePath, 'stix', out, silentProgress);
      const objects = (
        JSON.parse(readFileSync(out, 'utf8')) as { objects: Array<Record<string, unknown>> }
      ).objects;
      const campaigns = objects.filter((o) => o.type === 'campaign');
      expect(campaigns.map((c) => c.confidence)).toEqual([85]);
      expect(String(campaigns[0]?.description)).not.toContain(`cluster-${first},`);
      const opinions = objects.filter((o) => o.type === 'opinion').map((o) => o.opinion);
      expect(opinions.sort()).toEqual(
        [...rest.map(() => 'strongly-agree'), 'strongly-disagree'].sort(),
      );
      const notes = objects.filter((o) => o.type === 'note');
      expect(notes.length).toBe(clusters.length);
      expect(notes.map((n) => n.content).join(' ')).toContain('a fan club');
      const reviewer = objects.find((o) => o.type === 'identity' && o.name === 'Ana Lima');
      expect(reviewer?.identity_class).toBe('individual');
      const members = await queryRows(
        store,
        `SELECT account_id FROM cluster_members WHERE cluster_id = ${first} AND flagged`,
      );
      const accounts = new Set(
        objects.filter((o) => o.type === 'user-account').map((o) => o.user_id),
      );
      for (const m of members) expect(accounts.has(m.account_id)).toBe(false);
      // The report shows the decisions.
      const md = join(dir, 'report.md');
      await writeReport(store, casePath, md, silentProgress);
      expect(readFileSync(md, 'utf8')).toContain('| dismiss-cluster | cluster:');
    } finally {
      store.close();
    }
  });

  it("names DISARM's techniques by their ids without DISARM's bundle, and says which file it cannot read", async () => {
    const bundle = JSON.parse(readFileSync(join(root, 'a', 'run', 'bundle.stix.json'), 'utf8')) as {
      objects: Array<Record<string, unknown> & { id: string; type: string }>;
    };
    const unmask = bundle.objects.find((o) => o.type === 'identity' && o.name === 'unmask');
    const patterns = bundle.objects.filter((o) => o.type === 'attack-pattern');
    expect(patterns.length).toBeGreaterThan(3);
    for (const p of patterns) {
      expect(p.created_by_ref).toBe(unmask?.id);
      const [ref] = p.external_references as Array<Record<string, string>>;
      expect(ref?.source_name).toBe('DISARM');
      expect(ref?.external_id).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
    const casePath = join(root, 'a', 'run', 'case.duckdb');
    const store = await openStore(casePath);
    try {
      const missing = join(root, 'no-such-DISARM.json');
      const out = join(root, 'never.json');
      await expect(
        writeExport(store, casePath, 'stix', out, silentProgress, 'significant', undefined, {
          disarm: missing,
        }),
      ).rejects.toThrow(`${missing}: cannot read DISARM's bundle`);
    } finally {
      store.close();
    }
  });

  it('writes one MISP event per operation with its accounts, links, hashtags, TLP and DISARM tags', async () => {
    const store = await openStore(join(root, 'a', 'run', 'case.duckdb'));
    try {
      const out = join(root, 'events.misp.json');
      const what = await writeExport(
        store,
        join(root, 'a', 'run', 'case.duckdb'),
        'misp',
        out,
        silentProgress,
      );
      const doc = JSON.parse(readFileSync(out, 'utf8')) as {
        response: Array<{ Event: Record<string, unknown> }>;
      };
      const operations = new Set(
        readCsvObjects(join(root, 'a', 'run', 'takedown.csv')).map((r) => r.operation),
      );
      expect(doc.response.length).toBe(operations.size);
      expect(what).toBe(`${operations.size} MISP event${operations.size === 1 ? '' : 's'}`);
      for (const { Event: e } of doc.response) {
        // Required fields of the MISP core format (draft-dulaunoy-misp-core-format, 2.2).
        for (const f of [
          'uuid',
          'info',
          'date',
          'threat_level_id',
          'analysis',
          'distribution',
          'timestamp',
        ])
          expect(e[f], f).toBeDefined();
        expect(e.uuid).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(['1', '2', '3', '4']).toContain(e.threat_level_id);
        expect(['0', '1', '2']).toContain(e.analysis);
        expect(e.timestamp).toMatch(/^\d+$/);
        const tags = (e.Tag as Array<{ name: string }>).map((t) => t.name);
        expect(tags).toContain('tlp:green');
        expect(tags.some((t) => /^misp-galaxy:disarm="[^"]+"$/.test(t))).toBe(true);
        const objects = e.Object as Array<{
          name: string;
          template_uuid: string;
          uuid: string;
          Attribute: Array<Record<string, unknown>>;
        }>;
        const names = new Set(objects.map((o) => o.name));
        expect(names.has('user-account')).toBe(true);
        expect(names.has('url')).toBe(true);
        for (const o of objects) {
          expect(o.template_uuid).toMatch(/^[0-9a-f-]{36}$/);
          for (const a of o.Attribute)
            for (const f of [
              'uuid',
              'type',
              'category',
              'value',
              'object_relation',
              'to_ids',
              'distribution',
              'timestamp',
            ])
              expect(a[f], `${o.name}.${f}`).toBeDefined();
        }
        const attributes = e.Attribute as Array<{ value: string }>;
        expect(attributes.some((a) => a.value.startsWith('#'))).toBe(true);
        const uuids = [
          e.uuid,
          ...objects.map((o) => o.uuid),
          ...objects.flatMap((o) => o.Attribute.map((a) => a.uuid)),
        ];
        expect(new Set(uuids).size).toBe(uuids.length);
      }
      const accounts = doc.response.flatMap(({ Event: e }) =>
        (
          e.Object as Array<{
            name: string;
            Attribute: Array<{ object_relation: string; value: string }>;
          }>
        )
          .filter((o) => o.name === 'user-account')
          .map((o) => o.Attribute.find((a) => a.object_relation === 'user-id')?.value),
      );
      expect(accounts.sort()).toEqual(
        readCsvObjects(join(root, 'a', 'run', 'takedown.csv'))
          .map((r) => r.account_id)
          .sort(),
      );
    } finally {
      store.close();
    }
  });

  it('carries its provenance, method and limitations in HTML and Markdown', async () => {
    const store = await openStore(join(root, 'a', 'run', 'case.duckdb'));
    try {
      const model = await buildReport(store, 'snapshot-case');
      const html = renderHtml(model);
      const md = renderMarkdown(model);
      for (const text of [html, md]) {
        expect(text).toContain('TLP:GREEN');
        expect(text).toContain('Method');
        expect(text).toContain('Limitations');
        expect(text).toMatch(/Case SHA-256: [0-9a-f]{64}/);
        expect(text).toMatch(/Data window: 20\d\d-\d\d-\d\dT[\d:]+Z to 20/);
        expect(text).toContain('unmask version: 0.1.0; seed: 1');
        expect(text).toContain('co-share:url (timing): posts of the same canonical URL');
        expect(text).toContain('Benjamini–Hochberg at q = 0.01');
      }
      expect(readFileSync(join(root, 'a', 'run', 'report.html'), 'utf8')).toContain(
        'Command: unmask analyze data --out run',
      );
      // The same data analyzed again (run b) hashes the same; a decision changes the hash.
      const other = await openStore(join(root, 'b', 'run', 'case.duckdb'));
      try {
        const b = await buildReport(other, 'snapshot-case');
        expect(b.provenance.caseHash).toBe(model.provenance.caseHash);
      } finally {
        other.close();
      }
      const reviewed = await openStore(join(root, 'reviewed', 'case.duckdb'));
      try {
        const r = await buildReport(reviewed, 'snapshot-case');
        expect(r.provenance.caseHash).not.toBe(model.provenance.caseHash);
      } finally {
        reviewed.close();
      }
      // One picture per operation, with a legend.
      expect(html.match(/class="chart network"/g)?.length).toBe(model.operations.length);
      expect(html).toContain('class="legend"');
    } finally {
      store.close();
    }
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
