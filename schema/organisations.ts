import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

export type Letterhead = {
  addressLines: string[];
  phone?: string;
  email?: string;
  website?: string;
};
export type Signatory = { title: string; name: string };
export type Contact = { name: string; email?: string; phone?: string };
export type Theme = { colour?: string; logoKey?: string };

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  letterhead: text('letterhead', { mode: 'json' }).$type<Letterhead>().notNull(),
  signatories: text('signatories', { mode: 'json' }).$type<Signatory[]>().notNull(),
  signOff: text('sign_off').notNull(),
  contact: text('contact', { mode: 'json' }).$type<Contact>().notNull(),
  referencePrefix: text('reference_prefix').notNull(),
  responseDays: integer('response_days').notNull().default(42),
  theme: text('theme', { mode: 'json' }).$type<Theme>().notNull().default({}),
  createdAt: text('created_at').notNull(),
});

export const councils = sqliteTable(
  'councils',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    salutation: text('salutation').notNull(),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
    addressLines: text('address_lines', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('councils_org_idx').on(t.orgId)],
);

/**
 * Days on which a term cannot end, beyond the statutory holidays that are computed for any
 * year (worker/lib/due-date.ts). A platform admin may add national extras (orgId null) or an
 * organisation's own closing days.
 */
export const publicHolidays = sqliteTable(
  'public_holidays',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    name: text('name').notNull(),
    orgId: text('org_id').references(() => organisations.id),
  },
  (t) => [uniqueIndex('public_holidays_date_org').on(t.date, t.orgId)],
);

// ---- API shapes -------------------------------------------------------------------------

import { z, singleLine, optionalSingleLine, email } from './zod';
import { nl } from './i18n/nl';

export const letterheadShape = z.strictObject({
  addressLines: z.array(singleLine(200)).min(1, nl.fields.addressLines).max(8),
  phone: optionalSingleLine(50),
  email: email().optional(),
  website: optionalSingleLine(200),
});

export const signatoryShape = z.strictObject({ title: singleLine(100), name: singleLine(200) });

export const contactShape = z.strictObject({ name: singleLine(200), email: email().optional(), phone: optionalSingleLine(50) });

const responseDaysShape = z.number().int(nl.fields.responseDays).min(1, nl.fields.responseDays).max(365, nl.fields.responseDays);

export const createOrganisationShape = z
  .strictObject({
    slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/, nl.fields.slug),
    name: singleLine(200),
    letterhead: letterheadShape,
    signatories: z.array(signatoryShape).min(1, nl.fields.signatories).max(6),
    signOff: singleLine(300),
    contact: contactShape,
    referencePrefix: z.string().regex(/^[A-Z]{2,10}$/, nl.fields.referencePrefix),
    responseDays: responseDaysShape.default(42),
    theme: z
      .strictObject({ colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Gebruik een kleur als #1a2b3c.').optional() })
      .optional(),
  })
  .openapi('CreateOrganisation');
export type CreateOrganisation = z.infer<typeof createOrganisationShape>;

/** PATCH: every field optional and without defaults, so that a field left out keeps its value. */
export const updateOrganisationShape = createOrganisationShape
  .omit({ slug: true })
  .extend({ responseDays: responseDaysShape })
  .partial()
  .openapi('UpdateOrganisation');

export const organisationShape = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    letterhead: letterheadShape,
    signatories: z.array(signatoryShape),
    signOff: z.string(),
    contact: contactShape,
    referencePrefix: z.string(),
    responseDays: z.number(),
    createdAt: z.string(),
  })
  .openapi('Organisation');

export const createCouncilShape = z
  .strictObject({
    name: singleLine(200),
    salutation: optionalSingleLine(200),
    recipients: z
      .array(email())
      .min(1, nl.fields.recipients)
      .max(50)
      .superRefine((list, ctx) => {
        // One mail per address: the same address twice (in any case) is a typing error.
        const seen = new Set<string>();
        list.forEach((address, i) => {
          const key = address.trim().toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: nl.fields.recipientTwice });
          seen.add(key);
        });
      }),
    addressLines: z.array(singleLine(200)).max(8).optional(),
  })
  .openapi('CreateCouncil');
export type CreateCouncil = z.infer<typeof createCouncilShape>;

export const councilShape = z
  .object({
    id: z.string(),
    name: z.string(),
    salutation: z.string(),
    recipients: z.array(z.string()),
    addressLines: z.array(z.string()),
  })
  .openapi('Council');

export const holidayShape = z.strictObject({ date: z.string(), name: singleLine(100) });

// ---- Views (pure) -----------------------------------------------------------------------

export type OrganisationRow = typeof organisations.$inferSelect;
export type CouncilRow = typeof councils.$inferSelect;

/** An organisation as the API shows it (and as a letter snapshot keeps it). */
export function organisationView(o: OrganisationRow) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    letterhead: o.letterhead,
    signatories: o.signatories,
    signOff: o.signOff,
    contact: o.contact,
    referencePrefix: o.referencePrefix,
    responseDays: o.responseDays,
    theme: o.theme,
    createdAt: o.createdAt,
  };
}

/** A council as the API shows it (and as a letter snapshot keeps it). */
export function councilView(c: CouncilRow) {
  return { id: c.id, name: c.name, salutation: c.salutation, recipients: c.recipients, addressLines: c.addressLines };
}

export type OrganisationView = ReturnType<typeof organisationView>;
export type CouncilView = ReturnType<typeof councilView>;
