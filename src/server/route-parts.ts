// What the routes' schemas share: page bounds and the answers' schemas with the error object.
import type { TSchema } from '@sinclair/typebox';

import * as S from './api-schemas.js';

/** Largest page any list returns. */
export const MAX_PAGE = 200;

/** A page's query properties (offset and limit). */
export const page = {
  offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 50 },
} as const;

/**
 * A route's answers: `ok` (its schema in api-schemas.ts, held to its type in api-types.ts) with
 * `status`, and the error object for refusals and failures.
 */
export const answers = (ok: TSchema | null, status = 200) => ({
  ...(ok ? { [status]: ok } : {}),
  '4xx': S.ApiError,
  '5xx': S.ApiError,
});
