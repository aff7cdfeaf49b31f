import { createElement } from 'react';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { AppError, conflict } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { dutchDate, todayInAmsterdam, nowIso } from '../../schema/dates';
import type { AdviceRow } from '../../schema/advice';
import type { LetterSnapshot } from '../../schema/letter';
import { loadAdvice } from './dossier-read';
import { frozenSnapshot } from './letter-snapshot';
import { runGuarded, transition } from './transitions';
import { outboxStatement } from './mail-queue';
import { loadOrganisationAndCouncil, unique } from './notifications';
import { mailLinks, type MailContext } from './mail-context';
import { renderMail } from '../../web/emails/render';
import { LetterMail, type LetterOverview } from '../../web/emails/letter-mail';
import { users } from '../../schema/users';
import { eq } from 'drizzle-orm';
import { publishStatements } from './publication';
import { sentColumns } from '../../schema/figures';
import { sentStatements } from './figures-summary';

/**
 * Where the letter feature stores the signed PDF: the exact bytes whose SHA-256 is recorded on
 * the dossier at approval (`advice.letter_sha256`). The mail attaches these bytes, read from R2
 * at delivery time.
 */
export const signedLetterKey = (sha256: string) => `letters/${sha256}.pdf`;

export const letterFilename = (reference: string) => `reactie-${reference}.pdf`;

export function letterOverview(snapshot: LetterSnapshot | null): LetterOverview {
  const overview: LetterOverview = { adopted: 0, partly: 0, declined: 0, already_done: 0, questions: 0 };
  for (const item of snapshot?.dossier.items ?? []) {
    const status = item.response?.status;
    if (item.kind === 'question') overview.questions += status ? 1 : 0;
    else if (status && status !== 'answered') overview[status]++;
  }
  return overview;
}

/**
 * Sends the signed letter: signed → sent, and in the same batch one outbox row per council
 * recipient, the official who asked for approval in cc, the signed PDF attached. Sending a sent
 * dossier again is 409 and queues nothing (the dedupe keys would refuse a second row anyway).
 */
export async function sendAdvice(db: Db, documents: R2Bucket, ctx: MailContext, p: UserPrincipal, d: AdviceRow) {
  if (d.status === 'sent') throw conflict(nl.states.alreadySent);
  if (d.status !== 'signed' || !d.letterSha256 || !d.reference) throw conflict(nl.states.notSigned);
  const key = signedLetterKey(d.letterSha256);
  const stored = await documents.head(key);
  if (!stored) {
    console.error(`send ${d.id}: signed letter ${key} is not in R2`);
    throw new AppError(500, 'Internal Server Error', nl.mail.errors.letterMissing);
  }
  const { org, council } = await loadOrganisationAndCouncil(db, d);
  const [official] = d.approvalRequestedBy
    ? await db.select({ email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, d.approvalRequestedBy))
    : [];
  const snapshot = frozenSnapshot(d);
  const overview = letterOverview(snapshot);
  const filename = letterFilename(d.reference);
  const signedOn = dutchDate(todayInAmsterdam(new Date(d.signedAt ?? nowIso())));
  const rendered = await renderMail(
    createElement(LetterMail, {
      appName: ctx.appName,
      organisationName: org.name,
      salutation: council.salutation,
      signOff: org.signOff,
      title: d.title,
      letterDate: dutchDate(d.letterDate),
      signedOn,
      reference: d.reference,
      councilReference: d.councilReference,
      filename,
      overview,
      sha256: d.letterSha256,
      verifyUrl: mailLinks.verify(ctx, d.letterSha256, d.reference),
      contact: org.contact,
    }),
  );
  const cc = official && !official.disabledAt ? [official.email] : [];
  const attachment = { filename, contentType: 'application/pdf', size: stored.size, r2Key: key };
  // The figures' day of sending is the day this request is accepted, in Amsterdam; their item counts
  // are the sent letter's overview (schema/figures.ts).
  const now = new Date();
  const sentAt = now.toISOString();
  const sent = sentColumns(todayInAmsterdam(now), overview);
  const t = transition(db, d, 'send', { sentAt, ...sent });
  await runGuarded(
    db,
    [
      t.update,
      t.guard,
      t.audit(p, { recipients: council.recipients, cc, sha256: d.letterSha256 }),
      ...sentStatements(db, d, sent),
      // Public from the moment send answers, unless withheld (the Woo): in this same batch.
      ...publishStatements(db, d.id, sentAt, sentAt),
      ...unique(council.recipients).map((to) =>
        outboxStatement(db, {
          kind: 'letter',
          dedupeKey: `letter:${d.id}:${to}`,
          orgId: d.orgId,
          adviceId: d.id,
          to: [to],
          cc: cc.filter((c) => c.toLowerCase() !== to),
          subject: nl.mail.subjects.letter(d.title, d.reference!, d.councilReference),
          ...rendered,
          attachments: [attachment],
        }),
      ),
    ],
    async () => ((await loadAdvice(db, d.id))?.status === 'sent' ? nl.states.alreadySent : nl.states.notSigned),
  );
  return { status: 'sent' as const };
}
