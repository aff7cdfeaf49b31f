import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { createDb } from '../db';
import type { Env } from '../env';
import { localMailboxEnabled, usesLocalOutbox } from '../env';
import { outbox, type OutboxRow } from '../../schema/mail';
import { nl } from '../../schema/i18n/nl';
import { oneLine } from '../../schema/zod';
import { newId } from '../lib/crypto';
import { RETRY, nextAttemptAt, retryDeadline } from '../lib/backoff';
import { postEmail, toBase64, type ResendPayload } from './resend';

/**
 * Delivery of the outbox. Rows are claimed by a conditional UPDATE (queued → sending, with a
 * fresh claim id), so that of two deliverers (the cron, a request's kick, a duplicate call)
 * exactly one gets a row; every later write about the attempt is conditional on that claim id.
 * A deliverer that dies mid-flight leaves its row in `sending`; the sweeper puts it back in the
 * queue, and the retry carries the same Idempotency-Key (the row id), so Resend sends it once.
 */

export type DeliveryOptions = {
  /** Milliseconds since the epoch; tests pass it to control time. */
  now: number;
  random?: () => number;
  fetch?: typeof fetch;
  /** Rows claimed per round, and rounds per run. */
  batchSize?: number;
  rounds?: number;
};
export type DeliverySummary = { sent: number; retried: number; failed: number };

const iso = (ms: number) => new Date(ms).toISOString();

export async function claimDue(db: Db, now: number, limit: number): Promise<{ claimId: string; rows: OutboxRow[] }> {
  const claimId = newId();
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  const rows = await db
    .update(outbox)
    .set({ status: 'sending', claimId, claimedAt: now, attempts: sql`${outbox.attempts} + 1`, updatedAt: iso(now) })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
    .returning();
  rows.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  return { claimId, rows };
}

/** Claims one row if it is queued and due; null when someone else has it (or it is done). */
export async function claimOne(db: Db, id: string, now: number): Promise<{ claimId: string; row: OutboxRow } | null> {
  const claimId = newId();
  const [row] = await db
    .update(outbox)
    .set({ status: 'sending', claimId, claimedAt: now, attempts: sql`${outbox.attempts} + 1`, updatedAt: iso(now) })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
    .returning();
  return row ? { claimId, row } : null;
}

const ours = (id: string, claimId: string) => and(eq(outbox.id, id), eq(outbox.claimId, claimId), eq(outbox.status, 'sending'));

async function markSent(db: Db, row: OutboxRow, claimId: string, providerId: string, now: number) {
  await db.batch([
    db.update(outbox).set({ status: 'sent', providerId, sentAt: iso(now), lastError: null, updatedAt: iso(now) }).where(ours(row.id, claimId)),
    // A delivery event may already have moved the row past `sent` (webhook before our answer): keep its status, record the id.
    db
      .update(outbox)
      .set({ providerId, sentAt: sql`coalesce(${outbox.sentAt}, ${iso(now)})` })
      .where(and(eq(outbox.id, row.id), eq(outbox.claimId, claimId), sql`${outbox.providerId} IS NULL`)),
  ]);
}

async function markRetry(db: Db, row: OutboxRow, claimId: string, reason: string, retryAfterMs: number | null, opts: DeliveryOptions) {
  const next = nextAttemptAt(row.attempts, opts.now, retryAfterMs, opts.random);
  if (next > retryDeadline(row.createdAt)) {
    await markFailed(db, row, claimId, nl.mail.errors.gaveUp(row.attempts, reason), opts.now);
    return { outcome: 'failed' as const };
  }
  await db
    .update(outbox)
    .set({ status: 'queued', nextAttemptAt: next, lastError: reason, updatedAt: iso(opts.now) })
    .where(ours(row.id, claimId));
  return { outcome: 'retried' as const };
}

async function markFailed(db: Db, row: OutboxRow, claimId: string, reason: string, now: number) {
  await db.update(outbox).set({ status: 'failed', lastError: reason, updatedAt: iso(now) }).where(ours(row.id, claimId));
}

async function loadAttachments(env: Env, row: OutboxRow) {
  const files: { filename: string; contentType: string; bytes: Uint8Array }[] = [];
  for (const a of row.attachments) {
    const object = await env.DOCUMENTS.get(a.r2Key);
    if (!object) return { missing: a.r2Key };
    files.push({ filename: a.filename, contentType: a.contentType, bytes: new Uint8Array(await object.arrayBuffer()) });
  }
  return { files };
}

export function resendPayload(env: Env, row: OutboxRow, files: { filename: string; contentType: string; bytes: Uint8Array }[]): ResendPayload {
  return {
    from: env.MAIL_FROM || 'Wederwoord <noreply@wederwoord.example>',
    to: row.to,
    ...(row.cc.length ? { cc: row.cc } : {}),
    // Rows queued before subjects were stored as one line are made one here.
    subject: oneLine(row.subject),
    html: row.html,
    text: row.text,
    ...(files.length ? { attachments: files.map((f) => ({ filename: f.filename, content: toBase64(f.bytes), content_type: f.contentType })) } : {}),
    // Delivery events carry the tags back: they find the row even before its Resend id is stored.
    tags: [{ name: 'outbox_id', value: row.id }],
  };
}

const userAgent = (env: Env) => `${(env.APP_NAME || 'Wederwoord').replace(/\s+/g, '-')}/1.0 (mail outbox${env.PUBLIC_URL ? `; +${env.PUBLIC_URL}` : ''})`;

/** Delivers one claimed row: into the local mailbox without a key, else through Resend. */
export async function deliverClaimed(
  env: Env,
  db: Db,
  row: OutboxRow,
  claimId: string,
  opts: DeliveryOptions,
): Promise<{ outcome: keyof DeliverySummary; rateLimitedUntil: number | null }> {
  const loaded = await loadAttachments(env, row);
  if ('missing' in loaded) {
    // Missing bytes will not appear by waiting: fail visibly, a person can retry once it is fixed.
    await markFailed(db, row, claimId, nl.mail.errors.attachmentMissing(loaded.missing ?? ''), opts.now);
    return { outcome: 'failed', rateLimitedUntil: null };
  }
  if (usesLocalOutbox(env)) {
    await markSent(db, row, claimId, `local:${row.id}`, opts.now);
    const cc = row.cc.length ? ` cc ${row.cc.join(', ')}` : '';
    const files = loaded.files.length ? ` [${loaded.files.map((f) => f.filename).join(', ')}]` : '';
    console.log(`[mail] ${row.kind} → ${row.to.join(', ')}${cc}: ${row.subject}${files} (/dev/outbox/${row.id})`);
    return { outcome: 'sent', rateLimitedUntil: null };
  }
  const outcome = await postEmail({
    apiKey: env.RESEND_API_KEY!,
    payload: resendPayload(env, row, loaded.files),
    idempotencyKey: row.id,
    userAgent: userAgent(env),
    now: opts.now,
    fetch: opts.fetch,
  });
  if (outcome.kind === 'sent') {
    await markSent(db, row, claimId, outcome.providerId, opts.now);
    return { outcome: 'sent', rateLimitedUntil: null };
  }
  if (outcome.kind === 'failed') {
    await markFailed(db, row, claimId, nl.mail.errors.rejected(outcome.status, outcome.reason), opts.now);
    return { outcome: 'failed', rateLimitedUntil: null };
  }
  const next = await markRetry(db, row, claimId, outcome.reason, outcome.retryAfterMs, opts);
  return { outcome: next.outcome, rateLimitedUntil: outcome.rateLimited ? opts.now + (outcome.retryAfterMs ?? RETRY.baseMs) : null };
}

/** Whether this deployment may deliver at all (a deployment without a key keeps its mail queued). */
export function canDeliver(env: Env) {
  return !usesLocalOutbox(env) || localMailboxEnabled(env);
}

/**
 * Claims and delivers what is due, a batch at a time, one mail after the other (Resend limits
 * requests per second; parallel sends would mostly earn 429s). After a 429 the rest of the
 * batch is handed back untouched and the run ends: the next run picks it up. Safe to run
 * concurrently with itself.
 */
export async function deliverDue(env: Env, opts: DeliveryOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retried: 0, failed: 0 };
  if (!canDeliver(env)) return summary;
  const db = createDb(env.DB);
  const batchSize = opts.batchSize ?? 10;
  for (let round = 0; round < (opts.rounds ?? 10); round++) {
    const { claimId, rows } = await claimDue(db, opts.now, batchSize);
    for (const [i, row] of rows.entries()) {
      const result = await deliverSafely(env, db, row, claimId, opts);
      summary[result.outcome]++;
      if (result.rateLimitedUntil !== null) {
        await release(db, rows.slice(i + 1), claimId, result.rateLimitedUntil, opts.now);
        return summary;
      }
    }
    if (rows.length < batchSize) break;
  }
  return summary;
}

/** An unexpected error (storage, database) must not leave the row claimed: it is retried like a 5xx. */
async function deliverSafely(env: Env, db: Db, row: OutboxRow, claimId: string, opts: DeliveryOptions) {
  try {
    return await deliverClaimed(env, db, row, claimId, opts);
  } catch (err) {
    console.error(`delivery of ${row.id} failed`, err);
    const reason = `internal: ${err instanceof Error ? err.message : String(err)}`;
    const { outcome } = await markRetry(db, row, claimId, reason, null, opts).catch(() => ({ outcome: 'retried' as const }));
    return { outcome, rateLimitedUntil: null };
  }
}

/** Hands claimed rows back unattempted (the attempt is not counted), due again at `at`. */
async function release(db: Db, rows: OutboxRow[], claimId: string, at: number, now: number) {
  if (!rows.length) return;
  await db
    .update(outbox)
    .set({ status: 'queued', nextAttemptAt: at, attempts: sql`${outbox.attempts} - 1`, updatedAt: iso(now) })
    .where(and(inArray(outbox.id, rows.map((r) => r.id)), eq(outbox.claimId, claimId), eq(outbox.status, 'sending')));
}

/** Delivers one row if it is queued and due; does nothing when another deliverer has it. */
export async function deliverOne(env: Env, id: string, opts: DeliveryOptions): Promise<keyof DeliverySummary | null> {
  if (!canDeliver(env)) return null;
  const db = createDb(env.DB);
  const claim = await claimOne(db, id, opts.now);
  return claim ? (await deliverSafely(env, db, claim.row, claim.claimId, opts)).outcome : null;
}

/**
 * Rows left in `sending` by a deliverer that died. Within the idempotency window they go back
 * to the queue (a retry with the same key cannot send twice); after it, a retry could, so they
 * fail visibly for a person to check in Resend and retry by hand.
 */
export async function sweepStuck(db: Db, now: number): Promise<{ requeued: number; failed: number }> {
  const stale = and(eq(outbox.status, 'sending'), lt(outbox.claimedAt, now - RETRY.stuckAfterMs));
  const windowStart = iso(now - RETRY.windowMs);
  const [requeued, failed] = await db.batch([
    db
      .update(outbox)
      .set({ status: 'queued', nextAttemptAt: now, claimId: null, lastError: nl.mail.errors.stuck, updatedAt: iso(now) })
      .where(and(stale, sql`${outbox.createdAt} > ${windowStart}`))
      .returning({ id: outbox.id }),
    db
      .update(outbox)
      .set({ status: 'failed', lastError: nl.mail.errors.stuckTooLong, updatedAt: iso(now) })
      .where(and(stale, sql`${outbox.createdAt} <= ${windowStart}`))
      .returning({ id: outbox.id }),
  ]);
  return { requeued: requeued.length, failed: failed.length };
}
