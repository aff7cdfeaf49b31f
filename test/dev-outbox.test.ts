import { describe, expect, it, vi } from 'vitest';
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../worker/index';
import type { Env } from '../worker/env';
import { adviceInput, api, createWorld, submittedDossier, mailsOf, queueMail, samplePdf, signedDossier } from './support';
import { deliverDue } from '../worker/services/mail-delivery';
import { dutchDate } from '../schema/dates';
import { developmentEnv, mailbox } from './support';

/**
 * Calls the Worker in local development (the mailbox's only home), with other bindings changed as
 * given: as `npm start` runs it, or as a deployment would have it.
 */
async function fetchWith(bindings: Partial<Env>, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://app.test${path}`, init), { ...developmentEnv, ...bindings } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('the local mailbox (no RESEND_API_KEY)', () => {
  it('holds the acknowledgement after submit, with the reference, received-on and due-on filled in', async () => {
    const w = await createWorld('DEV');
    const d = await submittedDossier(w);
    const { reference, receivedOn, dueOn } = d.submission;

    const listed = await mailbox(`/api/v1/dev/outbox?adviceId=${d.id}`);
    expect(listed.status).toBe(200);
    const acks = listed.body.items.filter((m: any) => m.kind === 'acknowledgement');
    expect(acks.map((m: any) => m.to[0]).sort()).toEqual(['secretaris@asd.example', 'voorzitter@asd.example']);
    expect(acks[0]).toMatchObject({ status: 'queued', cc: [], attachments: [] });
    expect(acks[0].subject).toBe(`Ontvangstbevestiging van uw advies "Advies over het beleidsplan wijkgericht werken", ons kenmerk ${reference}, uw kenmerk ASD-2026-07`);
    const notices = listed.body.items.filter((m: any) => m.kind === 'advice_arrived');
    expect(notices.map((m: any) => m.to[0]).sort()).toEqual([`official2@${w.slug}.example`, `official@${w.slug}.example`]);

    const log = vi.spyOn(console, 'log');
    await deliverDue(developmentEnv, { now: Date.now() });
    const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('[mail]') && l.includes(reference));
    log.mockRestore();
    expect(lines).toHaveLength(4);

    const one = await mailbox(`/api/v1/dev/outbox/${acks[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.status).toBe('sent');
    for (const part of [one.body.html, one.body.text, one.body.subject]) expect(part).not.toContain('[[kenmerk-');
    expect(one.body.html).toContain('<html dir="ltr" lang="nl">');
    expect(one.body.text).toContain(`Ons kenmerk: ${reference}`);
    expect(one.body.text).toContain(`Ontvangen op: ${dutchDate(receivedOn)}`);
    expect(one.body.text).toContain(`Reactie uiterlijk op: ${dutchDate(dueOn)}`);
    expect(one.body.text).toContain('Geachte leden van de Adviesraad Sociaal Domein,');
    expect(one.body.html).toContain(reference);
  });

  it('after send, holds one letter per council recipient with the signed PDF byte for byte', async () => {
    const w = await createWorld('DVL');
    const d = await signedDossier(w);
    expect((await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.approver2 })).status).toBe(202);
    await deliverDue(developmentEnv, { now: Date.now() });

    const listed = await mailbox(`/api/v1/dev/outbox?adviceId=${d.id}`);
    const letters = listed.body.items.filter((m: any) => m.kind === 'letter');
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(letter.status).toBe('sent');
      expect(letter.cc).toEqual([`official@${w.slug}.example`]);
      expect(letter.subject).toContain(`ons kenmerk ${d.reference}, uw kenmerk ASD-2026-07`);
      expect(letter.attachments).toEqual([{ filename: `reactie-${d.reference}.pdf`, contentType: 'application/pdf', size: d.pdf.length }]);
      const file = await fetchWith({}, `/api/v1/dev/outbox/${letter.id}/attachments/0`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="reactie-${d.reference}.pdf"`);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(d.pdf);
      expect((await mailbox(`/api/v1/dev/outbox/${letter.id}/attachments/1`)).status).toBe(404);
    }
    // The signed-notice to the requester went out too.
    expect(listed.body.items.filter((m: any) => m.kind === 'signed').map((m: any) => m.to)).toEqual([[`official@${w.slug}.example`]]);
    // Sending again adds nothing.
    expect((await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official })).status).toBe(409);
    expect((await mailbox(`/api/v1/dev/outbox?adviceId=${d.id}`)).body.items).toHaveLength(listed.body.items.length);

    // The pages: a list, and each mail readable as sent.
    const page = await fetchWith({}, '/dev/outbox');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html><html lang="nl">/);
    expect(html).toContain(`href="/dev/outbox/${letters[0].id}"`);
    expect(html).toContain(`/api/v1/dev/outbox/${letters[0].id}/attachments/0`);
    const mailPage = await (await fetchWith({}, `/dev/outbox/${letters[0].id}`)).text();
    expect(mailPage).toContain(`<iframe sandbox="" src="/dev/outbox/${letters[0].id}/html"`);
    expect(mailPage).toContain('Is deze brief echt?');
    const framed = await fetchWith({}, `/dev/outbox/${letters[0].id}/html`);
    expect(framed.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(await framed.text()).toContain(d.sha256);
  });

  it('is 404 everywhere once a Resend key is set, and outside local development', async () => {
    await env.DOCUMENTS.put('test/bijlage.pdf', samplePdf());
    const mail = await queueMail(Date.now(), { attachments: [{ filename: 'bijlage.pdf', contentType: 'application/pdf', size: 10, r2Key: 'test/bijlage.pdf' }] });
    const paths = ['/api/v1/dev/outbox', `/api/v1/dev/outbox/${mail.id}`, `/api/v1/dev/outbox/${mail.id}/attachments/0`, '/dev/outbox', `/dev/outbox/${mail.id}`, `/dev/outbox/${mail.id}/html`];
    for (const path of paths) {
      expect((await fetchWith({}, path)).status, path).not.toBe(404);
      expect((await fetchWith({ RESEND_API_KEY: 're_live_key' }, path)).status, path).toBe(404);
      for (const ENVIRONMENT of ['production', 'test', 'staging', undefined]) expect((await fetchWith({ ENVIRONMENT }, path)).status, `${path} ${ENVIRONMENT}`).toBe(404);
    }
  });

  it('delivers right after the request when the kick is on (as under npm start), without waiting for the cron', async () => {
    const w = await createWorld('KCK');
    const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId) });
    const res = await fetchWith({ MAIL_KICK: undefined, ENVIRONMENT: 'development' }, `/api/v1/advice/${created.body.id}/submit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.council_secretary}` },
    });
    expect(res.status).toBe(200);
    const mails = await mailsOf(created.body.id);
    expect(mails.length).toBe(4);
    expect(mails.every((m) => m.status === 'sent')).toBe(true);
  });

  it('starts no delivery run after a write that queued no mail (saving a response): the cron delivers', async () => {
    const w = await createWorld('KCN');
    const d = await submittedDossier(w);
    const item = d.items[0];
    const res = await fetchWith({ MAIL_KICK: undefined, ENVIRONMENT: 'development' }, `/api/v1/advice/${d.id}/items/${item.id}/response`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${w.tokens.official}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Wij nemen dit over.', status: item.kind === 'question' ? 'answered' : 'adopted', version: 0 }),
    });
    expect(res.status).toBe(200);
    const mails = await mailsOf(d.id);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.status === 'queued')).toBe(true);
  });
});

describe('sending the letter', () => {
  it('is for officials and approvers, of a signed dossier only', async () => {
    const w = await createWorld('SND');
    const d = await submittedDossier(w);
    expect((await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official })).status).toBe(409);
    const s = await signedDossier(w);
    for (const role of ['council_member', 'council_secretary', 'admin']) {
      expect((await api('POST', `/api/v1/advice/${s.id}/send`, { token: w.tokens[role] })).status, role).toBe(403);
    }
    const other = await createWorld('SNO');
    expect((await api('POST', `/api/v1/advice/${s.id}/send`, { token: other.tokens.official })).status).toBe(404);
    expect((await api('POST', `/api/v1/advice/${s.id}/send`)).status).toBe(401);
    expect((await mailsOf(s.id)).filter((m) => m.kind === 'letter')).toHaveLength(0);
    expect((await api('GET', `/api/v1/advice/${s.id}`, { token: w.tokens.official })).body.status).toBe('signed');
  });

  it('queues nothing and stays signed when the signed PDF is missing from storage', async () => {
    const w = await createWorld('SNM');
    const s = await signedDossier(w);
    await env.DOCUMENTS.delete(`letters/${s.sha256}.pdf`);
    const res = await api('POST', `/api/v1/advice/${s.id}/send`, { token: w.tokens.official });
    expect(res.status).toBe(500);
    expect(res.body.detail).toContain('niet gevonden');
    expect((await api('GET', `/api/v1/advice/${s.id}`, { token: w.tokens.official })).body.status).toBe('signed');
    expect((await mailsOf(s.id)).filter((m) => m.kind === 'letter')).toHaveLength(0);
  });

  it('sends exactly one batch of letters when two people press send at once', async () => {
    const w = await createWorld('SNC');
    const s = await signedDossier(w);
    const results = await Promise.all([
      api('POST', `/api/v1/advice/${s.id}/send`, { token: w.tokens.official }),
      api('POST', `/api/v1/advice/${s.id}/send`, { token: w.tokens.approver }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([202, 409]);
    expect((await mailsOf(s.id)).filter((m) => m.kind === 'letter')).toHaveLength(2);
  });
});
