import { and, between, eq, inArray } from 'drizzle-orm';
import { createElement } from 'react';
import type { Db } from '../db';
import { runBatch } from '../db';
import { advice } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { nl } from '../../schema/i18n/nl';
import { addDays, dutchDate, dayNumber, todayInAmsterdam } from '../../schema/dates';
import { outboxStatement } from './mail-queue';
import { staffOfRole } from './notifications';
import { mailLinks, type MailContext } from './mail-context';
import { renderMail } from '../../web/emails/render';
import { ReminderMail } from '../../web/emails/staff-notice-mail';

/** Dossiers still waiting for their answer. */
const OPEN = ['submitted', 'in_progress', 'in_review'] as const;
export const REMIND_DAYS_BEFORE = 7;
/** A missed cron day is caught up within this many days; older terms are not reminded of again. */
const CATCH_UP_DAYS = 7;

type Kind = 'before' | 'overdue';

/**
 * Which reminder is due today for a term, and the day it belongs to: 7 days before `dueOn`, or
 * the first day after it. A cron that missed that day sends it on a later run, but the dedupe
 * key names the reminder's own day, so each dossier gets each reminder once, however often the
 * cron fires.
 */
export function reminderFor(dueOn: string, today: string): { kind: Kind; day: string } | null {
  const before = addDays(dueOn, -REMIND_DAYS_BEFORE);
  const overdue = addDays(dueOn, 1);
  if (today >= before && today < dueOn) return { kind: 'before', day: before };
  if (today >= overdue && today <= addDays(overdue, CATCH_UP_DAYS)) return { kind: 'overdue', day: overdue };
  return null;
}

const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** Queues the reminders that are due at `now` (one outbox row per official); returns how many rows were new. */
export async function queueReminders(db: Db, ctx: MailContext, now: number): Promise<number> {
  const today = todayInAmsterdam(new Date(now));
  const candidates = await db
    .select({ a: advice, councilName: councils.name, organisationName: organisations.name })
    .from(advice)
    .innerJoin(councils, eq(councils.id, advice.councilId))
    .innerJoin(organisations, eq(organisations.id, advice.orgId))
    .where(and(inArray(advice.status, [...OPEN]), between(advice.dueOn, addDays(today, -(CATCH_UP_DAYS + 1)), addDays(today, REMIND_DAYS_BEFORE))));
  const officials = new Map<string, Awaited<ReturnType<typeof staffOfRole>>>();
  let queued = 0;
  for (const { a, councilName, organisationName } of candidates) {
    if (!a.dueOn || !a.reference) continue;
    const due = reminderFor(a.dueOn, today);
    if (!due) continue;
    if (!officials.has(a.orgId)) officials.set(a.orgId, await staffOfRole(db, a.orgId, 'official'));
    const recipients = officials.get(a.orgId)!;
    if (!recipients.length) continue;
    const dueOnText = dutchDate(a.dueOn);
    const rendered = await renderMail(
      createElement(ReminderMail, {
        appName: ctx.appName,
        organisationName,
        dossier: { title: a.title, reference: a.reference, councilName, dueOn: dueOnText, status: nl.status[a.status] },
        dossierUrl: mailLinks.dossier(ctx, a.id),
        kind: due.kind,
        dueOnText,
        daysLeft: daysBetween(today, a.dueOn),
        statusText: nl.status[a.status],
      }),
    );
    const subject = due.kind === 'before' ? nl.mail.subjects.reminderBefore(a.title, a.reference, dueOnText) : nl.mail.subjects.reminderOverdue(a.title, a.reference);
    const results = await runBatch(
      db,
      recipients.map((u) =>
        outboxStatement(
          db,
          {
            kind: `reminder_${due.kind}`,
            dedupeKey: `reminder:${a.id}:${due.kind}:${due.day}:${u.id}`,
            orgId: a.orgId,
            adviceId: a.id,
            to: [u.email],
            subject,
            ...rendered,
          },
          now,
        ),
      ),
    );
    queued += results.reduce((n, r) => n + ((r as unknown as { meta?: { changes?: number } }).meta?.changes ?? 0), 0);
  }
  return queued;
}
