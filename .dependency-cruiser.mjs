// The dependency direction of docs/architecture.md, checked by `npm test` (dependency-cruiser):
// each stage imports only the stages below it, through their index.ts; the DuckDB driver stays in
// the store; the web UI shares types with the server only.

/**
 * The stages from the bottom up: a stage may import the stages before it in this list (and core
 * and model always); `simulate` and `cli` are handled below.
 *   core, model ← normalize ← store ← ingest ← signals ← detect ← characterize ← report, export
 *   ← pipeline ← server, cli
 */
const ORDER = [
  ['core', 'model'],
  ['normalize'],
  ['store'],
  ['ingest'],
  ['signals'],
  ['detect'],
  ['characterize'],
  ['report', 'export'],
  ['pipeline'],
  ['server'],
];

/** What each stage may import besides itself. */
const ALLOWED = Object.fromEntries(
  ORDER.flatMap((level, i) =>
    level.map((stage) => [stage, ['core', 'model', ...ORDER.slice(0, i).flat()]]),
  ),
);
ALLOWED.core = [];
ALLOWED.model = ['core'];
// The simulator writes exports for ingest to read: it knows the data model, not the stages.
ALLOWED.simulate = ['core', 'model'];
// The command line sits on top: the pipeline, the server (`unmask serve`), the simulator, and the
// stages whose commands run one stage alone (`unmask signals`, `unmask detect` …).
ALLOWED.cli = [...ORDER.flat(), 'simulate'];

const layerRules = Object.entries(ALLOWED).map(([stage, allowed]) => ({
  name: `layer-${stage}`,
  comment: `src/${stage} may import only ${allowed.length ? allowed.join(', ') : 'no other stage'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${stage}/` },
  to: { path: '^src/', pathNot: `^src/(${[stage, ...allowed].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'stage-not-in-order',
      comment:
        'every folder under src/ is a stage with a place in the dependency direction: add new ones to ORDER',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: '^src/',
        pathNot: [`^src/(${Object.keys(ALLOWED).join('|')})/`, '^src/types/'],
      },
    },
    {
      name: 'through-index',
      comment: "a stage imports another stage through that stage's index.ts, never its internals",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'engine-driver-in-store',
      comment: "the DuckDB driver is the store's business (and, later, a stage's *.sql.ts)",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/store/', '\\.sql\\.ts$'] },
      to: { path: '(^|/)node_modules/@duckdb/' },
    },
    {
      name: 'clickhouse-driver-in-store',
      comment:
        "the ClickHouse drivers (@clickhouse/client, chdb) are the store's business, or a *.clickhouse.sql.ts / *.clickhouse.ts file's",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/store/', '\\.clickhouse(\\.sql)?\\.ts$'] },
      to: { path: '(^|/)node_modules/(@clickhouse/|chdb/)' },
    },
    {
      name: 'web-uses-server-types-only',
      comment:
        'the web UI talks to the server over HTTP; it may share the server types, nothing else',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-types-from-server-only',
      comment: 'the types the web UI shares come from src/server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/server/' },
    },
    {
      name: 'no-circular',
      comment: 'modules do not import each other in a cycle at run time (type-only imports aside)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests may import helpers and the simulator; the rules are about the shipped code.
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
