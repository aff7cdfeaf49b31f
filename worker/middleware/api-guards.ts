import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context';
import { AppError, invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { MAX_IMPORT_BYTES } from '../../schema/imports';

export const MAX_BODY_BYTES = 1024 * 1024;
/** An advice letter to import (Word, PDF, text) may be up to 10 MiB. */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_BYTES;
/** The one API route whose body is a file's raw bytes rather than JSON. */
const RAW_UPLOAD = /^\/api\/v1\/organisations\/[^/]+\/imports$/;
/** Web forms that carry such a file (multipart): the file, and a little room for the form around it. */
const WEB_UPLOAD = /^\/adviezen\/(registreren|nieuw\/document)$/;
export const isRawUpload = (method: string, path: string) => method === 'POST' && RAW_UPLOAD.test(path);

const limitJson = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError(413, 'Content Too Large', nl.problems.tooLarge);
  },
});
const limitUpload = (extra: number) =>
  bodyLimit({
    maxSize: MAX_UPLOAD_BYTES + extra,
    onError: () => {
      throw new AppError(413, 'Content Too Large', nl.imports.problems.tooLarge);
    },
  });
const limitRawUpload = limitUpload(0);
const limitFormUpload = limitUpload(64 * 1024);

/** 1 MiB for every body, except a letter uploaded to import (10 MiB). */
export const limitBody = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'POST' && RAW_UPLOAD.test(c.req.path)) return limitRawUpload(c, next);
  if (c.req.method === 'POST' && WEB_UPLOAD.test(c.req.path)) return limitFormUpload(c, next);
  return limitJson(c, next);
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** API writes carry JSON or nothing: anything else is 415. (An import checks its file's type itself.) */
export const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  if (WRITE_METHODS.has(c.req.method) && !isRawUpload(c.req.method, c.req.path)) {
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
