import { checkEnv, misconfiguration, type Env } from './env';
import { createDb } from './db';
import { canDeliver, deliverDue, sweepStuck } from './services/mail-delivery';
import { queueReminders } from './services/reminders';
import { mailContext } from './services/mail-context';
import { sweepIdempotencyKeys } from './services/idempotency';

/**
 * The cron (every 5 minutes): put abandoned sends back in the queue, queue the reminders due
 * today, deliver what is due. Each step runs even if an earlier one failed; a failure is
 * reported afterwards so the invocation shows as failed.
 */
export async function runScheduled(env: Env, now: number) {
  const db = createDb(env.DB);
  const errors: unknown[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      console.error(`scheduled: ${name} failed`, err);
      errors.push(err);
      return null;
    }
  };
  const swept = await step('sweep', () => sweepStuck(db, now));
  const reminders = await step('reminders', () => queueReminders(db, mailContext(env), now));
  const delivered = await step('deliver', () => deliverDue(env, { now, rounds: 50 }));
  // Stored answers of Idempotency-Keys are remembered for a day (requests clear some now and then too).
  const forgotten = await step('idempotency keys', () => sweepIdempotencyKeys(db, now));
  if (!canDeliver(env)) console.warn('scheduled: no RESEND_API_KEY in production; mail stays queued until one is set');
  if (errors.length) throw errors[0];
  return { swept, reminders, delivered, forgotten };
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, raw, ctx) => {
  // The same edge as the app's: a Worker that cannot serve does nothing, and says why.
  const check = checkEnv(raw);
  if (!check.ok) {
    console.error(misconfiguration(check.problems));
    throw new Error('scheduled: not run, the configuration is incomplete');
  }
  ctx.waitUntil(runScheduled(check.env, controller.scheduledTime));
};
