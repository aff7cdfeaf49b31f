import { beforeAll, describe, expect, it } from 'vitest';
import { api, auditOf, consultationBody, consultationIn, createWorld, expectDutch, expectProblem, fetchRaw, messageAt, signInByMail, web, type World } from './support';
import { LEGEND, answerRemarks, type ConsultationFixture } from './support';
import { publicListsOffenders } from './publication-support';
import { checkDiwooSitemap, diwooValue, parseXml } from './diwoo-check';

/**
 * A consultation's signed list published under the Woo, the way a dossier is: the decision per
 * consultation (the advice's body and answer), the public JSON, page and PDF of a list, the list of
 * lists, and what the feed and the DiWoo sitemaps say of it. (Every state × choice × route:
 * test/publication-walk.test.ts.)
 */

let w: World;
let other: World;
/** Sent and public, with a tricky title for the XML and one remark answered by reference. */
let sent: ConsultationFixture;
const TITLE = 'Integrale lijst <b>&amp;</b> "reacties" op de regiovisie';

async function ok(res: Promise<{ status: number; body: any }>, status: number) {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A consultation of the world with its own title, carried to sent. */
async function sentWithTitle(world: World, title: string): Promise<ConsultationFixture> {
  const created = await ok(api('POST', `/api/v1/organisations/${world.slug}/consultations`, { token: world.tokens.official, body: { ...consultationBody(world), title } }), 201);
  const remarks = [];
  for (const [i, p] of (created.participants as { id: string }[]).entries()) {
    const token = i === 0 ? world.tokens.council_member : world.tokens.official;
    remarks.push(await ok(api('POST', `/api/v1/consultations/${created.id}/remarks`, { token, body: { participantId: p.id, text: `Opmerking ${i + 1}: betrek ook de huisartsen.`, ...(i === 1 ? { section: 'Hoofdstuk 2' } : {}) } }), 201));
  }
  const c = { id: created.id as string, participants: created.participants, remarks };
  await answerRemarks(world, c);
  for (const [step, token, status] of [['close', world.tokens.official, 200], ['request-approval', world.tokens.official, 200], ['approve', world.tokens.approver, 200], ['send', world.tokens.official, 202]] as const) {
    await ok(api('POST', `/api/v1/consultations/${c.id}/${step}`, { token }), status);
  }
  return c;
}

const publicIds = async (slug: string, query = '') => ((await api('GET', `/api/v1/public/${slug}/consultations${query}`)).body.items as { id: string }[]).map((i) => i.id);

beforeAll(async () => {
  [w, other] = await Promise.all([createWorld('PCO'), createWorld('PCX')]);
  sent = await sentWithTitle(w, TITLE);
}, 180_000);

describe('the publication decision (PUT /api/v1/consultations/{id}/publication)', () => {
  it('answers exactly as the advice’s decision: published by default, withheld with a reason and a ground, public again', async () => {
    const c = await consultationIn(w, 'sent');
    expect(await publicIds(w.slug)).toContain(c.id);
    const before = await api('GET', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.admin });
    expect(before.body).toEqual({ publish: true, reason: null, ground: null, groundLabel: null, decidedBy: null, decidedAt: null, public: true });

    const res = await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.approver, body: { publish: false, reason: 'Noemt een inspreker bij naam.', ground: '5.1.2.e' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      publish: false,
      reason: 'Noemt een inspreker bij naam.',
      ground: '5.1.2.e',
      groundLabel: expect.stringContaining('persoonlijke levenssfeer'),
      decidedBy: { id: w.ids.approver, name: 'Test approver' },
      decidedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      public: false,
    });
    expect(await publicIds(w.slug)).not.toContain(c.id);
    expect((await api('GET', `/api/v1/public/${w.slug}/consultations/${c.id}`)).status).toBe(404);

    const again = await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.official, body: { publish: true } });
    expect(again.body).toMatchObject({ publish: true, reason: null, ground: null, decidedBy: { id: w.ids.official, name: 'Test official' }, public: true });
    expect(await publicIds(w.slug)).toContain(c.id);
    expect((await auditOf(c.id)).map((a) => a.action).filter((a) => a.endsWith('publish') || a.endsWith('withhold'))).toEqual(['consultation.withhold', 'consultation.publish']);
    expect(Object.values(await publicListsOffenders()).flat()).toEqual([]);
  });

  it('holds from any state: withheld while open, the list is not public when it is sent', async () => {
    const c = await consultationIn(w, 'open');
    const res = await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.official, body: { publish: false, reason: 'Nog in overleg met de regio.' } });
    expect(res.body).toMatchObject({ publish: false, public: false });
    await answerRemarks(w, c);
    for (const [step, token] of [['close', w.tokens.official], ['request-approval', w.tokens.official], ['approve', w.tokens.approver], ['send', w.tokens.official]] as const) {
      expect((await api('POST', `/api/v1/consultations/${c.id}/${step}`, { token })).status).toBeLessThan(300);
    }
    expect(await publicIds(w.slug)).not.toContain(c.id);
    expect((await api('GET', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.official })).body).toMatchObject({ publish: false, public: false });
  });

  it('refuses to withhold without a reason, with a Dutch message; is for officials and approvers only', async () => {
    const c = await consultationIn(w, 'closed');
    const missing = await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.official, body: { publish: false } });
    expectProblem(missing, 422, ['reason']);
    expectDutch(messageAt(missing, 'reason'));
    expectProblem(await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.official, body: { publish: false, reason: 'x', ground: '9.9' } }), 422, ['ground']);
    expect((await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.council_member, body: { publish: true } })).status).toBe(403);
    expect((await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.admin, body: { publish: true } })).status).toBe(403);
    expect((await api('GET', `/api/v1/consultations/${c.id}/publication`, { token: w.tokens.council_member })).status).toBe(403);
    expect((await api('PUT', `/api/v1/consultations/${c.id}/publication`, { token: other.tokens.official, body: { publish: true } })).status).toBe(404);
  });
});

describe('a published list', () => {
  it('is listed newest first with the fields of API.md, paged with a cursor; 404 for an unknown organisation, nothing for one without lists', async () => {
    const res = await api('GET', `/api/v1/public/${w.slug}/consultations`);
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { id: string }) => i.id === sent.id);
    expect(item).toEqual({ id: sent.id, title: TITLE, document: consultationBody(w).document, sentOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect(res.body.next).toBeNull();
    // One a page: every list once, in the same order.
    const walked: string[] = [];
    let next: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; next: string | null } } = await api('GET', `/api/v1/public/${w.slug}/consultations?limit=1${next ? `&cursor=${next}` : ''}`);
      walked.push(...page.body.items.map((i) => i.id));
      next = page.body.next;
    } while (next);
    expect(walked).toEqual(res.body.items.map((i: { id: string }) => i.id));
    expectProblem(await api('GET', `/api/v1/public/${w.slug}/consultations?cursor=kapot`), 422, ['cursor']);
    // A cursor of the advice list is not one of these.
    const adviceCursor = btoa(JSON.stringify({ k: 'list', on: '2026-01-01', at: 'x', id: 'y', f: '\u0000\u0000' })).replace(/=+$/, '');
    expectProblem(await api('GET', `/api/v1/public/${w.slug}/consultations?cursor=${adviceCursor}`), 422, ['cursor']);
    expect((await api('GET', '/api/v1/public/bestaat-niet/consultations')).status).toBe(404);
    expect(await api('GET', `/api/v1/public/${other.slug}/consultations`)).toMatchObject({ status: 200, body: { items: [], next: null } });
  });

  it('is the list as signed: remarks, responses with codes and references, the legend; no names of officials; the signed PDF byte for byte', async () => {
    const res = await api('GET', `/api/v1/public/${w.slug}/consultations/${sent.id}`);
    expect(res.status).toBe(200);
    const staff = (await api('GET', `/api/v1/consultations/${sent.id}`, { token: w.tokens.official })).body;
    expect(res.body).toMatchObject({ id: sent.id, status: 'sent', title: TITLE, document: staff.document, organisation: { slug: w.slug, name: 'Gemeente Teststad' }, legend: LEGEND });
    expect(res.body.list).toEqual({ sha256: staff.list.sha256, pages: staff.list.pages, signedAt: staff.list.signedAt });
    expect(res.body.participants).toEqual(
      staff.participants.map((p: any) => ({
        id: p.id,
        name: p.name,
        councilId: p.councilId,
        remarks: p.remarks.map((r: any) => ({ id: r.id, number: r.number, section: r.section, text: r.text, response: { text: r.response.text, sameAs: r.response.sameAs, processing: r.response.processing } })),
      })),
    );
    // The first remark answered in words, the others "the same as" it.
    expect(res.body.participants[1].remarks[0].response).toEqual({ text: null, sameAs: sent.remarks[0].id, processing: ['2', 'Algemeen'] });
    for (const name of ['Test official', 'Test approver', 'Test council_member']) expect(JSON.stringify(res.body)).not.toContain(name);
    expect(res.body).not.toHaveProperty('returnComment');
    expect(res.body.signatories).toEqual([
      { title: 'de secretaris', name: 'M. Bakker' },
      { title: 'de burgemeester', name: 'J. Visser' },
    ]);

    const pdf = await fetchRaw(`/api/v1/public/${w.slug}/consultations/${sent.id}/list.pdf`);
    const signed = await fetchRaw(`/api/v1/consultations/${sent.id}/list.pdf`, w.tokens.official);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes).toEqual(signed.bytes);
    expect(pdf.headers.get('etag')).toBe(`"${staff.list.sha256}"`);
    expect((await fetchRaw(`/api/v1/public/${w.slug}/consultations/${sent.id}/list.pdf`, undefined, { 'if-none-match': `"${staff.list.sha256}"` })).status).toBe(304);
    // Under another organisation's name it does not exist, nor on the page or the PDF there.
    expect((await api('GET', `/api/v1/public/${other.slug}/consultations/${sent.id}`)).status).toBe(404);
    expect((await fetchRaw(`/api/v1/public/${other.slug}/consultations/${sent.id}/list.pdf`)).status).toBe(404);
    expect((await web('GET', `/openbaar/${other.slug}/consultaties/${sent.id}`)).status).toBe(404);
    expect((await web('GET', `/openbaar/${other.slug}/consultaties/${sent.id}/lijst.pdf`)).status).toBe(404);
  });

  it('has its page: the list rendered from its model, the signed PDF and how to verify it', async () => {
    const page = await web('GET', `/openbaar/${w.slug}/consultaties/${sent.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, no-cache');
    expect(page.html).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(page.html).not.toContain('<b>&amp;</b>');
    for (const text of ['Integrale lijst', 'Opmerking 1: betrek ook de huisartsen.', 'Huisartsen nemen deel aan de werkgroep signalering.', 'Zie de reactie op opmerking 1', 'Hoofdstuk 2', 'Gemeenteraad Oostdorp', 'Lokale (wijk)teams versterken', 'In het algemeen aandacht voor', 'J. Visser']) {
      expect(page.html, text).toContain(text);
    }
    const sha = (await api('GET', `/api/v1/public/${w.slug}/consultations/${sent.id}`)).body.list.sha256;
    expect(page.html).toContain(`/openbaar/${w.slug}/consultaties/${sent.id}/lijst.pdf`);
    expect(page.html).toContain(`/verify?sha256=${sha}&amp;reference=`);
    for (const name of ['Test official', 'Test approver']) expect(page.html).not.toContain(name);
    expect(page.html).not.toContain('CONCEPT');
    const pdf = await web('GET', `/openbaar/${w.slug}/consultaties/${sent.id}/lijst.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes).toEqual((await fetchRaw(`/api/v1/consultations/${sent.id}/list.pdf`, w.tokens.official)).bytes);
    // The verification link finds the list by its hash and title.
    const verified = await api('GET', `/api/v1/verify?${new URLSearchParams({ sha256: sha, reference: TITLE })}`);
    expect(verified.body).toMatchObject({ valid: true, reference: TITLE });
  });

  it('is listed on the archive’s consultations tab, reached from the advice tab', async () => {
    const archive = await web('GET', `/openbaar/${w.slug}`);
    expect(archive.html).toContain(`href="/openbaar/${w.slug}/consultaties"`);
    const lists = await web('GET', `/openbaar/${w.slug}/consultaties`);
    expect(lists.status).toBe(200);
    expect(lists.html).toContain(`/openbaar/${w.slug}/consultaties/${sent.id}`);
    expect(lists.html).toMatch(/aria-current="page"[^>]*>Consultaties</);
    expect(lists.html).toContain(consultationBody(w).document);
    const stale = await web('GET', `/openbaar/${w.slug}/consultaties?na=kapot`);
    expect(stale.status).toBe(200);
    expect(stale.html).toContain('vervolglink is ongeldig');
    expect((await web('GET', '/openbaar/bestaat-niet/consultaties')).status).toBe(404);
    expect((await web('GET', `/openbaar/${other.slug}/consultaties`)).html).toContain('Er zijn (nog) geen integrale lijsten gepubliceerd.');
  });
});

describe('the staff’s publication panel on the consultation page', () => {
  it('shows the decision and who took it, and takes a new one from the form (a reason beside the field when missing)', async () => {
    const c = await consultationIn(w, 'signed');
    const cookie = await signInByMail(`official@${w.slug}.example`);
    const page = await web('GET', `/consultaties/${c.id}`, { cookie });
    expect(page.html).toContain('Openbaarmaking (Woo)');
    expect(page.html).toContain('Wordt openbaar zodra de lijst is verzonden.');
    expect(page.html).toContain('Standaard: niemand heeft hierover een besluit genomen.');

    const missing = await web('POST', `/consultaties/${c.id}/openbaarmaking`, { cookie, form: { publish: 'no', reason: '', ground: '' } });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('Geef de reden waarom dit niet openbaar wordt gemaakt.');

    const saved = await web('POST', `/consultaties/${c.id}/openbaarmaking`, { cookie, form: { publish: 'no', reason: 'Bijlage met adressen van insprekers.', ground: '5.1.2.e' } });
    expect(saved.status).toBe(303);
    const after = await web('GET', saved.location!, { cookie });
    expect(after.html).toContain('Het besluit over openbaarmaking is opgeslagen.');
    expect(after.html).toContain('Niet openbaar.');
    expect(after.html).toMatch(/Besloten door Test official op \d+ \w+ \d{4} om \d\d:\d\d\./);
    expect(after.html).toContain('Bijlage met adressen van insprekers.');
    // Sent now: still withheld, as decided.
    expect((await api('POST', `/api/v1/consultations/${c.id}/send`, { token: w.tokens.official })).status).toBe(202);
    expect(await publicIds(w.slug)).not.toContain(c.id);
    // Published again from the form: public at once, and the page links to it.
    expect((await web('POST', `/consultaties/${c.id}/openbaarmaking`, { cookie, form: { publish: 'yes', reason: '', ground: '' } })).status).toBe(303);
    expect(await publicIds(w.slug)).toContain(c.id);
    const published = await web('GET', `/consultaties/${c.id}`, { cookie });
    expect(published.html).toContain('Openbaar: deze lijst staat in het openbare archief.');
    expect(published.html).toContain(`/openbaar/${w.slug}/consultaties/${c.id}`);
    // An admin sees the decision but has no form; a council member sees no panel.
    const admin = await web('GET', `/consultaties/${c.id}`, { cookie: await signInByMail(`admin@${w.slug}.example`) });
    expect(admin.html).toContain('Openbaarmaking (Woo)');
    expect(admin.html).not.toContain('/openbaarmaking"');
    const member = await web('GET', `/consultaties/${c.id}`, { cookie: await signInByMail(`council_member@${w.slug}.example`) });
    expect(member.html).not.toContain('Openbaarmaking (Woo)');
  });
});

describe('harvesting', () => {
  it('the DiWoo sitemap lists the signed list as a letter, signed, in the category adviezen, and passes the schema check', async () => {
    await api('PUT', `/api/v1/organisations/${w.slug}/publication-settings`, { token: w.tokens.admin, body: { tooiCode: 'gm0034' } });
    const year = new Date().getFullYear();
    const res = await web('GET', `/openbaar/${w.slug}/sitemaps/${year}.xml`);
    const { problems, entries } = checkDiwooSitemap(res.html);
    expect(problems).toEqual([]);
    const entry = entries.find((e) => e.loc.endsWith(`/consultaties/${sent.id}/lijst.pdf`));
    expect(entry).toBeTruthy();
    const d = entry!.diwoo;
    expect(diwooValue(d, 'titelcollectie', 'officieleTitel')?.textContent).toBe(TITLE);
    expect(diwooValue(d, 'classificatiecollectie', 'documentsoorten', 'documentsoort')?.textContent).toBe('brief');
    expect(diwooValue(d, 'classificatiecollectie', 'informatiecategorieen', 'informatiecategorie')?.textContent).toBe('adviezen');
    expect(diwooValue(d, 'documenthandelingen', 'documenthandeling', 'soortHandeling')?.textContent).toBe('ondertekening');
    expect(diwooValue(d, 'format')?.textContent).toBe('pdf');
    expect(diwooValue(d, 'publisher')?.getAttribute('resource')).toBe('https://identifier.overheid.nl/tooi/id/gemeente/gm0034');
    // The year of a list alone is in the index too.
    const index = await web('GET', `/openbaar/${w.slug}/sitemapindex-diwoo-infocat010.xml`);
    expect(index.html).toContain(`/sitemaps/${year}.xml`);
  });

  it('the Atom feed has an entry for the list, with its PDF', async () => {
    const res = await web('GET', `/openbaar/${w.slug}/feed.xml`);
    const { doc, errors } = parseXml(res.html);
    expect(errors).toEqual([]);
    const ATOM = 'http://www.w3.org/2005/Atom';
    const entry = Array.from(doc.documentElement!.getElementsByTagNameNS(ATOM, 'entry')).find((e) => e.getElementsByTagNameNS(ATOM, 'title')[0].textContent === TITLE);
    expect(entry).toBeTruthy();
    const links = Array.from(entry!.getElementsByTagNameNS(ATOM, 'link')).map((l) => [l.getAttribute('rel'), l.getAttribute('href')]);
    expect(links).toEqual([
      ['alternate', `https://app.test/openbaar/${w.slug}/consultaties/${sent.id}`],
      ['enclosure', `https://app.test/openbaar/${w.slug}/consultaties/${sent.id}/lijst.pdf`],
    ]);
    expect(entry!.getElementsByTagNameNS(ATOM, 'category')[0].getAttribute('term')).toBe('Consultatie');
  });
});
