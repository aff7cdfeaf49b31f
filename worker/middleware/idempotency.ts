import { createMiddleware } from 'hono/factory';
import { and, eq, lt } from 'drizzle-orm';
import type { AppEnv } from '../context';
import { idempotencyKeys } from '../../schema/system';
import { sha256Hex } from '../lib/crypto';
import { AppError, invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';

const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * `Idempotency-Key` on API writes: the first answer (status and body) is stored per caller and
 * key; a repeat with the same request returns it and changes nothing; the same key with another
 * request is 422. A key is reserved before the handler runs, so two concurrent repeats cannot
 * both act. A 5xx answer frees the key again so that the client can retry.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  const principal = c.get('principal');
  if (!key || !principal || !['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next();
  if (key.length > 255) throw invalid([{ path: 'Idempotency-Key', message: 'Maximaal 255 tekens.' }]);

  const db = c.var.db;
  const owner = principal.kind === 'platform' ? 'platform' : principal.id;
  const requestHash = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${await c.req.text()}`);
  const now = Date.now();

  const inserted = await db
    .insert(idempotencyKeys)
    .values({ principal: owner, key, requestHash, state: 'pending', createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (inserted.length === 0) {
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, owner), eq(idempotencyKeys.key, key)));
    if (!existing) throw new AppError(409, 'Conflict', nl.problems.idempotencyInProgress);
    if (existing.requestHash !== requestHash) {
      throw invalid([{ path: 'Idempotency-Key', message: nl.problems.idempotencyMismatch }], nl.problems.idempotencyMismatch);
    }
    if (existing.state !== 'done') throw new AppError(409, 'Conflict', nl.problems.idempotencyInProgress);
    return c.body(existing.body ?? '', (existing.status ?? 200) as 200, {
      'content-type': existing.contentType ?? 'application/json',
      'idempotent-replayed': 'true',
    });
  }

  await next();

  const res = c.res;
  const where = and(eq(idempotencyKeys.principal, owner), eq(idempotencyKeys.key, key));
  if (res.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  const body = await res.clone().text();
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', status: res.status, contentType: res.headers.get('content-type'), body })
    .where(where);
  // Old keys are of no use after a day; clearing them here keeps the table small without a job.
  if (Math.random() < 0.01) await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - KEEP_MS));
});
