import type { Hono, Handler } from 'hono';
import type { AppEnv } from '../../context';
import { accessChain, type Access } from '../../routing';

export type WebApp = Hono<AppEnv, any, any>;

/** A web page route: who may call it and what it loads are declared here and checked before the handler. */
export function webRoute(app: WebApp, method: 'get' | 'post', path: string, access: Access, handler: Handler<AppEnv>) {
  app.on(method.toUpperCase(), [path], ...accessChain('web', method, path, access), handler);
}

export const isWebPath = (pathname: string) => !pathname.startsWith('/api/');
