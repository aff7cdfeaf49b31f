import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { api, createWorld, fromBase64, mailRow, mailsOf, queueMail, resendAccount, signedDossier, db } from './support';
import { claimOne, deliverDue, deliverOne, sweepStuck } from '../worker/services/mail-delivery';
import { RETRY } from '../worker/lib/backoff';
import { postEmail } from '../worker/services/resend';

const noJitter = () => 0;

describe('delivery through Resend', () => {
  it('sends the letter to every council recipient exactly as stored: headers, cc, both references, the signed PDF', async () => {
    const w = await createWorld('RSD');
    const d = await signedDossier(w);
    const sent = await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official2 });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ status: 'sent' });

    const resend = resendAccount();
    const now = Date.now();
    await deliverDue(resend.env, { now });
    const log = await resend.log();
    const letters = log.requests.filter((r) => r.json.subject.startsWith('Reactie op uw advies'));
    expect(letters.map((r) => r.json.to)).toEqual(expect.arrayContaining([['secretaris@asd.example'], ['voorzitter@asd.example']]));
    expect(letters).toHaveLength(2);

    const rows = (await mailsOf(d.id)).filter((r) => r.kind === 'letter');
    for (const request of letters) {
      const row = rows.find((r) => r.to[0] === request.json.to[0])!;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('https://api.resend.com/emails');
      expect(request.headers['authorization']).toBe(`Bearer ${resend.key}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['idempotency-key']).toBe(row.id);
      expect(request.headers['user-agent']).toMatch(/^Wederwoord\/1\.0 /);
      expect(request.json.from).toBe(env.MAIL_FROM);
      // The handling official is the one who asked for approval, not the one who pressed send.
      expect(request.json.cc).toEqual([`official@${w.slug}.example`]);
      expect(request.json.subject).toBe(`Reactie op uw advies "Advies over het beleidsplan wijkgericht werken", ons kenmerk ${d.reference}, uw kenmerk ASD-2026-07`);
      expect(request.json.tags).toEqual([{ name: 'outbox_id', value: row.id }]);
      expect(request.json.attachments).toHaveLength(1);
      const [attachment] = request.json.attachments;
      expect(attachment.filename).toBe(`reactie-${d.reference}.pdf`);
      expect(attachment.content_type).toBe('application/pdf');
      expect(fromBase64(attachment.content)).toEqual(d.pdf);
      for (const part of [request.json.html, request.json.text]) {
        expect(part).toContain(d.reference);
        expect(part).toContain('ASD-2026-07');
        expect(part).toContain(d.sha256);
        expect(part).toContain(`/verify?sha256=${d.sha256}`);
        expect(part).toContain('Overgenomen');
      }
    }
    expect(log.mails).toBe(log.requests.length);

    const deliveries = await api('GET', `/api/v1/advice/${d.id}/deliveries`, { token: w.tokens.approver });
    expect(deliveries.status).toBe(200);
    const letterRows = deliveries.body.items.filter((m: any) => m.kind === 'letter');
    expect(letterRows.map((m: any) => m.status)).toEqual(['sent', 'sent']);
    expect(letterRows[0].attachments).toEqual([{ filename: `reactie-${d.reference}.pdf`, contentType: 'application/pdf', size: d.pdf.length }]);

    // Sending again: refused, and nothing new is queued or sent.
    const before = (await mailsOf(d.id)).length;
    const again = await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official });
    expect(again.status).toBe(409);
    expect((await mailsOf(d.id)).length).toBe(before);
    await deliverDue(resend.env, { now: now + 60_000 });
    expect((await resend.log()).requests).toHaveLength(log.requests.length);
  });

  it('retries a 500 with the same Idempotency-Key: one mail, one key', async () => {
    const resend = resendAccount();
    const now = Date.now();
    const row = await queueMail(now);
    await resend.script({ status: 500, body: { name: 'internal_server_error', message: 'Er ging iets mis' } });

    expect(await deliverDue(resend.env, { now, random: noJitter })).toEqual({ sent: 0, retried: 1, failed: 0 });
    let stored = await mailRow(row.id);
    expect(stored.status).toBe('queued');
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toContain('500');
    expect(stored.nextAttemptAt).toBe(now + RETRY.baseMs / 2);

    // Not due yet: nothing is sent.
    await deliverDue(resend.env, { now: stored.nextAttemptAt - 1 });
    expect((await resend.log()).requests).toHaveLength(1);

    expect(await deliverDue(resend.env, { now: stored.nextAttemptAt })).toEqual({ sent: 1, retried: 0, failed: 0 });
    stored = await mailRow(row.id);
    expect(stored.status).toBe('sent');
    expect(stored.providerId).toMatch(/^re_/);
    const log = await resend.log();
    expect(log.requests.map((r) => r.headers['idempotency-key'])).toEqual([row.id, row.id]);
    expect(log.mails).toBe(1);
  });

  it('honours Retry-After on a 429: the next attempt is not before it', async () => {
    const resend = resendAccount();
    const now = Date.now();
    const row = await queueMail(now);
    await resend.script({ status: 429, headers: { 'retry-after': '120' }, body: { name: 'rate_limit_exceeded', message: 'Too many requests' } });

    await deliverDue(resend.env, { now, random: noJitter });
    const stored = await mailRow(row.id);
    expect(stored.status).toBe('queued');
    expect(stored.nextAttemptAt).toBe(now + 120_000);

    await deliverDue(resend.env, { now: now + 119_999 });
    expect((await resend.log()).requests).toHaveLength(1);
    await deliverDue(resend.env, { now: now + 120_000 });
    expect((await mailRow(row.id)).status).toBe('sent');
    expect((await resend.log()).requests).toHaveLength(2);
  });

  it('stops the run on a 429 and hands the rest of the batch back, unattempted, for after Retry-After', async () => {
    const resend = resendAccount();
    const now = Date.now();
    // Queued earlier than anything else, so that they are the first claimed.
    const rows = [await queueMail(now - 3_000_000), await queueMail(now - 2_000_000), await queueMail(now - 1_000_000)];
    await resend.script({ status: 429, headers: { 'retry-after': '60' } });
    expect(await deliverDue(resend.env, { now, random: noJitter })).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await resend.log()).requests).toHaveLength(1);
    for (const row of rows) {
      const stored = await mailRow(row.id);
      expect(stored.status).toBe('queued');
      expect(stored.nextAttemptAt).toBe(now + 60_000);
      expect(stored.attempts).toBe(row === rows[0] ? 1 : 0);
    }
    await deliverDue(resend.env, { now: now + 60_000 });
    expect(await Promise.all(rows.map(async (r) => (await mailRow(r.id)).status))).toEqual(['sent', 'sent', 'sent']);
  });

  it('backs off exponentially with a cap, and gives up rather than retry outside the 24-hour idempotency window', async () => {
    const resend = resendAccount();
    const start = Date.now();
    const row = await queueMail(start);
    await resend.script(...Array.from({ length: 60 }, () => ({ status: 503 })));
    let now = start;
    const delays: number[] = [];
    for (let i = 0; i < 60; i++) {
      await deliverDue(resend.env, { now, random: () => 1 });
      const stored = await mailRow(row.id);
      if (stored.status !== 'queued') break;
      delays.push(stored.nextAttemptAt - now);
      now = stored.nextAttemptAt;
    }
    expect(delays.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...delays)).toBe(RETRY.capMs);
    const stored = await mailRow(row.id);
    expect(stored.status).toBe('failed');
    expect(stored.lastError).toContain('24 uur');
    const log = await resend.log();
    // Every attempt was inside the window, with the one key.
    expect(now - start).toBeLessThan(24 * 3600_000);
    expect(new Set(log.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([row.id]));
    expect(log.requests).toHaveLength(stored.attempts);
  });

  it('marks a 422 failed for good with the reason, and never retries it by itself', async () => {
    const w = await createWorld('FAL');
    const d = await signedDossier(w);
    await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official });
    const resend = resendAccount();
    const now = Date.now();
    const letter = (await mailsOf(d.id)).find((r) => r.kind === 'letter' && r.to[0] === 'voorzitter@asd.example')!;
    await resend.script({ status: 422, body: { name: 'validation_error', message: 'Invalid `to` field.' } });
    expect(await deliverOne(resend.env, letter.id, { now })).toBe('failed');

    const failed = await mailRow(letter.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toBe('Door Resend geweigerd (422): 422 validation_error Invalid `to` field.');
    await deliverDue(resend.env, { now: now + 25 * 3600_000 });
    expect((await resend.log()).requests.filter((r) => r.headers['idempotency-key'] === letter.id)).toHaveLength(1);

    // Officials see it, with the reason; a person can retry it (a council member cannot).
    const view = await api('GET', `/api/v1/advice/${d.id}/deliveries`, { token: w.tokens.official });
    const item = view.body.items.find((m: any) => m.id === letter.id);
    expect(item).toMatchObject({ status: 'failed', reason: failed.lastError, to: ['voorzitter@asd.example'] });
    expect((await api('GET', `/api/v1/advice/${d.id}/deliveries`, { token: w.tokens.council_member })).status).toBe(403);
    expect((await api('POST', `/api/v1/advice/${d.id}/deliveries/${letter.id}/retry`, { token: w.tokens.admin })).status).toBe(403);
    const other = (await mailsOf(d.id)).find((r) => r.kind === 'letter' && r.id !== letter.id)!;
    expect((await api('POST', `/api/v1/advice/${d.id}/deliveries/${other.id}/retry`, { token: w.tokens.official })).status).toBe(409);

    const retried = await api('POST', `/api/v1/advice/${d.id}/deliveries/${letter.id}/retry`, { token: w.tokens.official });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'queued', retryOf: letter.id });
    expect((await api('POST', `/api/v1/advice/${d.id}/deliveries/${letter.id}/retry`, { token: w.tokens.approver })).status).toBe(409);

    expect(await deliverOne(resend.env, retried.body.id, { now: Date.now() })).toBe('sent');
    const requests = (await resend.log()).requests;
    const last = requests[requests.length - 1];
    expect(last.headers['idempotency-key']).toBe(retried.body.id);
    expect(fromBase64(last.json.attachments[0].content)).toEqual(d.pdf);
    const after = await api('GET', `/api/v1/advice/${d.id}/deliveries`, { token: w.tokens.official });
    expect(after.body.items.find((m: any) => m.id === letter.id)).toMatchObject({ status: 'failed', retriedAs: retried.body.id });
    expect(after.body.items.find((m: any) => m.id === retried.body.id)).toMatchObject({ status: 'sent', retryOf: letter.id });
  });

  it('calls Resend once when the same row is handed to two deliverers at once', async () => {
    const resend = resendAccount();
    const now = Date.now();
    const row = await queueMail(now);
    const results = await Promise.all([
      deliverOne(resend.env, row.id, { now }),
      deliverOne(resend.env, row.id, { now }),
      deliverOne(resend.env, row.id, { now }),
    ]);
    expect(results.filter((r) => r === 'sent')).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(2);
    await deliverOne(resend.env, row.id, { now });
    expect((await resend.log()).requests).toHaveLength(1);
  });

  it('re-queues a row whose deliverer died mid-send; the retry reuses the key, so Resend sends one mail', async () => {
    const resend = resendAccount();
    const now = Date.now();
    const row = await queueMail(now);
    // A deliverer claims the row and reaches Resend, then dies before recording the answer.
    const claim = await claimOne(db(), row.id, now);
    expect(claim).not.toBeNull();
    await postEmail({ apiKey: resend.key, payload: { from: 'x@example.test', to: row.to, subject: row.subject, html: row.html, text: row.text }, idempotencyKey: row.id, userAgent: 'test', now });
    expect((await mailRow(row.id)).status).toBe('sending');

    // Not yet abandoned: the sweeper leaves it.
    expect(await sweepStuck(db(), now + RETRY.stuckAfterMs - 1)).toEqual({ requeued: 0, failed: 0 });
    await deliverDue(resend.env, { now: now + RETRY.stuckAfterMs - 1 });
    expect((await resend.log()).requests).toHaveLength(1);

    const later = now + RETRY.stuckAfterMs + 1;
    expect(await sweepStuck(db(), later)).toEqual({ requeued: 1, failed: 0 });
    await deliverDue(resend.env, { now: later });
    const stored = await mailRow(row.id);
    expect(stored.status).toBe('sent');
    const log = await resend.log();
    expect(log.requests.map((r) => r.headers['idempotency-key'])).toEqual([row.id, row.id]);
    expect(log.mails).toBe(1);
  });

  it('fails a stuck row visibly once the idempotency window has passed, instead of risking a second mail', async () => {
    const now = Date.now();
    const row = await queueMail(now - RETRY.windowMs - 60_000);
    await claimOne(db(), row.id, now - RETRY.windowMs);
    expect(await sweepStuck(db(), now)).toMatchObject({ failed: 1 });
    const stored = await mailRow(row.id);
    expect(stored.status).toBe('failed');
    expect(stored.lastError).toContain('Controleer in Resend');
  });

  it('fails a mail whose attachment is missing from storage, without calling Resend', async () => {
    const resend = resendAccount();
    const now = Date.now();
    const row = await queueMail(now, { attachments: [{ filename: 'brief.pdf', contentType: 'application/pdf', size: 10, r2Key: 'letters/does-not-exist.pdf' }] });
    expect(await deliverOne(resend.env, row.id, { now })).toBe('failed');
    expect((await mailRow(row.id)).lastError).toContain('letters/does-not-exist.pdf');
    expect((await resend.log()).requests).toHaveLength(0);
  });
});
