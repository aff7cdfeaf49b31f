/**
 * PROVISIONAL until the delivery feature is merged (worker/services/send.ts `sendAdvice`, which also
 * attaches the signed PDF): signed → sent and one outbox row per council recipient in the same batch,
 * so that the web cycle can be carried to the end today. The web calls this only through the seam in
 * worker/routes/web/letter-seam.tsx; delete this file when the seam calls `sendAdvice`.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { guard, isGuardFailure, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import { advice } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { users } from '../../schema/users';
import { outbox } from '../../schema/mail';
import { conflict } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { newId } from '../lib/crypto';
import { nowIso } from '../lib/dates';
import { auditStatement } from './audit';
import { outboxStatement } from './outbox';
import type { AdviceRow } from './advice';

export async function sendSignedLetterProvisional(db: Db, p: UserPrincipal, d: AdviceRow, letter: { html: string; text: string }) {
  if (d.status !== 'signed' || !d.reference) throw conflict(nl.states.notSigned);
  const [[org], [council], requester] = await db.batch([
    db.select().from(organisations).where(eq(organisations.id, d.orgId)),
    db.select().from(councils).where(eq(councils.id, d.councilId)),
    db.select({ email: users.email }).from(users).where(eq(users.id, d.approvalRequestedBy ?? '')),
  ]);
  const subject = `${org.name}: reactie op uw advies (ons kenmerk ${d.reference}${d.councilReference ? `, uw kenmerk ${d.councilReference}` : ''})`;
  const transitionId = newId();
  const now = nowIso();
  try {
    await runBatch(db, [
      db
        .update(advice)
        .set({ status: 'sent', sentAt: now, transitionId, updatedAt: now })
        .where(and(eq(advice.id, d.id), eq(advice.status, 'signed'))),
      guard(db, sql`EXISTS (SELECT 1 FROM advice WHERE id = ${d.id} AND transition_id = ${transitionId})`),
      ...council.recipients.map((to) =>
        outboxStatement(db, {
          kind: 'letter',
          dedupeKey: `letter:${d.id}:${to}`,
          orgId: d.orgId,
          adviceId: d.id,
          to: [to],
          cc: requester[0] ? [requester[0].email] : [],
          subject,
          html: letter.html,
          text: letter.text,
        }),
      ),
      auditStatement(db, { orgId: d.orgId, actor: p, action: 'advice.send', entity: 'advice', entityId: d.id, fromStatus: 'signed', toStatus: 'sent' }),
    ]);
  } catch (err) {
    if (isGuardFailure(err)) throw conflict(`${nl.states.notSigned} ${nl.problems.notStored}`);
    throw err;
  }
  return { status: 'sent' as const };
}

/** The mails of a dossier per recipient, with their delivery status. */
export async function listDossierMails(db: Db, adviceId: string) {
  const rows = await db.select().from(outbox).where(eq(outbox.adviceId, adviceId)).orderBy(asc(outbox.createdAt));
  return rows.map((r) => ({ id: r.id, kind: r.kind, to: r.to, cc: r.cc, subject: r.subject, status: r.status, updatedAt: r.updatedAt }));
}
