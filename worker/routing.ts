import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { checkRoutePolicy, type RoutePolicy } from './policy';
import { refuseBody } from './middleware/api-guards';

/**
 * Every route of the Worker declares its policy here; the route-table test fails for a route
 * registered without one. Keys are `METHOD /hono/:path`.
 */
export const routePolicies = new Map<string, RoutePolicy>();

export const toHonoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export function declarePolicy(method: string, path: string, policy: RoutePolicy) {
  const key = `${method.toUpperCase()} ${toHonoPath(path)}`;
  const existing = routePolicies.get(key);
  if (existing && existing !== policy) throw new Error(`route ${key} declared with two policies`);
  routePolicies.set(key, policy);
}

export const enforcePolicy = (policy: RoutePolicy) =>
  createMiddleware<AppEnv>(async (c, next) => {
    checkRoutePolicy(policy, c.get('principal') ?? null, c.req.param('slug'));
    await next();
  });

/** Documents the header that the idempotency middleware honours on API writes. */
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Repeating a write with the same key and body returns the first answer and changes nothing (API.md).' }),
});

/** An OpenAPI route of the JSON API with its policy checked before anything else. */
export function apiRoute<R extends RouteConfig>(policy: RoutePolicy, config: R): R {
  declarePolicy(config.method, config.path, policy);
  const middleware = config.middleware ? (Array.isArray(config.middleware) ? config.middleware : [config.middleware]) : [];
  const isWrite = ['post', 'put', 'patch'].includes(config.method);
  return createRoute({
    // The document says which routes need the bearer token, from the same policy that enforces it.
    security: policy === 'public' ? [] : [{ bearer: [] }],
    ...config,
    request: isWrite && !config.request?.headers ? { ...config.request, headers: idempotencyHeader } : config.request,
    // A write without a declared body refuses one with fields (no silently ignored input).
    middleware: [enforcePolicy(policy), ...middleware, ...(isWrite && !config.request?.body ? [refuseBody] : [])],
  }) as R;
}

/** Standard problem+json responses for the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    ]),
  );

export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
export const jsonResponse = <T>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
