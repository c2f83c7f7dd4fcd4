// Routes of the analysts' decisions: recording one (through the writer queue) and the audit log.
import type { FastifyInstance } from 'fastify';

import { InputError, NotFoundError } from '../core/index.js';
import { appendAudit, readAudit, REVIEW_ACTIONS, verifyAudit } from '../store/index.js';
import * as S from './api-schemas.js';
import type { AuditEntry, AuditPage } from './api-types.js';
import type { ServerContext } from './context.js';
import { answers, page } from './route-parts.js';
import { hasAccount } from './server.sql.js';

/** POST /review and GET /audit. */
export function reviewRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { readers, writes, decisions, clusterIds, keys, options } = ctx;
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
        throw new InputError(`action '${body.action}' does not apply to target '${body.target}'`);
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
}
