import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../worker/app';
import type { Env } from '../../worker/env';
import type { ApiResult } from './api';

/**
 * Local development (`npm start`): the only environment with the local mailbox and the demo
 * sign-in. The tests otherwise run as a deployment does (ENVIRONMENT=test behaves as production).
 */
export const DEVELOPMENT: Partial<Env> = { ENVIRONMENT: 'development' };

/** The test bindings as local development has them (for services called directly: delivery, the cron). */
export const developmentEnv = { ...env, ...DEVELOPMENT } as unknown as Env;

/** A request to the Worker running in local development. */
export async function fetchInDevelopment(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(`https://app.test${path}`, { redirect: 'manual', ...init }), developmentEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A GET of the local mailbox's JSON API (only in local development). */
export async function mailbox<T = any>(path: string): Promise<ApiResult<T>> {
  const res = await fetchInDevelopment(path);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}
