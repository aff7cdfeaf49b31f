import { and, asc, desc, eq, like } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { outbox } from '../../schema/mail';
import { conflict, notFound } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { runBatch } from '../db';
import { auditStatement } from './audit';
import { outboxStatement } from './outbox';
import type { AdviceRow } from '../../schema/advice';
import type { OutboxRow } from './delivery';

const RETRY_PREFIX = 'retry:';

/** What officials see per mail of a dossier: recipient, status, when, and why it failed. */
export function deliveryView(row: OutboxRow, retriedAs: string | null) {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to,
    cc: row.cc,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    reason: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sentAt: row.sentAt,
    nextAttemptAt: row.status === 'queued' ? new Date(row.nextAttemptAt).toISOString() : null,
    retryOf: row.dedupeKey.startsWith(RETRY_PREFIX) ? row.dedupeKey.slice(RETRY_PREFIX.length) : null,
    retriedAs,
    attachments: row.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;

export async function listDeliveries(db: Db, adviceId: string): Promise<DeliveryView[]> {
  const rows = await db.select().from(outbox).where(eq(outbox.adviceId, adviceId)).orderBy(asc(outbox.createdAt), asc(outbox.kind));
  const retries = new Map(rows.filter((r) => r.dedupeKey.startsWith(RETRY_PREFIX)).map((r) => [r.dedupeKey.slice(RETRY_PREFIX.length), r.id]));
  return rows.map((r) => deliveryView(r, retries.get(r.id) ?? null));
}

/**
 * A failed mail is retried as a new outbox row (new Idempotency-Key, own 24-hour window); the
 * failed row stays as the record of what happened. Its dedupe key names the failed row, so a
 * second retry of the same row queues nothing.
 */
export async function retryDelivery(db: Db, p: UserPrincipal, d: AdviceRow, mailId: string, now: number) {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.id, mailId), eq(outbox.adviceId, d.id)));
  if (!row) throw notFound();
  if (row.status !== 'failed') throw conflict(nl.mail.errors.notRetryable);
  const [existing] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, `${RETRY_PREFIX}${row.id}`));
  if (existing) throw conflict(nl.mail.errors.alreadyRetried, { retriedAs: existing.id });
  const insert = outboxStatement(
    db,
    {
      kind: row.kind,
      dedupeKey: `${RETRY_PREFIX}${row.id}`,
      orgId: row.orgId,
      adviceId: row.adviceId,
      to: row.to,
      cc: row.cc,
      subject: row.subject,
      html: row.html,
      text: row.text,
      attachments: row.attachments,
    },
    now,
  ).returning({ id: outbox.id });
  const [inserted] = await runBatch(db, [
    insert,
    auditStatement(db, { orgId: d.orgId, actor: p, action: 'mail.retry', entity: 'outbox', entityId: row.id, fromStatus: 'failed', toStatus: 'queued' }),
  ]);
  const created = (inserted as { id: string }[])[0];
  if (!created) throw conflict(nl.mail.errors.alreadyRetried);
  return { id: created.id, status: 'queued' as const, retryOf: row.id };
}

// ---- the local mailbox (no RESEND_API_KEY) ---------------------------------------------

export function devOutboxSummary(row: OutboxRow) {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to,
    cc: row.cc,
    subject: row.subject,
    status: row.status,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    attachments: row.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
}

export async function listOutbox(db: Db, filter: { adviceId?: string; to?: string } = {}) {
  const conditions = [];
  if (filter.adviceId) conditions.push(eq(outbox.adviceId, filter.adviceId));
  if (filter.to) conditions.push(like(outbox.to, `%${JSON.stringify(filter.to.toLowerCase()).slice(1, -1)}%`));
  return db
    .select()
    .from(outbox)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(outbox.createdAt))
    .limit(500);
}

export async function getOutboxRow(db: Db, id: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}
