import { describe, expect, it } from 'vitest';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../worker/index';
import { createWorld, submittedDossier, mailsOf, signedDossier } from './support';
import { runScheduled } from '../worker/scheduled';
import { reminderFor } from '../worker/services/reminders';
import { addDays, dutchDate } from '../schema/dates';
// As under `npm start`: without a Resend key the cron delivers into the local mailbox (a deployment keeps it queued).
import { developmentEnv } from './support';

/** 10:00 UTC is 11:00 or 12:00 in Amsterdam: the same calendar day. */
const at = (date: string, minutes = 0) => Date.parse(`${date}T10:00:00Z`) + minutes * 60_000;

const remindersOf = async (adviceId: string, kind: string) => (await mailsOf(adviceId)).filter((m) => m.kind === kind);

describe('reminders', () => {
  it('reminds each official once, 7 days before the term and on the first day after it, however often the cron fires', async () => {
    const w = await createWorld('REM');
    const d = await submittedDossier(w);
    const signed = await signedDossier(w);
    const dueOn = d.submission.dueOn as string;
    const officials = [`official@${w.slug}.example`, `official2@${w.slug}.example`].sort();

    await runScheduled(developmentEnv, at(addDays(dueOn, -8)));
    expect(await remindersOf(d.id, 'reminder_before')).toHaveLength(0);

    await runScheduled(developmentEnv, at(addDays(dueOn, -7)));
    await runScheduled(developmentEnv, at(addDays(dueOn, -7), 5));
    await runScheduled(developmentEnv, at(addDays(dueOn, -6)));
    const before = await remindersOf(d.id, 'reminder_before');
    expect(before.map((m) => m.to[0]).sort()).toEqual(officials);
    expect(before[0].subject).toBe(`Herinnering: reactie uiterlijk ${dutchDate(dueOn)} op "Advies over het beleidsplan wijkgericht werken", ons kenmerk ${d.submission.reference}`);
    expect(before[0].text).toContain(`loopt over 7 dagen af, op ${dutchDate(dueOn)}`);
    // The cron also delivered them (into the local mailbox: there is no Resend key).
    expect(before.map((m) => m.status)).toEqual(['sent', 'sent']);

    await runScheduled(developmentEnv, at(dueOn));
    expect(await remindersOf(d.id, 'reminder_overdue')).toHaveLength(0);
    await runScheduled(developmentEnv, at(addDays(dueOn, 1)));
    await runScheduled(developmentEnv, at(addDays(dueOn, 1), 5));
    await runScheduled(developmentEnv, at(addDays(dueOn, 2)));
    const overdue = await remindersOf(d.id, 'reminder_overdue');
    expect(overdue.map((m) => m.to[0]).sort()).toEqual(officials);
    expect(overdue[0].subject).toContain(`ons kenmerk ${d.submission.reference}`);
    expect(overdue[0].text).toContain(`is op ${dutchDate(dueOn)} verstreken`);
    expect(await remindersOf(d.id, 'reminder_before')).toHaveLength(2);

    // A signed dossier is answered: no reminders.
    expect((await mailsOf(signed.id)).filter((m) => m.kind.startsWith('reminder'))).toHaveLength(0);
  });

  it('catches up a reminder the cron missed, once, saying how many days are left', async () => {
    const w = await createWorld('RMC');
    const d = await submittedDossier(w);
    const dueOn = d.submission.dueOn as string;
    await runScheduled(developmentEnv, at(addDays(dueOn, -3)));
    await runScheduled(developmentEnv, at(addDays(dueOn, -2)));
    const before = await remindersOf(d.id, 'reminder_before');
    expect(before).toHaveLength(2);
    expect(before[0].text).toContain(`loopt over 3 dagen af`);
    expect(before[0].dedupeKey).toContain(`:before:${addDays(dueOn, -7)}:`);
  });

  it('knows which reminder belongs to which day', () => {
    expect(reminderFor('2026-11-20', '2026-11-12')).toBeNull();
    expect(reminderFor('2026-11-20', '2026-11-13')).toEqual({ kind: 'before', day: '2026-11-13' });
    expect(reminderFor('2026-11-20', '2026-11-19')).toEqual({ kind: 'before', day: '2026-11-13' });
    expect(reminderFor('2026-11-20', '2026-11-20')).toBeNull();
    expect(reminderFor('2026-11-20', '2026-11-21')).toEqual({ kind: 'overdue', day: '2026-11-21' });
    expect(reminderFor('2026-11-20', '2026-11-28')).toEqual({ kind: 'overdue', day: '2026-11-21' });
    expect(reminderFor('2026-11-20', '2026-11-29')).toBeNull();
  });

  it('runs from the Worker’s scheduled handler', async () => {
    const w = await createWorld('RMS');
    const d = await submittedDossier(w);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: at(addDays(d.submission.dueOn, -7)), cron: '*/5 * * * *' }), developmentEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect(await remindersOf(d.id, 'reminder_before')).toHaveLength(2);
    // The acknowledgement queued at submission went out in the same run.
    expect((await mailsOf(d.id)).filter((m) => m.kind === 'acknowledgement').map((m) => m.status)).toEqual(['sent', 'sent']);
  });
});
