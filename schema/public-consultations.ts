/**
 * Publication of consultations' integral lists under the Woo, the way advice is published
 * (schema/publication.ts): a list is public when its consultation is `sent` and not withheld, from
 * the moment `send` answers. `public_consultations` holds exactly those (rows written in the batch
 * of sending, publishing again, withholding); every public read starts from it.
 */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations';
import { consultations } from './consultations';
import { z } from './zod';
import { nl } from './i18n/nl';

/** One row per public list, copied from its consultation when it became public (none of it changes after sending). */
export const publicConsultations = sqliteTable(
  'public_consultations',
  {
    seq: integer('seq').primaryKey(),
    consultationId: text('consultation_id')
      .notNull()
      .unique()
      .references(() => consultations.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    document: text('document').notNull(),
    /** When `send` was accepted (ISO timestamp) and that day in Europe/Amsterdam. */
    sentAt: text('sent_at').notNull(),
    sentOn: text('sent_on').notNull(),
    /** When the list became public (sending, or publishing again after it was withheld). */
    publishedAt: text('published_at').notNull(),
  },
  // Newest first (and one year, for the sitemaps): the list's keyset (sent_on, sent_at, consultation_id) is this index.
  (t) => [index('public_consultations_org_sent').on(t.orgId, t.sentOn, t.sentAt, t.consultationId)],
);

// ---- API shapes -------------------------------------------------------------------------

export const publicConsultationQueryShape = z.object({
  cursor: z.string().max(2000).optional().openapi({ description: 'The `next` of the previous page' }),
  limit: z
    .string()
    .regex(/^([1-9]|[1-4]\d|50)$/, nl.publication.fields.limit)
    .optional()
    .openapi({ description: 'At most this many items (1–50, default 50)' }),
});

export const publicConsultationSummaryShape = z
  .object({ id: z.string(), title: z.string(), document: z.string(), sentOn: z.string() })
  .openapi('PublicConsultationSummary');
export type PublicConsultationSummary = z.infer<typeof publicConsultationSummaryShape>;

export const publicConsultationListShape = z
  .object({ items: z.array(publicConsultationSummaryShape), next: z.string().nullable().openapi({ description: 'The cursor of the next page, or null' }) })
  .openapi('PublicConsultationList');

/**
 * A published list's content: the staff's consultation shape (`GET /api/v1/consultations/{id}`) as
 * it was signed, without what is internal: no return comment, and each response as its text, its
 * "same as" reference and its processing codes only (no versions, no names of officials; only the
 * signatories, as printed in the list).
 */
export const publicConsultationShape = z
  .object({
    id: z.string(),
    status: z.literal('sent'),
    title: z.string(),
    document: z.string(),
    sentOn: z.string(),
    organisation: z.object({ name: z.string(), slug: z.string() }),
    legend: z.array(z.object({ code: z.string(), label: z.string() })),
    participants: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        councilId: z.string().nullable(),
        remarks: z.array(
          z.object({
            id: z.string(),
            number: z.number(),
            section: z.string().nullable(),
            text: z.string(),
            response: z
              .object({
                /** Null when the response is the one given to another remark (`sameAs`, that remark's id). */
                text: z.string().nullable(),
                sameAs: z.string().nullable(),
                processing: z.array(z.string()),
              })
              .nullable(),
          }),
        ),
      }),
    ),
    list: z.object({ sha256: z.string(), pages: z.number(), signedAt: z.string() }),
    /** Who signed on behalf of the college, as printed in the list. */
    signatories: z.array(z.object({ title: z.string(), name: z.string() })),
  })
  .openapi('PublicConsultation');
export type PublicConsultation = z.infer<typeof publicConsultationShape>;
