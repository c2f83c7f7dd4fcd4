// The workspace's HTTP API (Fastify): JSON with a schema on every route, an OpenAPI description,
// paged and bounded reads, review decisions into the hash-chained audit log through one writer,
// export downloads that leave the case as it is. The routes live in routes-*.ts, what they share
// in context.ts.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';

import type { Store } from '../store/index.js';
import { allowedHostNames, apiAuthHook, hostCheckHook } from './auth.js';
import { type AppOptions, openContext, type ServerContext } from './context.js';
import { errorHandler } from './http-errors.js';
import { accountRoutes, evidenceRoutes } from './routes-accounts.js';
import { caseRoutes, operationRoutes } from './routes-case.js';
import { clusterRoutes } from './routes-clusters.js';
import { exportRoutes } from './routes-export.js';
import { reviewRoutes } from './routes-review.js';

export type { AppOptions } from './context.js';
export { MAX_PAGE } from './route-parts.js';

/** Builds the API over an open case (not listening; `app.inject` works without a port). */
export async function buildApp(store: Store, options: AppOptions): Promise<FastifyInstance> {
  const ctx = await openContext(store, options);
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
  app.setErrorHandler(errorHandler(log, options.now));
  app.addHook('onRequest', hostCheckHook(options.allowedHosts ?? allowedHostNames('127.0.0.1')));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(async (api) => apiRoutes(api, ctx), { prefix: '/api' });
  await webRoutes(app);
  app.addHook('onClose', () => ctx.close());
  await app.ready();
  return app;
}

/**
 * Every API route, behind its auth hook: the hook runs for whatever the router matched in this
 * plugin, so no spelling of the path (`/%61pi/…`) reaches a route without it.
 */
function apiRoutes(api: FastifyInstance, ctx: ServerContext): void {
  api.decorateRequest('reviewer', '');
  api.addHook('onRequest', apiAuthHook({ analysts: ctx.options.analysts }));
  caseRoutes(api, ctx);
  clusterRoutes(api, ctx);
  accountRoutes(api, ctx);
  evidenceRoutes(api, ctx);
  operationRoutes(api, ctx);
  reviewRoutes(api, ctx);
  exportRoutes(api, ctx);
}

/** The web UI, built by `npm run build` into dist/web (served when present). */
async function webRoutes(app: FastifyInstance): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const web = [join(here, '..', 'web'), join(here, '..', '..', 'dist', 'web')].find((d) =>
    existsSync(join(d, 'index.html')),
  );
  if (web) await app.register(fastifyStatic, { root: web, prefix: '/' });
  else
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('unmask API: the web UI is not built (npm run build)'),
    );
}
