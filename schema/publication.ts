/**
 * Publication under the Wet open overheid: the decision per dossier, the table of what is public,
 * and the API's shapes. A dossier is public when it is `sent` and not withheld, from the moment
 * `send` answers; `public_advice` holds exactly those dossiers (rows written in the same batch as
 * sending, publishing or withholding), and the search index (schema/public-search.ts) exactly
 * their text. Public routes read nothing else, so no query mistake can show a draft.
 */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { organisations, councils } from './organisations';
import { advice, ADVICE_KINDS, ITEM_KINDS, RESPONSE_STATUSES } from './advice';
import { WOO_GROUND_CODES } from './woo-grounds';
import { TOOI_MUNICIPALITY_CODE } from './diwoo';

export type { PublicationDecision } from './publication-decision';

/**
 * One row per public dossier. `seq` is the rowid of its row in the search index. Copied from the
 * dossier when it became public (none of it changes after sending): the public list reads this
 * table and the councils, nothing else.
 */
export const publicAdvice = sqliteTable(
  'public_advice',
  {
    seq: integer('seq').primaryKey(),
    adviceId: text('advice_id')
      .notNull()
      .unique()
      .references(() => advice.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    councilId: text('council_id')
      .notNull()
      .references(() => councils.id),
    title: text('title').notNull(),
    reference: text('reference').notNull(),
    letterDate: text('letter_date').notNull(),
    /** When `send` was accepted (ISO timestamp) and that day in Europe/Amsterdam. */
    sentAt: text('sent_at').notNull(),
    sentOn: text('sent_on').notNull(),
    /** When the dossier became public (sending, or publishing again after it was withheld). */
    publishedAt: text('published_at').notNull(),
  },
  (t) => [
    // Newest first, optionally one year: the list's keyset (sent_on, sent_at, advice_id) is this index.
    index('public_advice_org_sent').on(t.orgId, t.sentOn, t.sentAt, t.adviceId),
    index('public_advice_council_sent').on(t.orgId, t.councilId, t.sentOn, t.sentAt, t.adviceId),
  ],
);

/**
 * How the Woo-index knows the organisation: its TOOI identifier (a municipality's CBS code such as
 * gm0363), the `resource` of the publisher in the DiWoo sitemaps. Without one the sitemaps name
 * the publisher by name only.
 */
export const publicationSettings = sqliteTable('publication_settings', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  tooiCode: text('tooi_code'),
  updatedAt: text('updated_at').notNull(),
});

// ---- API shapes -------------------------------------------------------------------------

import { z, requiredText } from './zod';
import { nl } from './i18n/nl';

const p = nl.publication;

export const publicationInputShape = z
  .discriminatedUnion(
    'publish',
    [
      // `null` for what does not apply, as `GET …/publication` shows it; anything else there is refused.
      z.strictObject({ publish: z.literal(true), reason: z.null({ error: p.fields.onlyWithheld }).optional(), ground: z.null({ error: p.fields.onlyWithheld }).optional() }),
      z.strictObject({
        publish: z.literal(false),
        reason: requiredText(2000, p.fields.reason),
        ground: z.enum(WOO_GROUND_CODES, { error: p.fields.ground(WOO_GROUND_CODES) }).nullish(),
      }),
    ],
    { error: p.fields.publish },
  )
  .openapi('PublicationInput', {
    description: 'Publish (the default), or withhold with a reason and optionally the Woo article it rests on (see `WooGround`).',
  });
export type PublicationInput = z.infer<typeof publicationInputShape>;

export const publicationShape = z
  .object({
    publish: z.boolean(),
    reason: z.string().nullable(),
    ground: z.enum(WOO_GROUND_CODES).nullable(),
    groundLabel: z.string().nullable(),
    /** Null while nobody decided: then the default holds (published once sent). */
    decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    decidedAt: z.string().nullable(),
    /** Whether the dossier is public right now (sent and not withheld). */
    public: z.boolean(),
  })
  .openapi('Publication');
export type PublicationView = z.infer<typeof publicationShape>;

export const publicListQueryShape = z.object({
  q: z.string().max(200, nl.fields.tooLong(200)).optional().openapi({ description: 'Words to search for; the last one also matches as a prefix.' }),
  council: z.string().max(100).optional().openapi({ description: 'A council id' }),
  year: z
    .string()
    // Empty as absent (every year), as an empty `council` or `cursor` is: a form's "alle jaren".
    .regex(/^(\d{4})?$/, p.fields.year)
    .optional()
    .openapi({ description: 'The year of `sentOn` (empty: every year)', example: '2026' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The `next` of the previous page' }),
  limit: z
    .string()
    .regex(/^([1-9]|[1-4]\d|50)$/, p.fields.limit)
    .optional()
    .openapi({ description: 'At most this many items (1–50, default 50)' }),
});

export const publicListItemShape = z
  .object({
    id: z.string(),
    title: z.string(),
    council: z.object({ id: z.string(), name: z.string() }),
    reference: z.string(),
    letterDate: z.string(),
    sentOn: z.string(),
    /** Without `q`: null. With `q`: the matching passage as plain text… */
    snippet: z.string().nullable(),
    /** …and where the matches are in it, as [start, end) offsets in UTF-16 code units. */
    highlights: z.array(z.tuple([z.number(), z.number()])),
  })
  .openapi('PublicAdviceSummary');
export type PublicListItem = z.infer<typeof publicListItemShape>;

export const publicListShape = z.object({ items: z.array(publicListItemShape), next: z.string().nullable() }).openapi('PublicAdviceList');

export const publicDossierShape = z
  .object({
    id: z.string(),
    status: z.literal('sent'),
    title: z.string(),
    policyDocument: z.string().nullable(),
    kind: z.enum(ADVICE_KINDS),
    letterDate: z.string(),
    councilReference: z.string().nullable(),
    intro: z.string().nullable(),
    reference: z.string(),
    receivedOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    /** Always null: the shape of the staff's dossier, without its internal comment. */
    returnComment: z.null(),
    sentOn: z.string(),
    council: z.object({ id: z.string(), name: z.string() }),
    organisation: z.object({ name: z.string(), slug: z.string() }),
    items: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(ITEM_KINDS),
        number: z.number(),
        section: z.string().nullable(),
        text: z.string(),
        response: z.object({ text: z.string(), status: z.enum(RESPONSE_STATUSES) }).nullable(),
      }),
    ),
    letter: z.object({ sha256: z.string(), pages: z.number(), signedAt: z.string() }),
    /** Always null: the council's original letter is not published (it may hold personal data). */
    sourceDocument: z.null(),
    /** Who signed on behalf of the college, as printed in the letter. */
    signatories: z.array(z.object({ title: z.string(), name: z.string() })),
  })
  .openapi('PublicDossier');
export type PublicDossier = z.infer<typeof publicDossierShape>;

export const publicationSettingsInputShape = z
  .strictObject({
    tooiCode: z
      .string()
      .trim()
      .toLowerCase()
      .regex(TOOI_MUNICIPALITY_CODE, p.fields.tooiCode)
      .nullable()
      .openapi({ description: 'The municipality’s TOOI code (gm + its four-digit CBS code), or null', example: 'gm0034' }),
  })
  .openapi('PublicationSettingsInput');

export const publicationSettingsShape = z
  .object({ tooiCode: z.string().nullable(), publisher: z.string().nullable().openapi({ description: 'The TOOI URI the DiWoo sitemaps name as publisher' }) })
  .openapi('PublicationSettings');
