// Routes of an account's "why": its page (the first one from the page file when there is one)
// and the evidence of one of its links.
import type { FastifyInstance } from 'fastify';

import { NotFoundError } from '../core/index.js';
import { isFirstPage } from './account-page-file.js';
import * as S from './api-schemas.js';
import type { EvidenceResponse } from './api-types.js';
import type { ServerContext } from './context.js';
import { linkEvidence } from './evidence.sql.js';
import { answers, MAX_PAGE, page } from './route-parts.js';
import type { AccountPages } from './server.sql.js';
import { accountKeyOf, accountPage, accountPageParts } from './server.sql.js';

/** GET /accounts/:platform/:accountId. */
export function accountRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { readers, decisions, keys, firstPages, accountPages, operations } = ctx;
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
        const file = firstPages.current;
        const stored =
          file && ak !== undefined && isFirstPage(q) ? file.parts(ak, platform, accountId) : null;
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
}

/** GET /evidence: a link's shared posts or values. */
export function evidenceRoutes(api: FastifyInstance, ctx: ServerContext): void {
  const { evidenceReader, evidence } = ctx;
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
}
