// How the API answers what goes wrong: refusals as 4xx with a message, failures as a 500 with a
// generic message and a log entry naming the route and the error.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { CaseLockedError, ConfigError, InputError, NotFoundError } from '../core/index.js';

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

/**
 * The API's error handler: schema failures, missing things and bad input as 4xx with a message,
 * anything else as a 500 that says nothing of the case, logged through `log` with the time `now`.
 */
export function errorHandler(log: (line: string) => void, now: () => number) {
  return (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
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
    log(failureLine(req, error, now()));
    return reply
      .code(500)
      .send({ error: 'internal error', message: 'the server could not answer; see its log' });
  };
}
