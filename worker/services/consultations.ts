/**
 * Consultations: starting one, reading it (whole, in one round trip), listing them, adding remarks
 * and closing the round. Responses, review and signing are in consultation-responses.ts and
 * consultation-review.ts.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import type { Scope } from './dossier-read';
import { guard, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import {
  consultations,
  consultationParticipants,
  CONSULTATION_TRANSITIONS,
  type ConsultationRow,
  type ConsultationScope,
  type ConsultationRead,
  type ParticipantDetail,
  consultationRemarks,
  consultationResponses,
  type Consultation,
  type ConsultationInput,
  type ConsultationSummary,
  type Participant,
  type RemarkInput,
} from '../../schema/consultations';
import { councils } from '../../schema/organisations';
import { users } from '../../schema/users';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { auditStatement } from './audit';
import { runGuarded, transitionsOf } from './transitions';
import { isCouncilRole, mayCreateConsultation } from '../policy';

const t = nl.consultations;

export type { ConsultationRow, ConsultationScope, ConsultationRead, ParticipantDetail };



// ---- reading -------------------------------------------------------------------------------

/** A subquery of the organisation ids the caller's credential belongs to (see dossier-read.ts). */
const inScope = (scope?: Scope) => (scope ? inArray(consultations.orgId, scope) : undefined);

/**
 * The councils of the organisation that take part, as one JSON array in the consultation's row.
 * (Raw SQL in Drizzle's template, here and below: Drizzle has no JSON aggregate. The subqueries
 * name the consultation by its bound id, not by the outer column: in a query without a join
 * Drizzle writes columns unqualified, and the inner table's `id` would answer.)
 */
const councilIdsJson = (id: string) => sql<string>`(SELECT json_group_array(${consultationParticipants.councilId}) FROM ${consultationParticipants}
  WHERE ${consultationParticipants.consultationId} = ${id} AND ${consultationParticipants.councilId} IS NOT NULL)`;

/** The participants in their order, each with its council's own details where it is a council. */
const participantsJson = (id: string) => sql<string>`(SELECT json_group_array(json_object(
    'id', ${consultationParticipants.id}, 'position', ${consultationParticipants.position}, 'councilId', ${consultationParticipants.councilId},
    'name', ${consultationParticipants.name}, 'salutation', ${consultationParticipants.salutation},
    'recipients', json(${consultationParticipants.recipients}), 'addressLines', json(${consultationParticipants.addressLines}),
    'councilName', ${councils.name}, 'councilSalutation', ${councils.salutation},
    'councilRecipients', json(${councils.recipients}), 'councilAddressLines', json(${councils.addressLines})
  ) ORDER BY ${consultationParticipants.position})
  FROM ${consultationParticipants} LEFT JOIN ${councils} ON ${councils.id} = ${consultationParticipants.councilId}
  WHERE ${consultationParticipants.consultationId} = ${id})`;

/** Every remark in number order, with its response and the name of whoever wrote it last. */
const remarksJson = (id: string) => sql<string>`(SELECT json_group_array(json_object(
    'id', ${consultationRemarks.id}, 'participantId', ${consultationRemarks.participantId}, 'number', ${consultationRemarks.number},
    'section', ${consultationRemarks.section}, 'text', ${consultationRemarks.text},
    'response', json(CASE WHEN ${consultationResponses.remarkId} IS NULL THEN NULL ELSE json_object(
      'text', ${consultationResponses.text}, 'sameAs', ${consultationResponses.sameAs}, 'processing', json(${consultationResponses.processing}),
      'version', ${consultationResponses.version}, 'updatedAt', ${consultationResponses.updatedAt},
      'updatedBy', json_object('id', ${consultationResponses.updatedBy}, 'name', coalesce(${users.name}, ''))) END)
  ) ORDER BY ${consultationRemarks.number})
  FROM ${consultationRemarks} LEFT JOIN ${consultationResponses} ON ${consultationResponses.remarkId} = ${consultationRemarks.id}
  LEFT JOIN ${users} ON ${users.id} = ${consultationResponses.updatedBy}
  WHERE ${consultationRemarks.consultationId} = ${id})`;

const signer = alias(users, 'signer');

/** A consultation's row and the councils that take part (what the policy judges), in one statement. */
export function scopeQuery(db: Db, id: string, scope?: Scope) {
  return db
    .select({ row: consultations, councilIds: councilIdsJson(id).as('council_ids') })
    .from(consultations)
    .where(and(eq(consultations.id, id), inScope(scope)));
}

export function scopeOf([found]: Awaited<ReturnType<typeof scopeQuery>>): ConsultationScope | null {
  return found ? { ...found.row, councilIds: JSON.parse(found.councilIds) as string[] } : null;
}

/** The consultation's row and its participating councils, in one round trip (null: no such consultation). */
export async function loadConsultation(db: Db, id: string): Promise<ConsultationScope | null> {
  return scopeOf(await scopeQuery(db, id));
}


/** The whole consultation (row, signer, participants, remarks and responses) in one statement; see consultationOf. */
export function consultationQuery(db: Db, id: string, scope?: Scope) {
  return db
    .select({
      row: consultations,
      signerName: sql<string | null>`${signer.name}`.as('signer_name'),
      participants: participantsJson(id).as('participants'),
      remarks: remarksJson(id).as('remarks'),
    })
    .from(consultations)
    .leftJoin(signer, eq(signer.id, consultations.signedBy))
    .where(and(eq(consultations.id, id), inScope(scope)));
}

type ParticipantJson = Omit<ParticipantDetail, 'name' | 'salutation' | 'recipients' | 'addressLines'> & {
  name: string | null;
  salutation: string | null;
  recipients: string[] | null;
  addressLines: string[] | null;
  councilName: string | null;
  councilSalutation: string | null;
  councilRecipients: string[] | null;
  councilAddressLines: string[] | null;
};
type RemarkJson = Participant['remarks'][number] & { participantId: string };

/** consultationQuery's result as a ConsultationRead, or null when there is no such consultation (in scope). */
export function consultationOf([head]: Awaited<ReturnType<typeof consultationQuery>>): ConsultationRead | null {
  if (!head) return null;
  const row = head.row;
  const participants: ParticipantDetail[] = (JSON.parse(head.participants) as ParticipantJson[]).map((p) => ({
    id: p.id,
    position: p.position,
    councilId: p.councilId,
    name: p.councilName ?? p.name ?? '',
    salutation: p.councilSalutation ?? p.salutation ?? nl.defaultSalutation(p.name ?? ''),
    recipients: p.councilRecipients ?? p.recipients ?? [],
    addressLines: p.councilAddressLines ?? p.addressLines ?? [],
  }));
  const byParticipant = new Map<string, Participant['remarks']>(participants.map((p) => [p.id, []]));
  for (const { participantId, ...remark } of JSON.parse(head.remarks) as RemarkJson[]) byParticipant.get(participantId)?.push(remark);
  const consultation: Consultation = {
    id: row.id,
    status: row.status,
    title: row.title,
    document: row.document,
    legend: row.legend,
    returnComment: row.returnComment,
    participants: participants.map((p) => ({ id: p.id, name: p.name, councilId: p.councilId, remarks: byParticipant.get(p.id) ?? [] })),
    list:
      row.signedAt && row.listSha256
        ? { sha256: row.listSha256, pages: row.listPages ?? 0, signedAt: row.signedAt, signedBy: { id: row.signedBy ?? '', name: head.signerName ?? '' } }
        : null,
  };
  const councilIds = participants.map((p) => p.councilId).filter((c): c is string => c !== null);
  return { scope: { ...row, councilIds }, participants, consultation };
}

/** The whole consultation in one statement, or null. */
export async function readConsultation(db: Db, id: string): Promise<ConsultationRead | null> {
  return consultationOf(await consultationQuery(db, id));
}

/**
 * The consultation as this principal may see it. Staff see everything. A council member, before
 * the list is sent, sees only their own council's remarks and no responses; once sent, all of it.
 */
export function consultationFor(p: UserPrincipal, read: ConsultationRead): Consultation {
  const c = read.consultation;
  if (!isCouncilRole(p) || c.status === 'sent') return c;
  return {
    ...c,
    returnComment: null,
    participants: c.participants
      .filter((participant) => participant.councilId !== null && participant.councilId === p.councilId)
      .map((participant) => ({ ...participant, remarks: participant.remarks.map((r) => ({ ...r, response: null })) })),
  };
}

/** Every remark of a consultation, in number order, with its participant. */
export function allRemarks(c: Consultation) {
  return c.participants.flatMap((participant) => participant.remarks.map((remark) => ({ remark, participant }))).sort((a, b) => a.remark.number - b.remark.number);
}

export async function listConsultations(db: Db, p: UserPrincipal, slug: string): Promise<ConsultationSummary[]> {
  if (p.orgSlug !== slug) throw notFound();
  const conditions = [eq(consultations.orgId, p.orgId)];
  if (isCouncilRole(p)) {
    conditions.push(sql`EXISTS (SELECT 1 FROM consultation_participants x WHERE x.consultation_id = consultations.id AND x.council_id = ${p.councilId ?? ''})`);
  }
  const rows = await db
    .select({
      c: consultations,
      // Correlated counts in plain SQL: without a join Drizzle writes the outer column unqualified ("id"), which the subquery would take for its own.
      participantCount: sql<number>`(SELECT count(*) FROM consultation_participants x WHERE x.consultation_id = consultations.id)`,
      remarkCount: sql<number>`(SELECT count(*) FROM consultation_remarks x WHERE x.consultation_id = consultations.id)`,
      answeredCount: sql<number>`(SELECT count(*) FROM consultation_responses x WHERE x.consultation_id = consultations.id)`,
    })
    .from(consultations)
    .where(and(...conditions))
    .orderBy(desc(consultations.updatedAt));
  return rows.map(({ c, participantCount, remarkCount, answeredCount }) => ({
    id: c.id,
    status: c.status,
    title: c.title,
    document: c.document,
    participantCount,
    remarkCount,
    answeredCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
}

// ---- starting ------------------------------------------------------------------------------

/** D1 allows 100 bound parameters a statement: participants go in 12 rows (8 columns) at a time. */
function insertParticipants(db: Db, rows: (typeof consultationParticipants.$inferInsert)[]) {
  const statements = [];
  for (let i = 0; i < rows.length; i += 12) statements.push(db.insert(consultationParticipants).values(rows.slice(i, i + 12)));
  return statements;
}

export async function createConsultation(db: Db, p: UserPrincipal, input: ConsultationInput) {
  if (!mayCreateConsultation(p)) throw forbidden();
  const councilIds = input.participants.map((x) => x.councilId).filter((x): x is string => Boolean(x));
  const known = councilIds.length
    ? new Set(
        (await db.select({ id: councils.id }).from(councils).where(and(eq(councils.orgId, p.orgId), inArray(councils.id, councilIds)))).map((r) => r.id),
      )
    : new Set<string>();
  const errors: FieldError[] = input.participants.flatMap((x, i) =>
    x.councilId && !known.has(x.councilId) ? [{ path: `participants.${i}.councilId`, message: t.fields.councilUnknown }] : [],
  );
  if (errors.length) throw invalid(errors);

  const id = newId();
  const now = nowIso();
  const participants = input.participants.map((x, position) =>
    x.councilId
      ? { id: newId(), consultationId: id, position, councilId: x.councilId, name: null, salutation: null, recipients: null, addressLines: null }
      : {
          id: newId(),
          consultationId: id,
          position,
          councilId: null,
          name: x.name!,
          salutation: x.salutation || nl.defaultSalutation(x.name!),
          recipients: x.recipients!,
          addressLines: x.addressLines ?? [],
        },
  );
  await runBatch(db, [
    db.insert(consultations).values({
      id,
      orgId: p.orgId,
      title: input.title,
      document: input.document,
      legend: input.legend.map(({ code, label }) => ({ code, label })),
      status: 'open',
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    }),
    ...insertParticipants(db, participants),
    auditStatement(db, { orgId: p.orgId, actor: p, action: 'consultation.create', entity: 'consultation', entityId: id, toStatus: 'open' }),
  ]);
  // The names as the list will print them (a council's own name).
  const read = await readConsultation(db, id);
  return {
    id,
    status: 'open' as const,
    participants: (read?.participants ?? []).map(({ id, name }) => ({ id, name })),
  };
}

// ---- remarks -------------------------------------------------------------------------------

const openGuard = (db: Db, id: string) => guard(db, sql`EXISTS (SELECT 1 FROM ${consultations} WHERE ${consultations.id} = ${id} AND ${consultations.status} = 'open')`);

/**
 * Adds remarks of one participant, numbered on after the consultation's last remark (1..n across
 * the consultation, in the order received), in one batch: all of them or none. Officials add
 * remarks for any participant; council members and secretaries for their own council only.
 */
export async function addRemarks(db: Db, p: UserPrincipal, c: ConsultationScope, participantId: string, remarks: Omit<RemarkInput, 'participantId'>[]) {
  if (c.status !== 'open') throw conflict(t.states.notOpen);
  const [participant] = await db
    .select({ councilId: consultationParticipants.councilId })
    .from(consultationParticipants)
    .where(and(eq(consultationParticipants.id, participantId), eq(consultationParticipants.consultationId, c.id)));
  if (!participant) throw invalid([{ path: 'participantId', message: t.fields.participantUnknown }]);
  if (isCouncilRole(p) && participant.councilId !== p.councilId) throw forbidden(t.fields.ownCouncilOnly);
  if (remarks.length === 0) throw invalid([{ path: 'remarks', message: t.fields.remarks }]);

  const now = nowIso();
  const ids = remarks.map(() => newId());
  // Each insert takes the next number inside the batch, which D1 runs alone: no two remarks share one.
  const nextNumber = sql`(SELECT coalesce(max(${consultationRemarks.number}), 0) + 1 FROM ${consultationRemarks} WHERE ${consultationRemarks.consultationId} = ${c.id})`;
  const results = await runGuarded(
    db,
    [
      openGuard(db, c.id),
      ...remarks.map((r, i) =>
        db
          .insert(consultationRemarks)
          .values({ id: ids[i], consultationId: c.id, participantId, number: nextNumber, section: r.section || null, text: r.text, createdAt: now, createdBy: p.id })
          .returning({ id: consultationRemarks.id, number: consultationRemarks.number }),
      ),
      db.update(consultations).set({ updatedAt: now }).where(eq(consultations.id, c.id)),
      auditStatement(db, { orgId: c.orgId, actor: p, action: 'consultation.remarks', entity: 'consultation', entityId: c.id, detail: { participantId, remarkIds: ids } }),
    ],
    () => t.states.notOpen,
  );
  return results.slice(1, 1 + remarks.length).map((rows: unknown) => (rows as { id: string; number: number }[])[0]);
}

// ---- transitions -----------------------------------------------------------------------------

/** A conditional transition of the consultation (transitions.ts): of two racing requests exactly one wins. */
export const consultationTransition = transitionsOf(consultations, 'consultation', CONSULTATION_TRANSITIONS);

/** No more remarks: open → closed. */
export async function closeConsultation(db: Db, p: UserPrincipal, c: ConsultationScope) {
  if (c.status !== 'open') throw conflict(t.states.notOpenToClose);
  const close = consultationTransition(db, c, 'close');
  await runGuarded(db, [close.update, close.guard, close.audit(p)], () => t.states.notOpenToClose);
  return { status: 'closed' as const };
}
