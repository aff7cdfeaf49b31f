import { and, eq, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { mailEvents, outbox, type MailStatus } from '../../schema/mail';

/**
 * Resend's delivery events. A status only moves forward along this order, whatever order the
 * events arrive in (a late `delivery_delayed` never hides a `delivered`).
 */
export const STATUS_RANK: Record<MailStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivery_delayed: 3,
  delivered: 4,
  bounced: 5,
  failed: 5,
  complained: 6,
};

const EVENT_STATUS: Record<string, MailStatus> = {
  'email.sent': 'sent',
  'email.delivery_delayed': 'delivery_delayed',
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.failed': 'failed',
  'email.suppressed': 'failed',
};

type Tags = Record<string, string> | { name: string; value: string }[];

export type ResendEvent = {
  type?: string;
  created_at?: string;
  data?: {
    email_id?: string;
    tags?: Tags;
    bounce?: { message?: string; type?: string; subType?: string };
    failed?: { reason?: string };
    suppressed?: { message?: string; type?: string };
  };
};

function outboxIdFromTags(tags: Tags | undefined): string | null {
  if (!tags) return null;
  if (Array.isArray(tags)) return tags.find((t) => t.name === 'outbox_id')?.value ?? null;
  return tags.outbox_id ?? null;
}

function reasonOf(event: ResendEvent): string | null {
  const d = event.data ?? {};
  if (d.bounce) return [d.bounce.type, d.bounce.subType, d.bounce.message].filter(Boolean).join(' – ') || null;
  if (d.failed?.reason) return d.failed.reason;
  if (d.suppressed) return ['suppressed', d.suppressed.type, d.suppressed.message].filter(Boolean).join(' – ');
  return null;
}

const rankSql = sql`CASE ${outbox.status} ${sql.join(
  Object.entries(STATUS_RANK).map(([s, r]) => sql`WHEN ${s} THEN ${r}`),
  sql` `,
)} ELSE 0 END`;

/**
 * Applies one verified event. The status change and the record of the svix-id are one batch, and
 * the change only happens while that svix-id is unrecorded: a replay changes nothing.
 */
export async function applyResendEvent(db: Db, svixId: string, event: ResendEvent, now: number) {
  const type = typeof event.type === 'string' ? event.type : 'unknown';
  const status = EVENT_STATUS[type];
  const tagged = outboxIdFromTags(event.data?.tags);
  const providerId = event.data?.email_id;
  let outboxId: string | null = null;
  if (tagged || providerId) {
    const [row] = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(tagged ? eq(outbox.id, tagged) : eq(outbox.providerId, providerId!))
      .limit(1);
    outboxId = row?.id ?? null;
  }
  const at = new Date(now).toISOString();
  const record = db.insert(mailEvents).values({ svixId, outboxId, type, createdAt: at }).onConflictDoNothing();
  if (!outboxId || !status) {
    await record;
    return { applied: false as const, outboxId };
  }
  const reason = reasonOf(event);
  const [changed] = await db.batch([
    db
      .update(outbox)
      .set({
        status,
        ...(reason ? { lastError: reason } : {}),
        ...(providerId ? { providerId: sql`coalesce(${outbox.providerId}, ${providerId})` } : {}),
        updatedAt: at,
      })
      .where(
        and(
          eq(outbox.id, outboxId),
          sql`${rankSql} < ${STATUS_RANK[status]}`,
          notExists(db.select({ one: sql`1` }).from(mailEvents).where(eq(mailEvents.svixId, svixId))),
        ),
      )
      .returning({ id: outbox.id }),
    record,
  ]);
  return { applied: changed.length > 0, outboxId };
}
