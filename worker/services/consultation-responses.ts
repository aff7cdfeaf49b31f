/**
 * Responses to remarks: their own text, or the same as another remark's response; one or more
 * processing codes of the legend. Optimistic concurrency exactly as for advice responses: the
 * writer sends the version they last saw; a stale one is 409 with the current response.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { guard, isGuardFailure, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import {
  consultations,
  consultationRemarks,
  consultationResponses,
  consultationResponseRevisions,
  acceptsRemarkResponses,
  type ConsultationStatus,
  type RemarkResponse,
  type RemarkResponseInput,
} from '../../schema/consultations';
import { users } from '../../schema/users';
import { conflict, invalid, notFound, type FieldError } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import type { ConsultationScope } from './consultations';

const t = nl.consultations;

export { acceptsRemarkResponses };

const stateDetail = (status: ConsultationStatus) => (status === 'in_review' ? t.states.inReview : t.states.notAnswerable);

/** Codes that are not in the legend (the legend never changes after the consultation starts). */
export function unknownCodes(legend: { code: string }[], processing: string[]) {
  const codes = new Set(legend.map((e) => e.code));
  return processing.filter((code) => !codes.has(code));
}

/** The remark's current response with its writer's name (for a 409). */
function currentResponseQuery(db: Db, remarkId: string) {
  return db
    .select({ r: consultationResponses, name: users.name })
    .from(consultationResponses)
    .innerJoin(users, eq(users.id, consultationResponses.updatedBy))
    .where(eq(consultationResponses.remarkId, remarkId));
}

/**
 * Saves a response with optimistic concurrency. One round trip when it succeeds: that the remark
 * belongs to the consultation, that the consultation takes responses, and the rules of `sameAs`
 * (the other remark has a response of its own; no remark refers to this one when it becomes a
 * reference) are guards of the batch, and only a refused batch looks up which rule it broke.
 */
export async function saveRemarkResponse(db: Db, p: UserPrincipal, c: ConsultationScope, remarkId: string, input: RemarkResponseInput): Promise<RemarkResponse> {
  if (!acceptsRemarkResponses(c.status)) throw conflict(stateDetail(c.status));
  const unknown = unknownCodes(c.legend, input.processing);
  if (unknown.length) throw invalid([{ path: 'processing', message: t.fields.processingUnknown(unknown, c.legend.map((e) => e.code)) }]);

  const now = nowIso();
  const writeId = newId();
  const version = input.version + 1;
  const sameAs = input.sameAs ?? null;
  const text = sameAs ? null : (input.text ?? '');
  const values = { text, sameAs, processing: input.processing, version, updatedAt: now, updatedBy: p.id, writeId };
  const statements = [
    // First, so that nothing below runs for a remark of another consultation (or none).
    guard(db, sql`EXISTS (SELECT 1 FROM ${consultationRemarks} WHERE ${consultationRemarks.id} = ${remarkId} AND ${consultationRemarks.consultationId} = ${c.id})`),
    guard(db, sql`EXISTS (SELECT 1 FROM ${consultations} WHERE ${consultations.id} = ${c.id} AND ${consultations.status} IN ('open', 'closed'))`),
    ...(sameAs
      ? [
          // The other remark is of this consultation, not this one, and has a response of its own…
          guard(
            db,
            sql`EXISTS (SELECT 1 FROM ${consultationResponses} WHERE ${consultationResponses.remarkId} = ${sameAs} AND ${consultationResponses.consultationId} = ${c.id} AND ${consultationResponses.text} IS NOT NULL AND ${consultationResponses.remarkId} <> ${remarkId})`,
          ),
          // …and no remark refers to this one, whose response would then be a reference itself.
          guard(db, sql`NOT EXISTS (SELECT 1 FROM ${consultationResponses} WHERE ${consultationResponses.sameAs} = ${remarkId})`),
        ]
      : []),
    input.version === 0
      ? db.insert(consultationResponses).values({ remarkId, consultationId: c.id, ...values }).onConflictDoNothing()
      : db
          .update(consultationResponses)
          .set(values)
          .where(and(eq(consultationResponses.remarkId, remarkId), eq(consultationResponses.version, input.version))),
    guard(db, sql`EXISTS (SELECT 1 FROM ${consultationResponses} WHERE ${consultationResponses.remarkId} = ${remarkId} AND ${consultationResponses.writeId} = ${writeId})`),
    db.insert(consultationResponseRevisions).values({ remarkId, version, text, sameAs, processing: input.processing, createdAt: now, createdBy: p.id }),
    db.update(consultations).set({ updatedAt: now }).where(eq(consultations.id, c.id)),
  ];
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    throw await whyRefused(db, c, remarkId, sameAs);
  }
  return { text, sameAs, processing: input.processing, version, updatedAt: now, updatedBy: { id: p.id, name: p.name } };
}

/** Which rule a refused save broke, read in one round trip: 404, 409 (state, or a newer version) or 422 (sameAs). */
async function whyRefused(db: Db, c: ConsultationScope, remarkId: string, sameAs: string | null) {
  const [[remark], [fresh], [current], [target], referrers] = await db.batch([
    db
      .select({ id: consultationRemarks.id })
      .from(consultationRemarks)
      .where(and(eq(consultationRemarks.id, remarkId), eq(consultationRemarks.consultationId, c.id))),
    db.select({ status: consultations.status }).from(consultations).where(eq(consultations.id, c.id)),
    currentResponseQuery(db, remarkId),
    db
      .select({ number: consultationRemarks.number, text: consultationResponses.text })
      .from(consultationRemarks)
      .leftJoin(consultationResponses, eq(consultationResponses.remarkId, consultationRemarks.id))
      .where(and(eq(consultationRemarks.id, sameAs ?? ''), eq(consultationRemarks.consultationId, c.id))),
    db
      .select({ number: consultationRemarks.number })
      .from(consultationResponses)
      .innerJoin(consultationRemarks, eq(consultationRemarks.id, consultationResponses.remarkId))
      .where(and(eq(consultationResponses.sameAs, remarkId), ne(consultationResponses.remarkId, remarkId))),
  ]);
  if (!remark) return notFound();
  if (!fresh || !acceptsRemarkResponses(fresh.status)) return conflict(`${stateDetail(fresh?.status ?? c.status)} ${nl.problems.notStored}`);
  if (sameAs) {
    const errors: FieldError[] = [];
    if (sameAs === remarkId) errors.push({ path: 'sameAs', message: t.fields.sameAsSelf });
    else if (!target) errors.push({ path: 'sameAs', message: t.fields.sameAsUnknown });
    else if (target.text === null) errors.push({ path: 'sameAs', message: t.fields.sameAsNoText(target.number) });
    if (referrers.length) errors.push({ path: 'text', message: t.fields.sameAsReferred(referrers.map((r) => r.number).sort((a, b) => a - b)) });
    if (errors.length) return invalid(errors);
  }
  const response = current
    ? {
        text: current.r.text,
        sameAs: current.r.sameAs,
        processing: current.r.processing,
        version: current.r.version,
        updatedAt: current.r.updatedAt,
        updatedBy: { id: current.r.updatedBy, name: current.name },
      }
    : null;
  return conflict(nl.states.staleVersion, { current: response });
}
