/**
 * PROVISIONAL: the mail list of the web's letter page, until the seam in
 * worker/routes/web/letter-seam.tsx calls listDeliveries (worker/services/deliveries.ts); then
 * delete this file. (Sending already goes through worker/services/send.ts `sendAdvice`.)
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { outbox } from '../../schema/mail';

/**
 * The letter's mails of a dossier, per recipient, with their delivery status. Only the letter: the
 * notices that go with each step (acknowledgement, staff notices) are not its delivery.
 */
export async function listDossierMails(db: Db, adviceId: string) {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.adviceId, adviceId), eq(outbox.kind, 'letter')))
    .orderBy(asc(outbox.createdAt));
  return rows.map((r) => ({ id: r.id, kind: r.kind, to: r.to, cc: r.cc, subject: r.subject, status: r.status, updatedAt: r.updatedAt }));
}
