import type { Hono, Handler } from 'hono';
import type { AppEnv } from '../../context';
import { declarePolicy, enforcePolicy } from '../../routing';
import type { RoutePolicy } from '../../policy';

export type WebApp = Hono<AppEnv, any, any>;

/** A web page route: its policy is declared for the route table and checked before the handler. */
export function webRoute(app: WebApp, method: 'get' | 'post', path: string, policy: RoutePolicy, handler: Handler<AppEnv>) {
  declarePolicy(method, path, policy);
  app.on(method.toUpperCase(), path, enforcePolicy(policy), handler);
}

export const isWebPath = (pathname: string) => !pathname.startsWith('/api/');
