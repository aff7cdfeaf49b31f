import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { authorizeAdvice, authorizeConsultation, checkRoutePolicy, type AdviceAction, type ConsultationAction, type RoutePolicy } from './policy';
import { refuseBody } from './middleware/api-guards';
import { authenticate, type Caller } from './middleware/authenticate';
import { idempotency } from './middleware/idempotency';
import type { AdviceLoad, ConsultationLoad } from '../schema/loads';
import { visibleDossier } from '../schema/dossier-view';
import { notFound } from './errors';

/**
 * Who may call a route, and what it needs loaded: nothing, or (for a route on one record, `:id`)
 * a dossier's row or the whole dossier, a consultation's row or the whole consultation, allowed
 * for `action` by the policy before the handler runs. What is named here is read in the same D1
 * batch as the caller's credential, and nothing else (services/loads.ts).
 */
export type Access =
  | RoutePolicy
  | { policy: RoutePolicy; load: AdviceLoad; action: AdviceAction }
  | { policy: RoutePolicy; load: ConsultationLoad; action: ConsultationAction };

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

const enforcePolicy = (policy: RoutePolicy) =>
  createMiddleware<AppEnv>(async (c, next) => {
    checkRoutePolicy(policy, c.get('principal') ?? null, c.req.param('slug'));
    await next();
  });

/** The dossier the route loaded, allowed for `action` (404 unless the caller may know it, 403 unless the role may act). */
const allowDossier = (action: AdviceAction) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const loaded = c.var.loaded;
    if (!loaded?.row) throw notFound();
    const p = authorizeAdvice(c.var.principal, loaded.row, action);
    c.set('advice', loaded.row);
    // Council roles read no draft of the answer, on any surface (schema/dossier-view.ts).
    if (loaded.dossier) c.set('dossier', visibleDossier(loaded.dossier, p.role));
    await next();
  });

/** The consultation the route loaded, allowed for `action` (404 unless the caller may know it, 403 unless the role may act). */
const allowConsultation = (action: ConsultationAction) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const loaded = c.var.loaded;
    if (!loaded?.consultation) throw notFound();
    authorizeConsultation(c.var.principal, loaded.consultation, action);
    c.set('consultation', loaded.consultation);
    if (loaded.consultationRead) c.set('consultationRead', loaded.consultationRead);
    await next();
  });

function allowLoaded(access: Exclude<Access, RoutePolicy>) {
  switch (access.load) {
    case 'advice':
    case 'dossier':
      return allowDossier(access.action);
    case 'consultationRow':
    case 'consultation':
      return allowConsultation(access.action);
  }
}

/**
 * The middleware every route starts with, in this order: who is calling (and what the route loads),
 * the route policy, the dossier's rules, and for API writes the Idempotency-Key.
 */
export function accessChain(caller: Caller, method: string, path: string, access: Access): MiddlewareHandler<AppEnv>[] {
  const policy = typeof access === 'string' ? access : access.policy;
  declarePolicy(method, path, policy);
  const isApiWrite = caller === 'api' && ['post', 'put', 'patch', 'delete'].includes(method.toLowerCase());
  const allow = typeof access === 'string' ? [] : [allowLoaded(access)];
  return [authenticate(caller, typeof access === 'string' ? undefined : access.load), enforcePolicy(policy), ...allow, ...(isApiWrite ? [idempotency] : [])];
}

/** Documents the header that the idempotency middleware honours on API writes. */
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Repeating a write with the same key and body returns the first answer and changes nothing (API.md).' }),
});

/** An OpenAPI route of the JSON API with its access checked before anything else. */
export function apiRoute<R extends RouteConfig>(access: Access, config: R): R {
  const policy = typeof access === 'string' ? access : access.policy;
  const middleware = config.middleware ? (Array.isArray(config.middleware) ? config.middleware : [config.middleware]) : [];
  const isWrite = ['post', 'put', 'patch'].includes(config.method);
  return createRoute({
    // The document says which routes need the bearer token, from the same policy that enforces it.
    security: policy === 'public' ? [] : [{ bearer: [] }],
    ...config,
    request: isWrite && !config.request?.headers ? { ...config.request, headers: idempotencyHeader } : config.request,
    // A write without a declared body refuses one with fields (no silently ignored input).
    middleware: [...accessChain('api', config.method, config.path, access), ...middleware, ...(isWrite && !config.request?.body ? [refuseBody] : [])],
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
