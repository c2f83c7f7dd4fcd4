// The workspace's HTTP API (Fastify): JSON with a schema on every route, an OpenAPI description,
// paged and bounded reads, review decisions into the hash-chained audit log through one writer,
// export downloads that leave the case as it is.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TSchema } from '@sinclair/typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';

import type { GroupProfile } from '../characterize/index.js';
import {
  CaseLockedError,
  ConfigError,
  InputError,
  NotFoundError,
  silentProgress,
} from '../core/index.js';
import { ensureProfiles, writeExport, writeReport } from '../pipeline/index.js';
import { SIGNALS } from '../signals/index.js';
import type { Store } from '../store/index.js';
import {
  appendAudit,
  currentDecisions,
  readAudit,
  REVIEW_ACTIONS,
  verifyAudit,
} from '../store/index.js';
import { ensureLinkIndex } from './account-links.sql.js';
import { AccountPageFile, isFirstPage } from './account-page-file.js';
import * as S from './api-schemas.js';
import type {
  AuditEntry,
  AuditPage,
  ClusterDetail,
  EvidenceResponse,
  Me,
  OperationDetail,
  OperationRow,
  SignalList,
} from './api-types.js';
import {
  allowedHostNames,
  type Analyst,
  apiAuthHook,
  hostCheckHook,
  type QueryTokenConfig,
} from './auth.js';
import { linkEvidence } from './evidence.sql.js';
import { readOperations } from './operations.sql.js';
import { PageCache } from './page-cache.js';
import type {
  AccountPageParts,
  AccountPages,
  ClusterPageParts,
  ClusterPages,
} from './server.sql.js';
import {
  accountKeyOf,
  accountPage,
  accountPageParts,
  caseSummary,
  CLUSTER_SORTS,
  clusterPage,
  clusterPageParts,
  clustersPage,
  hasAccount,
  loadAccountKeys,
  readClusterIds,
  search,
  SEARCH_KINDS,
} from './server.sql.js';
import { ensureWorkspaceIndex } from './workspace-index.sql.js';
import { WriteQueue } from './write-queue.js';

/** Options of {@link buildApp}. */
export interface AppOptions {
  readonly casePath: string;
  /**
   * Who may use the API: every /api request must carry one of these analysts' tokens, and the
   * audit log records the analyst whose token a decision came with (the CLI makes one analyst,
   * with a generated token, when no users file or token is given).
   */
  readonly analysts: readonly Analyst[];
  /**
   * Host names the Host header may name (DNS-rebinding guard), as {@link allowedHostNames} makes
   * them; default: the loopback names.
   */
  readonly allowedHosts?: ReadonlySet<string>;
  readonly now: () => number;
  /** Told when the workspace index has to be built first (seconds per million posts). */
  readonly onIndexBuild?: () => void;
  /**
   * Where a failed request (5xx) is logged, one line of route and error then the stack, indented;
   * default: standard error.
   */
  readonly log?: (line: string) => void;
}

/**
 * Threads of libuv's pool (UV_THREADPOOL_SIZE, default 4). DuckDB's Node binding runs every
 * query there, whatever its connection: with more connections busy than threads, an account page
 * waited behind evidence queries (0.1–2 s each at 1M posts on a loaded machine) and decisions.
 */
const POOL_THREADS = Number(process.env.UV_THREADPOOL_SIZE ?? 4) || 4;
/**
 * Connections for the pages, one thread each, leaving one to the evidence connection and one to
 * the writer (and at least two for the pages).
 */
const READERS = Math.max(2, POOL_THREADS - 2);

/** A few read connections to the case, lent to one request at a time. */
class ReaderPool {
  private readonly waiting: Array<(s: Store) => void> = [];
  private constructor(private readonly idle: Store[]) {}
  static async open(store: Store, n: number): Promise<ReaderPool> {
    const readers: Store[] = [];
    for (let i = 0; i < n; i++) {
      const reader = await store.fork();
      // DuckDB re-reads a whole table by row id to fetch the columns of a small top-n ("late
      // materialization"); for one account's page the sorted index is cheaper (10 ms → 3 ms).
      await reader.connection.run('SET late_materialization_max_rows = 0');
      readers.push(reader);
    }
    return new ReaderPool(readers);
  }
  async with<T>(f: (s: Store) => Promise<T>): Promise<T> {
    const reader =
      this.idle.pop() ?? (await new Promise<Store>((resolve) => this.waiting.push(resolve)));
    try {
      return await f(reader);
    } finally {
      const next = this.waiting.shift();
      if (next) next(reader);
      else this.idle.push(reader);
    }
  }
  close(): void {
    for (const s of this.idle.splice(0)) s.close();
  }
}

/** Largest page any list returns. */
export const MAX_PAGE = 200;

const page = {
  offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 50 },
} as const;

/**
 * A route's answers: `ok` (its schema in api-schemas.ts, held to its type in api-types.ts) with
 * `status`, and the error object for refusals and failures.
 */
const answers = (ok: TSchema | null, status = 200) => ({
  ...(ok ? { [status]: ok } : {}),
  '4xx': S.ApiError,
  '5xx': S.ApiError,
});

/** The message of a request that failed its schema; names a refused property. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  const extra = (first?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
  if (first?.keyword !== 'additionalProperties' || typeof extra !== 'string') return error.message;
  const where = `${error.validationContext ?? 'request'}${first.instancePath}`;
  if (extra === 'reviewer' && error.validationContext === 'body')
    return `${where} must not have 'reviewer': the audit log records the analyst of the access token (GET /api/me says who that is)`;
  return `${where} must not have '${extra}'`;
}

/**
 * The log entry of a request that failed (5xx): one line of time, method, route, path and the
 * error's first line, then the rest of its message and its stack, indented. The query string is
 * left out: a download's may hold the access token.
 */
function failureLine(req: FastifyRequest, error: Error, now: number): string {
  const route = req.routeOptions.url ?? '(no route)';
  const path = req.url.split('?')[0] ?? '';
  const message = String(error).split('\n');
  const stack = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  const more = [...message.slice(1), ...stack].map((l) => `  ${l.trim()}`);
  const head = `${new Date(now).toISOString()} unmask serve: 500 ${req.method} ${route} (${path}): ${message[0] ?? ''}`;
  return [head, ...more].join('\n');
}

/** Builds the API over an open case (not listening; `app.inject` works without a port). */
export async function buildApp(store: Store, options: AppOptions): Promise<FastifyInstance> {
  await ensureWorkspaceIndex(store, options.onIndexBuild);
  await ensureLinkIndex(store);
  const operations = await readOperations(store);
  const keys = await loadAccountKeys(store);
  // Every account's first page, written beside the case once per change of it: a first visit
  // reads one record, not the index (null: the folder is read-only; pages come from the index).
  const pageFile = await AccountPageFile.open(store, keys, `${options.casePath}.pages`);
  const readers = await ReaderPool.open(store, READERS);
  // Evidence is found again from the posts (co-share signals keep no pairs): seconds on a loaded
  // machine, so it has a connection of its own and never holds the pages' readers.
  const evidenceReader = await ReaderPool.open(store, 1);
  const writes = await WriteQueue.open(store);
  // The latest decision per target, for the pages' review badges: read once, then kept current by
  // the decisions this server records (it is the case's only writer while it holds the file).
  const decisions = await currentDecisions(store);
  const clusterIds = await readClusterIds(store);
  // Pages read once and kept while the case is served: what they show changes only with the case,
  // and the server holds the case and writes nothing to it but decisions, which are added to a
  // page after the cache. The account page read from the index each time took 4 ms on an idle
  // machine and 36 ms on a loaded one; from the cache it is assembled in JS.
  const accountPages = new PageCache<AccountPageParts>();
  const clusterPages = new PageCache<ClusterPageParts>();
  const evidence = new PageCache<EvidenceResponse & { bytes: number }>();
  const clusterParts = (id: number, q: ClusterPages) =>
    clusterPages.get(`${id}:${q.offset}:${q.limit}:${q.edges}:${q.neighbours}`, () =>
      readers.with((r) => clusterPageParts(r, id, q)),
    );
  // The clusters' profiles for exports: the stored ones, or computed once in memory when the case
  // has none, never written from a GET (nothing else changes the case while it is served).
  let profilesOnce: Promise<GroupProfile[]> | null = null;
  const profiles = (conn: Store) =>
    (profilesOnce ??= ensureProfiles(conn, options.casePath, silentProgress, false).catch(
      (error: unknown) => {
        profilesOnce = null;
        throw error;
      },
    ));
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    // `additionalProperties: false` means refused, not silently dropped (Fastify's default strips
    // them): a client still sending a review's `reviewer` learns that the token decides it.
    ajv: { customOptions: { removeAdditional: false } },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'unmask workspace API', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error.validation)
      return reply.code(400).send({ error: 'bad request', message: validationMessage(error) });
    if (error instanceof NotFoundError)
      return reply.code(404).send({ error: 'not found', message: error.message });
    if (error instanceof InputError || error instanceof ConfigError)
      return reply.code(400).send({ error: 'bad request', message: error.message });
    if (error instanceof CaseLockedError)
      return reply.code(409).send({ error: 'conflict', message: error.message });
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: 'bad request', message: error.message });
    log(failureLine(req, error, options.now()));
    return reply
      .code(500)
      .send({ error: 'internal error', message: 'the server could not answer; see its log' });
  });

  app.addHook('onRequest', hostCheckHook(options.allowedHosts ?? allowedHostNames('127.0.0.1')));

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Every API route sits in this plugin, behind its auth hook: the hook runs for whatever the
  // router matched here, so no spelling of the path (`/%61pi/…`) reaches a route without it.
  await app.register(
    async (api) => {
      api.decorateRequest('reviewer', '');
      api.addHook('onRequest', apiAuthHook({ analysts: options.analysts }));
      api.get(
        '/me',
        {
          schema: {
            response: answers(S.ANSWERS['GET /me']),
          },
        },
        async (req): Promise<Me> => ({ reviewer: req.reviewer }),
      );
      api.get('/summary', { schema: { response: answers(S.ANSWERS['GET /summary']) } }, async () =>
        readers.with((r) => caseSummary(r)),
      );
      // The signal registry, for the UI's legends and colours (one declaration per signal).
      api.get(
        '/signals',
        { schema: { response: answers(S.ANSWERS['GET /signals']) } },
        async (): Promise<SignalList> => ({
          signals: SIGNALS.map((s) => ({
            name: s.name,
            description: s.description,
            family: s.family,
            tested: s.tested,
            colour: s.colour,
          })),
        }),
      );

      api.get(
        '/clusters',
        {
          schema: {
            querystring: {
              type: 'object',
              additionalProperties: false,
              properties: {
                ...page,
                sort: { type: 'string', enum: Object.keys(CLUSTER_SORTS), default: 'score' },
              },
            },
            response: answers(S.ANSWERS['GET /clusters']),
          },
        },
        async (req) => {
          const q = req.query as {
            offset: number;
            limit: number;
            sort: keyof typeof CLUSTER_SORTS;
          };
          return readers.with((r) => clustersPage(r, q.sort, q.offset, q.limit, decisions));
        },
      );

      api.get(
        '/clusters/:id',
        {
          schema: {
            params: {
              type: 'object',
              properties: { id: { type: 'integer', minimum: 0 } },
              required: ['id'],
            },
            querystring: {
              type: 'object',
              additionalProperties: false,
              properties: {
                ...page,
                edges: { type: 'integer', minimum: 0, maximum: 5000, default: 1000 },
                neighbours: { type: 'integer', minimum: 0, maximum: 1000, default: 200 },
              },
            },
            response: answers(S.ANSWERS['GET /clusters/:id']),
          },
        },
        async (req, reply) => {
          const { id } = req.params as { id: number };
          const q = req.query as ClusterPages;
          const parts = await clusterParts(id, q);
          if (!parts) throw new NotFoundError(`no cluster ${id}`);
          return reply.type('application/json; charset=utf-8').send(clusterPage(parts, decisions));
        },
      );

      api.get(
        '/accounts/:platform/:accountId',
        {
          schema: {
            params: {
              type: 'object',
              properties: {
                platform: { type: 'string', minLength: 1, maxLength: 64 },
                accountId: { type: 'string', minLength: 1, maxLength: 256 },
              },
              required: ['platform', 'accountId'],
            },
            querystring: {
              type: 'object',
              additionalProperties: false,
              properties: {
                ...page,
                edgeOffset: page.offset,
                edgeLimit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 100 },
                linkOffset: page.offset,
                linkLimit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 20 },
              },
            },
            response: answers(S.ANSWERS['GET /accounts/:platform/:accountId']),
          },
        },
        async (req, reply) => {
          const { platform, accountId } = req.params as { platform: string; accountId: string };
          const q = req.query as AccountPages;
          const key = [platform, accountId, q.offset, q.limit, q.edgeOffset, q.edgeLimit]
            .concat([q.linkOffset, q.linkLimit])
            .join('\u0000');
          const parts = await accountPages.get(key, async () => {
            const ak = accountKeyOf(keys, platform, accountId);
            const stored =
              pageFile && ak !== undefined && isFirstPage(q)
                ? pageFile.parts(ak, platform, accountId)
                : null;
            return stored ?? readers.with((r) => accountPageParts(r, keys, platform, accountId, q));
          });
          if (!parts) throw new NotFoundError(`no account ${platform}:${accountId}`);
          const operation =
            parts.clusterId === null ? null : (operations.ofCluster.get(parts.clusterId) ?? null);
          // The stored page is JSON text already; the decisions, links and operation go in beside.
          return reply
            .type('application/json; charset=utf-8')
            .send(accountPage(parts, decisions, operation));
        },
      );

      api.get(
        '/evidence',
        {
          schema: {
            querystring: {
              type: 'object',
              additionalProperties: false,
              required: ['signal', 'platformA', 'accountA', 'platformB', 'accountB'],
              properties: {
                signal: { type: 'string', maxLength: 64 },
                platformA: { type: 'string', maxLength: 64 },
                accountA: { type: 'string', maxLength: 256 },
                platformB: { type: 'string', maxLength: 64 },
                accountB: { type: 'string', maxLength: 256 },
              },
            },
            response: answers(S.ANSWERS['GET /evidence']),
          },
        },
        async (req): Promise<EvidenceResponse> => {
          const q = req.query as Record<string, string>;
          const args = [q.signal, q.platformA, q.accountA, q.platformB, q.accountB] as const;
          const found = await evidence.get(args.join('\u0000'), async () => {
            const e = await evidenceReader.with((r) => linkEvidence(r, ...args));
            return { ...e, bytes: 2 * JSON.stringify(e).length };
          });
          // Kept by the cache: a link's evidence is found again from the posts (co-share signals
          // keep no pairs), 0.2 s a time at 1M posts.
          return { pairs: found?.pairs ?? [], values: found?.values ?? [] };
        },
      );

      api.get(
        '/operations',
        {
          schema: {
            response: answers(S.ANSWERS['GET /operations']),
          },
        },
        async (): Promise<{ items: readonly OperationRow[] }> => ({ items: operations.list }),
      );

      api.get(
        '/operations/:name',
        {
          schema: {
            params: {
              type: 'object',
              properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
              required: ['name'],
            },
            response: answers(S.ANSWERS['GET /operations/:name']),
          },
        },
        async (req): Promise<OperationDetail> => {
          const { name } = req.params as { name: string };
          const op = operations.list.find((o) => o.name === name);
          if (!op) throw new NotFoundError(`no operation '${name}'`);
          // Each of its clusters as its own page shows it: members, inside links and the links to
          // the outside, of which those that end in another of its clusters are kept.
          const details: ClusterDetail[] = [];
          for (const id of op.clusters) {
            const parts = await clusterParts(id, {
              offset: 0,
              limit: MAX_PAGE,
              edges: 1000,
              neighbours: 1000,
            });
            if (parts) details.push(JSON.parse(clusterPage(parts, decisions)) as ClusterDetail);
          }
          const mine = new Set(op.clusters);
          return {
            name,
            clusters: details.map((d) => ({
              id: d.id,
              size: d.size,
              score: d.score,
              p_value: d.p_value,
              flagged: d.flagged,
              category: d.category,
              operation: d.operation,
              review: d.review,
            })),
            members: details.flatMap((d) => d.members.map((m) => ({ ...m, cluster: d.id }))),
            edges: details.flatMap((d) => d.edges),
            // Each link between two of its clusters is listed under both: kept once, from the
            // cluster with the smaller id.
            between: details.flatMap((d) =>
              d.neighbourhood.filter(
                (e) =>
                  e.cluster_a !== e.cluster_b &&
                  mine.has(e.cluster_a) &&
                  mine.has(e.cluster_b) &&
                  Math.min(e.cluster_a, e.cluster_b) === d.id,
              ),
            ),
          };
        },
      );

      api.get(
        '/search',
        {
          schema: {
            querystring: {
              type: 'object',
              additionalProperties: false,
              required: ['q'],
              properties: {
                q: { type: 'string', minLength: 1, maxLength: 200 },
                kind: { type: 'string', enum: [...SEARCH_KINDS], default: 'handle' },
                limit: page.limit,
              },
            },
            response: answers(S.ANSWERS['GET /search']),
          },
        },
        async (req) => {
          const q = req.query as { q: string; kind: (typeof SEARCH_KINDS)[number]; limit: number };
          return { items: await readers.with((r) => search(r, q.kind, q.q, q.limit, decisions)) };
        },
      );

      api.post(
        '/review',
        {
          schema: {
            body: {
              type: 'object',
              additionalProperties: false,
              required: ['action', 'target', 'rationale'],
              properties: {
                action: { type: 'string', enum: [...REVIEW_ACTIONS] },
                target: {
                  type: 'string',
                  pattern: '^(cluster:\\d+|account:[^:]+:.+)$',
                  maxLength: 400,
                },
                rationale: { type: 'string', minLength: 1, maxLength: 10_000 },
              },
            },
            response: answers(S.ANSWERS['POST /review'], 201),
          },
        },
        async (req, reply) => {
          const body = req.body as {
            action: (typeof REVIEW_ACTIONS)[number];
            target: string;
            rationale: string;
          };
          const isCluster = body.target.startsWith('cluster:');
          if (isCluster !== body.action.endsWith('-cluster'))
            throw new InputError(
              `action '${body.action}' does not apply to target '${body.target}'`,
            );
          if (isCluster) {
            // Checked against the ids read at start: a decision never waits for a reader.
            const id = Number(body.target.slice('cluster:'.length));
            if (!clusterIds.has(id)) throw new NotFoundError(`no cluster ${id}`);
          } else {
            const [, platform, ...rest] = body.target.split(':');
            if (!hasAccount(keys, platform as string, rest.join(':')))
              throw new NotFoundError(`no account ${platform}:${rest.join(':')}`);
          }
          // The reviewer is the analyst of the token, never a name the client sends. The time is
          // taken in turn, so the log's times follow its sequence.
          const decision = { ...body, reviewer: req.reviewer };
          const entry: AuditEntry = await writes.run(async (w) => {
            const e = await appendAudit(w, decision, options.now());
            decisions.set(e.target, e);
            return e;
          });
          return reply.code(201).send(entry);
        },
      );

      api.get(
        '/audit',
        {
          schema: {
            querystring: { type: 'object', additionalProperties: false, properties: page },
            response: answers(S.ANSWERS['GET /audit']),
          },
        },
        async (req): Promise<AuditPage> => {
          const q = req.query as { offset: number; limit: number };
          return readers.with(async (r) => ({
            items: await readAudit(r, q.offset, q.limit),
            verified: await verifyAudit(r),
          }));
        },
      );

      const downloads = {
        takedown: { format: 'takedown', file: 'takedown.csv', type: 'text/csv; charset=utf-8' },
        stix: { format: 'stix', file: 'bundle.stix.json', type: 'application/stix+json' },
        gexf: { format: 'gexf', file: 'network.gexf', type: 'application/gexf+xml' },
        graphml: { format: 'graphml', file: 'network.graphml', type: 'application/graphml+xml' },
        report: { format: 'report', file: 'report.html', type: 'text/html; charset=utf-8' },
      } as const;
      api.get(
        '/export/:what',
        {
          config: { queryToken: true } satisfies QueryTokenConfig,
          schema: {
            response: answers(S.ANSWERS['GET /export/:what']),
            params: {
              type: 'object',
              properties: { what: { type: 'string', enum: Object.keys(downloads) } },
              required: ['what'],
            },
          },
        },
        async (req, reply) => {
          const d = downloads[(req.params as { what: keyof typeof downloads }).what];
          const dir = mkdtempSync(join(tmpdir(), 'unmask-export-'));
          // A connection of its own: an export stages temporary tables, and may run long.
          const conn = await store.fork();
          try {
            const out = join(dir, d.file);
            if (d.format === 'report')
              await writeReport(conn, options.casePath, out, silentProgress, await profiles(conn));
            else if (d.format === 'gexf' || d.format === 'graphml')
              await writeExport(conn, options.casePath, d.format, out, silentProgress);
            else
              await writeExport(
                conn,
                options.casePath,
                d.format,
                out,
                silentProgress,
                'significant',
                await profiles(conn),
              );
            return reply
              .type(d.type)
              .header('content-disposition', `attachment; filename="${d.file}"`)
              .send(readFileSync(out));
          } finally {
            conn.close();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      );
    },
    { prefix: '/api' },
  );

  // The web UI, built by `npm run build` into dist/web (served when present).
  const here = dirname(fileURLToPath(import.meta.url));
  const web = [join(here, '..', 'web'), join(here, '..', '..', 'dist', 'web')].find((d) =>
    existsSync(join(d, 'index.html')),
  );
  if (web) await app.register(fastifyStatic, { root: web, prefix: '/' });
  else
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('unmask API: the web UI is not built (npm run build)'),
    );

  app.addHook('onClose', async () => {
    readers.close();
    evidenceReader.close();
    pageFile?.close();
    await writes.close();
  });
  await app.ready();
  return app;
}
