import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { organisations, councils } from './organisations';
import { users } from './users';
import type { PublicationDecision } from './publication-decision';

export const ADVICE_STATUSES = ['draft', 'submitted', 'in_progress', 'in_review', 'signed', 'sent'] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];
export const ADVICE_KINDS = ['solicited', 'unsolicited'] as const;
export const ITEM_KINDS = ['question', 'advice'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ADVICE_RESPONSE_STATUSES = ['adopted', 'partly', 'declined', 'already_done'] as const;
/** A question's one response status. */
export const QUESTION_RESPONSE_STATUS = 'answered';
export const RESPONSE_STATUSES = [...ADVICE_RESPONSE_STATUSES, QUESTION_RESPONSE_STATUS] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const advice = sqliteTable(
  'advice',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    councilId: text('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    policyDocument: text('policy_document'),
    kind: text('kind', { enum: ADVICE_KINDS }).notNull(),
    letterDate: text('letter_date').notNull(),
    councilReference: text('council_reference'),
    intro: text('intro'),
    status: text('status', { enum: ADVICE_STATUSES }).notNull(),
    reference: text('reference'),
    receivedOn: text('received_on'),
    dueOn: text('due_on'),
    createdBy: text('created_by').notNull().references(() => users.id),
    submittedBy: text('submitted_by'),
    approvalRequestedBy: text('approval_requested_by'),
    returnComment: text('return_comment'),
    /** A random id written by the last state transition; later statements of the same batch are gated on it. */
    transitionId: text('transition_id'),
    /** The frozen content (a LetterSnapshot as JSON), written when the dossier is signed. */
    snapshot: text('snapshot'),
    signedBy: text('signed_by'),
    signedAt: text('signed_at'),
    /** How the signing was made: `passkey:<credential id>` or `token:<API token id>` (schema/signing.ts). */
    signedVia: text('signed_via'),
    letterSha256: text('letter_sha256'),
    letterPages: integer('letter_pages'),
    sentAt: text('sent_at'),
    /** The publication decision (schema/publication.ts); null: nobody decided, published once sent. */
    publication: text('publication', { mode: 'json' }).$type<PublicationDecision>(),
    /**
     * The day `send` was accepted, in Europe/Amsterdam: the figures' day of sending. Written with
     * the status by the batch that sends (services/send-letter.ts); the figures migration filled
     * it in for dossiers sent before.
     */
    sentOn: text('sent_on'),
    /** The sent letter's items by status (its overview), written by the same batch; 0 until sent. */
    sentAdopted: integer('sent_adopted').notNull().default(0),
    sentPartly: integer('sent_partly').notNull().default(0),
    sentDeclined: integer('sent_declined').notNull().default(0),
    sentAlreadyDone: integer('sent_already_done').notNull().default(0),
    sentAnswered: integer('sent_answered').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('advice_org_reference').on(t.orgId, t.reference),
    index('advice_org_status').on(t.orgId, t.status),
    // The staff's list in pages, by due date (services/advice-list.ts).
    index('advice_org_due').on(t.orgId, t.dueOn),
    index('advice_council').on(t.councilId),
    index('advice_sha').on(t.letterSha256),
    // The figures (services/figures.ts) read these indexes beside their monthly summary
    // (schema/figures.ts): by month of receipt and council (the days of a partial month), by days
    // from receipt to sending (the median), and the dossiers not sent yet (overdue). The expressions
    // are written exactly so in the queries (SQLite uses an index on an expression only then).
    // drizzle-kit splits an expression at its commas when it writes the migration: check its SQL.
    index('advice_figures').on(
      t.orgId,
      sql`substr(${t.receivedOn}, 1, 7)`,
      t.councilId,
      t.receivedOn,
      t.sentOn,
      t.sentAdopted,
      t.sentPartly,
      t.sentDeclined,
      t.sentAlreadyDone,
      t.sentAnswered,
    ),
    index('advice_figures_days')
      .on(t.orgId, sql`julianday(${t.sentOn}) - julianday(${t.receivedOn})`, t.receivedOn, t.councilId, t.sentOn, t.dueOn)
      .where(sql`${t.sentOn} IS NOT NULL`),
    // In the overview's order (due date, reference), so that its list of overdue dossiers reads
    // them from here without sorting, and SQLite has no reason to walk (org_id, due_on) instead.
    index('advice_figures_open').on(t.orgId, t.dueOn, t.reference, t.receivedOn, t.councilId, t.sentOn).where(sql`${t.sentOn} IS NULL`),
  ],
);

export type AdviceRow = typeof advice.$inferSelect;

// ---- The dossier's states (pure rules) ---------------------------------------------------

/**
 * Every change of a dossier's state, and the audit action that records it. Each change of the
 * app goes through `transition()` (worker/services/transitions.ts) with one of these names.
 */
export const TRANSITIONS = {
  update: { from: ['draft'], to: 'draft', action: 'advice.update' },
  submit: { from: ['draft'], to: 'submitted', action: 'advice.submit' },
  start: { from: ['submitted'], to: 'in_progress', action: 'advice.start' },
  requestApproval: { from: ['in_progress'], to: 'in_review', action: 'advice.request_approval' },
  return: { from: ['in_review'], to: 'in_progress', action: 'advice.return' },
  approve: { from: ['in_review'], to: 'signed', action: 'advice.approve' },
  send: { from: ['signed'], to: 'sent', action: 'advice.send' },
} as const satisfies Record<string, { from: readonly AdviceStatus[]; to: AdviceStatus; action: string }>;
export type TransitionName = keyof typeof TRANSITIONS;

/** The states in which responses may be written (the API's and the web's saves, and the page's forms). */
export const WRITABLE: readonly AdviceStatus[] = ['submitted', 'in_progress'];
export const acceptsResponses = (status: AdviceStatus) => WRITABLE.includes(status);

/** A term is overdue while the answer has not been signed by its due date (`today`: 'YYYY-MM-DD' in Amsterdam). */
export const overdue = (d: { dueOn: string | null; status: AdviceStatus }, today: string) =>
  !!d.dueOn && d.dueOn < today && d.status !== 'signed' && d.status !== 'sent';

export const adviceItems = sqliteTable(
  'advice_items',
  {
    id: text('id').primaryKey(),
    adviceId: text('advice_id').notNull().references(() => advice.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ITEM_KINDS }).notNull(),
    number: integer('number').notNull(),
    section: text('section'),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('advice_items_position').on(t.adviceId, t.position)],
);

/** The current response per item; every version is also kept in response_revisions. */
export const responses = sqliteTable(
  'responses',
  {
    itemId: text('item_id').primaryKey().references(() => adviceItems.id),
    adviceId: text('advice_id').notNull().references(() => advice.id),
    text: text('text').notNull(),
    status: text('status', { enum: RESPONSE_STATUSES }).notNull(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull().references(() => users.id),
    /** Random id of the write that produced this version (gates the revision insert). */
    writeId: text('write_id').notNull(),
  },
  (t) => [index('responses_advice').on(t.adviceId)],
);

export const responseRevisions = sqliteTable(
  'response_revisions',
  {
    itemId: text('item_id').notNull().references(() => adviceItems.id),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: RESPONSE_STATUSES }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] })],
);

/** Gapless per-organisation, per-year sequence for "ons kenmerk". */
export const referenceCounters = sqliteTable(
  'reference_counters',
  {
    orgId: text('org_id').notNull().references(() => organisations.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);

// ---- API shapes -------------------------------------------------------------------------

import { z, requiredText, optionalText, singleLine, optionalSingleLine, isoDate } from './zod';
import { nl } from './i18n/nl';
/** For the OpenAPI document: the fields that schema/dossier-view.ts `visibleDossier` empties. */
const UNTIL_SENT_FOR_COUNCIL = 'null for council members and secretaries until the dossier is sent (they read the answer, never a draft)';

export const itemInputShape = z.strictObject({
  kind: z.enum(ITEM_KINDS),
  section: optionalSingleLine(300),
  text: requiredText(20000, nl.fields.itemText),
});

export const adviceInputShape = z
  .strictObject({
    councilId: z.string({ error: nl.fields.councilId }).min(1, nl.fields.councilId),
    title: singleLine(300, nl.fields.title),
    policyDocument: optionalSingleLine(300),
    kind: z.enum(ADVICE_KINDS),
    letterDate: isoDate(),
    councilReference: optionalSingleLine(100),
    intro: optionalText(20000),
    items: z.array(itemInputShape).min(1, nl.fields.items).max(500),
  })
  .openapi('AdviceInput');
export type AdviceInput = z.infer<typeof adviceInputShape>;

export const responseInputShape = z
  .strictObject({
    text: z.string().trim().max(50000, nl.fields.tooLong(50000)),
    status: z.enum(RESPONSE_STATUSES),
    // Not `.int()`: its failure aborts the object's checks, which would hide an empty text's error.
    version: z
      .number({ error: nl.fields.version })
      .refine(Number.isInteger, nl.fields.version)
      .refine((n) => n >= 0, nl.fields.version)
      .openapi({ type: 'integer', minimum: 0 }),
  })
  // An empty text is refused here rather than on the field, so that declining without reasons gets
  // its own message; `when` lets it report alongside other fields' errors (one entry per field).
  .refine((v) => v.text !== '', {
    path: ['text'],
    when: (payload) => typeof (payload.value as { text?: unknown } | undefined)?.text === 'string',
    error: (issue) => ((issue.input as { status?: unknown } | undefined)?.status === 'declined' ? nl.fields.declineNeedsReason : nl.fields.responseText),
  })
  .openapi('ResponseInput');
export type ResponseInput = z.infer<typeof responseInputShape>;

export const returnInputShape = z.strictObject({ comment: requiredText(5000, nl.fields.comment) }).openapi('ReturnInput');

export const responseShape = z
  .object({
    text: z.string(),
    status: z.enum(RESPONSE_STATUSES),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('Response', { description: `An item's current response (an item without one has null); ${UNTIL_SENT_FOR_COUNCIL}.` });

export const itemShape = z
  .object({
    id: z.string(),
    kind: z.enum(ITEM_KINDS),
    number: z.number(),
    section: z.string().nullable(),
    text: z.string(),
    response: responseShape.nullable(),
  })
  .openapi('Item');

export const letterInfoShape = z
  .object({ sha256: z.string(), pages: z.number(), signedAt: z.string(), signedBy: z.object({ id: z.string(), name: z.string() }) })
  .openapi('LetterInfo');

/** The original letter a dossier was made from (an import, schema/imports.ts). */
export const sourceDocumentShape = z
  .object({ id: z.string(), filename: z.string().nullable(), contentType: z.string(), size: z.number(), sha256: z.string() })
  .openapi('SourceDocument');
export type SourceDocumentInfo = z.infer<typeof sourceDocumentShape>;

export const dossierShape = z
  .object({
    id: z.string(),
    status: z.enum(ADVICE_STATUSES),
    title: z.string(),
    policyDocument: z.string().nullable(),
    kind: z.enum(ADVICE_KINDS),
    letterDate: z.string(),
    councilReference: z.string().nullable(),
    intro: z.string().nullable(),
    reference: z.string().nullable(),
    receivedOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    returnComment: z.string().nullable().openapi({ description: `The approver's comment when returning the draft; ${UNTIL_SENT_FOR_COUNCIL}.` }),
    council: z.object({ id: z.string(), name: z.string() }),
    items: z.array(itemShape),
    letter: letterInfoShape.nullable(),
    sourceDocument: sourceDocumentShape.nullable(),
  })
  .openapi('Dossier');
export type Dossier = z.infer<typeof dossierShape>;

export const dossierSummaryShape = z
  .object({
    id: z.string(),
    status: z.enum(ADVICE_STATUSES),
    title: z.string(),
    kind: z.enum(ADVICE_KINDS),
    letterDate: z.string(),
    councilReference: z.string().nullable(),
    reference: z.string().nullable(),
    receivedOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    council: z.object({ id: z.string(), name: z.string() }),
    itemCount: z.number(),
    answeredCount: z.number(),
    updatedAt: z.string(),
  })
  .openapi('DossierSummary');
export type DossierSummary = z.infer<typeof dossierSummaryShape>;
