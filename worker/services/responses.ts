/** The officials' side of a dossier: responses per item, asking for approval, and being sent back. */
import { and, asc, eq, exists, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { guard, isGuardFailure, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import {
  advice,
  adviceItems,
  responses,
  responseRevisions,
  acceptsResponses,
  ADVICE_RESPONSE_STATUSES,
  QUESTION_RESPONSE_STATUS,
  WRITABLE,
  type AdviceRow,
  type AdviceStatus,
  type ItemKind,
  type ResponseInput,
  type ResponseStatus,
} from '../../schema/advice';
import { users } from '../../schema/users';
import { conflict, invalid, notFound, type FieldError } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { approvalRequestMails, returnMails } from './notifications';
import type { MailContext } from './mail-context';
import { runGuarded, transition } from './transitions';

function stateDetail(status: AdviceStatus) {
  return status === 'in_review' ? nl.states.inReview : nl.states.notAnswerable;
}

/** The item's current response with its writer's name (for a 409), as a statement for a batch. */
function currentResponseQuery(db: Db, itemId: string) {
  return db
    .select({ text: responses.text, status: responses.status, version: responses.version, updatedAt: responses.updatedAt, updatedBy: responses.updatedBy, name: users.name })
    .from(responses)
    .innerJoin(users, eq(users.id, responses.updatedBy))
    .where(eq(responses.itemId, itemId));
}

/** The kind of item a response status belongs to: questions are answered, advice is adopted, declined, … */
const kindOf = (status: ResponseStatus): ItemKind => (status === QUESTION_RESPONSE_STATUS ? 'question' : 'advice');

function statusErrors(kind: ItemKind, status: ResponseStatus): FieldError[] {
  if (kind === 'question' && status !== QUESTION_RESPONSE_STATUS) return [{ path: 'status', message: nl.fields.statusForQuestion }];
  if (kind === 'advice' && !(ADVICE_RESPONSE_STATUSES as readonly string[]).includes(status)) return [{ path: 'status', message: nl.fields.statusForAdvice }];
  return [];
}

/**
 * Saves a response with optimistic concurrency: `version` is the version the writer last saw.
 * A stale version is 409 with the current response, and nothing is written.
 *
 * One round trip when it succeeds: that the item belongs to the dossier and takes this status, and
 * that the dossier still takes responses, are guards of the batch; only a refused batch looks up
 * which rule it broke.
 */
export async function saveResponse(db: Db, p: UserPrincipal, d: AdviceRow, itemId: string, input: ResponseInput) {
  if (!acceptsResponses(d.status)) throw conflict(stateDetail(d.status));

  const now = nowIso();
  const writeId = newId();
  const version = input.version + 1;
  const written = { text: input.text, status: input.status, version, updatedAt: now, updatedBy: p.id, writeId };
  // The first response moves the dossier to in_progress; audited only if this write made that move
  // (another writer may have got there first, which is no reason to refuse this response).
  const start = d.status === 'submitted' ? transition(db, d, 'start') : null;
  const statements = [
    // First, so that nothing below runs for an item of another dossier (or none), or of the other kind.
    guard(
      db,
      exists(
        db
          .select({ id: adviceItems.id })
          .from(adviceItems)
          .where(and(eq(adviceItems.id, itemId), eq(adviceItems.adviceId, d.id), eq(adviceItems.kind, kindOf(input.status)))),
      ),
    ),
    guard(
      db,
      exists(
        db
          .select({ id: advice.id })
          .from(advice)
          .where(and(eq(advice.id, d.id), inArray(advice.status, [...WRITABLE]))),
      ),
    ),
    input.version === 0
      ? db
          .insert(responses)
          .values({ itemId, adviceId: d.id, ...written })
          .onConflictDoNothing()
      : db
          .update(responses)
          .set(written)
          .where(and(eq(responses.itemId, itemId), eq(responses.version, input.version))),
    // Nothing more unless this write is the one stored (a stale version matched no row).
    guard(
      db,
      exists(
        db
          .select({ id: responses.itemId })
          .from(responses)
          .where(and(eq(responses.itemId, itemId), eq(responses.writeId, writeId))),
      ),
    ),
    db.insert(responseRevisions).values({ itemId, version, text: input.text, status: input.status, createdAt: now, createdBy: p.id }),
    ...(start ? [start.update, start.audit(p, undefined, { onlyIfWon: true })] : [db.update(advice).set({ updatedAt: now }).where(eq(advice.id, d.id))]),
  ];
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    // Which rule the batch broke, read in one round trip.
    const [[item], [fresh], [r]] = await db.batch([
      db
        .select({ kind: adviceItems.kind })
        .from(adviceItems)
        .where(and(eq(adviceItems.id, itemId), eq(adviceItems.adviceId, d.id))),
      db.select({ status: advice.status }).from(advice).where(eq(advice.id, d.id)),
      currentResponseQuery(db, itemId),
    ]);
    if (!item) throw notFound();
    const errors = statusErrors(item.kind, input.status);
    if (errors.length) throw invalid(errors);
    if (!fresh || !acceptsResponses(fresh.status)) throw conflict(`${stateDetail(fresh?.status ?? d.status)} ${nl.problems.notStored}`);
    const current = r ? { text: r.text, status: r.status, version: r.version, updatedAt: r.updatedAt, updatedBy: { id: r.updatedBy, name: r.name } } : null;
    throw conflict(nl.states.staleVersion, { current });
  }
  return { version, text: input.text, status: input.status, updatedAt: now, updatedBy: { id: p.id, name: p.name } };
}

export async function requestApproval(db: Db, p: UserPrincipal, d: AdviceRow, mail: MailContext) {
  // A submitted dossier has no response yet: that is a 422 listing every item, as API.md asks,
  // rather than a state conflict the official could not act on.
  if (d.status !== 'in_progress' && d.status !== 'submitted') throw conflict(nl.states.notInProgress);
  const missing = await db
    .select({ id: adviceItems.id, kind: adviceItems.kind, number: adviceItems.number, position: adviceItems.position })
    .from(adviceItems)
    .leftJoin(responses, eq(responses.itemId, adviceItems.id))
    .where(and(eq(adviceItems.adviceId, d.id), sql`${responses.itemId} IS NULL`))
    .orderBy(asc(adviceItems.position));
  if (missing.length) throw missingResponses(missing);
  const t = transition(db, d, 'requestApproval', { approvalRequestedBy: p.id, returnComment: null });
  await runGuarded(
    db,
    [
      t.update,
      t.guard,
      guard(db, sql`NOT EXISTS (SELECT 1 FROM advice_items i LEFT JOIN responses r ON r.item_id = i.id WHERE i.advice_id = ${d.id} AND r.item_id IS NULL)`),
      t.audit(p),
      ...(await approvalRequestMails(db, mail, d, p)),
    ],
    () => nl.states.notInProgress,
  );
  return { status: 'in_review' as const };
}

function missingResponses(missing: { id: string; kind: ItemKind; number: number; position: number }[]) {
  const label = (m: { kind: ItemKind; number: number }) => nl.itemLabel(m.kind, m.number);
  return invalid(
    missing.map((m) => ({ path: `items.${m.position}.response`, message: `${label(m)}: ${nl.fields.missingResponse}` })),
    nl.fields.missingResponses(missing.map(label).join(', ')),
  );
}

export async function returnAdvice(db: Db, p: UserPrincipal, d: AdviceRow, comment: string, mail: MailContext) {
  if (d.status !== 'in_review') throw conflict(nl.states.notInReview);
  const t = transition(db, d, 'return', { returnComment: comment });
  await runGuarded(db, [t.update, t.guard, t.audit(p, { comment }), ...(await returnMails(db, mail, d, p, comment))], () => nl.states.notInReview);
  return { status: 'in_progress' as const };
}
