/**
 * Importing an advice letter and registering a received advice through the API (API.md "Importing
 * an advice letter", "Registering a received advice"): the upload's types, limits and errors, the
 * original stored byte-identical with its SHA-256, who may read it, registration (submitted at
 * once, reference, due date from the day of receipt, acknowledgement, idempotent), and the
 * dossier's source document.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, api, createWorld, fetchRaw, type World, addCouncil, addUser, auditOf, count, mailsOf } from './support';
import { LETTERS } from './fixtures/import/letters';
import { pdf } from './fixtures/import/pdf-builder';
import { buildDocx, P } from './fixtures/import/docx-builder';
import { sha256Hex } from '../worker/lib/crypto';
import { dueDate } from '../worker/lib/due-date';
import { todayInAmsterdam, addDays } from '../schema/dates';
import { extraHolidays } from '../worker/services/organisations';
import { createDb } from '../worker/db';
import { nl } from '../schema/i18n/nl';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const fixture = (name: string) => LETTERS.find((f) => f.name === name)!;

let w: World;
let other: World;

/** Uploads bytes as a raw body, as an integration would. */
async function upload(token: string | undefined, bytes: Uint8Array, type: string | null, opts: { slug?: string; filename?: string; headers?: Record<string, string> } = {}) {
  const query = opts.filename ? `?filename=${encodeURIComponent(opts.filename)}` : '';
  return api('POST', `/api/v1/organisations/${opts.slug ?? w.slug}/imports${query}`, {
    token,
    raw: bytes,
    headers: { ...(type ? { 'content-type': type } : {}), ...(opts.headers ?? {}) },
  });
}

const registration = (extra: Record<string, unknown> = {}) => ({
  ...adviceInput(w.councilId, [
    { kind: 'question', text: 'Hoeveel mantelzorgers bereikt het steunpunt?' },
    { kind: 'advice', section: 'Ondersteuning', text: 'Maak het steunpunt ook ’s avonds bereikbaar.' },
  ]),
  ...extra,
});

beforeAll(async () => {
  [w, other] = await Promise.all([createWorld('IMP'), createWorld('IMO')]);
});

describe('POST /api/v1/organisations/{slug}/imports', () => {
  it('reads a Word letter, stores the original byte-identical with its SHA-256, and proposes the split', async () => {
    const bytes = await fixture('word-typed-labels').build();
    const res = await upload(w.tokens.official, bytes, DOCX, { filename: 'C:\\Mijn documenten\\advies mantelzorg.docx' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      filename: 'advies mantelzorg.docx',
      contentType: DOCX,
      size: bytes.length,
      sha256: await sha256Hex(bytes),
      draft: { title: 'Advies over het uitvoeringsprogramma mantelzorg 2026-2028', letterDate: '2026-01-14', councilReference: 'ASD/2026/003' },
      warnings: [],
    });
    expect(res.body.draft.items.map((i: { kind: string; number: number }) => `${i.kind} ${i.number}`)).toEqual([
      'question 1',
      'advice 1',
      'advice 2',
      'question 2',
      'advice 3',
      'advice 4',
    ]);
    // Stored unchanged, and served unchanged.
    const stored = await env.DOCUMENTS.get(`imports/${res.body.id}/original`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);
    const file = await fetchRaw(`/api/v1/imports/${res.body.id}/file`, w.tokens.official);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(bytes);
    expect(await sha256Hex(file.bytes)).toBe(res.body.sha256);
    expect(file.headers.get('content-type')).toBe(DOCX);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    // Nothing is advice yet: no dossier, only the import and its audit entry.
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(0);
    expect((await auditOf(res.body.id)).map((a) => a.action)).toEqual(['import.create']);
  });

  it('reads a PDF and pasted text (with a charset parameter)', async () => {
    const pdfRes = await upload(w.tokens.approver, await fixture('pdf-numbered-lists').build(), 'application/pdf', { filename: 'advies.pdf' });
    expect(pdfRes.status, JSON.stringify(pdfRes.body)).toBe(201);
    expect(pdfRes.body.draft.items).toHaveLength(5);
    const text = await upload(w.tokens.council_member, await fixture('text-email').build(), 'text/plain; charset=UTF-8');
    expect(text.status, JSON.stringify(text.body)).toBe(201);
    expect(text.body).toMatchObject({ filename: null, contentType: 'text/plain' });
    expect(text.body.draft.items[0]).toEqual({ kind: 'question', number: 1, section: 'WIJKAANPAK', text: 'In welke volgorde gaan de wijken van het aardgas af, en waarom begint u in de Vogelbuurt?' });
    expect((await fetchRaw(`/api/v1/imports/${text.body.id}/file`, w.tokens.council_member)).headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('answers a scan with no items and a warning, not an empty silence', async () => {
    const res = await upload(w.tokens.official, await fixture('pdf-scan').build(), 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body.draft.items).toEqual([]);
    expect(res.body.warnings).toEqual([nl.imports.warnings.noText]);
  });

  it('refuses another content type (415), a file over 10 MiB (413), a broken or encrypted file (422), an empty body (422)', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (const type of ['image/png', 'application/json', 'application/msword', null, 'text/plain; charset=iso-8859-1']) {
      const res = await upload(w.tokens.official, png, type);
      expect(res.status, String(type)).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toMatch(/Word|UTF-8/);
    }
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const tooBig = await upload(w.tokens.official, big, 'application/pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toBe(nl.imports.problems.tooLarge);
    // Exactly 10 MiB is allowed through to the reader (which finds no PDF in zeros).
    expect((await upload(w.tokens.official, new Uint8Array(10 * 1024 * 1024), 'application/pdf')).status).toBe(422);

    const broken = await upload(w.tokens.official, new TextEncoder().encode('Dit is geen Word-bestand'), DOCX);
    expect(broken).toMatchObject({ status: 422, body: { detail: nl.imports.problems.brokenDocx } });
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await upload(w.tokens.official, cfb, DOCX)).toMatchObject({ status: 422, body: { detail: nl.imports.problems.encryptedDocx } });
    const notPdf = await upload(w.tokens.official, new TextEncoder().encode('%PDF-1.7\nkapot'), 'application/pdf');
    expect(notPdf).toMatchObject({ status: 422, body: { detail: nl.imports.problems.brokenPdf } });
    const locked = await pdf({ userPassword: 'geheim', ownerPassword: 'nog-geheimer', content: [{ text: 'Advies 1 Zorg voor meer groen.' }] });
    expect(await upload(w.tokens.official, locked, 'application/pdf')).toMatchObject({ status: 422, body: { detail: nl.imports.problems.encryptedPdf } });
    expect(await upload(w.tokens.official, Uint8Array.from([0xff, 0xfe, 0x41]), 'text/plain')).toMatchObject({ status: 422, body: { detail: nl.imports.problems.badText } });
    expect(await upload(w.tokens.official, new Uint8Array(), 'text/plain')).toMatchObject({ status: 422, body: { detail: nl.imports.problems.empty } });
    // A word zip that lacks its document.
    const noDocument = buildDocx({ body: [P('x')] }).slice(0, 40);
    expect((await upload(w.tokens.official, noDocument, DOCX)).status).toBe(422);
    // None of these stored anything.
    expect(await count(`SELECT count(*) AS n FROM imports WHERE org_id = ? AND size IN (8, 12, 24, 3, 0, 40, ${10 * 1024 * 1024})`, w.orgId)).toBe(0);
  });

  it('is for officials, approvers and council members of the organisation only', async () => {
    const bytes = new TextEncoder().encode('Advies 1: Zorg voor meer groen.');
    expect((await upload(w.tokens.admin, bytes, 'text/plain')).status).toBe(403);
    expect((await upload(ADMIN, bytes, 'text/plain')).status).toBe(403);
    expect((await upload(undefined, bytes, 'text/plain')).status).toBe(401);
    expect((await upload(other.tokens.official, bytes, 'text/plain')).status).toBe(404);
    expect((await upload(w.tokens.council_secretary, bytes, 'text/plain')).status).toBe(201);
  });

  it('returns the first answer for a repeated upload with the same Idempotency-Key, and stores one import', async () => {
    const bytes = await fixture('word-bold-labels').build();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await upload(w.tokens.official, bytes, DOCX, { headers });
    const again = await upload(w.tokens.official, bytes, DOCX, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT count(*) AS n FROM imports WHERE sha256 = ? AND org_id = ?', first.body.sha256, w.orgId)).toBe(1);
    // The same key with other bytes is refused, as for any request.
    const changed = bytes.slice();
    changed[changed.length - 30] ^= 1;
    expect((await upload(w.tokens.official, changed, DOCX, { headers })).status).toBe(422);
  });
});

describe('GET /api/v1/imports/{id}/file', () => {
  it('serves the original to its uploader, officials and approvers, and is 404 for everyone else', async () => {
    const secondCouncil = await addCouncil(w);
    const colleague = await addUser(w, 'council_member', w.councilId);
    const bytes = new TextEncoder().encode('Vraag 1: Hoeveel?\n');
    const mine = await upload(w.tokens.council_member, bytes, 'text/plain');
    const path = `/api/v1/imports/${mine.body.id}/file`;
    const statuses = {
      uploader: (await fetchRaw(path, w.tokens.council_member)).status,
      official: (await fetchRaw(path, w.tokens.official)).status,
      approver: (await fetchRaw(path, w.tokens.approver)).status,
      admin: (await fetchRaw(path, w.tokens.admin)).status,
      secretary: (await fetchRaw(path, w.tokens.council_secretary)).status,
      colleague: (await fetchRaw(path, colleague.token)).status,
      otherCouncil: (await fetchRaw(path, secondCouncil.member.token)).status,
      otherOrganisation: (await fetchRaw(path, other.tokens.official)).status,
      platform: (await fetchRaw(path, ADMIN)).status,
      anonymous: (await fetchRaw(path)).status,
    };
    expect(statuses).toEqual({
      uploader: 200,
      official: 200,
      approver: 200,
      admin: 404,
      secretary: 404,
      colleague: 404,
      otherCouncil: 404,
      otherOrganisation: 404,
      platform: 403,
      anonymous: 401,
    });
    expect((await fetchRaw('/api/v1/imports/bestaat-niet/file', w.tokens.official)).status).toBe(404);
  });
});

describe('POST /api/v1/organisations/{slug}/advice/register', () => {
  it('registers a received advice: submitted at once, reference, due date from the day it arrived, acknowledgement, the original with the dossier', async () => {
    const bytes = await fixture('word-auto-numbering').build();
    const imported = await upload(w.tokens.official, bytes, DOCX, { filename: 'advies-armoede.docx' });
    const receivedOn = addDays(todayInAmsterdam(), -9);
    const res = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, {
      token: w.tokens.official,
      body: registration({ receivedOn, importId: imported.body.id }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const year = todayInAmsterdam().slice(0, 4);
    const expectedDue = dueDate(receivedOn, 42, await extraHolidays(createDb(env.DB), w.orgId));
    expect(res.body).toMatchObject({ status: 'submitted', reference: expect.stringMatching(new RegExp(`^IMP-${year}-\\d{5}$`)), receivedOn, dueOn: expectedDue });
    expect(res.body.items.map((i: { kind: string; number: number }) => `${i.kind} ${i.number}`)).toEqual(['question 1', 'advice 1']);

    const dossier = (await api('GET', `/api/v1/advice/${res.body.id}`, { token: w.tokens.council_member })).body;
    expect(dossier).toMatchObject({
      status: 'submitted',
      reference: res.body.reference,
      receivedOn,
      dueOn: expectedDue,
      sourceDocument: { id: imported.body.id, filename: 'advies-armoede.docx', contentType: DOCX, size: bytes.length, sha256: imported.body.sha256 },
    });
    // The council gets its acknowledgement of receipt, as for a submitted advice.
    const mails = await mailsOf(res.body.id);
    const acks = mails.filter((m) => m.kind === 'acknowledgement');
    expect(acks.map((m) => m.to[0]).sort()).toEqual(['secretaris@asd.example', 'voorzitter@asd.example']);
    expect(acks[0].subject).toContain(res.body.reference);
    expect(mails.filter((m) => m.kind === 'advice_arrived').length).toBeGreaterThan(0);
    expect((await auditOf(res.body.id)).map((a) => [a.action, a.from_status, a.to_status])).toEqual([['advice.register', null, 'submitted']]);

    // Everyone who may read the dossier gets the original, byte-identical.
    for (const token of [w.tokens.council_member, w.tokens.council_secretary, w.tokens.official, w.tokens.approver, w.tokens.admin]) {
      const source = await fetchRaw(`/api/v1/advice/${res.body.id}/source`, token);
      expect(source.status).toBe(200);
      expect(source.bytes).toEqual(bytes);
    }
    expect((await fetchRaw(`/api/v1/advice/${res.body.id}/source`, other.tokens.official)).status).toBe(404);
    // The cycle goes on as for any advice.
    const answer = await api('PUT', `/api/v1/advice/${res.body.id}/items/${res.body.items[0].id}/response`, {
      token: w.tokens.official,
      body: { text: 'Het steunpunt bereikte 412 mantelzorgers.', status: 'answered', version: 0 },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a letter registered before (409), without storing anything', async () => {
    const imported = await upload(w.tokens.official, new TextEncoder().encode('Advies 1: Zorg voor meer groen.'), 'text/plain');
    const first = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: registration({ importId: imported.body.id }) });
    expect(first.status).toBe(201);
    const before = await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId);
    const second = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official2, body: registration({ importId: imported.body.id }) });
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain(first.body.reference);
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(before);
  });

  it('answers a repeat with the same Idempotency-Key with the first answer, and registers once', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const body = registration({ title: `Advies ${crypto.randomUUID()}` });
    const first = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body, headers });
    const again = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body, headers });
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT count(*) AS n FROM advice WHERE title = ?', body.title)).toBe(1);
  });

  it('takes today by default, refuses a day in the future, an unknown council or import, and any role but official', async () => {
    const today = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: registration() });
    expect(today.body.receivedOn).toBe(todayInAmsterdam());
    const future = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: registration({ receivedOn: addDays(todayInAmsterdam(), 1) }) });
    expect(future).toMatchObject({ status: 422, body: { errors: [{ path: 'receivedOn', message: nl.imports.problems.receivedInFuture }] } });
    const council = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: registration({ councilId: other.councilId }) });
    expect(council).toMatchObject({ status: 422, body: { errors: [{ path: 'councilId' }] } });
    const theirs = await upload(other.tokens.official, new TextEncoder().encode('Advies 1: x.'), 'text/plain', { slug: other.slug });
    const foreign = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: registration({ importId: theirs.body.id }) });
    expect(foreign).toMatchObject({ status: 422, body: { errors: [{ path: 'importId', message: nl.imports.problems.unknownImport }] } });
    const unknownField = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: registration({ reference: 'X' }) });
    expect(unknownField).toMatchObject({ status: 422, body: { errors: [{ path: 'reference' }] } });
    for (const token of [w.tokens.approver, w.tokens.admin, w.tokens.council_member, w.tokens.council_secretary]) {
      expect((await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token, body: registration() })).status).toBe(403);
    }
    expect((await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: other.tokens.official, body: registration() })).status).toBe(404);
  });
});

describe('advice written from the council’s own letter', () => {
  it('names the import on creation: the draft has it as its source document, and nobody can use it again', async () => {
    const bytes = await fixture('text-kind-headings').build();
    const imported = await upload(w.tokens.council_member, bytes, 'text/plain', { filename: 'advies.txt' });
    const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), importId: imported.body.id } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dossier = (await api('GET', `/api/v1/advice/${created.body.id}`, { token: w.tokens.council_member })).body;
    expect(dossier.sourceDocument).toMatchObject({ id: imported.body.id, filename: 'advies.txt', sha256: await sha256Hex(bytes) });
    expect((await fetchRaw(`/api/v1/advice/${created.body.id}/source`, w.tokens.council_secretary)).bytes).toEqual(bytes);
    // A draft belongs to the council: staff do not see it, nor its source.
    expect((await fetchRaw(`/api/v1/advice/${created.body.id}/source`, w.tokens.official)).status).toBe(404);
    const again = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), importId: imported.body.id } });
    expect(again.status).toBe(409);
  });

  it('refuses an import the member did not upload', async () => {
    const officials = await upload(w.tokens.official, new TextEncoder().encode('Advies 1: x.'), 'text/plain');
    const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), importId: officials.body.id } });
    expect(res).toMatchObject({ status: 422, body: { errors: [{ path: 'importId' }] } });
  });

  it('shows no source document for a dossier written in the form, and 404 for its source', async () => {
    const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId) });
    expect((await api('GET', `/api/v1/advice/${created.body.id}`, { token: w.tokens.council_member })).body.sourceDocument).toBeNull();
    expect((await fetchRaw(`/api/v1/advice/${created.body.id}/source`, w.tokens.council_member)).status).toBe(404);
    // PUT keeps its shape: no importId there.
    const put = await api('PUT', `/api/v1/advice/${created.body.id}`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), importId: 'x' } });
    expect(put).toMatchObject({ status: 422, body: { errors: [{ path: 'importId' }] } });
  });
});
