import type { Db } from '../db';
import { outbox, type MailAttachment } from '../../schema/mail';
import { newId } from '../lib/crypto';
import { oneLine } from '../../schema/zod';

export type OutgoingMail = {
  kind: string;
  /** One logical mail: a second statement with the same key queues nothing. */
  dedupeKey: string;
  orgId?: string | null;
  adviceId?: string | null;
  consultationId?: string | null;
  to: string[];
  cc?: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
};

/** The request databases (one Drizzle instance per request) that have had a mail statement built. */
const queuedOn = new WeakSet<Db>();

/** Whether this request built an outbox statement: only then is a delivery run worth starting right away. */
export const queuedMail = (db: Db) => queuedOn.has(db);

/**
 * The outbox row of one mail, as a statement for the same db.batch as the change that causes it
 * (transactional outbox). Nothing is sent inline: the delivery worker picks queued rows up.
 */
export function outboxStatement(db: Db, mail: OutgoingMail, at: number = Date.now()) {
  const now = new Date(at).toISOString();
  queuedOn.add(db);
  return db
    .insert(outbox)
    .values({
      id: newId(),
      orgId: mail.orgId ?? null,
      adviceId: mail.adviceId ?? null,
      consultationId: mail.consultationId ?? null,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey,
      to: mail.to,
      cc: mail.cc ?? [],
      // One line, whatever a title held (a mail header must never gain a line of its own).
      subject: oneLine(mail.subject),
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments ?? [],
      status: 'queued',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
