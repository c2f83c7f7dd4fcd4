// Routes of the clusters: the list and one cluster's page.
import type { FastifyInstance } from 'fastify';

import { NotFoundError } from '../core/index.js';
import * as S from './api-schemas.js';
import type { ServerContext } from './context.js';
import { answers, page } from './route-parts.js';
import type { ClusterPages } from './server.sql.js';
import { CLUSTER_SORTS, clusterPage, clustersPage } from './server.sql.js';

/** GET /clusters and /clusters/:id. */
export function clusterRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { readers, decisions, clusterParts } = ctx;
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
}
