/** The local mailbox (no RESEND_API_KEY): every queued mail, readable at /dev/outbox in local development. */
import { and, desc, eq, like } from 'drizzle-orm';
import type { Db } from '../db';
import { outbox, type OutboxRow } from '../../schema/mail';

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
