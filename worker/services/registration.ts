/**
 * Registering a received advice (an official, for a letter that came by post or e-mail): the
 * dossier skips the draft and is submitted at once, with its reference (the year of registration),
 * its due date counted from the day the letter arrived, and the council's acknowledgement of
 * receipt — all in one batch, as a submission is. An import named in it becomes the dossier's
 * source document in that same batch.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { isGuardFailure, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import { advice, referenceCounters, type AdviceRow } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import type { RegisterInput } from '../../schema/imports';
import { nl } from '../../schema/i18n/nl';
import { conflict, forbidden, invalid } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso, todayInAmsterdam } from '../../schema/dates';
import { dueDate } from '../lib/due-date';
import { auditStatement } from './audit';
import { extraHolidays } from './organisations';
import { insertItems, numberItems } from './advice-drafts';
import { submissionMails } from './notifications';
import { receivedStatements } from './figures-summary';
import type { MailContext } from './mail-context';
import { attachImport, usableImport } from './imports';

const t = nl.imports.problems;

export async function registerAdvice(db: Db, p: UserPrincipal, input: RegisterInput, mail: MailContext) {
  if (p.role !== 'official') throw forbidden(t.registerOfficialsOnly);
  const today = todayInAmsterdam();
  const receivedOn = input.receivedOn ?? today;
  const [[council], [org]] = await db.batch([
    db.select({ orgId: councils.orgId }).from(councils).where(eq(councils.id, input.councilId)),
    db.select().from(organisations).where(eq(organisations.id, p.orgId)),
  ]);
  const errors = [
    // Another organisation's council is as unknown as one that does not exist.
    ...(council?.orgId === p.orgId ? [] : [{ path: 'councilId', message: nl.fields.councilUnknown }]),
    ...(receivedOn > today ? [{ path: 'receivedOn', message: t.receivedInFuture }] : []),
  ];
  if (errors.length) throw invalid(errors);
  if (input.importId) await usableImport(db, p, input.importId);

  const dueOn = dueDate(receivedOn, org.responseDays, await extraHolidays(db, p.orgId));
  // Like any reference: the year in which the municipality registers it.
  const year = Number(today.slice(0, 4));
  const id = newId();
  const now = nowIso();
  const items = numberItems(id, input.items);
  const row: AdviceRow = {
    id,
    orgId: p.orgId,
    councilId: input.councilId,
    title: input.title,
    policyDocument: input.policyDocument || null,
    kind: input.kind,
    letterDate: input.letterDate,
    councilReference: input.councilReference || null,
    intro: input.intro || null,
    status: 'submitted',
    reference: null,
    receivedOn,
    dueOn,
    createdBy: p.id,
    submittedBy: p.id,
    approvalRequestedBy: null,
    returnComment: null,
    transitionId: newId(),
    snapshot: null,
    signedBy: null,
    signedAt: null,
    signedVia: null,
    letterSha256: null,
    letterPages: null,
    sentAt: null,
    sentOn: null,
    sentAdopted: 0,
    sentPartly: 0,
    sentDeclined: 0,
    sentAlreadyDone: 0,
    sentAnswered: 0,
    publication: null,
    createdAt: now,
    updatedAt: now,
  };
  const counts = { questions: items.filter((i) => i.kind === 'question').length, advice: items.filter((i) => i.kind === 'advice').length };
  const statements = [
    db.insert(advice).values(row),
    ...insertItems(db, items),
    // The reference in the same batch as the dossier: gapless and unique (as at submission).
    db
      .insert(referenceCounters)
      .values({ orgId: p.orgId, year, last: 1 })
      .onConflictDoUpdate({ target: [referenceCounters.orgId, referenceCounters.year], set: { last: sql`${referenceCounters.last} + 1` } }),
    db
      .update(advice)
      .set({
        reference: sql`${org.referencePrefix} || '-' || ${String(year)} || '-' || printf('%05d', (SELECT last FROM reference_counters WHERE org_id = ${p.orgId} AND year = ${year}))`,
      })
      .where(eq(advice.id, id))
      .returning({ reference: advice.reference }),
    ...(input.importId ? attachImport(db, input.importId, id, p.orgId) : []),
    auditStatement(db, {
      orgId: p.orgId,
      actor: p,
      action: 'advice.register',
      entity: 'advice',
      entityId: id,
      toStatus: 'submitted',
      detail: { receivedOn, ...(input.importId ? { importId: input.importId } : {}) },
    }),
    ...receivedStatements(db, row),
    // The council's acknowledgement and the officials' notice, queued in this batch (transactional outbox).
    ...(await submissionMails(db, mail, { ...row, receivedOn, dueOn }, counts)),
  ];
  const referenceAt = 1 + Math.ceil(items.length / 14) + 1;
  let results: unknown[];
  try {
    results = await runBatch(db, statements);
  } catch (err) {
    // Only the import's guard can fail: another registration took the same letter first.
    if (isGuardFailure(err)) throw conflict(`${t.importUsed(null)} ${nl.problems.notStored}`);
    throw err;
  }
  const [after] = results[referenceAt] as { reference: string | null }[];
  return {
    id,
    status: 'submitted' as const,
    reference: after.reference!,
    receivedOn,
    dueOn,
    items: items.map(({ id: itemId, kind, number, section, text }) => ({ id: itemId, kind, number, section, text })),
  };
}
