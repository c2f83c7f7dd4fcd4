// Who may talk to the workspace: a bearer token checked on the routed API (not on the raw URL
// string), in constant time, and a Host header check against DNS rebinding.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

/** A new access token: 32 random bytes, URL-safe base64 (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether `given` equals `expected`, in time that does not depend on where they differ (both are
 * hashed first, so their lengths leak nothing either).
 */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer …` header; undefined for any other header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return m ? m[1] : undefined;
}

/** Options of {@link apiAuthHook}. */
export interface AuthOptions {
  /** The token every API request must carry. */
  readonly token: string;
}

/** Route config of a route that also takes the token as `?token=` (downloads: a link has no header). */
export interface QueryTokenConfig {
  readonly queryToken?: boolean;
}

/**
 * An onRequest hook for the routes of the API plugin: 401 unless the request carries the token.
 * Registered inside the plugin that holds the routes, so it runs for every route the router
 * matched there, however the path was spelled (`/%61pi/summary` is routed to `/api/summary`).
 */
export function apiAuthHook(options: AuthOptions) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const fromHeader = bearerToken(req.headers.authorization);
    const fromQuery = (req.routeOptions.config as QueryTokenConfig).queryToken
      ? (req.query as { token?: unknown } | undefined)?.token
      : undefined;
    if (
      tokenMatches(fromHeader, options.token) ||
      (typeof fromQuery === 'string' && tokenMatches(fromQuery, options.token))
    )
      return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .send({ error: 'unauthorized', message: 'send Authorization: Bearer <token>' });
  };
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The host name of a Host header, lower-cased, without port or IPv6 brackets. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : null;
  }
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * The host names a request may name in its Host header: the listen address, the loopback names
 * when it listens on loopback or on every address, and those the user allowed.
 */
export function allowedHostNames(listenHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(extra.map((h) => hostName(h) ?? h.toLowerCase()));
  const listen = hostName(listenHost.includes(':') ? `[${listenHost}]` : listenHost);
  const anyAddress = listen === '0.0.0.0' || listen === '::';
  if (listen && !anyAddress) names.add(listen);
  if (
    anyAddress ||
    (listen !== null && LOOPBACK_NAMES.includes(listen)) ||
    listen?.startsWith('127.')
  )
    for (const n of LOOPBACK_NAMES) names.add(n);
  return names;
}

/**
 * An onRequest hook for every request: 421 when the Host header names a host this server was not
 * started for. A page on another site that rebinds its name to 127.0.0.1 sends its own name.
 */
export function hostCheckHook(allowed: ReadonlySet<string>) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const name = hostName(req.headers.host);
    if (name !== null && allowed.has(name)) return;
    await reply.code(421).send({
      error: 'misdirected request',
      message: `host '${req.headers.host ?? ''}' is not served here; start with --allowed-host to add it`,
    });
  };
}
