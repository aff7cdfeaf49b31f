/**
 * The end of a consultation: asking for approval (closed → in_review), returning it (→ closed),
 * signing the list (→ signed: frozen, stored under its hash) and sending it (→ sent, one mail per
 * participant recipient). Each a conditional transition with its audit row and mails in one batch.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { guard } from '../db';
import type { UserPrincipal } from '../context';
import { consultations, consultationRemarks, consultationResponses } from '../../schema/consultations';
import { AppError, conflict, forbidden, invalid } from '../errors';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { runGuarded } from './transitions';
import { consultationTransition, loadConsultation, readConsultation, type ConsultationRead, type ConsultationScope } from './consultations';
import { buildListSnapshot, frozenListSnapshot, listContentHash, listKey, type ListSnapshot, type SignedList } from './consultation-list';
import { listApprovalMails, listMails, listReturnMails, listSignedMails } from './consultation-notifications';
import { buildListModel } from '../../schema/list-model';
import type { MailContext } from './mail-context';
import { signingMethod } from './approval';
import { signedViaValue, signedWithDetail } from '../../schema/signing';
import { publishConsultationStatements } from './consultation-publication';

const t = nl.consultations;

/**
 * The outbox statements each transition adds to its own batch. One object, so that race tests can
 * hold concurrent requests at exactly this point (after reading the state, before writing).
 */
export const consultationHooks = {
  onRequestApproval: listApprovalMails,
  onReturn: listReturnMails,
  onApprove: listSignedMails,
  onSend: listMails,
};

/** Remarks without a response, as the API's 422 lists them (paths as in GET /consultations/{id}). */
async function unanswered(db: Db, c: ConsultationScope) {
  const read = await readConsultation(db, c.id);
  return (read?.consultation.participants ?? []).flatMap((participant, pi) =>
    participant.remarks.flatMap((r, ri) => (r.response ? [] : [{ path: `participants.${pi}.remarks.${ri}.response`, number: r.number }])),
  );
}

export async function requestListApproval(db: Db, p: UserPrincipal, c: ConsultationScope, mail: MailContext) {
  if (c.status !== 'closed') throw conflict(t.states.notClosed);
  const missing = await unanswered(db, c);
  if (missing.length) {
    const numbers = missing.map((m) => m.number).sort((a, b) => a - b);
    throw invalid(
      missing.map((m) => ({ path: m.path, message: t.fields.unanswered(m.number) })),
      t.states.unanswered(numbers),
    );
  }
  const change = consultationTransition(db, c, 'requestApproval', { approvalRequestedBy: p.id, returnComment: null });
  await runGuarded(
    db,
    [
      change.update,
      change.guard,
      // A remark that arrived without a response since the check above (none can: the round is closed) would stop it.
      guard(
        db,
        sql`NOT EXISTS (SELECT 1 FROM ${consultationRemarks} m LEFT JOIN ${consultationResponses} r ON r.remark_id = m.id WHERE m.consultation_id = ${c.id} AND r.remark_id IS NULL)`,
      ),
      change.audit(p),
      ...(await consultationHooks.onRequestApproval(db, mail, c, p)),
    ],
    () => t.states.notClosed,
  );
  return { status: 'in_review' as const };
}

export async function returnList(db: Db, p: UserPrincipal, c: ConsultationScope, comment: string, mail: MailContext) {
  if (c.status !== 'in_review') throw conflict(t.states.notInReview);
  const change = consultationTransition(db, c, 'return', { returnComment: comment });
  await runGuarded(
    db,
    [change.update, change.guard, change.audit(p, { comment }), ...(await consultationHooks.onReturn(db, mail, c, p, comment))],
    () => t.states.notInReview,
  );
  return { status: 'closed' as const };
}

/**
 * Approving signs the list: the content is frozen as a snapshot, the final list rendered once and
 * stored (by `storeList`, before the state change, under its hash), and the state change records
 * the hash. The batch only matches when nothing changed since the snapshot was taken.
 */
export async function approveList(
  db: Db,
  p: UserPrincipal,
  c: ConsultationScope,
  storeList: (snapshot: ListSnapshot) => Promise<SignedList>,
  mail: MailContext,
  /**
   * The content the approver was shown and asserted with a fresh passkey (web signing), and the
   * passkey that asserted it; required for a web session. An API token signs without it.
   */
  shown?: { contentHash: string; credentialId: string },
) {
  // Every signing records how it was made (as a letter's does): the passkey assertion, or the API token.
  const signedWith = signingMethod(p, shown);
  if (!signedWith) throw forbidden(nl.web.review.signRefused);
  if (c.status !== 'in_review') throw conflict(t.states.notInReview);
  const signedAt = nowIso();
  const { scope, snapshot } = await buildListSnapshot(db, c.id, { at: signedAt, by: { id: p.id, name: p.name } });
  if (scope.status !== 'in_review') throw conflict(t.states.notInReview);
  if (scope.approvalRequestedBy === p.id) throw forbidden(t.states.fourEyes);
  if (shown && (await listContentHash(snapshot)) !== shown.contentHash) throw conflict(nl.web.review.signChanged);
  const list = await storeList(snapshot);
  const change = consultationTransition(
    db,
    scope,
    'approve',
    { snapshot: JSON.stringify(snapshot), signedAt, signedBy: p.id, signedVia: signedViaValue(signedWith), listSha256: list.sha256, listPages: list.pages },
    scope.transitionId ? eq(consultations.transitionId, scope.transitionId) : undefined,
  );
  await runGuarded(
    db,
    [change.update, change.guard, change.audit(p, { sha256: list.sha256, pages: list.pages, ...signedWithDetail(signedWith) }), ...(await consultationHooks.onApprove(db, mail, scope, p, signedAt))],
    () => t.states.notInReview,
  );
  return { status: 'signed' as const, list: { ...list, signedAt } };
}

/**
 * Sends the signed list: signed → sent, and in the same batch one outbox row per recipient of
 * every participant, the stored PDF attached. Sending again is 409 and queues nothing.
 */
export async function sendList(db: Db, documents: R2Bucket, ctx: MailContext, p: UserPrincipal, read: ConsultationRead) {
  const c = read.scope;
  if (c.status === 'sent') throw conflict(t.states.alreadySent);
  if (c.status !== 'signed' || !c.listSha256) throw conflict(t.states.notSigned);
  const key = listKey(c.listSha256, 'pdf');
  const stored = await documents.head(key);
  if (!stored) {
    console.error(`send consultation ${c.id}: signed list ${key} is not in R2`);
    throw new AppError(500, 'Internal Server Error', t.list.storedMissing);
  }
  const snapshot = frozenListSnapshot(c)!;
  const filename = buildListModel(snapshot).filenames.pdf;
  const counts = new Map(snapshot.consultation.participants.map((x) => [x.id, x.remarks.length]));
  const participants = read.participants.map((x) => ({ ...x, remarkCount: counts.get(x.id) ?? 0 }));
  const sentAt = nowIso();
  const change = consultationTransition(db, c, 'send', { sentAt });
  await runGuarded(
    db,
    [
      change.update,
      change.guard,
      // Public from this moment, unless withheld (the Woo's default: published once sent).
      ...publishConsultationStatements(db, c.id, sentAt, sentAt),
      change.audit(p, { sha256: c.listSha256, recipients: participants.flatMap((x) => x.recipients) }),
      ...(await consultationHooks.onSend(db, ctx, c, participants, { filename, size: stored.size, r2Key: key, sha256: c.listSha256 })),
    ],
    async () => ((await loadConsultation(db, c.id))?.status === 'sent' ? t.states.alreadySent : t.states.notSigned),
  );
  return { status: 'sent' as const };
}
