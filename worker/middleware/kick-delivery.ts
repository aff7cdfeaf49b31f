import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { deliverDue } from '../services/mail-delivery';
import { queuedMail } from '../services/mail-queue';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * After a successful write that queued mail, deliver what is due in the background, so that the
 * mail goes out in seconds rather than at the next cron run. Only a speed-up: the cron delivers
 * anything this misses (retries too), and claims keep the two from sending a row twice. Writes that
 * queue nothing (saving a response, most of the traffic) start no run: it would be a D1 round trip
 * per write for nothing.
 */
export const kickDelivery = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!WRITES.has(c.req.method) || c.res.status >= 400 || c.env.MAIL_KICK === 'off' || !queuedMail(c.var.db)) return;
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    return; // no execution context (app.request in unit tests)
  }
  waitUntil(deliverDue(c.env, { now: Date.now(), rounds: 2 }).catch((err) => console.error('delivery kick failed', err)));
});
