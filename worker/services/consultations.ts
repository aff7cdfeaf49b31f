/**
 * Consultations: starting one, reading it (whole, in one round trip), listing them, adding remarks
 * and closing the round. Responses, review and signing are in consultation-responses.ts and
 * consultation-review.ts.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { guard, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import {
  consultations,
  consultationParticipants,
  CONSULTATION_TRANSITIONS,
  type ConsultationRow,
  type ConsultationScope,
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

export type { ConsultationRow, ConsultationScope };

/** A participant with everything the list and the mails need: a council's own details, or the outside body's. */
export type ParticipantDetail = {
  id: string;
  position: number;
  councilId: string | null;
  name: string;
  salutation: string;
  recipients: string[];
  addressLines: string[];
};


// ---- reading -------------------------------------------------------------------------------

/** The statements that read a consultation's row and its participating councils (for scopes). */
function scopeQueries(db: Db, id: string) {
  return [
    db.select().from(consultations).where(eq(consultations.id, id)),
    db.select({ councilId: consultationParticipants.councilId }).from(consultationParticipants).where(eq(consultationParticipants.consultationId, id)),
  ] as const;
}

function scopeOf(row: ConsultationRow | undefined, councilRows: { councilId: string | null }[]): ConsultationScope | null {
  if (!row) return null;
  return { ...row, councilIds: councilRows.map((r) => r.councilId).filter((c): c is string => c !== null) };
}

/** The consultation's row and its participating councils, in one round trip (null: no such consultation). */
export async function loadConsultation(db: Db, id: string): Promise<ConsultationScope | null> {
  const [[row], councilRows] = await db.batch(scopeQueries(db, id));
  return scopeOf(row, councilRows);
}

/** A whole consultation as read: the scope (for the policy), the participants' details and the full view. */
export type ConsultationRead = {
  scope: ConsultationScope;
  participants: ParticipantDetail[];
  /** Everything, as staff see it. */
  consultation: Consultation;
};

/** The three reads of a whole consultation, for one batch (with whatever else the caller needs). */
export function consultationQueries(db: Db, id: string) {
  return [
    db
      .select({ row: consultations, signerName: users.name })
      .from(consultations)
      .leftJoin(users, eq(users.id, consultations.signedBy))
      .where(eq(consultations.id, id)),
    // In a batch, D1 returns rows as objects and Drizzle reads their values in order: columns of the
    // same name in two tables would collide, so the council's are aliased.
    db
      .select({
        p: consultationParticipants,
        councilName: sql<string | null>`${councils.name}`.as('council_name'),
        councilSalutation: sql<string | null>`${councils.salutation}`.as('council_salutation'),
        councilRecipients: sql<string[] | null>`${councils.recipients}`.mapWith(councils.recipients).as('council_recipients'),
        councilAddressLines: sql<string[] | null>`${councils.addressLines}`.mapWith(councils.addressLines).as('council_address_lines'),
      })
      .from(consultationParticipants)
      .leftJoin(councils, eq(councils.id, consultationParticipants.councilId))
      .where(eq(consultationParticipants.consultationId, id))
      .orderBy(asc(consultationParticipants.position)),
    db
      .select({
        remark: consultationRemarks,
        // Aliased, as above: the response shares column names with the remark.
        responseText: sql<string | null>`${consultationResponses.text}`.as('response_text'),
        sameAs: consultationResponses.sameAs,
        processing: consultationResponses.processing,
        version: consultationResponses.version,
        updatedAt: consultationResponses.updatedAt,
        updatedBy: consultationResponses.updatedBy,
        updaterName: users.name,
      })
      .from(consultationRemarks)
      .leftJoin(consultationResponses, eq(consultationResponses.remarkId, consultationRemarks.id))
      .leftJoin(users, eq(users.id, consultationResponses.updatedBy))
      .where(eq(consultationRemarks.consultationId, id))
      .orderBy(asc(consultationRemarks.number)),
  ] as const;
}

type Queries = ReturnType<typeof consultationQueries>;
type QueryResults = readonly [Awaited<Queries[0]>, Awaited<Queries[1]>, Awaited<Queries[2]>];

/** The whole consultation in one round trip (one batch of three reads), or null. */
export async function readConsultation(db: Db, id: string): Promise<ConsultationRead | null> {
  return consultationFromResults(await db.batch(consultationQueries(db, id)));
}

/** consultationQueries' results as a ConsultationRead, or null when there is no such consultation. */
export function consultationFromResults([[head], participantRows, remarkRows]: QueryResults): ConsultationRead | null {
  if (!head) return null;
  const row = head.row;
  const participants: ParticipantDetail[] = participantRows.map(({ p, ...council }) => ({
    id: p.id,
    position: p.position,
    councilId: p.councilId,
    name: council.councilName ?? p.name ?? '',
    salutation: council.councilSalutation ?? p.salutation ?? nl.defaultSalutation(p.name ?? ''),
    recipients: council.councilRecipients ?? p.recipients ?? [],
    addressLines: council.councilAddressLines ?? p.addressLines ?? [],
  }));
  const byParticipant = new Map<string, Participant['remarks']>(participants.map((p) => [p.id, []]));
  for (const { remark, responseText, sameAs, processing, version, updatedAt, updatedBy, updaterName } of remarkRows) {
    byParticipant.get(remark.participantId)?.push({
      id: remark.id,
      number: remark.number,
      section: remark.section,
      text: remark.text,
      response:
        version !== null && processing !== null && updatedAt !== null && updatedBy !== null
          ? { text: responseText, sameAs, processing, version, updatedAt, updatedBy: { id: updatedBy, name: updaterName ?? '' } }
          : null,
    });
  }
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
  return { scope: scopeOf(row, participantRows.map(({ p }) => p))!, participants, consultation };
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
