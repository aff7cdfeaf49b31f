import { nl } from '../schema/i18n/nl';

import type { FieldError } from '../schema/zod';
export type { FieldError };

/** A domain error that maps to an RFC 9457 problem answer. One error path for the whole Worker. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const unauthorized = () => new AppError(401, 'Unauthorized', nl.problems.unauthorized);
export const forbidden = (detail: string = nl.problems.forbidden) => new AppError(403, 'Forbidden', detail);
export const notFound = () => new AppError(404, 'Not Found', nl.problems.notFound);
export const conflict = (detail: string = nl.problems.conflict, extra: Record<string, unknown> = {}) =>
  new AppError(409, 'Conflict', detail, extra);
export const invalid = (errors: FieldError[], detail: string = nl.problems.validation) =>
  new AppError(422, 'Unprocessable Content', detail, { errors });
export const unavailable = () => new AppError(503, 'Service Unavailable', nl.problems.unavailable);

export function problemBody(err: AppError, instance?: string) {
  return {
    type: `https://wederwoord.example/problems/${err.status}`,
    title: err.title,
    status: err.status,
    detail: err.detail,
    ...(instance ? { instance } : {}),
    ...err.extra,
  };
}

export function problemResponse(err: AppError, instance?: string): Response {
  return new Response(JSON.stringify(problemBody(err, instance)), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}

/**
 * What D1 says when a retry may cure the failure (Cloudflare's "List of D1_ERRORs": overload,
 * network loss, a reset of the database's Durable Object). Matched on these phrases only, so that
 * a query error that merely mentions a column like `reset_at` stays a 500.
 */
const TRANSIENT_D1 = [
  /Network connection lost/i,
  /D1 DB is overloaded/i,
  /caused object to be reset/i,
  /reset because its code was updated/i,
  /storage operation exceeded timeout/i,
  /Cannot resolve D1 DB due to transient issue/i,
  /^(D1_ERROR: )?internal error(;|\.|$)/i,
  // The public search index dropped for an SQL export (docs/publication.md): back after the rebuild.
  /no such table: public_search\b/,
];

/** Whether `err` (or what it wraps: drizzle wraps D1's error as the `cause`) is a transient D1 error: answered as 503. */
export function isTransientD1Error(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // drizzle's wrapper repeats the query and its parameters (user text) in its message: only what it wraps counts.
    if (typeof e === 'object' && 'query' in e && 'params' in e) continue;
    const message = e instanceof Error ? e.message : String(e);
    if (TRANSIENT_D1.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}
