import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, answerAll, api, createWorld, fetchRaw, type ApiResult, type World } from './support';
import { addCouncil, auditOf, dossierIn, expectDutch, expectProblem, messageAt } from './support';
import { signInByMail, web } from './support';
import { dossierWith, publicTablesOffenders } from './publication-support';
import { fetchWith, probeD1 } from './support';
import { PUBLIC_SEARCH_CREATE, PUBLIC_SEARCH_REBUILD } from '../schema/public-search';
import { matchQuery, splitSnippet } from '../worker/services/public-archive';

/**
 * Publication under the Woo through the real API and pages: the decision per dossier, what the
 * public archive lists and finds, and the staff lists in pages.
 */

let w: World;
/** An organisation of its own for the search tests: its dossiers and nothing else. */
let s: World;
let second: Awaited<ReturnType<typeof addCouncil>>;
const docs: Record<string, { id: string; reference: string }> = {};

const publicList = (slug: string, query = '') => api('GET', `/api/v1/public/${slug}/advice${query}`);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

beforeAll(async () => {
  [w, s] = await Promise.all([createWorld('PUB'), createWorld('ZKN')]);
  second = await addCouncil(s);
  // Sent one after another: the list is newest first.
  docs.loneliness = await dossierWith(s, {
    title: 'Advies over het eenzaamheidsplan',
    intro: 'De raad sprak met ouderen in het café van het buurthuis.',
    items: [
      { kind: 'advice', section: 'Ontmoeting', text: 'Open de buurthuizen ook in het weekend.', response: 'Wij openen twee buurthuizen op zaterdag.' },
      { kind: 'question', text: 'Hoe bereikt u mantelzorgers?', response: 'Via de huisartsen en het wijkteam.', status: 'answered' },
    ],
  });
  docs.care = await dossierWith(s, {
    title: 'Advies over mantelzorg',
    items: [{ kind: 'advice', text: 'Betrek mantelzorgers bij het plan tegen eenzaamheid.', response: 'Wij nemen dit over.' }],
  });
  docs.youth = await dossierWith(s, {
    title: 'Advies over jongerenwerk',
    councilId: second.councilId,
    memberToken: second.member.token,
    secretaryToken: second.secretary.token,
    items: [{ kind: 'advice', text: 'Zorg voor een plek voor jongeren in elke wijk.', response: 'Wij zoeken een CAFÉ-achtige plek.', status: 'partly' }],
  });
  docs.withheld = await dossierWith(s, { title: 'Advies over eenzaamheid bij statushouders', items: [{ kind: 'advice', text: 'Eenzaamheid komt veel voor.' }] });
  const withheld = await api('PUT', `/api/v1/advice/${docs.withheld.id}/publication`, { token: s.tokens.official, body: { publish: false, reason: 'Bevat persoonsgegevens van statushouders.' } });
  if (withheld.status !== 200) throw new Error(`withhold: ${withheld.status}`);
}, 180_000);

describe('the publication decision (PUT /api/v1/advice/{id}/publication)', () => {
  it('publishes by default, withholds with a reason (and a Woo ground), and takes the dossier out of public view at once', async () => {
    const d = await dossierIn(w, 'sent');
    expect(ids(await publicList(w.slug))).toContain(d.id);
    const before = await api('GET', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.admin });
    expect(before.body).toEqual({ publish: true, reason: null, ground: null, groundLabel: null, decidedBy: null, decidedAt: null, public: true });

    const res = await api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official, body: { publish: false, reason: 'Bevat gezondheidsgegevens.', ground: '5.1.1.d' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      publish: false,
      reason: 'Bevat gezondheidsgegevens.',
      ground: '5.1.1.d',
      groundLabel: expect.stringContaining('5.1 lid 1 sub d'),
      decidedBy: { id: w.ids.official, name: 'Test official' },
      decidedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      public: false,
    });
    expect(ids(await publicList(w.slug))).not.toContain(d.id);
    expect((await api('GET', `/api/v1/public/${w.slug}/advice/${d.id}`)).status).toBe(404);
    expect((await fetchRaw(`/api/v1/public/${w.slug}/advice/${d.id}/letter.pdf`)).status).toBe(404);

    const again = await api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.approver, body: { publish: true } });
    expect(again.body).toMatchObject({ publish: true, reason: null, ground: null, decidedBy: { id: w.ids.approver }, public: true });
    expect(ids(await publicList(w.slug))).toContain(d.id);
    // Publishing what is public changes nothing.
    expect((await api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official, body: { publish: true } })).body.public).toBe(true);
    expect(await publicTablesOffenders()).toEqual(Object.fromEntries(Object.keys(await publicTablesOffenders()).map((k) => [k, []])));

    const audit = (await auditOf(d.id)).filter((a) => a.action.startsWith('advice.publish') || a.action === 'advice.withhold');
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['advice.withhold', w.ids.official],
      ['advice.publish', w.ids.approver],
      ['advice.publish', w.ids.official],
    ]);
    expect(JSON.parse(audit[0].detail!)).toEqual({ reason: 'Bevat gezondheidsgegevens.', ground: '5.1.1.d' });
  });

  it('holds from any state: withheld before sending, the dossier is never public', async () => {
    const d = await dossierIn(w, 'signed');
    const res = await api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.approver, body: { publish: false, reason: 'Nog niet openbaar.' } });
    expect(res.body).toMatchObject({ publish: false, public: false });
    expect((await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official })).status).toBe(202);
    expect(ids(await publicList(w.slug))).not.toContain(d.id);
    expect((await api('GET', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official })).body).toMatchObject({ publish: false, public: false });
    // Published later: public from then on.
    expect((await api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official, body: { publish: true } })).body.public).toBe(true);
    expect(ids(await publicList(w.slug))).toContain(d.id);
  });

  it('refuses to withhold without a reason, an unknown ground or field, with one Dutch message per field', async () => {
    const d = await dossierIn(w, 'submitted');
    const put = (body: unknown) => api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official, body });
    const noReason = await put({ publish: false });
    expectProblem(noReason, 422, ['reason']);
    expectDutch(messageAt(noReason, 'reason'));
    expectProblem(await put({ publish: false, reason: '   ' }), 422, ['reason']);
    const ground = await put({ publish: false, reason: 'x', ground: 'artikel 99' });
    expectProblem(ground, 422, ['ground']);
    expectDutch(messageAt(ground, 'ground'));
    expectProblem(await put({ publish: true, reason: 'niet nodig' }), 422, ['reason']);
    const neither = await put({});
    expectProblem(neither, 422, ['publish']);
    expectDutch(messageAt(neither, 'publish'));
    expect((await api('GET', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official })).body.decidedBy).toBeNull();
  });

  it('takes null for what does not apply, as the decision reads back, and names the Woo grounds it knows', async () => {
    const d = await dossierIn(w, 'submitted');
    const url = `/api/v1/advice/${d.id}/publication`;
    const put = (body: unknown) => api('PUT', url, { token: w.tokens.official, body });
    const withheld = await put({ publish: false, reason: 'Bevat een adres.', ground: null });
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({ publish: false, reason: 'Bevat een adres.', ground: null, groundLabel: null });
    const unknown = await put({ publish: false, reason: 'x', ground: 'artikel 5.1 lid 2 sub e Woo' });
    expectProblem(unknown, 422, ['ground']);
    expect(messageAt(unknown, 'ground')).toContain('5.1.2.e');
    // What GET answers for a published dossier can be sent back as it is.
    const back = await put({ publish: true, reason: null, ground: null });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ publish: true, reason: null, ground: null });
    const stray = await put({ publish: true, ground: '5.2' });
    expectProblem(stray, 422, ['ground']);
    expect(messageAt(stray, 'ground')).toContain('alleen bij niet openbaar maken');
    expect((await api('GET', url, { token: w.tokens.official })).body).toMatchObject({ publish: true, reason: null, ground: null });
  });

  it('is for officials and approvers; the decision is read by staff only', async () => {
    const d = await dossierIn(w, 'submitted');
    const put = (token: string) => api('PUT', `/api/v1/advice/${d.id}/publication`, { token, body: { publish: true } });
    expect((await put(w.tokens.admin)).status).toBe(403);
    expect((await put(w.tokens.council_member)).status).toBe(403);
    expect((await put(w.tokens.council_secretary)).status).toBe(403);
    expect((await put(s.tokens.official)).status).toBe(404);
    expect((await api('GET', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.council_member })).status).toBe(403);
  });
});

describe('the public archive (GET /api/v1/public/{slug}/advice)', () => {
  it('lists what is public, newest first, with the fields of API.md; 404 for an unknown organisation, 200 with nothing for one without publications', async () => {
    const res = await publicList(s.slug);
    expect(res.status).toBe(200);
    // Every /api answer is no-store (issue 12, point 9), the public archive's too; its pages may be kept and revalidated.
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(ids(res)).toEqual([docs.youth.id, docs.care.id, docs.loneliness.id]);
    const youth = res.body.items[0];
    expect(youth).toEqual({
      id: docs.youth.id,
      title: 'Advies over jongerenwerk',
      council: { id: second.councilId, name: 'Participatieraad' },
      reference: docs.youth.reference,
      letterDate: '2026-10-01',
      sentOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      snippet: null,
      highlights: [],
    });
    expect(res.body.next).toBeNull();
    expectProblem(await publicList('bestaat-niet'), 404);
    const empty = await createWorld('LEG');
    expect((await publicList(empty.slug)).body).toEqual({ items: [], next: null });
  });

  it('filters by council and by the year of sending', async () => {
    expect(ids(await publicList(s.slug, `?council=${second.councilId}`))).toEqual([docs.youth.id]);
    expect(ids(await publicList(s.slug, `?council=${s.councilId}`))).toEqual([docs.care.id, docs.loneliness.id]);
    const year = (await publicList(s.slug)).body.items[0].sentOn.slice(0, 4);
    expect(ids(await publicList(s.slug, `?year=${year}`))).toHaveLength(3);
    expect(ids(await publicList(s.slug, `?year=${Number(year) - 1}`))).toEqual([]);
    expectProblem(await publicList(s.slug, '?year=twintig'), 422, ['year']);
    // Empty is every year, as an empty council is every council (a form left at "alle").
    expect(ids(await publicList(s.slug, '?year=&council='))).toHaveLength(3);
    expectProblem(await publicList(s.slug, '?limit=51'), 422, ['limit']);
  });

  it('pages with a cursor: every item once, in order, however small the page; a foreign or broken cursor is 422', async () => {
    const all = ids(await publicList(s.slug));
    for (const q of ['', '&q=advies']) {
      const seen: string[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const res = await publicList(s.slug, `?limit=1${q}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...ids(res));
        next = res.body.next;
        pages++;
      } while (next && pages < 10);
      const whole = ids(await publicList(s.slug, q ? `?${q.slice(1)}` : ''));
      expect(seen, q).toEqual(whole);
      if (!q) expect(seen).toEqual(all);
    }
    const first = await publicList(s.slug, '?limit=1');
    expectProblem(await publicList(s.slug, `?limit=1&q=advies&cursor=${first.body.next}`), 422, ['cursor']);
    expectProblem(await publicList(s.slug, `?limit=1&council=${s.councilId}&cursor=${first.body.next}`), 422, ['cursor']);
    expectProblem(await publicList(s.slug, '?cursor=bm9uc2Vuc2U'), 422, ['cursor']);
  });

  it('searches title, sections, items and responses: accents and case do not matter, the last word is a prefix, titles rank first', async () => {
    const search = async (q: string) => ids(await publicList(s.slug, `?q=${encodeURIComponent(q)}`));
    // Prefix of the last word, in a title and in an item.
    expect(new Set(await search('eenzaam'))).toEqual(new Set([docs.loneliness.id, docs.care.id]));
    // The title match ranks above the match in an item.
    expect((await search('eenzaamheid'))[0]).toBe(docs.loneliness.id);
    // Accents and case: "CAFE" finds "café" (intro) and "CAFÉ" (a response).
    expect(new Set(await search('CAFE'))).toEqual(new Set([docs.loneliness.id, docs.youth.id]));
    expect(new Set(await search('Café'))).toEqual(new Set([docs.loneliness.id, docs.youth.id]));
    // Sections and responses are searched; every word must match.
    expect(await search('ontmoeting')).toEqual([docs.loneliness.id]);
    expect(await search('zaterdag')).toEqual([docs.loneliness.id]);
    expect(await search('mantelzorgers huisartsen')).toEqual([docs.loneliness.id]);
    // References and council names are found too.
    expect(await search(docs.care.reference)).toEqual([docs.care.id]);
    expect(await search('participatieraad')).toEqual([docs.youth.id]);
    // What is withheld is not in the index at all.
    expect(await search('statushouders')).toEqual([]);
    // FTS syntax in the words is just text.
    expect((await publicList(s.slug, `?q=${encodeURIComponent('eenzaam* OR "NEAR(x' + "'")}`)).status).toBe(200);
    expect(await search('***')).toHaveLength(3);
    // Filters narrow a search.
    expect(ids(await publicList(s.slug, `?q=cafe&council=${second.councilId}`))).toEqual([docs.youth.id]);
  });

  it('shows the matching passage with the match marked, as text and ranges', async () => {
    const res = await publicList(s.slug, '?q=zaterd');
    const [hit] = res.body.items;
    expect(hit.snippet).toContain('zaterdag');
    expect(hit.highlights).toHaveLength(1);
    const [[start, end]] = hit.highlights;
    expect(hit.snippet.slice(start, end)).toBe('zaterdag');
  });
});

describe('a public dossier', () => {
  it('is the dossier as sent, without the names of officials, with the signed letter byte for byte', async () => {
    const res = await api('GET', `/api/v1/public/${s.slug}/advice/${docs.loneliness.id}`);
    expect(res.status).toBe(200);
    const staff = (await api('GET', `/api/v1/advice/${docs.loneliness.id}`, { token: s.tokens.official })).body;
    expect(Object.keys(res.body).sort()).toEqual(
      ['id', 'status', 'title', 'policyDocument', 'kind', 'letterDate', 'councilReference', 'intro', 'reference', 'receivedOn', 'dueOn', 'returnComment', 'sentOn', 'council', 'organisation', 'items', 'letter', 'sourceDocument', 'signatories'].sort(),
    );
    // The staff's dossier's shape, with nothing internal: no return comment, never the council's original letter.
    expect(res.body).toMatchObject({ returnComment: null, sourceDocument: null });
    expect(res.body).toMatchObject({ status: 'sent', title: staff.title, reference: staff.reference, council: staff.council, letter: { sha256: staff.letter.sha256, pages: staff.letter.pages } });
    expect(res.body.items).toEqual(
      staff.items.map((i: { id: string; kind: string; number: number; section: string | null; text: string; response: { text: string; status: string } }) => ({
        id: i.id,
        kind: i.kind,
        number: i.number,
        section: i.section,
        text: i.text,
        response: { text: i.response.text, status: i.response.status },
      })),
    );
    expect(JSON.stringify(res.body)).not.toContain('Test official');
    expect(JSON.stringify(res.body)).not.toContain('Test approver');
    expect(res.body.signatories).toEqual([
      { title: 'de secretaris', name: 'M. Bakker' },
      { title: 'de burgemeester', name: 'J. Visser' },
    ]);
    const pdf = await fetchRaw(`/api/v1/public/${s.slug}/advice/${docs.loneliness.id}/letter.pdf`);
    const signed = await fetchRaw(`/api/v1/advice/${docs.loneliness.id}/letter.pdf`, s.tokens.official);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes).toEqual(signed.bytes);
    expect(pdf.headers.get('etag')).toBe(`"${staff.letter.sha256}"`);
    expect((await fetchRaw(`/api/v1/public/${s.slug}/advice/${docs.loneliness.id}/letter.pdf`, undefined, { 'if-none-match': `"${staff.letter.sha256}"` })).status).toBe(304);
    // Under another organisation's name it does not exist.
    expect((await api('GET', `/api/v1/public/${w.slug}/advice/${docs.loneliness.id}`)).status).toBe(404);
    expect((await fetchRaw(`/api/v1/public/${w.slug}/advice/${docs.loneliness.id}/letter.pdf`)).status).toBe(404);
  });

  it('never carries the council’s original letter: a dossier registered from an uploaded letter is public without it', async () => {
    const letter = new TextEncoder().encode('Advies 1: Maak het steunpunt voor mantelzorgers ook ’s avonds bereikbaar. Mevrouw J. Jansen, Dorpsstraat 1.');
    const upload = await api('POST', `/api/v1/organisations/${w.slug}/imports?filename=brief.txt`, { token: w.tokens.official, raw: letter, headers: { 'content-type': 'text/plain' } });
    expect(upload.status).toBe(201);
    const input = adviceInput(w.councilId, [{ kind: 'advice', text: 'Maak het steunpunt voor mantelzorgers ook ’s avonds bereikbaar.' }]);
    const registered = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: { ...input, title: 'Geregistreerd advies over het steunpunt', importId: upload.body.id } });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const id = registered.body.id as string;
    await answerAll(w, { id, items: registered.body.items });
    for (const [path, token, status] of [['request-approval', w.tokens.official, 200], ['approve', w.tokens.approver, 200], ['send', w.tokens.official, 202]] as const) {
      expect((await api('POST', `/api/v1/advice/${id}/${path}`, { token })).status).toBe(status);
    }
    expect((await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.official })).body.sourceDocument).toMatchObject({ filename: 'brief.txt' });
    const pub = await api('GET', `/api/v1/public/${w.slug}/advice/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.sourceDocument).toBeNull();
    expect(JSON.stringify(pub.body)).not.toContain('Dorpsstraat');
    expect((await api('GET', `/api/v1/public/${w.slug}/advice/${id}/source`)).status).toBe(404);
    const page = await web('GET', `/openbaar/${w.slug}/${id}`);
    expect(page.html).not.toContain('Dorpsstraat');
    expect(page.html).not.toContain('brief.txt');
  });

  it('is shown on its page with each response and status, the letter and how to verify it; the advice alone on its own page', async () => {
    const page = await web('GET', `/openbaar/${s.slug}/${docs.loneliness.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('public, no-cache');
    for (const text of ['Advies over het eenzaamheidsplan', 'Open de buurthuizen ook in het weekend.', 'Wij openen twee buurthuizen op zaterdag.', 'Overgenomen', 'Beantwoord', 'Ontmoeting', docs.loneliness.reference]) {
      expect(page.html).toContain(text);
    }
    const sha = (await api('GET', `/api/v1/public/${s.slug}/advice/${docs.loneliness.id}`)).body.letter.sha256;
    expect(page.html).toContain(`/openbaar/${s.slug}/${docs.loneliness.id}/reactie.pdf`);
    expect(page.html).toContain(`/verify?sha256=${sha}&amp;reference=${docs.loneliness.reference}`);
    expect(page.html).not.toContain('Test official');
    const advice = await web('GET', `/openbaar/${s.slug}/${docs.loneliness.id}/advies`);
    expect(advice.status).toBe(200);
    expect(advice.html).toContain('Open de buurthuizen ook in het weekend.');
    expect(advice.html).not.toContain('Wij openen twee buurthuizen op zaterdag.');
    const letter = await web('GET', `/openbaar/${s.slug}/${docs.loneliness.id}/reactie.pdf`);
    expect(letter.status).toBe(200);
    expect(letter.bytes).toEqual((await fetchRaw(`/api/v1/advice/${docs.loneliness.id}/letter.pdf`, s.tokens.official)).bytes);
  });
});

describe('the archive page (/openbaar/{slug})', () => {
  it('lists, searches with the match marked, filters, and pages without JavaScript', async () => {
    const list = await web('GET', `/openbaar/${s.slug}`);
    expect(list.status).toBe(200);
    expect(list.html).toContain('Advies over jongerenwerk');
    expect(list.html).toContain('Participatieraad');
    expect(list.html).toContain(`/openbaar/${s.slug}/feed.xml`);
    expect(list.html).not.toContain('statushouders');
    const found = await web('GET', `/openbaar/${s.slug}?q=zaterd`);
    expect(found.html).toContain('<mark>zaterdag</mark>');
    expect(found.html).toContain('Advies over het eenzaamheidsplan');
    expect(found.html).not.toContain('Advies over jongerenwerk');
    const byCouncil = await web('GET', `/openbaar/${s.slug}?raad=${second.councilId}`);
    expect(byCouncil.html).toContain('Advies over jongerenwerk');
    expect(byCouncil.html).not.toContain('Advies over mantelzorg');
    expect((await web('GET', '/openbaar/bestaat-niet')).status).toBe(404);
    // A stale cursor shows the first page and says why.
    const stale = await web('GET', `/openbaar/${s.slug}?na=kapot`);
    expect(stale.status).toBe(200);
    expect(stale.html).toContain('Advies over jongerenwerk');
    expect(stale.html).toContain('vervolglink is ongeldig');
  });

  it('is the same for a signed-in member of staff: no personal chrome', async () => {
    const cookie = await signInByMail(`official@${s.slug}.example`);
    const page = await web('GET', `/openbaar/${s.slug}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Test official');
    expect(page.html).not.toContain('Uitloggen');
  });
});

describe('the staff’s publication panel', () => {
  it('shows the decision and who took it, and takes a new one from the form (a reason beside the field when missing)', async () => {
    const d = await dossierIn(w, 'sent');
    const cookie = await signInByMail(`official@${w.slug}.example`);
    const page = await web('GET', `/adviezen/${d.id}`, { cookie });
    expect(page.html).toContain('Openbaarmaking (Woo)');
    expect(page.html).toContain('Openbaar: dit dossier staat in het openbare archief.');
    expect(page.html).toContain('Standaard: niemand heeft hierover een besluit genomen.');
    expect(page.html).toContain(`/openbaar/${w.slug}/${d.id}`);

    const missing = await web('POST', `/adviezen/${d.id}/openbaarmaking`, { cookie, form: { publish: 'no', reason: '', ground: '' } });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('Geef de reden waarom dit niet openbaar wordt gemaakt.');
    expect(ids(await publicList(w.slug))).toContain(d.id);

    const saved = await web('POST', `/adviezen/${d.id}/openbaarmaking`, { cookie, form: { publish: 'no', reason: 'Namen van bewoners in advies 2.', ground: '5.1.2.e' } });
    expect(saved.status).toBe(303);
    expect(ids(await publicList(w.slug))).not.toContain(d.id);
    const after = await web('GET', saved.location!, { cookie });
    expect(after.html).toContain('Het besluit over openbaarmaking is opgeslagen.');
    expect(after.html).toContain('Niet openbaar.');
    expect(after.html).toMatch(/Besloten door Test official op \d+ \w+ \d{4} om \d\d:\d\d\./);
    expect(after.html).toContain('Namen van bewoners in advies 2.');
    expect(after.html).toContain('Eerbiediging van de persoonlijke levenssfeer');
    // An admin sees the decision but has no form.
    const admin = await web('GET', `/adviezen/${d.id}`, { cookie: await signInByMail(`admin@${w.slug}.example`) });
    expect(admin.html).toContain('Namen van bewoners in advies 2.');
    expect(admin.html).not.toContain('/openbaarmaking"');
  });
});

describe('the organisation’s TOOI code (the publisher in the DiWoo sitemaps)', () => {
  it('is set by an admin, checked, and named in the sitemaps', async () => {
    const put = (body: unknown, token = w.tokens.admin) => api('PUT', `/api/v1/organisations/${w.slug}/publication-settings`, { token, body });
    expectProblem(await put({ tooiCode: 'Almere' }), 422, ['tooiCode']);
    expect((await put({ tooiCode: 'gm0034' }, w.tokens.official)).status).toBe(403);
    expect((await put({ tooiCode: 'GM0034' })).body).toEqual({ tooiCode: 'gm0034', publisher: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0034' });
    expect((await api('GET', `/api/v1/organisations/${w.slug}/publication-settings`, { token: ADMIN })).body.tooiCode).toBe('gm0034');
    await dossierIn(w, 'sent');
    const year = new Date().getFullYear();
    const sitemap = await web('GET', `/openbaar/${w.slug}/sitemaps/${year}.xml`);
    expect(sitemap.html).toContain('<diwoo:publisher resource="https://identifier.overheid.nl/tooi/id/gemeente/gm0034">Gemeente Teststad</diwoo:publisher>');
    expect((await put({ tooiCode: null })).body).toEqual({ tooiCode: null, publisher: null });
  });
});

describe('the search index', () => {
  it('is created by the migration exactly as the rebuild script creates it', () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith('_public_search.sql'));
    const statements = migration?.queries.map((q) => q.replace(/^--.*$/gm, '').trim().replace(/;$/, ''));
    expect(statements).toEqual([PUBLIC_SEARCH_CREATE]);
  });

  it('rebuilt from the base tables, holds the same rows and finds the same', async () => {
    const snapshot = async () => (await env.DB.prepare('SELECT rowid, title, meta, items, responses FROM public_search ORDER BY rowid').all()).results;
    const before = await snapshot();
    const found = ids(await publicList(s.slug, '?q=eenzaam'));
    expect(before.length).toBeGreaterThanOrEqual(3);
    for (const statement of PUBLIC_SEARCH_REBUILD) await env.DB.prepare(statement).run();
    expect(await snapshot()).toEqual(before);
    expect(ids(await publicList(s.slug, '?q=eenzaam'))).toEqual(found);
  });

  it('while it is dropped for an export, searches and sending answer 503 and change nothing; the list still works', async () => {
    const signed = await dossierIn(w, 'signed');
    await env.DB.prepare(PUBLIC_SEARCH_REBUILD[0]).run();
    try {
      expectProblem(await publicList(s.slug, '?q=eenzaam'), 503);
      expect((await publicList(s.slug)).status).toBe(200);
      expectProblem(await api('POST', `/api/v1/advice/${signed.id}/send`, { token: w.tokens.official }), 503);
      expect((await api('GET', `/api/v1/advice/${signed.id}`, { token: w.tokens.official })).body.status).toBe('signed');
    } finally {
      for (const statement of PUBLIC_SEARCH_REBUILD) await env.DB.prepare(statement).run();
    }
    expect(ids(await publicList(s.slug, '?q=eenzaam')).length).toBeGreaterThan(0);
    expect((await api('POST', `/api/v1/advice/${signed.id}/send`, { token: w.tokens.official })).status).toBe(202);
    expect(ids(await publicList(w.slug))).toContain(signed.id);
  });

  it('turns words into a query that is never FTS syntax', () => {
    expect(matchQuery('Eenzaam')).toBe('"Eenzaam"*');
    expect(matchQuery('café  mantel-zorg')).toBe('"café" "mantel" "zorg"*');
    expect(matchQuery('a OR "b" NEAR(cd) *')).toBe('"a" "OR" "b" "NEAR" "cd"*');
    // A single letter is no prefix (it would match half the words of the archive).
    expect(matchQuery('zorg b')).toBe('"zorg" "b"');
    expect(matchQuery('?!')).toBeNull();
    expect(splitSnippet('de \u0002eenzaam\u0003heid en \u0002eenzaam\u0003')).toEqual({ text: 'de eenzaamheid en eenzaam', highlights: [[3, 10], [18, 25]] });
  });
});

describe('round trips', () => {
  it('a public list, a search and a public dossier are one D1 round trip each; the staff list with a page is one after the token', async () => {
    const count = async (path: string, token?: string) => {
      const probe = probeD1(env.DB);
      const res = await fetchWith(probe.db, 'GET', path, { token });
      expect(res.status, path).toBe(200);
      return probe.calls.length;
    };
    expect(await count(`/api/v1/public/${s.slug}/advice`)).toBe(1);
    expect(await count(`/api/v1/public/${s.slug}/advice?q=eenzaam&council=${s.councilId}`)).toBe(1);
    expect(await count(`/api/v1/public/${s.slug}/advice/${docs.care.id}`)).toBe(1);
    expect(await count(`/openbaar/${s.slug}?q=eenzaam`)).toBe(1);
    expect(await count(`/api/v1/organisations/${s.slug}/advice?limit=2`, s.tokens.official)).toBe(2);
  });
});

describe('the staff lists in pages (GET …/advice?limit&cursor, /adviezen)', () => {
  it('walks every dossier once, in the order of the whole list, with the filters', async () => {
    const whole = await api('GET', `/api/v1/organisations/${s.slug}/advice`, { token: s.tokens.official });
    expect(whole.body.next).toBeUndefined();
    expect(whole.body.items.length).toBeGreaterThanOrEqual(4);
    const walk = async (query: string) => {
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const res: ApiResult = await api('GET', `/api/v1/organisations/${s.slug}/advice?limit=1${query}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, { token: s.tokens.official });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        seen.push(...ids(res));
        next = res.body.next;
      } while (next);
      return seen;
    };
    expect(await walk('')).toEqual(ids(whole));
    expect(await walk('&status=sent')).toEqual(ids(await api('GET', `/api/v1/organisations/${s.slug}/advice?status=sent`, { token: s.tokens.official })));
    // A council member pages through their own council's dossiers.
    const mine = await api('GET', `/api/v1/organisations/${s.slug}/advice?limit=200`, { token: second.member.token });
    expect(ids(mine)).toEqual([docs.youth.id]);
    expect(mine.body.next).toBeNull();
    expectProblem(await api('GET', `/api/v1/organisations/${s.slug}/advice?limit=201`, { token: s.tokens.official }), 422, ['limit']);
    expectProblem(await api('GET', `/api/v1/organisations/${s.slug}/advice?limit=0`, { token: s.tokens.official }), 422, ['limit']);
    const first = await api('GET', `/api/v1/organisations/${s.slug}/advice?limit=1`, { token: s.tokens.official });
    expectProblem(await api('GET', `/api/v1/organisations/${s.slug}/advice?limit=1&status=sent&cursor=${first.body.next}`, { token: s.tokens.official }), 422, ['cursor']);
  });

  it('shows 50 a page on /adviezen with a link to the next page', async () => {
    const cookie = await signInByMail(`official@${s.slug}.example`);
    const page = await web('GET', '/adviezen', { cookie });
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Volgende pagina');
    // Fifty-one submitted dossiers of one organisation, written straight into D1 (the API path is tested above).
    const big = await createWorld('BIG');
    const now = new Date().toISOString();
    const rows = Array.from({ length: 51 }, (_, n) => ({ id: crypto.randomUUID(), n }));
    await env.DB.batch(
      rows.map((r) =>
        env.DB.prepare(
          `INSERT INTO advice (id, org_id, council_id, title, kind, letter_date, status, reference, received_on, due_on, created_by, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, 'solicited', '2026-10-01', 'submitted', ?5, '2026-10-02', ?6, ?7, ?8, ?8)`,
        ).bind(r.id, big.orgId, big.councilId, `Dossier ${r.n}`, `BIG-2026-${String(r.n + 1).padStart(5, '0')}`, `2026-11-${String((r.n % 28) + 1).padStart(2, '0')}`, big.ids.council_member, now),
      ),
    );
    const bigCookie = await signInByMail(`official@${big.slug}.example`);
    const first = await web('GET', '/adviezen', { cookie: bigCookie });
    expect(first.html).toContain('50 dossiers op deze pagina');
    const next = first.html.match(/href="(\/adviezen\?na=[^"]+)" rel="next"/)?.[1].replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await web('GET', next!, { cookie: bigCookie });
    expect(second.html).toContain('1 dossier op deze pagina');
    expect(second.html).toContain('Terug naar de eerste pagina');
    const titles = (html: string) => [...html.matchAll(/>(Dossier \d+)</g)].map((m) => m[1]);
    expect(new Set([...titles(first.html), ...titles(second.html)]).size).toBe(51);
  });
});
