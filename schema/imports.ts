/**
 * Imported advice letters (issue 14): the original file of a letter (Word, PDF or pasted text),
 * stored unchanged in R2, and the proposal read from it. An import belongs to an organisation and
 * to the person who uploaded it; once advice is created or registered from it, it is that
 * dossier's source document.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations';
import { users } from './users';
import { advice, adviceInputShape, ITEM_KINDS } from './advice';
import { z, isoDate } from './zod';
import { nl } from './i18n/nl';

/** A letter to import may be up to 10 MiB (API.md). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    uploadedBy: text('uploaded_by').notNull().references(() => users.id),
    /** The name the uploader gave the file, if any (cleaned of paths and control characters). */
    filename: text('filename'),
    /** The media type without parameters: one of the three the import reads. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** SHA-256 of the original bytes (hex). */
    sha256: text('sha256').notNull(),
    /** The dossier made from it (at most one): set in the same batch that creates the dossier. */
    adviceId: text('advice_id').references(() => advice.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('imports_advice').on(t.adviceId), index('imports_org').on(t.orgId)],
);
export type ImportRow = typeof imports.$inferSelect;

// ---- API shapes -------------------------------------------------------------------------

export const draftItemShape = z.object({ kind: z.enum(ITEM_KINDS), number: z.number(), section: z.string().nullable(), text: z.string() }).openapi('DraftItem');

export const importDraftShape = z
  .object({
    title: z.string().nullable(),
    letterDate: z.string().nullable(),
    councilReference: z.string().nullable(),
    intro: z.string().nullable(),
    items: z.array(draftItemShape),
  })
  .openapi('ImportDraft', { description: 'A proposal for a person to check; never stored as advice by itself.' });

export const importShape = z
  .object({
    id: z.string(),
    filename: z.string().nullable(),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    draft: importDraftShape,
    warnings: z.array(z.string()),
  })
  .openapi('Import');
export type ImportView = z.infer<typeof importShape>;

const importId = z.string({ error: nl.imports.fields.importId }).min(1, nl.imports.fields.importId).optional();

/** Creating advice (council): the body of advice creation, optionally naming the import it came from. */
export const adviceCreateShape = z.strictObject({ ...adviceInputShape.shape, importId }).openapi('AdviceCreateInput');
export type AdviceCreateInput = z.infer<typeof adviceCreateShape>;

/** Registering a received advice (official): advice creation plus the day it arrived. */
export const registerInputShape = z
  .strictObject({
    ...adviceInputShape.shape,
    receivedOn: isoDate().optional().openapi({ description: 'The day the letter arrived (default today; not in the future).' }),
    importId,
  })
  .openapi('RegisterAdviceInput');
export type RegisterInput = z.infer<typeof registerInputShape>;

export const registeredShape = z
  .object({
    id: z.string(),
    status: z.literal('submitted'),
    reference: z.string(),
    receivedOn: z.string(),
    dueOn: z.string(),
    items: z.array(z.object({ id: z.string(), kind: z.enum(ITEM_KINDS), number: z.number(), section: z.string().nullable(), text: z.string() })),
  })
  .openapi('RegisteredAdvice');
