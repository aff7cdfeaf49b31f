import { createMiddleware } from 'hono/factory';
import { and, eq, lt, type SQL } from 'drizzle-orm';
import type { AppEnv } from '../context';
import { idempotencyKeys } from '../../schema/system';
import { sha256Hex } from '../lib/crypto';
import { AppError, invalid, isTransientD1Error } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { IDEMPOTENCY_KEEP_MS } from '../services/idempotency';

const KEEP_MS = IDEMPOTENCY_KEEP_MS;
/** A reservation older than this belongs to a request that died (isolate gone): a repeat may take it over. */
export const PENDING_LEASE_MS = 2 * 60 * 1000;

/** Runs an idempotent statement, once more if D1 failed transiently (the first attempt may or may not have landed). */
async function retriedOnce<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isTransientD1Error(err)) throw err;
    return run();
  }
}

/**
 * `Idempotency-Key` on API writes: the first answer (status and body) is stored per caller and
 * key; a repeat with the same request returns it and changes nothing; the same key with another
 * request is 422. A key is reserved before the handler runs, so two concurrent repeats cannot
 * both act. A 5xx answer frees the key again so that the client can retry; so does a failure
 * while reserving. The reservation never outlives its request by more than PENDING_LEASE_MS.
 * A stored answer is forgotten after KEEP_MS (a key that old acts as new; the cron sweeps them), and
 * an answer that carries a secret is stored as the route says (`storedAnswer`), without it.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  const principal = c.get('principal');
  if (!key || !principal || !['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next();
  if (key.length > 255) throw invalid([{ path: 'Idempotency-Key', message: nl.fields.tooLong(255) }]);

  const db = c.var.db;
  const owner = principal.kind === 'platform' ? 'platform' : principal.id;
  // The body as bytes (a file to import is no text; for JSON the hash is that of the text).
  const sent = new Uint8Array(await c.req.arrayBuffer());
  const head = new TextEncoder().encode(`${c.req.method} ${new URL(c.req.url).pathname}\n`);
  const request = new Uint8Array(head.length + sent.length);
  request.set(head);
  request.set(sent, head.length);
  const requestHash = await sha256Hex(request);
  const now = Date.now();
  const where = and(eq(idempotencyKeys.principal, owner), eq(idempotencyKeys.key, key));
  // Our own reservation: the same key, request and moment.
  const ours = and(where, eq(idempotencyKeys.state, 'pending'), eq(idempotencyKeys.requestHash, requestHash), eq(idempotencyKeys.createdAt, now));

  let reserved: boolean;
  try {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ principal: owner, key, requestHash, state: 'pending', createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    reserved = inserted.length > 0;
  } catch (err) {
    // The reservation may have landed although D1's answer was lost: free it, or every retry would be "in progress".
    await retriedOnce(() => db.delete(idempotencyKeys).where(ours)).catch(() => undefined);
    throw err;
  }

  if (!reserved) {
    const [existing] = await db.select().from(idempotencyKeys).where(where);
    if (!existing) throw new AppError(409, 'Conflict', nl.problems.idempotencyInProgress);
    // Takes the key over (only if nobody else just did).
    const takeOver = async (set: Partial<typeof existing>, extra?: SQL) => {
      const taken = await db
        .update(idempotencyKeys)
        .set({ ...set, createdAt: now })
        .where(and(where, eq(idempotencyKeys.createdAt, existing.createdAt), extra))
        .returning({ key: idempotencyKeys.key });
      if (taken.length === 0) throw new AppError(409, 'Conflict', nl.problems.idempotencyInProgress);
    };
    if (existing.createdAt <= now - KEEP_MS) {
      // Forgotten after a day: the key is as new, whatever it was used for.
      await takeOver({ requestHash, state: 'pending', status: null, contentType: null, body: null });
    } else {
      if (existing.requestHash !== requestHash) {
        throw invalid([{ path: 'Idempotency-Key', message: nl.problems.idempotencyMismatch }], nl.problems.idempotencyMismatch);
      }
      if (existing.state === 'done') {
        return c.body(existing.body ?? '', (existing.status ?? 200) as 200, {
          'content-type': existing.contentType ?? 'application/json',
          'idempotent-replayed': 'true',
        });
      }
      if (existing.createdAt > now - PENDING_LEASE_MS) throw new AppError(409, 'Conflict', nl.problems.idempotencyInProgress);
      // An abandoned reservation.
      await takeOver({}, eq(idempotencyKeys.state, 'pending'));
    }
  }

  await next();

  const res = c.res;
  if (res.status >= 500) {
    await retriedOnce(() => db.delete(idempotencyKeys).where(ours));
    return;
  }
  // An answer with a secret (a new API token) is stored as its route says, without the secret.
  const body = c.get('storedAnswer') ?? (await res.clone().text());
  try {
    await retriedOnce(() =>
      db.update(idempotencyKeys).set({ state: 'done', status: res.status, contentType: res.headers.get('content-type'), body }).where(ours),
    );
  } catch (err) {
    // The change itself is stored, so its answer is the truth; the reservation lapses after
    // PENDING_LEASE_MS, and until then a repeat is told the request is in progress (not run twice).
    console.error('idempotency: could not store the answer', err);
  }
  // Old keys are of no use after a day; clearing them now and then keeps the table small without
  // a job. Best effort, after the answer: its failure must not turn a stored write into an error.
  if (Math.random() < 0.01) {
    const cleanup = db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, now - KEEP_MS))
      .then(
        () => undefined,
        (err: unknown) => console.warn('idempotency: cleanup failed', err),
      );
    try {
      c.executionCtx.waitUntil(cleanup);
    } catch {
      await cleanup; // no execution context (a bare app.fetch)
    }
  }
});
