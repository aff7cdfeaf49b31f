/**
 * The pages of issue 14 without a browser (no JavaScript, as a browser without it would post):
 * an official reads a letter, checks and corrects the proposal with the form's buttons, registers
 * it, and everyone who may read the dossier gets the original; a council member starts the advice
 * form from their own document.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, createWorld, fetchRaw, formValues, signInByMail, textOf, web, type World } from './support';
import { LETTERS } from './fixtures/import/letters';
import { nl } from '../schema/i18n/nl';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const t = nl.imports.web;
let w: World;
const cookies: Record<string, string> = {};

const fileForm = (bytes: Uint8Array, name: string, type: string) => {
  const form = new FormData();
  form.append('file', new File([bytes], name, { type }));
  form.append('text', '');
  return form;
};

beforeAll(async () => {
  w = await createWorld('WIM');
  for (const role of ['official', 'approver', 'council_member', 'council_secretary']) cookies[role] = await signInByMail(`${role}@${w.slug}.example`);
});

/** Reads a letter on the upload page and returns the check page's address. */
async function readLetter(form: FormData | Record<string, string>) {
  const res = await web('POST', '/adviezen/registreren', { cookie: cookies.official, form });
  expect(res.status, textOf(res.html).slice(0, 400)).toBe(303);
  expect(res.location).toMatch(/^\/adviezen\/registreren\/[0-9a-f-]{36}$/);
  return res.location!;
}

describe('registering a received advice in the web app', () => {
  it('reads a Word letter, shows its text beside the proposal, takes corrections and registers it', async () => {
    const fixture = LETTERS.find((f) => f.name === 'word-typed-labels')!;
    const bytes = await fixture.build();
    const upload = await web('GET', '/adviezen/registreren', { cookie: cookies.official });
    expect(upload.status).toBe(200);
    expect(textOf(upload.html)).toContain(t.uploadIntro);
    const check = await readLetter(fileForm(bytes, 'advies mantelzorg.docx', DOCX));

    const first = await web('GET', check, { cookie: cookies.official });
    expect(first.status).toBe(200);
    const text = textOf(first.html);
    // The letter's own text (letterhead included) and the proposal, side by side.
    expect(text).toContain('Secretariaat: Kerkstraat 12, 4321 AB Lindevoort');
    expect(text).toContain(t.originalDownload('advies mantelzorg.docx'));
    let values = formValues(first.html, check);
    expect(values).toMatchObject({
      councilId: w.councilId,
      title: 'Advies over het uitvoeringsprogramma mantelzorg 2026-2028',
      letterDate: '2026-01-14',
      councilReference: 'ASD/2026/003',
      'items.0.kind': 'question',
      'items.0.section': 'Ondersteuning',
      'items.2.text': 'Neem in het programma op hoe u jonge mantelzorgers via scholen bereikt.\n\nScholen zien vaak als eerste dat een leerling thuis zorgt. Een vaste contactpersoon per school helpt daarbij.',
    });

    // Split advice 2 at its empty line (no cursor: no JavaScript).
    let res = await web('POST', check, { cookie: cookies.official, form: { ...values, action: 'split:2' } });
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain(t.notices.split(3));
    values = formValues(res.html, check);
    expect(values['items.2.text']).toBe('Neem in het programma op hoe u jonge mantelzorgers via scholen bereikt.');
    expect(values['items.3.text']).toBe('Scholen zien vaak als eerste dat een leerling thuis zorgt. Een vaste contactpersoon per school helpt daarbij.');
    expect(values['items.3.kind']).toBe('advice');

    // Merge them again; split at a cursor (as /assets/import.js posts it).
    res = await web('POST', check, { cookie: cookies.official, form: { ...values, action: 'merge:2' } });
    values = formValues(res.html, check);
    expect(values['items.2.text']).toContain('bereikt.\n\nScholen');
    // A browser posts a textarea's line breaks as CRLF while the cursor counts them as one character.
    const cursor = values['items.1.text'].indexOf('Veel');
    res = await web('POST', check, { cookie: cookies.official, form: { ...values, 'items.1.text': values['items.1.text'].replace(/\n/g, '\r\n'), 'items.1.cursor': String(cursor), action: 'split:1' } });
    values = formValues(res.html, check);
    expect(values['items.1.text']).toBe('Zorg dat het steunpunt ook ’s avonds en op zaterdag bereikbaar is.');
    expect(values['items.2.text']).toBe('Veel mantelzorgers werken overdag.');
    // Move that second half into the intro, change a kind, clear a section.
    res = await web('POST', check, { cookie: cookies.official, form: { ...values, action: 'intro:2' } });
    values = formValues(res.html, check);
    expect(values.intro.endsWith('\n\nVeel mantelzorgers werken overdag.')).toBe(true);
    values = { ...values, 'items.3.kind': 'question', 'items.5.section': '', receivedOn: '2026-01-16' };

    // Nothing is stored yet.
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(0);

    res = await web('POST', check, { cookie: cookies.official, form: { ...values, action: 'register' } });
    expect(res.status, textOf(res.html).slice(0, 500)).toBe(303);
    const dossierUrl = res.location!.split('?')[0];
    const dossier = (await api('GET', `/api/v1${dossierUrl.replace('/adviezen', '/advice')}`, { token: w.tokens.official })).body;
    expect(dossier).toMatchObject({ status: 'submitted', receivedOn: '2026-01-16', councilReference: 'ASD/2026/003', sourceDocument: { filename: 'advies mantelzorg.docx', size: bytes.length } });
    expect(dossier.items.map((i: { kind: string; number: number; section: string | null }) => `${i.kind} ${i.number} ${i.section}`)).toEqual([
      'question 1 Ondersteuning',
      'advice 1 Ondersteuning',
      'advice 2 Ondersteuning',
      'question 2 Respijtzorg',
      'advice 3 Respijtzorg',
      'advice 4 null',
    ]);

    // The dossier page says so, and the original is one click away for whoever may read the dossier.
    const page = await web('GET', res.location!, { cookie: cookies.official });
    expect(textOf(page.html)).toContain(`geregistreerd onder kenmerk ${dossier.reference}`);
    expect(page.html).toContain(`href="${dossierUrl}/origineel"`);
    for (const role of ['official', 'approver', 'council_member', 'council_secretary']) {
      const original = await web('GET', `${dossierUrl}/origineel`, { cookie: cookies[role] });
      expect(original.status, role).toBe(200);
      expect(original.bytes).toEqual(bytes);
      expect(original.headers.get('content-disposition')).toContain('advies%20mantelzorg.docx');
    }
    const council = await web('GET', dossierUrl, { cookie: cookies.council_member });
    expect(council.html).toContain(`href="${dossierUrl}/origineel"`);

    // Posting the form again (a second click) registers nothing more: it shows that dossier.
    const again = await web('POST', check, { cookie: cookies.official, form: { ...values, action: 'register' } });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${dossierUrl}?al-geregistreerd`);
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(1);
    expect((await web('GET', check, { cookie: cookies.official })).location).toBe(`${dossierUrl}?al-geregistreerd`);
  });

  it('takes pasted text, shows errors beside the fields, and lets the official add items to a letter without any', async () => {
    const check = await readLetter({ text: 'Geacht college,\n\nWij hebben geen punten.\n\nMet vriendelijke groet,\nDe raad' });
    const first = await web('GET', check, { cookie: cookies.official });
    expect(textOf(first.html)).toContain(nl.imports.warnings.noItems);
    let values = formValues(first.html, check);
    const added = await web('POST', check, { cookie: cookies.official, form: { ...values, action: 'add:advice' } });
    values = formValues(added.html, check);
    expect(values['items.0.kind']).toBe('advice');
    const refused = await web('POST', check, { cookie: cookies.official, form: { ...values, councilId: '', title: '', action: 'register' } });
    expect(refused.status).toBe(422);
    const text = textOf(refused.html);
    expect(text).toContain(nl.fields.title);
    expect(text).toContain(nl.fields.itemText);
    expect(refused.html).toMatch(/<title>Fout: /);
  });

  it('says why a file cannot be read, on the upload page', async () => {
    const png = await web('POST', '/adviezen/registreren', { cookie: cookies.official, form: fileForm(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), 'foto.png', 'image/png') });
    expect(png.status).toBe(422);
    expect(textOf(png.html)).toContain(nl.imports.problems.unsupportedType);
    const broken = await web('POST', '/adviezen/registreren', { cookie: cookies.official, form: fileForm(new TextEncoder().encode('kapot'), 'brief.docx', '') });
    expect(broken.status).toBe(422);
    expect(textOf(broken.html)).toContain(nl.imports.problems.brokenDocx);
    const nothing = await web('POST', '/adviezen/registreren', { cookie: cookies.official, form: { text: '  ' } });
    expect(nothing.status).toBe(422);
    expect(textOf(nothing.html)).toContain(t.nothingChosen);
  });

  it('is the officials’ work: approvers may not register, and nobody else reads the import', async () => {
    expect((await web('GET', '/adviezen/registreren', { cookie: cookies.approver })).status).toBe(403);
    const check = await readLetter({ text: 'Advies 1: Plant meer bomen.' });
    expect((await web('GET', check, { cookie: cookies.approver })).status).toBe(403);
    const id = check.split('/').pop();
    expect((await web('GET', `/documenten/${id}`, { cookie: cookies.approver })).status).toBe(200);
    expect((await web('GET', `/documenten/${id}`, { cookie: cookies.council_member })).status).toBe(404);
  });
});

describe('a council member starts the advice form from their own document', () => {
  it('fills the form with the proposal, and the saved draft keeps the document as its source', async () => {
    const fixture = LETTERS.find((f) => f.name === 'text-kind-headings')!;
    const bytes = await fixture.build();
    const start = await web('GET', '/adviezen/nieuw', { cookie: cookies.council_member });
    expect(textOf(start.html)).toContain(t.councilStartTitle);
    const read = await web('POST', '/adviezen/nieuw/document', { cookie: cookies.council_member, form: fileForm(bytes, 'advies.txt', 'text/plain') });
    expect(read.status).toBe(303);
    expect(read.location).toMatch(/^\/adviezen\/nieuw\?document=/);
    const form = await web('GET', read.location!, { cookie: cookies.council_member });
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain(t.councilFromDocument('advies.txt'));
    const values = formValues(form.html, '/adviezen/nieuw');
    expect(values).toMatchObject({
      title: 'Advies over de verordening leerlingenvervoer',
      letterDate: '2025-09-30',
      councilReference: 'WR 25/41',
      'items.0.kind': 'question',
      'items.2.section': 'Reistijd',
      'items.4.text': 'Informeer ouders een week van tevoren over een nieuwe chauffeur of route.',
      importId: expect.any(String),
    });
    // The document is theirs only: another member cannot open this form with it.
    expect((await web('GET', read.location!, { cookie: cookies.council_secretary })).status).toBe(404);

    const saved = await web('POST', '/adviezen/nieuw', { cookie: cookies.council_member, form: { ...values, action: 'save' } });
    expect(saved.status, textOf(saved.html).slice(0, 400)).toBe(303);
    const id = saved.location!.split('/')[2];
    const dossier = (await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.council_member })).body;
    expect(dossier).toMatchObject({ status: 'draft', sourceDocument: { id: values.importId, filename: 'advies.txt' } });
    expect(dossier.items).toHaveLength(5);
    expect((await fetchRaw(`/api/v1/advice/${id}/source`, w.tokens.council_secretary)).bytes).toEqual(bytes);
  });

  it('says why a document cannot be read, on the new advice page', async () => {
    const res = await web('POST', '/adviezen/nieuw/document', { cookie: cookies.council_member, form: fileForm(new TextEncoder().encode('%PDF-kapot'), 'advies.pdf', 'application/pdf') });
    expect(res.status).toBe(422);
    expect(textOf(res.html)).toContain(nl.imports.problems.brokenPdf);
    expect((await web('POST', '/adviezen/nieuw/document', { cookie: cookies.official, form: { text: 'Advies 1: x' } })).status).toBe(403);
  });
});
