// The workspace's HTTP API (Fastify): JSON with a schema on every route, an OpenAPI description,
// paged and bounded reads, review decisions into the hash-chained audit log through one writer,
// export downloads that leave the case as it is.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';

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
import { accountLinks, ensureLinkIndex } from './account-links.sql.js';
import type {
  AccountLink,
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
import type { AccountPages, ClusterPages } from './server.sql.js';
import {
  accountDetail,
  caseSummary,
  CLUSTER_SORTS,
  clusterDetail,
  clustersPage,
  hasAccount,
  loadAccountKeys,
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
}

/** Connections that answer read requests side by side (DuckDB runs each on its own thread). */
const READERS = 4;

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
const anyObject = { type: 'object', additionalProperties: true } as const;

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

/** Builds the API over an open case (not listening; `app.inject` works without a port). */
export async function buildApp(store: Store, options: AppOptions): Promise<FastifyInstance> {
  await ensureWorkspaceIndex(store, options.onIndexBuild);
  await ensureLinkIndex(store);
  const operations = await readOperations(store);
  const keys = await loadAccountKeys(store);
  const readers = await ReaderPool.open(store, READERS);
  const writes = await WriteQueue.open(store);
  // The latest decision per target, for the pages' review badges: read once, then kept current by
  // the decisions this server records (it is the case's only writer while it holds the file).
  const decisions = await currentDecisions(store);
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

  app.setErrorHandler((error: FastifyError, _req, reply) => {
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
            response: {
              200: {
                type: 'object',
                properties: { reviewer: { type: 'string' } },
                required: ['reviewer'],
              },
            },
          },
        },
        async (req): Promise<Me> => ({ reviewer: req.reviewer }),
      );
      api.get('/summary', { schema: { response: { 200: anyObject } } }, async () =>
        readers.with((r) => caseSummary(r)),
      );
      // The signal registry, for the UI's legends and colours (one declaration per signal).
      api.get(
        '/signals',
        { schema: { response: { 200: anyObject } } },
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
            response: {
              200: {
                type: 'object',
                properties: {
                  total: { type: 'integer' },
                  items: { type: 'array', items: anyObject },
                },
              },
            },
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
            response: { 200: anyObject },
          },
        },
        async (req, reply) => {
          const { id } = req.params as { id: number };
          const q = req.query as ClusterPages;
          const detail = await readers.with((r) => clusterDetail(r, id, q, decisions));
          if (!detail) throw new NotFoundError(`no cluster ${id}`);
          return reply.type('application/json; charset=utf-8').send(detail);
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
            response: { 200: anyObject },
          },
        },
        async (req, reply) => {
          const { platform, accountId } = req.params as { platform: string; accountId: string };
          const q = req.query as AccountPages & { linkOffset: number; linkLimit: number };
          const [detail, links] = await readers.with(async (r) => [
            await accountDetail(r, keys, platform, accountId, q, decisions),
            await accountLinks(
              r,
              keys,
              platform,
              accountId,
              { offset: q.linkOffset, limit: q.linkLimit },
              decisions,
            ),
          ]);
          if (!detail || !links) throw new NotFoundError(`no account ${platform}:${accountId}`);
          // The stored page is JSON text already (accountDetail); the links and the operation of
          // its cluster go in beside its fields.
          const cluster = /"membership":\{"cluster_id":(\d+)/.exec(detail)?.[1];
          const more: { links: AccountLink[]; linksTotal: number; operation: string | null } = {
            links: links.items,
            linksTotal: links.total,
            operation:
              cluster === undefined ? null : (operations.ofCluster.get(Number(cluster)) ?? null),
          };
          return reply
            .type('application/json; charset=utf-8')
            .send(`${detail.slice(0, -1)},${JSON.stringify(more).slice(1)}`);
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
            response: {
              200: {
                type: 'object',
                properties: {
                  pairs: { type: 'array', items: anyObject },
                  values: { type: 'array', items: anyObject },
                },
              },
            },
          },
        },
        async (req): Promise<EvidenceResponse> => {
          const q = req.query as Record<string, string>;
          return readers.with((r) =>
            linkEvidence(
              r,
              q.signal as string,
              q.platformA as string,
              q.accountA as string,
              q.platformB as string,
              q.accountB as string,
            ),
          );
        },
      );

      api.get(
        '/operations',
        {
          schema: {
            response: {
              200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } },
            },
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
            response: { 200: anyObject },
          },
        },
        async (req): Promise<OperationDetail> => {
          const { name } = req.params as { name: string };
          const op = operations.list.find((o) => o.name === name);
          if (!op) throw new NotFoundError(`no operation '${name}'`);
          // Each of its clusters as its own page shows it: members, inside links and the links to
          // the outside, of which those that end in another of its clusters are kept.
          const details = await readers.with(async (r) => {
            const out: ClusterDetail[] = [];
            for (const id of op.clusters) {
              const d = await clusterDetail(
                r,
                id,
                { offset: 0, limit: MAX_PAGE, edges: 1000, neighbours: 1000 },
                decisions,
              );
              if (d) out.push(JSON.parse(d) as ClusterDetail);
            }
            return out;
          });
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
            response: {
              200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } },
            },
          },
        },
        async (req) => {
          const q = req.query as { q: string; kind: (typeof SEARCH_KINDS)[number]; limit: number };
          return { items: await readers.with((r) => search(r, q.kind, q.q, q.limit)) };
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
            response: { 201: anyObject },
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
            const id = Number(body.target.slice('cluster:'.length));
            const known = await readers.with((r) =>
              clusterDetail(r, id, { offset: 0, limit: 1, edges: 0, neighbours: 0 }),
            );
            if (!known) throw new NotFoundError(`no cluster ${id}`);
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
            response: {
              200: {
                type: 'object',
                properties: { items: { type: 'array', items: anyObject }, verified: anyObject },
              },
            },
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
    await writes.close();
  });
  await app.ready();
  return app;
}
