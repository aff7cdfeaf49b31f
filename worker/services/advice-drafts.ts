/** The council's side of a dossier: writing a draft, changing it, and submitting it. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { advice, adviceItems, referenceCounters, type AdviceInput, type AdviceRow } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { conflict, forbidden, invalid } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso, todayInAmsterdam } from '../../schema/dates';
import { dueDate } from '../lib/due-date';
import { nl } from '../../schema/i18n/nl';
import { auditStatement } from './audit';
import { extraHolidays } from './organisations';
import { isCouncilRole } from '../policy';
import { submissionMails } from './notifications';
import type { MailContext } from './mail-context';
import { receivedStatements } from './figures-summary';
import { runGuarded, transition } from './transitions';
import { attachImport, usableImport } from './imports';

type ItemRow = typeof adviceItems.$inferSelect;

/** Questions and advice items are numbered separately, 1..n each, in the order given. */
export function numberItems(adviceId: string, items: AdviceInput['items']): ItemRow[] {
  const counters = { question: 0, advice: 0 };
  return items.map((item, position) => ({
    id: newId(),
    adviceId,
    position,
    kind: item.kind,
    number: ++counters[item.kind],
    section: item.section || null,
    text: item.text,
  }));
}

/** D1 allows 100 bound parameters a statement: insert items 14 rows (7 columns) at a time. */
export function insertItems(db: Db, rows: ItemRow[]) {
  const statements = [];
  for (let i = 0; i < rows.length; i += 14) statements.push(db.insert(adviceItems).values(rows.slice(i, i + 14)));
  return statements;
}

const created = (id: string, items: ItemRow[]) => ({
  id,
  status: 'draft' as const,
  items: items.map(({ id, kind, number, section, text }) => ({ id, kind, number, section, text })),
});

async function checkCouncil(db: Db, p: UserPrincipal, councilId: string) {
  const [council] = await db
    .select({ id: councils.id })
    .from(councils)
    .where(and(eq(councils.id, councilId), eq(councils.orgId, p.orgId)));
  if (!council) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  if (p.councilId !== councilId) throw forbidden();
}

const content = (input: AdviceInput) => ({
  councilId: input.councilId,
  title: input.title,
  policyDocument: input.policyDocument || null,
  kind: input.kind,
  letterDate: input.letterDate,
  councilReference: input.councilReference || null,
  intro: input.intro || null,
});

export async function createAdvice(db: Db, p: UserPrincipal, input: AdviceInput & { importId?: string }) {
  if (!isCouncilRole(p)) throw forbidden();
  await checkCouncil(db, p, input.councilId);
  // Written from the council's own letter: that import becomes the dossier's source document.
  if (input.importId) await usableImport(db, p, input.importId);
  const id = newId();
  const now = nowIso();
  const items = numberItems(id, input.items);
  await runGuarded(
    db,
    [
      db.insert(advice).values({ id, orgId: p.orgId, ...content(input), status: 'draft', createdBy: p.id, createdAt: now, updatedAt: now }),
      ...insertItems(db, items),
      ...(input.importId ? attachImport(db, input.importId, id, p.orgId) : []),
      auditStatement(db, {
        orgId: p.orgId,
        actor: p,
        action: 'advice.create',
        entity: 'advice',
        entityId: id,
        toStatus: 'draft',
        detail: input.importId ? { importId: input.importId } : undefined,
      }),
    ],
    () => nl.imports.problems.importUsed(null),
  );
  return created(id, items);
}

export async function updateAdvice(db: Db, p: UserPrincipal, d: AdviceRow, input: AdviceInput) {
  if (d.status !== 'draft') throw conflict(nl.states.notDraft);
  await checkCouncil(db, p, input.councilId);
  const items = numberItems(d.id, input.items);
  const t = transition(db, d, 'update', content(input));
  await runGuarded(
    db,
    [t.update, t.guard, db.delete(adviceItems).where(eq(adviceItems.adviceId, d.id)), ...insertItems(db, items), t.audit(p)],
    () => nl.states.notDraft,
  );
  return created(d.id, items);
}

export async function submitAdvice(db: Db, p: UserPrincipal, d: AdviceRow, mail: MailContext) {
  if (d.status !== 'draft') throw conflict(nl.states.notSubmittable);
  const [org] = await db.select().from(organisations).where(eq(organisations.id, d.orgId));
  const receivedOn = todayInAmsterdam();
  const dueOn = dueDate(receivedOn, org.responseDays, await extraHolidays(db, d.orgId));
  const year = Number(receivedOn.slice(0, 4));
  const t = transition(db, d, 'submit', { receivedOn, dueOn, submittedBy: p.id });
  const results = await runGuarded(
    db,
    [
      t.update,
      t.guard,
      // The reference is allocated inside the same batch as the transition: gapless and unique,
      // since D1 runs one batch at a time and a lost race rolls the increment back.
      db
        .insert(referenceCounters)
        .values({ orgId: d.orgId, year, last: 1 })
        .onConflictDoUpdate({ target: [referenceCounters.orgId, referenceCounters.year], set: { last: sql`${referenceCounters.last} + 1` } }),
      // Returned by the batch itself: a read after the commit could fail and leave the caller
      // with a 503 for a submission that happened (and a retry that can only say 409).
      db
        .update(advice)
        .set({
          reference: sql`${org.referencePrefix} || '-' || ${String(year)} || '-' || printf('%05d', (SELECT last FROM reference_counters WHERE org_id = ${d.orgId} AND year = ${year}))`,
        })
        .where(eq(advice.id, d.id))
        .returning({ reference: advice.reference }),
      t.audit(p),
      ...receivedStatements(db, { ...d, receivedOn }),
      // The acknowledgement and the notices are queued in this batch (transactional outbox).
      ...(await submissionMails(db, mail, { ...d, receivedOn, dueOn })),
    ],
    () => nl.states.notSubmittable,
  );
  const [after] = results[3] as { reference: string | null }[];
  return { status: 'submitted' as const, reference: after.reference!, receivedOn, dueOn };
}
