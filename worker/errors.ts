import { nl } from '../schema/i18n/nl';

export type FieldError = { path: string; message: string };

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

/** D1 errors that a retry may cure (overload, reset, timeouts): answered as 503. */
export function isTransientD1Error(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /D1_ERROR.*(overloaded|reset|timed? ?out|network connection|internal error|storage operation exceeded|Cannot resolve D1)|Network connection lost|D1 DB is overloaded|Memory limit would be exceeded/i.test(
    message,
  );
}
