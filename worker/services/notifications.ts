import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createElement } from 'react';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import type { AdviceRow } from '../../schema/advice';
import { adviceItems } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { users, type Role } from '../../schema/users';
import { outbox } from '../../schema/mail';
import { nl } from '../../schema/i18n/nl';
import { dutchDate, todayInAmsterdam } from '../../schema/dates';
import { newId } from '../lib/crypto';
import { outboxStatement, type OutgoingMail } from './mail-queue';
import { mailLinks, type MailContext } from './mail-context';
import { renderMail } from '../../web/emails/render';
import { AcknowledgementMail } from '../../web/emails/acknowledgement-mail';
import { AdviceArrivedMail, ApprovalRequestedMail, ReturnedMail, SignedMail, type DossierFacts } from '../../web/emails/staff-notice-mail';

/**
 * The notices that accompany state changes. Each function returns outbox statements for the
 * batch of the transition itself, so a mail is queued exactly when the change is stored.
 * Dedupe keys name the logical mail; transitions that can repeat (request approval, return)
 * include the dossier's transition id from before the change, so each round gets its own mail.
 */

type Statement = ReturnType<typeof outboxStatement> | ReturnType<typeof referenceFill>;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function loadOrganisationAndCouncil(db: Db, d: Pick<AdviceRow, 'orgId' | 'councilId'>) {
  const [[org], [council]] = await db.batch([
    db.select().from(organisations).where(eq(organisations.id, d.orgId)),
    db.select().from(councils).where(eq(councils.id, d.councilId)),
  ]);
  return { org, council };
}

/** Active staff of one role; they receive notices as individuals (one outbox row each). */
export async function staffOfRole(db: Db, orgId: string, role: Role) {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, role), isNull(users.disabledAt)));
}

async function userById(db: Db, id: string | null) {
  if (!id) return null;
  const [u] = await db.select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.id, id));
  return u && !u.disabledAt ? u : null;
}

function facts(d: AdviceRow, councilName: string, reference: string, status?: string): DossierFacts {
  return { title: d.title, reference, councilName, dueOn: d.dueOn ? dutchDate(d.dueOn) : null, status };
}

/**
 * The reference ("ons kenmerk") is allocated inside the submit batch, after the mails are
 * rendered. The mails carry a random placeholder, replaced by this statement in the same batch
 * once the reference exists. The stored row is then exactly what is sent, rendered once, and the
 * delivery never depends on the dossier's later state.
 */
function referenceFill(db: Db, adviceId: string, placeholder: string, dedupeKeys: string[]) {
  const ref = sql`(SELECT reference FROM advice WHERE id = ${adviceId})`;
  return db
    .update(outbox)
    .set({
      subject: sql`replace(${outbox.subject}, ${placeholder}, ${ref})`,
      html: sql`replace(${outbox.html}, ${placeholder}, ${ref})`,
      text: sql`replace(${outbox.text}, ${placeholder}, ${ref})`,
    })
    .where(and(eq(outbox.adviceId, adviceId), inArray(outbox.dedupeKey, dedupeKeys)));
}

/** Acknowledgement to the council, and a notice to the organisation's officials. */
export async function submissionMails(
  db: Db,
  ctx: MailContext,
  d: AdviceRow & { receivedOn: string; dueOn: string },
  /** The item counts, when the items are written in the same batch as the mails (a registration). */
  itemCounts?: { questions: number; advice: number },
): Promise<Statement[]> {
  const { org, council } = await loadOrganisationAndCouncil(db, d);
  const placeholder = `[[kenmerk-${newId()}]]`;
  const [counts] = itemCounts
    ? [itemCounts]
    : await db
        .select({
          questions: sql<number>`sum(CASE WHEN ${adviceItems.kind} = 'question' THEN 1 ELSE 0 END)`,
          advice: sql<number>`sum(CASE WHEN ${adviceItems.kind} = 'advice' THEN 1 ELSE 0 END)`,
        })
        .from(adviceItems)
        .where(eq(adviceItems.adviceId, d.id));

  const ack = await renderMail(
    createElement(AcknowledgementMail, {
      appName: ctx.appName,
      organisationName: org.name,
      salutation: council.salutation,
      councilName: council.name,
      title: d.title,
      reference: placeholder,
      councilReference: d.councilReference,
      letterDate: dutchDate(d.letterDate),
      receivedOn: dutchDate(d.receivedOn),
      dueOn: dutchDate(d.dueOn),
    }),
  );
  const arrived = await renderMail(
    createElement(AdviceArrivedMail, {
      appName: ctx.appName,
      organisationName: org.name,
      dossier: { ...facts(d, council.name, placeholder), dueOn: dutchDate(d.dueOn) },
      dossierUrl: mailLinks.dossier(ctx, d.id),
      questions: Number(counts?.questions ?? 0),
      adviceItems: Number(counts?.advice ?? 0),
    }),
  );
  const mails: OutgoingMail[] = [
    ...unique(council.recipients).map((to) => ({
      kind: 'acknowledgement',
      dedupeKey: `ack:${d.id}:${to}`,
      orgId: d.orgId,
      adviceId: d.id,
      to: [to],
      subject: nl.mail.subjects.acknowledgement(d.title, placeholder, d.councilReference),
      ...ack,
    })),
    ...(await staffOfRole(db, d.orgId, 'official')).map((u) => ({
      kind: 'advice_arrived',
      dedupeKey: `arrived:${d.id}:${u.id}`,
      orgId: d.orgId,
      adviceId: d.id,
      to: [u.email],
      subject: nl.mail.subjects.adviceArrived(d.title, placeholder),
      ...arrived,
    })),
  ];
  return [...mails.map((m) => outboxStatement(db, m)), referenceFill(db, d.id, placeholder, mails.map((m) => m.dedupeKey))];
}

/** To every approver of the organisation (not the requester, should they hold both hats). */
export async function approvalRequestMails(db: Db, ctx: MailContext, d: AdviceRow, by: UserPrincipal): Promise<Statement[]> {
  const { org, council } = await loadOrganisationAndCouncil(db, d);
  const rendered = await renderMail(
    createElement(ApprovalRequestedMail, {
      appName: ctx.appName,
      organisationName: org.name,
      dossier: facts(d, council.name, d.reference ?? ''),
      dossierUrl: mailLinks.dossier(ctx, d.id),
      requesterName: by.name,
    }),
  );
  const round = d.transitionId ?? 'first';
  const approvers = (await staffOfRole(db, d.orgId, 'approver')).filter((u) => u.id !== by.id);
  return staffNotices(db, d, 'approval_requested', (u) => `approval:${d.id}:${round}:${u.id}`, approvers, nl.mail.subjects.approvalRequested(d.title, d.reference ?? ''), rendered);
}

/** To the official who asked for approval, with the approver's comment. */
export async function returnMails(db: Db, ctx: MailContext, d: AdviceRow, by: UserPrincipal, comment: string): Promise<Statement[]> {
  const requester = await userById(db, d.approvalRequestedBy);
  if (!requester) return [];
  const { org, council } = await loadOrganisationAndCouncil(db, d);
  const rendered = await renderMail(
    createElement(ReturnedMail, {
      appName: ctx.appName,
      organisationName: org.name,
      dossier: facts(d, council.name, d.reference ?? ''),
      dossierUrl: mailLinks.dossier(ctx, d.id),
      approverName: by.name,
      comment,
    }),
  );
  return staffNotices(db, d, 'returned', (u) => `returned:${d.id}:${d.transitionId ?? 'first'}:${u.id}`, [requester], nl.mail.subjects.returned(d.title, d.reference ?? ''), rendered);
}

/** To the official who asked for approval: signed, ready to send. */
export async function signedMails(db: Db, ctx: MailContext, d: AdviceRow, by: UserPrincipal, signedAt: string): Promise<Statement[]> {
  const requester = await userById(db, d.approvalRequestedBy);
  if (!requester) return [];
  const { org, council } = await loadOrganisationAndCouncil(db, d);
  const rendered = await renderMail(
    createElement(SignedMail, {
      appName: ctx.appName,
      organisationName: org.name,
      dossier: facts(d, council.name, d.reference ?? ''),
      dossierUrl: mailLinks.dossier(ctx, d.id),
      approverName: by.name,
      signedOn: dutchDate(todayInAmsterdam(new Date(signedAt))),
    }),
  );
  return staffNotices(db, d, 'signed', (u) => `signed:${d.id}:${u.id}`, [requester], nl.mail.subjects.signed(d.title, d.reference ?? ''), rendered);
}

/** The same rendered notice about a dossier to each of these staff members, one outbox row each. */
function staffNotices(
  db: Db,
  d: AdviceRow,
  kind: OutgoingMail['kind'],
  dedupeKey: (u: { id: string }) => string,
  recipients: { id: string; email: string }[],
  subject: string,
  rendered: { html: string; text: string },
): Statement[] {
  return recipients.map((u) => outboxStatement(db, { kind, dedupeKey: dedupeKey(u), orgId: d.orgId, adviceId: d.id, to: [u.email], subject, ...rendered }));
}

export function unique(emails: string[]) {
  return [...new Set(emails.map(normaliseEmail))];
}
