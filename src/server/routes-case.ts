// Routes about the case as a whole: who is asking, its summary, its signals, its operations and
// search.
import type { FastifyInstance } from 'fastify';

import { NotFoundError } from '../core/index.js';
import { SIGNALS } from '../signals/index.js';
import * as S from './api-schemas.js';
import type { ClusterDetail, Me, OperationDetail, OperationRow, SignalList } from './api-types.js';
import type { ServerContext } from './context.js';
import { answers, MAX_PAGE, page } from './route-parts.js';
import { caseSummary, clusterPage, search, SEARCH_KINDS } from './server.sql.js';

/** GET /me, /summary, /signals and /search. */
export function caseRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { readers, decisions } = ctx;
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
}

/** GET /operations and /operations/:name (its clusters drawn together). */
export function operationRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { operations, decisions, clusterParts } = ctx;
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
}
