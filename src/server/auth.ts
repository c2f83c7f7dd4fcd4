// Who may talk to the workspace: a bearer token checked on the routed API (not on the raw URL
// string), in constant time, that names the analyst; and a Host header check against DNS rebinding.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { ConfigError } from '../core/index.js';

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

/** An analyst of the workspace: the reviewer name the audit log records, and their access token. */
export interface Analyst {
  readonly name: string;
  readonly token: string;
}

/** A token of at least 16 visible ASCII characters, or a ConfigError naming where it came from. */
export function checkedToken(token: string, source: string): string {
  if (!/^[\x21-\x7e]{16,}$/.test(token))
    throw new ConfigError(
      `${source}: an access token needs at least 16 visible ASCII characters, no spaces`,
    );
  return token;
}

/** A reviewer name (trimmed, 1–100 characters, no control characters), or a ConfigError. */
export function checkedReviewer(name: string, source: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 100 || /\p{Cc}/u.test(n))
    throw new ConfigError(
      `${source}: a reviewer name needs 1 to 100 characters and no control characters`,
    );
  return n;
}

/**
 * The analyst whose token `given` is, or null. Every token is compared, each in constant time, so
 * the time taken does not say which one (or whether any) matched.
 */
export function analystFor(
  given: string | undefined,
  analysts: readonly Analyst[],
): Analyst | null {
  if (given === undefined) return null;
  let found: Analyst | null = null;
  for (const a of analysts) if (tokenMatches(given, a.token) && found === null) found = a;
  return found;
}

/** Options of {@link apiAuthHook}. */
export interface AuthOptions {
  /** The analysts; every API request must carry one of their tokens. */
  readonly analysts: readonly Analyst[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The analyst the request's token stands for (set by {@link apiAuthHook} on API routes). */
    reviewer: string;
  }
}

/** Route config of a route that also takes the token as `?token=` (downloads: a link has no header). */
export interface QueryTokenConfig {
  readonly queryToken?: boolean;
}

/**
 * An onRequest hook for the routes of the API plugin: 401 unless the request carries an analyst's
 * token; sets `req.reviewer` to that analyst's name. Registered inside the plugin that holds the
 * routes, so it runs for every route the router matched there, however the path was spelled
 * (`/%61pi/summary` is routed to `/api/summary`). The plugin decorates requests with `reviewer`.
 */
export function apiAuthHook(options: AuthOptions) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const fromHeader = bearerToken(req.headers.authorization);
    const fromQuery = (req.routeOptions.config as QueryTokenConfig).queryToken
      ? (req.query as { token?: unknown } | undefined)?.token
      : undefined;
    const analyst =
      analystFor(fromHeader, options.analysts) ??
      (typeof fromQuery === 'string' ? analystFor(fromQuery, options.analysts) : null);
    if (analyst) {
      req.reviewer = analyst.name;
      return;
    }
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
