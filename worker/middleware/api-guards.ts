import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context';
import { AppError, invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';

export const MAX_BODY_BYTES = 1024 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError(413, 'Content Too Large', nl.problems.tooLarge);
  },
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** API writes carry JSON or nothing: anything else is 415. */
export const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  if (WRITE_METHODS.has(c.req.method)) {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (hasBody && type !== 'application/json' && !(type.startsWith('application/') && type.endsWith('+json'))) {
      throw new AppError(415, 'Unsupported Media Type', nl.problems.unsupportedMediaType);
    }
  }
  await next();
});

/**
 * For writes that take no body (submit, request-approval, approve): a body with fields is
 * refused like any unknown field, so that `{ "reference": … }` is not silently ignored. No body
 * or `{}` is fine.
 */
export const refuseBody = createMiddleware<AppEnv>(async (c, next) => {
  const text = (await c.req.text()).trim();
  if (text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalid([{ path: '', message: nl.problems.invalidJson }], nl.problems.invalidJson);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid([{ path: '', message: nl.fields.noBody }]);
    const keys = Object.keys(parsed);
    if (keys.length) throw invalid(keys.map((path) => ({ path, message: nl.fields.unknownField })));
  }
  await next();
});
