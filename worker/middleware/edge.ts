import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { checkEnv, misconfiguration } from '../env';
import { AppError } from '../errors';
import { nl } from '../../schema/i18n/nl';

/**
 * The edge of the app: the environment is parsed once (per isolate) and every handler after this
 * sees the parsed one. A Worker without what it needs (a binding, ADMIN_TOKEN, PUBLIC_URL outside
 * local development) answers 503 and says why in its log, on every request, until it is fixed. A
 * request for another host than PUBLIC_URL's is refused (421): no link, mail or passkey ceremony is
 * ever made for a host that an attacker chose.
 */
export const edge = createMiddleware<AppEnv>(async (c, next) => {
  const check = checkEnv(c.env);
  if (!check.ok) {
    console.error(misconfiguration(check.problems));
    throw new AppError(503, 'Service Unavailable', nl.security.misconfigured);
  }
  c.env = check.env;
  if (check.env.PUBLIC_URL && new URL(c.req.url).host !== new URL(check.env.PUBLIC_URL).host) {
    throw new AppError(421, 'Misdirected Request', nl.security.wrongHost);
  }
  await next();
});
