import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, createWorld, fetchRaw, submittedDossier, type World, approverOf } from './support';
import { sha256Hex } from '../worker/lib/crypto';
import { approveAdvice } from '../worker/services/approval';
import { loadAdvice } from '../worker/services/dossier-read';
import { returnAdvice } from '../worker/services/responses';
import { createDb } from '../worker/db';
import { signLetter } from '../worker/services/letter';
import { defaultMailContext as mail } from '../worker/services/mail-context';
import type { Env } from '../worker/env';

const MARKUP = 'Let op: <script>alert("x")</script> & <b>vet</b> <img src=x onerror=alert(1)>';

const ITEMS = [
  { kind: 'question' as const, section: 'Toegang', text: 'Hoe lang blijft de regisseur betrokken?' },
  { kind: 'advice' as const, section: 'Toegang', text: `Wijs per wijk een vast aanspreekpunt aan.\n\n${MARKUP}` },
  { kind: 'advice' as const, section: 'Samenwerking', text: 'Betrek de huisartsen bij het meldpunt.' },
  { kind: 'advice' as const, section: 'Samenwerking', text: 'Publiceer de wachttijden.' },
];
const RESPONSES = [
  { status: 'answered', text: 'Zolang het gezin dat nodig heeft.\n\nDaarna volgt een evaluatie.' },
  { status: 'adopted', text: `Wij nemen dit over.\n\nHet aanspreekpunt start in maart. ${MARKUP}` },
  { status: 'declined', text: 'Dit nemen wij niet over, omdat de huisartsen al aansluiten via de regio.' },
  { status: 'already_done', text: 'De wachttijden staan sinds september op de website.' },
];

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function dossierInReview(w: World) {
  const d = await submittedDossier(w, ITEMS);
  for (const [i, item] of d.items.entries()) {
    const r = await api('PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, { token: w.tokens.official, body: { ...RESPONSES[i], version: 0 } });
    expect(r.status).toBe(200);
  }
  expect((await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official })).status).toBe(200);
  return { ...d, reference: d.submission.reference as string };
}


describe('the letter before signing', { timeout: 30_000 }, () => {
  it('is a concept preview in PDF and HTML, for staff only', async () => {
    const w = await createWorld('LCA');
    const d = await dossierInReview(w);

    const pdf = await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.official);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(text(pdf.bytes.slice(0, 8))).toBe('%PDF-1.7');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="concept-reactie-op-advies-${d.reference}.pdf"`);
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('etag')).toBeNull();

    const html = await fetchRaw(`/api/v1/advice/${d.id}/letter.html`, w.tokens.approver);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = text(html.bytes);
    expect(page).toMatch(/^<!doctype html><html lang="nl">/);
    expect(page).toContain('<title>CONCEPT – Reactie op uw advies');
    expect(page).toContain('class="watermark"');
    // User text is text: the markup shows literally and nothing is injected.
    expect(page).toContain('Let op: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<b>vet');
    expect(page).not.toContain('<img');

    // Council members read the answer once it is sent, not before; other tenants never.
    expect((await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.council_member)).status).toBe(403);
    expect((await fetchRaw(`/api/v1/advice/${d.id}/letter.html`, w.tokens.council_secretary)).status).toBe(403);
    expect((await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`)).status).toBe(401);
    const other = await createWorld('LCB');
    expect((await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, other.tokens.official)).status).toBe(404);
    expect((await fetchRaw(`/api/v1/advice/${d.id}/letter.html`, w.tokens.admin)).status).toBe(200);
  });
});

describe('signing the letter', { timeout: 30_000 }, () => {
  it('stores the PDF and the HTML once, serves them byte-identical and lets anyone verify the hash', async () => {
    const w = await createWorld('LSA');
    const d = await dossierInReview(w);
    const approved = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver });
    expect(approved.status).toBe(200);
    const { sha256, pages } = approved.body.letter;
    expect(pages).toBeGreaterThanOrEqual(2);

    // Stored under its hash in R2, and the hash is the hash of those bytes.
    const storedPdf = await env.DOCUMENTS.get(`letters/${sha256}.pdf`);
    const storedHtml = await env.DOCUMENTS.get(`letters/${sha256}.html`);
    expect(storedPdf).not.toBeNull();
    expect(storedHtml).not.toBeNull();
    const storedBytes = new Uint8Array(await storedPdf!.arrayBuffer());
    expect(await sha256Hex(storedBytes)).toBe(sha256);

    const first = await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.official);
    const second = await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.approver);
    expect(first.status).toBe(200);
    expect(first.bytes).toEqual(storedBytes);
    expect(second.bytes).toEqual(first.bytes);
    expect(await sha256Hex(first.bytes)).toBe(sha256);
    expect(first.headers.get('content-disposition')).toBe(`inline; filename="reactie-op-advies-${d.reference}.pdf"`);
    expect(first.headers.get('etag')).toBe(`"${sha256}"`);
    // The XMP metadata is stored uncompressed: a concept title would show here (the page text is checked with pdftotext in test/node).
    expect(text(first.bytes)).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(text(first.bytes)).not.toMatch(/concept/i);

    const again = await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.official, { 'if-none-match': `"${sha256}"` });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    const html = await fetchRaw(`/api/v1/advice/${d.id}/letter.html`, w.tokens.official);
    expect(text(html.bytes)).toBe(await storedHtml!.text());
    expect(text(html.bytes)).not.toMatch(/concept/i);
    expect(text(html.bytes)).toContain(`<dt>Ons kenmerk</dt><dd>${d.reference}</dd>`);
    expect(text(html.bytes)).toContain('&lt;script&gt;');

    const dossier = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(dossier.body.letter).toMatchObject({ sha256, pages });

    // Frozen: changing the organisation afterwards changes neither the letter nor its verification.
    const patched = await api('PATCH', `/api/v1/organisations/${w.slug}`, {
      token: w.tokens.admin,
      body: { signatories: [{ title: 'de nieuwe burgemeester', name: 'Z. Nieuw' }], signOff: 'het college van Elders' },
    });
    expect(patched.status).toBe(200);
    const later = await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.official);
    expect(later.bytes).toEqual(first.bytes);

    const verified = await api('GET', `/api/v1/verify?sha256=${sha256}&reference=${d.reference}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      valid: true,
      document: 'letter',
      organisation: { name: 'Gemeente Teststad', slug: w.slug },
      reference: d.reference,
      signedAt: dossier.body.letter.signedAt,
      signatories: [
        { title: 'de secretaris', name: 'M. Bakker' },
        { title: 'de burgemeester', name: 'J. Visser' },
      ],
    });
    // The hash is global, the reference optional and forgiving about case; a wrong one does not match.
    expect((await api('GET', `/api/v1/verify?sha256=${sha256.toUpperCase()}`)).body.valid).toBe(true);
    expect((await api('GET', `/api/v1/verify?sha256=${sha256}&reference=${d.reference.toLowerCase()}`)).body.valid).toBe(true);
    expect((await api('GET', `/api/v1/verify?sha256=${sha256}&reference=LSA-1999-00001`)).body).toEqual({ valid: false });
    expect((await api('GET', `/api/v1/verify?sha256=${'0'.repeat(64)}`)).body).toEqual({ valid: false });
    expect((await api('GET', `/api/v1/verify?sha256=not-a-hash`)).body).toEqual({ valid: false });
    const missing = await api('GET', '/api/v1/verify');
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('sha256');

    // Once sent, the council reads exactly the same bytes.
    await env.DB.prepare("UPDATE advice SET status = 'sent' WHERE id = ?").bind(d.id).run();
    const council = await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.council_member);
    expect(council.status).toBe(200);
    expect(council.bytes).toEqual(first.bytes);

    // A signed letter is never rendered again: without its stored file there is an error, not a new PDF.
    await env.DOCUMENTS.delete(`letters/${sha256}.pdf`);
    const lost = await api('GET', `/api/v1/advice/${d.id}/letter.pdf`, { token: w.tokens.official });
    expect(lost.status).toBe(500);
    expect(lost.body.detail).toContain('niet gevonden in de opslag');
  });

  it('leaves the dossier in review when storing the letter fails, and signs on the next try', async () => {
    const w = await createWorld('LFA');
    const d = await dossierInReview(w);
    const db = createDb(env.DB);
    const broken = { ...env, DOCUMENTS: { put: async () => Promise.reject(new Error('R2 unavailable')) } } as unknown as Env;
    const row = (await loadAdvice(db, d.id))!;
    await expect(approveAdvice(db, approverOf(w), row, (s) => signLetter(broken, s), mail)).rejects.toThrow('R2 unavailable');

    const after = (await loadAdvice(db, d.id))!;
    expect(after.status).toBe('in_review');
    expect(after.letterSha256).toBeNull();
    expect(after.snapshot).toBeNull();
    expect((await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.official)).headers.get('cache-control')).toBe('no-store');

    const retried = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('signed');
  });

  it('never records a letter whose signing lost its race; the stored file then verifies as nothing', async () => {
    const w = await createWorld('LRA');
    const d = await dossierInReview(w);
    const db = createDb(env.DB);
    const row = (await loadAdvice(db, d.id))!;
    let storedSha = '';
    const approving = approveAdvice(db, approverOf(w), row, async (snapshot) => {
      const letter = await signLetter(env, snapshot);
      storedSha = letter.sha256;
      // Between storing and recording, another approver sends the dossier back.
      const fresh = (await loadAdvice(db, d.id))!;
      await returnAdvice(db, { ...approverOf(w), id: w.ids.approver2 }, fresh, 'Graag nog aanpassen.', mail);
      return letter;
    }, mail);
    await expect(approving).rejects.toMatchObject({ status: 409 });

    const after = (await loadAdvice(db, d.id))!;
    expect(after.status).toBe('in_progress');
    expect(after.letterSha256).toBeNull();
    expect(await env.DOCUMENTS.head(`letters/${storedSha}.pdf`)).not.toBeNull();
    expect((await api('GET', `/api/v1/verify?sha256=${storedSha}`)).body).toEqual({ valid: false });
  });
});

describe('the public verify page', { timeout: 30_000 }, () => {
  it('checks a pasted hash without JavaScript and offers the file picker with it', async () => {
    const w = await createWorld('LVA');
    const d = await dossierInReview(w);
    const { sha256 } = (await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver })).body.letter;

    const empty = await fetchRaw('/verify');
    expect(empty.status).toBe(200);
    const form = text(empty.bytes);
    expect(form).toContain('<html lang="nl">');
    expect(form).toContain('name="reference"');
    expect(form).toContain('name="sha256"');
    expect(form).toContain('type="file"');
    const csp = empty.headers.get('content-security-policy')!;
    const nonce = csp.match(/script-src 'nonce-([^']+)'/)![1];
    expect(form).toContain(`<script nonce="${nonce}">`);
    expect(form).toContain("crypto.subtle.digest('SHA-256'");

    const valid = text((await fetchRaw(`/verify?reference=${d.reference}&sha256=${sha256}`)).bytes);
    expect(valid).toContain('Echt: dit is de ondertekende brief');
    expect(valid).toContain(`Deze brief is door Gemeente Teststad ondertekend onder kenmerk ${d.reference}.`);
    expect(valid).toContain('de secretaris M. Bakker');
    expect(valid).toContain('de burgemeester J. Visser');

    const wrong = text((await fetchRaw(`/verify?reference=${encodeURIComponent('<b>x</b>')}&sha256=${'a'.repeat(64)}`)).bytes);
    expect(wrong).toContain('Niet gevonden');
    expect(wrong).toContain('value="&lt;b&gt;x&lt;/b&gt;"');

    expect(text((await fetchRaw('/verify?sha256=123')).bytes)).toContain('Een SHA-256-vingerafdruk bestaat uit 64 tekens');
  });
});
