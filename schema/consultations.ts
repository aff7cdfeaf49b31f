/**
 * Consultations (consultatierondes): one policy document put to several bodies, each remark
 * answered with a response and where it is processed, the whole answered in one signed
 * "integrale lijst". Tables and API shapes; no I/O.
 */
import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { organisations, councils } from './organisations';
import { users } from './users';
import type { PublicationDecision } from './publication-decision';

export const CONSULTATION_STATUSES = ['open', 'closed', 'in_review', 'signed', 'sent'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export type LegendEntry = { code: string; label: string };

export const consultations = sqliteTable(
  'consultations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    title: text('title').notNull(),
    document: text('document').notNull(),
    /** The processing codes of this round, in the order given. */
    legend: text('legend', { mode: 'json' }).$type<LegendEntry[]>().notNull(),
    status: text('status', { enum: CONSULTATION_STATUSES }).notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    approvalRequestedBy: text('approval_requested_by'),
    returnComment: text('return_comment'),
    /** A random id written by the last state transition (services/transition.ts). */
    transitionId: text('transition_id'),
    /** The frozen content (a ListSnapshot as JSON), written when the list is signed. */
    snapshot: text('snapshot'),
    signedBy: text('signed_by'),
    signedAt: text('signed_at'),
    /** How the list was signed (schema/signing.ts signedViaValue): `passkey:<credential id>` or `token:<token id>`. */
    signedVia: text('signed_via'),
    listSha256: text('list_sha256'),
    listPages: integer('list_pages'),
    sentAt: text('sent_at'),
    /** The publication decision under the Woo (schema/publication.ts); null: nobody decided, published once sent. */
    publication: text('publication', { mode: 'json' }).$type<PublicationDecision>(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('consultations_org_status').on(t.orgId, t.status), index('consultations_sha').on(t.listSha256)],
);

/**
 * The bodies a consultation is put to, in the order given. A council of the organisation is named
 * by `councilId` (its name, salutation, address and recipients are the council's own); an outside
 * body has them here.
 */
export const consultationParticipants = sqliteTable(
  'consultation_participants',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id').notNull().references(() => consultations.id),
    position: integer('position').notNull(),
    councilId: text('council_id').references(() => councils.id),
    name: text('name'),
    salutation: text('salutation'),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>(),
    addressLines: text('address_lines', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [uniqueIndex('consultation_participants_position').on(t.consultationId, t.position), index('consultation_participants_council').on(t.councilId)],
);

/** Remarks, numbered 1..n across the consultation in the order received. */
export const consultationRemarks = sqliteTable(
  'consultation_remarks',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id').notNull().references(() => consultations.id),
    participantId: text('participant_id').notNull().references(() => consultationParticipants.id),
    number: integer('number').notNull(),
    section: text('section'),
    text: text('text').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
  },
  (t) => [uniqueIndex('consultation_remarks_number').on(t.consultationId, t.number), index('consultation_remarks_participant').on(t.participantId)],
);

/**
 * The current response per remark: its own text, or (`sameAs`) the response given to another
 * remark, printed by reference. Every version is also kept in consultation_response_revisions.
 */
export const consultationResponses = sqliteTable(
  'consultation_responses',
  {
    remarkId: text('remark_id').primaryKey().references(() => consultationRemarks.id),
    consultationId: text('consultation_id').notNull().references(() => consultations.id),
    text: text('text'),
    sameAs: text('same_as').references(() => consultationRemarks.id),
    processing: text('processing', { mode: 'json' }).$type<string[]>().notNull(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull().references(() => users.id),
    /** Random id of the write that produced this version (gates the revision insert). */
    writeId: text('write_id').notNull(),
  },
  (t) => [index('consultation_responses_consultation').on(t.consultationId), index('consultation_responses_same_as').on(t.sameAs)],
);

export const consultationResponseRevisions = sqliteTable(
  'consultation_response_revisions',
  {
    remarkId: text('remark_id').notNull().references(() => consultationRemarks.id),
    version: integer('version').notNull(),
    text: text('text'),
    sameAs: text('same_as'),
    processing: text('processing', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.remarkId, t.version] })],
);

export type ConsultationRow = typeof consultations.$inferSelect;
/** A consultation row with what the policy needs to know about it: which of the organisation's councils take part. */
export type ConsultationScope = ConsultationRow & { councilIds: string[] };

// ---- The consultation's states (pure rules) ----------------------------------------------

/** Every change of a consultation's state and the audit action that records it (worker/services/transitions.ts). */
export const CONSULTATION_TRANSITIONS = {
  close: { from: ['open'], to: 'closed', action: 'consultation.close' },
  requestApproval: { from: ['closed'], to: 'in_review', action: 'consultation.request_approval' },
  return: { from: ['in_review'], to: 'closed', action: 'consultation.return' },
  approve: { from: ['in_review'], to: 'signed', action: 'consultation.approve' },
  send: { from: ['signed'], to: 'sent', action: 'consultation.send' },
} as const satisfies Record<string, { from: readonly ConsultationStatus[]; to: ConsultationStatus; action: string }>;

/** The states in which responses may be written (the API's and the web's saves, and the page's forms). */
export const REMARK_RESPONSE_STATES: readonly ConsultationStatus[] = ['open', 'closed'];
export const acceptsRemarkResponses = (status: ConsultationStatus) => REMARK_RESPONSE_STATES.includes(status);

// ---- API shapes -------------------------------------------------------------------------

import { z, requiredText, email } from './zod';
import { nl } from './i18n/nl';

const m = nl.consultations.fields;

/** One line: names, titles and codes never span lines (the list prints them in a heading or a cell). */
const oneLine = (s: string) => !/[\r\n]/.test(s);
const requiredLine = (max: number, emptyMessage?: string) => requiredText(max, emptyMessage).refine(oneLine, m.singleLine);
const optionalLine = (max: number) => z.string().trim().max(max, nl.fields.tooLong(max)).refine(oneLine, m.singleLine).optional();

/** Refuses a second item with the same key (null: no key), the error on the second item's `field`. */
const uniqueBy =
  <T>(key: (item: T) => string | null, message: string, field?: string) =>
  (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (k === null) return;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: field ? [i, field] : [i], message });
      seen.add(k);
    });
  };

export const legendEntryShape = z.strictObject({
  code: requiredLine(40, m.legendCode),
  label: requiredText(2000, m.legendLabel),
});

/** A participant: one of the organisation's councils, or a named outside body with its recipients. */
export const participantInputShape = z
  .strictObject({
    councilId: z.string().min(1).optional(),
    name: optionalLine(200),
    recipients: z.array(email()).max(50).optional(),
    salutation: optionalLine(200),
    addressLines: z.array(requiredLine(200)).max(8).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.councilId) {
      for (const key of ['name', 'recipients', 'salutation', 'addressLines'] as const) {
        if (p[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: m.councilHasOwn });
      }
      return;
    }
    if (!p.name) ctx.addIssue({ code: 'custom', path: ['name'], message: m.participantName });
    if (!p.recipients?.length) ctx.addIssue({ code: 'custom', path: ['recipients'], message: nl.fields.recipients });
    // One mail per address: the same address twice is a typing error.
    const seen = new Set<string>();
    (p.recipients ?? []).forEach((address, i) => {
      if (seen.has(address)) ctx.addIssue({ code: 'custom', path: ['recipients', i], message: nl.fields.recipientTwice });
      seen.add(address);
    });
  });
export type ParticipantInput = z.infer<typeof participantInputShape>;

export const consultationInputShape = z
  .strictObject({
    title: requiredLine(300, nl.fields.title),
    document: requiredLine(300, m.document),
    legend: z
      .array(legendEntryShape)
      .min(1, m.legend)
      .max(100)
      .superRefine(uniqueBy((e) => e.code.trim().toLowerCase(), m.legendCodeTwice, 'code')),
    participants: z
      .array(participantInputShape)
      .min(1, m.participants)
      .max(100)
      .superRefine(uniqueBy((p) => (p.councilId ? `council:${p.councilId}` : p.name ? `name:${p.name.trim().toLowerCase()}` : null), m.participantTwice, 'name')),
  })
  .openapi('ConsultationInput');
export type ConsultationInput = z.infer<typeof consultationInputShape>;

export const remarkInputShape = z
  .strictObject({
    participantId: z.string({ error: m.participantId }).min(1, m.participantId),
    text: requiredText(20000, m.remarkText),
    section: optionalLine(300),
  })
  .openapi('RemarkInput');
export type RemarkInput = z.infer<typeof remarkInputShape>;

const version = z
  .number({ error: nl.fields.version })
  .refine(Number.isInteger, nl.fields.version)
  .refine((n) => n >= 0, nl.fields.version)
  .openapi({ type: 'integer', minimum: 0 });

/**
 * A response: its own text, or `sameAs` another remark (whose response is then printed by
 * reference); one or more processing codes of the legend either way.
 */
export const remarkResponseInputShape = z
  .strictObject({
    text: z.string().trim().max(50000, nl.fields.tooLong(50000)).nullable().optional(),
    sameAs: z.string().min(1).nullable().optional(),
    processing: z
      .array(z.string().trim().min(1, m.processingCode).max(40))
      .min(1, m.processing)
      .max(20)
      .superRefine(uniqueBy((c: string) => c, m.processingTwice)),
    version,
  })
  .superRefine((v, ctx) => {
    const hasText = typeof v.text === 'string' && v.text !== '';
    if (v.sameAs && hasText) ctx.addIssue({ code: 'custom', path: ['text'], message: m.textWithSameAs });
    if (!v.sameAs && !hasText) ctx.addIssue({ code: 'custom', path: ['text'], message: m.responseText });
  })
  .openapi('RemarkResponseInput');
export type RemarkResponseInput = z.infer<typeof remarkResponseInputShape>;

export const consultationReturnShape = z.strictObject({ comment: requiredText(5000, nl.fields.comment) }).openapi('ConsultationReturnInput');

export const remarkResponseShape = z
  .object({
    text: z.string().nullable(),
    sameAs: z.string().nullable(),
    processing: z.array(z.string()),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('RemarkResponse');
export type RemarkResponse = z.infer<typeof remarkResponseShape>;

export const remarkShape = z
  .object({
    id: z.string(),
    number: z.number(),
    section: z.string().nullable(),
    text: z.string(),
    response: remarkResponseShape.nullable(),
  })
  .openapi('Remark');
export type Remark = z.infer<typeof remarkShape>;

export const participantShape = z
  .object({
    id: z.string(),
    name: z.string(),
    councilId: z.string().nullable().openapi({ description: 'The organisation’s council this participant is, or null for an outside body' }),
    remarks: z.array(remarkShape),
  })
  .openapi('Participant');
export type Participant = z.infer<typeof participantShape>;

export const listInfoShape = z
  .object({ sha256: z.string(), pages: z.number(), signedAt: z.string(), signedBy: z.object({ id: z.string(), name: z.string() }) })
  .openapi('ListInfo');

export const consultationShape = z
  .object({
    id: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    title: z.string(),
    document: z.string(),
    legend: z.array(z.object({ code: z.string(), label: z.string() })),
    returnComment: z.string().nullable(),
    participants: z.array(participantShape),
    list: listInfoShape.nullable(),
  })
  .openapi('Consultation');
export type Consultation = z.infer<typeof consultationShape>;

export const consultationSummaryShape = z
  .object({
    id: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    title: z.string(),
    document: z.string(),
    participantCount: z.number(),
    remarkCount: z.number(),
    answeredCount: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ConsultationSummary');
export type ConsultationSummary = z.infer<typeof consultationSummaryShape>;

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

/** A whole consultation as read: the scope (for the policy), the participants' details and the full view. */
export type ConsultationRead = {
  scope: ConsultationScope;
  participants: ParticipantDetail[];
  /** Everything, as staff see it. */
  consultation: Consultation;
};
