import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'delivery_delayed', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export type MailAttachment = { filename: string; contentType: string; size: number; r2Key: string };

/** Transactional outbox: one row per message per recipient, written in the batch of the state change. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id'),
    adviceId: text('advice_id'),
    /** The consultation a mail is about (the integral list sent to a participant, notices to staff). */
    consultationId: text('consultation_id'),
    kind: text('kind').notNull(),
    /** Unique per logical mail, so that a repeated trigger never queues a second one. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    to: text('to', { mode: 'json' }).$type<string[]>().notNull(),
    cc: text('cc', { mode: 'json' }).$type<string[]>().notNull().default([]),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: text('attachments', { mode: 'json' }).$type<MailAttachment[]>().notNull().default([]),
    status: text('status', { enum: MAIL_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimId: text('claim_id'),
    claimedAt: integer('claimed_at'),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [index('outbox_status_next').on(t.status, t.nextAttemptAt), index('outbox_advice').on(t.adviceId), index('outbox_consultation').on(t.consultationId)],
);

/** Processed webhook deliveries, by svix-id, so that a replay changes nothing. */
export const mailEvents = sqliteTable('mail_events', {
  svixId: text('svix_id').primaryKey(),
  outboxId: text('outbox_id'),
  type: text('type').notNull(),
  createdAt: text('created_at').notNull(),
});

// ---- API shapes -------------------------------------------------------------------------

import { z } from './zod';

const attachmentInfoShape = z.object({ filename: z.string(), contentType: z.string(), size: z.number() });

export const deliveryShape = z
  .object({
    id: z.string(),
    kind: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    status: z.enum(MAIL_STATUSES),
    attempts: z.number(),
    reason: z.string().nullable().openapi({ description: 'Why the last attempt failed, or what Resend reported (bounce, complaint)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    retryOf: z.string().nullable(),
    retriedAs: z.string().nullable(),
    attachments: z.array(attachmentInfoShape),
  })
  .openapi('Delivery');

export const devOutboxItemShape = z
  .object({
    id: z.string(),
    kind: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    status: z.enum(MAIL_STATUSES),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    attachments: z.array(attachmentInfoShape),
  })
  .openapi('DevOutboxItem');

export const devOutboxMailShape = devOutboxItemShape.extend({ html: z.string(), text: z.string() }).openapi('DevOutboxMail');

// ---- The mails of a dossier as staff see them (pure) -------------------------------------

export type OutboxRow = typeof outbox.$inferSelect;

/** The dedupe key of a mail queued again by hand names the mail it repeats. */
export const RETRY_PREFIX = 'retry:';

/** What officials see per mail of a dossier: recipient, status, when, and why it failed. */
export function deliveryView(row: OutboxRow, retriedAs: string | null) {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to,
    cc: row.cc,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    reason: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sentAt: row.sentAt,
    nextAttemptAt: row.status === 'queued' ? new Date(row.nextAttemptAt).toISOString() : null,
    retryOf: row.dedupeKey.startsWith(RETRY_PREFIX) ? row.dedupeKey.slice(RETRY_PREFIX.length) : null,
    retriedAs,
    attachments: row.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;
