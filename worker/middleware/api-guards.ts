import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
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
