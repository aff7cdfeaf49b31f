import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { sql } from 'drizzle-orm';
import { api, db, mailRow, queueMail, resendAccount } from './support';
import { deliverOne } from '../worker/services/mail-delivery';

// Signed with the reference implementation of the scheme Svix uses (standardwebhooks, used by the resend SDK).
const signer = new Webhook(env.RESEND_WEBHOOK_SECRET!);

function signedHeaders(svixId: string, body: string, at = new Date(), webhook = signer) {
  return { 'svix-id': svixId, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': webhook.sign(svixId, at, body) };
}

function post(body: string, headers: Record<string, string>) {
  return api('POST', '/api/v1/webhooks/resend', { raw: body, headers: { 'content-type': 'application/json', ...headers } });
}

function event(type: string, providerId: string, outboxId?: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: providerId, to: ['ontvanger@example.test'], subject: 'Test', ...(outboxId ? { tags: { outbox_id: outboxId } } : {}), ...extra },
  });
}

async function sentMail() {
  const resend = resendAccount();
  const row = await queueMail(Date.now());
  await deliverOne(resend.env, row.id, { now: Date.now() });
  const stored = await mailRow(row.id);
  expect(stored.status).toBe('sent');
  return stored;
}

const eventCount = async (svixId: string) =>
  (await db().all<{ n: number }>(sql`SELECT count(*) AS n FROM mail_events WHERE svix_id = ${svixId}`))[0].n;

describe('the Resend webhook', () => {
  it('moves a mail forward on a correctly signed event, found by its Resend id', async () => {
    const row = await sentMail();
    const body = event('email.delivered', row.providerId!);
    const res = await post(body, signedHeaders(`msg_${crypto.randomUUID()}`, body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, applied: true });
    expect((await mailRow(row.id)).status).toBe('delivered');
  });

  it('refuses a bad, stale, future or missing signature, and changes nothing', async () => {
    const row = await sentMail();
    const body = event('email.bounced', row.providerId!, row.id, { bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox bestaat niet' } });
    const id = `msg_${crypto.randomUUID()}`;
    const otherSecret = new Webhook(`whsec_${btoa('een-heel-ander-geheim-van-32-tekens')}`);
    const cases: Record<string, Record<string, string>> = {
      'wrong secret': signedHeaders(id, body, new Date(), otherSecret),
      'signature of another body': signedHeaders(id, body.replace('bounced', 'delivered')),
      'stale (6 minutes old)': signedHeaders(id, body, new Date(Date.now() - 6 * 60_000)),
      'from the future (6 minutes ahead)': signedHeaders(id, body, new Date(Date.now() + 6 * 60_000)),
      'no signature': { 'svix-id': id, 'svix-timestamp': String(Math.floor(Date.now() / 1000)) },
      'no headers': {},
      'garbage signature': { ...signedHeaders(id, body), 'svix-signature': 'v1,bm90LWEtc2lnbmF0dXJl' },
      'signed for another svix-id': { ...signedHeaders(`msg_${crypto.randomUUID()}`, body), 'svix-id': id },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const res = await post(body, headers);
      expect(res.status, name).toBe(401);
      expect(res.headers.get('content-type'), name).toContain('application/problem+json');
    }
    const stored = await mailRow(row.id);
    expect(stored.status).toBe('sent');
    expect(stored.lastError).toBeNull();
    expect(await eventCount(id)).toBe(0);

    // Within the tolerance, and one of several signatures (a secret rotation) matching: accepted.
    const ok = signedHeaders(id, body, new Date(Date.now() - 4 * 60_000));
    const res = await post(body, { ...ok, 'svix-signature': `v1,bm90LWEtc2lnbmF0dXJl ${ok['svix-signature']}` });
    expect(res.status).toBe(200);
    const bounced = await mailRow(row.id);
    expect(bounced.status).toBe('bounced');
    expect(bounced.lastError).toBe('Permanent – General – Mailbox bestaat niet');
  });

  it('ignores a replayed svix-id, even when the replay would change the status', async () => {
    const row = await sentMail();
    const id = `msg_${crypto.randomUUID()}`;
    const delivered = event('email.delivered', row.providerId!);
    expect((await post(delivered, signedHeaders(id, delivered))).body).toEqual({ received: true, applied: true });
    const before = await mailRow(row.id);

    const replay = await post(delivered, signedHeaders(id, delivered));
    expect(replay.status).toBe(200);
    expect(replay.body.applied).toBe(false);
    // Same svix-id, other content (bounced would otherwise move delivered forward).
    const bounced = event('email.bounced', row.providerId!, row.id, { bounce: { message: 'later' } });
    const res = await post(bounced, signedHeaders(id, bounced));
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(await mailRow(row.id)).toEqual(before);
    expect(await eventCount(id)).toBe(1);
  });

  it('only moves a status forward, whatever order the events arrive in', async () => {
    const row = await sentMail();
    const send = async (type: string, extra: Record<string, unknown> = {}) => {
      const body = event(type, row.providerId!, row.id, extra);
      return post(body, signedHeaders(`msg_${crypto.randomUUID()}`, body));
    };
    expect((await send('email.delivered')).body.applied).toBe(true);
    expect((await send('email.delivery_delayed')).body.applied).toBe(false);
    expect((await send('email.sent')).body.applied).toBe(false);
    expect((await mailRow(row.id)).status).toBe('delivered');
    expect((await send('email.complained')).body.applied).toBe(true);
    expect((await send('email.opened')).body.applied).toBe(false);
    expect((await mailRow(row.id)).status).toBe('complained');
  });

  it('finds the mail by its tag when the event comes before the Resend id was stored', async () => {
    const row = await queueMail(Date.now());
    const body = event('email.delivered', 're_not_yet_known', row.id);
    expect((await post(body, signedHeaders(`msg_${crypto.randomUUID()}`, body))).body.applied).toBe(true);
    const stored = await mailRow(row.id);
    expect(stored.status).toBe('delivered');
    expect(stored.providerId).toBe('re_not_yet_known');
  });
});
