/**
 * The mails of a consultation, as outbox statements for the batch of the transition that causes
 * them (transactional outbox, as notifications.ts does for advice): notices to staff on review,
 * return and signing, and the signed list to every participant's recipients on sending.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { createElement } from 'react';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { users } from '../../schema/users';
import { outbox } from '../../schema/mail';
import { organisations } from '../../schema/organisations';
import { nl } from '../../schema/i18n/nl';
import { dutchDate, todayInAmsterdam } from '../../schema/dates';
import { outboxStatement, type OutgoingMail } from './mail-queue';
import { mailLinks, type MailContext } from './mail-context';
import { staffOfRole, unique } from './notifications';
import { deliveryView } from '../../schema/mail';
import { renderMail } from '../../web/emails/render';
import { ListApprovalRequestedMail, ListMail, ListReturnedMail, ListSignedMail } from '../../web/emails/consultation-mails';
import type { ConsultationRow, ParticipantDetail } from './consultations';

const t = nl.consultations;

async function organisationOf(db: Db, orgId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return org;
}

async function activeUser(db: Db, id: string | null) {
  if (!id) return null;
  const [u] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)));
  return u ?? null;
}

/** The same rendered notice about a consultation to each of these staff members, one outbox row each. */
function notices(
  db: Db,
  c: ConsultationRow,
  kind: string,
  key: (u: { id: string }) => string,
  to: { id: string; email: string }[],
  subject: string,
  rendered: { html: string; text: string },
) {
  return to.map((u) => outboxStatement(db, { kind, dedupeKey: key(u), orgId: c.orgId, consultationId: c.id, to: [u.email], subject, ...rendered }));
}

const base = async (db: Db, ctx: MailContext, c: ConsultationRow) => ({
  appName: ctx.appName,
  organisationName: (await organisationOf(db, c.orgId)).name,
  title: c.title,
  url: mailLinks.consultation(ctx, c.id),
});

/** To every approver (not the requester): the list waits for review. One mail per round. */
export async function listApprovalMails(db: Db, ctx: MailContext, c: ConsultationRow, by: UserPrincipal) {
  const rendered = await renderMail(createElement(ListApprovalRequestedMail, { ...(await base(db, ctx, c)), status: t.status.in_review, requesterName: by.name }));
  const approvers = (await staffOfRole(db, c.orgId, 'approver')).filter((u) => u.id !== by.id);
  const round = c.transitionId ?? 'first';
  return notices(db, c, 'approval_requested', (u) => `list-approval:${c.id}:${round}:${u.id}`, approvers, t.mail.subjects.approvalRequested(c.title), rendered);
}

/** To the official who asked for approval, with the approver's comment. */
export async function listReturnMails(db: Db, ctx: MailContext, c: ConsultationRow, by: UserPrincipal, comment: string) {
  const requester = await activeUser(db, c.approvalRequestedBy);
  if (!requester) return [];
  const rendered = await renderMail(createElement(ListReturnedMail, { ...(await base(db, ctx, c)), status: t.status.closed, approverName: by.name, comment }));
  return notices(db, c, 'returned', (u) => `list-returned:${c.id}:${c.transitionId ?? 'first'}:${u.id}`, [requester], t.mail.subjects.returned(c.title), rendered);
}

/** To the official who asked for approval: signed, ready to send. */
export async function listSignedMails(db: Db, ctx: MailContext, c: ConsultationRow, by: UserPrincipal, signedAt: string) {
  const requester = await activeUser(db, c.approvalRequestedBy);
  if (!requester) return [];
  const signedOn = dutchDate(todayInAmsterdam(new Date(signedAt)));
  const rendered = await renderMail(createElement(ListSignedMail, { ...(await base(db, ctx, c)), status: t.status.signed, approverName: by.name, signedOn }));
  return notices(db, c, 'signed', (u) => `list-signed:${c.id}:${u.id}`, [requester], t.mail.subjects.signed(c.title), rendered);
}

/**
 * The signed list to every participant: one mail per recipient address, the covering text naming
 * the document and that participant's number of remarks, the stored PDF attached.
 */
export async function listMails(
  db: Db,
  ctx: MailContext,
  c: ConsultationRow,
  participants: (ParticipantDetail & { remarkCount: number })[],
  attachment: { filename: string; size: number; r2Key: string; sha256: string },
) {
  const org = await organisationOf(db, c.orgId);
  const signedOn = dutchDate(todayInAmsterdam(new Date(c.signedAt ?? Date.now())));
  const mails: OutgoingMail[] = [];
  for (const p of participants) {
    const rendered = await renderMail(
      createElement(ListMail, {
        appName: ctx.appName,
        organisationName: org.name,
        salutation: p.salutation,
        signOff: org.signOff,
        title: c.title,
        document: c.document,
        remarkCount: p.remarkCount,
        signedOn,
        filename: attachment.filename,
        sha256: attachment.sha256,
        verifyUrl: mailLinks.verify(ctx, attachment.sha256, c.title),
        contact: org.contact,
      }),
    );
    for (const to of unique(p.recipients)) {
      mails.push({
        kind: 'list',
        dedupeKey: `list:${c.id}:${p.id}:${to}`,
        orgId: c.orgId,
        consultationId: c.id,
        to: [to],
        subject: t.mail.subjects.list(c.title),
        ...rendered,
        attachments: [{ filename: attachment.filename, contentType: 'application/pdf', size: attachment.size, r2Key: attachment.r2Key }],
      });
    }
  }
  return mails.map((m) => outboxStatement(db, m));
}

/** The list's own mails of a consultation, one per recipient, with their delivery status. */
export async function listDeliveriesOf(db: Db, consultationId: string) {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.consultationId, consultationId), eq(outbox.kind, 'list')))
    .orderBy(asc(outbox.createdAt), asc(outbox.to));
  return rows.map((r) => deliveryView(r, null));
}
