import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { outbox, deliveryView, RETRY_PREFIX, type DeliveryView } from '../../schema/mail';
import { conflict, notFound } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { runBatch } from '../db';
import { auditStatement } from './audit';
import { outboxStatement } from './mail-queue';
import type { AdviceRow } from '../../schema/advice';


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
