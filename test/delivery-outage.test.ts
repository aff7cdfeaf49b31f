import { describe, expect, it } from 'vitest';
import { db, mailRow, queueMail, resendAccount } from './support';
import { deliverDue, sweepStuck } from '../worker/services/mail-delivery';
import { RETRY } from '../worker/lib/backoff';

/**
 * Resend is down for an hour of simulated time, then recovers. Time is the `now` the delivery code
 * takes (no sleeps); the cron runs every simulated minute, and at some minutes a request's kick
 * runs beside it. During the outage every call fails, in turn:
 *
 * - a connection error before Resend saw anything;
 * - a 503;
 * - the answer lost on the way back although Resend accepted the mail (so the retry must not
 *   send a second copy: it carries the same Idempotency-Key and Resend answers the first id).
 *
 * Afterwards every queued mail is sent exactly once: one mail per row at Resend, every attempt
 * with the row's own key, none failed for good, and the backoff never waited longer than its cap.
 */
const MINUTE = 60_000;
const OUTAGE_MS = 60 * MINUTE;
const MAILS = 12;

/** A small deterministic generator for the jitter, so that a failure can be replayed. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('a Resend outage of an hour, then recovery', () => {
  it('delivers every queued mail exactly once afterwards, with capped backoff and one key per mail', async () => {
    const resend = resendAccount();
    const start = Date.now();
    const rows = [];
    for (let i = 0; i < MAILS; i++) rows.push(await queueMail(start + i * 1000, { to: [`ontvanger${i}@example.test`] }));
    const ids = new Set(rows.map((r) => r.id));

    let clock = start;
    let failures = 0;
    const attempts: { at: number; key: string; outcome: string }[] = [];
    const outageFetch: typeof fetch = async (input, init) => {
      const key = new Headers(init?.headers).get('idempotency-key') ?? '';
      if (clock < start + OUTAGE_MS) {
        const mode = failures++ % 3;
        if (mode === 0) {
          attempts.push({ at: clock, key, outcome: 'connection error' });
          throw new TypeError('Network connection lost.');
        }
        if (mode === 1) {
          attempts.push({ at: clock, key, outcome: '503' });
          return new Response(JSON.stringify({ name: 'internal_server_error', message: 'Service unavailable' }), {
            status: 503,
            headers: { 'content-type': 'application/json' },
          });
        }
        // Resend takes the mail; its answer never arrives.
        attempts.push({ at: clock, key, outcome: 'accepted, answer lost' });
        await fetch(input, init);
        throw new TypeError('Network connection lost.');
      }
      attempts.push({ at: clock, key, outcome: 'up' });
      return fetch(input, init);
    };

    const random = seeded(42);
    const runCron = async (now: number) => {
      await sweepStuck(db(), now);
      return deliverDue(resend.env, { now, rounds: 50, random, fetch: outageFetch });
    };

    // Three simulated hours, a run every minute; every seventh minute a kick runs beside the cron.
    const end = start + 3 * 60 * MINUTE;
    for (clock = start; clock <= end; clock += MINUTE) {
      if ((clock - start) % (7 * MINUTE) === 0) {
        await Promise.all([runCron(clock), deliverDue(resend.env, { now: clock, rounds: 2, random, fetch: outageFetch })]);
      } else {
        await runCron(clock);
      }
    }

    const stored = await Promise.all(rows.map((r) => mailRow(r.id)));
    // Every mail is sent, none failed for good.
    expect(stored.map((r) => r.status)).toEqual(rows.map(() => 'sent'));

    const log = await resend.log();
    // Exactly once: one mail per row at Resend, also for the rows whose first acceptance went unanswered.
    expect(log.mails).toBe(MAILS);
    const accepted = new Map<string, Set<string>>();
    for (const row of stored) accepted.set(row.id, new Set([row.providerId!]));
    expect([...accepted.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(stored.map((r) => r.providerId)).size).toBe(MAILS);
    // Every request carried the key of one of the queued rows, and each row used only its own.
    for (const request of log.requests) expect(ids.has(request.headers['idempotency-key'])).toBe(true);
    expect(attempts.every((a) => ids.has(a.key))).toBe(true);
    // Some mails reached Resend during the outage without our knowing: their retries sent nothing new.
    expect(attempts.some((a) => a.outcome === 'accepted, answer lost')).toBe(true);

    for (const row of stored) {
      const mine = attempts.filter((a) => a.key === row.id).map((a) => a.at);
      const during = mine.filter((at) => at < start + OUTAGE_MS);
      // It was tried during the outage, but backed off: not once a minute.
      expect(during.length, row.id).toBeGreaterThan(1);
      expect(during.length, row.id).toBeLessThanOrEqual(10);
      // The backoff is capped: no gap between attempts exceeds the cap (plus the cron's minute).
      for (let i = 1; i < mine.length; i++) expect(mine[i] - mine[i - 1], row.id).toBeLessThanOrEqual(RETRY.capMs + MINUTE);
      // So recovery reaches every mail within the cap after Resend is back.
      expect(mine.at(-1)!, row.id).toBeLessThanOrEqual(start + OUTAGE_MS + RETRY.capMs + MINUTE);
      // The row counts each attempt; the attempts all fell inside Resend's idempotency window.
      expect(row.attempts, row.id).toBe(mine.length);
      expect(mine.at(-1)! - start).toBeLessThan(RETRY.windowMs);
    }

    // Later runs change nothing: no second copy, no new request.
    const before = log.requests.length;
    for (let i = 1; i <= 5; i++) await runCron(end + i * 60 * MINUTE);
    const after = await resend.log();
    expect(after.requests).toHaveLength(before);
    expect(after.mails).toBe(MAILS);
  }, 120_000);
});
