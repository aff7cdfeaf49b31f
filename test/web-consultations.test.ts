import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCouncil, answerRemarks, api, authenticatorOf, consultationBody, consultationIn, createWorld, fetchRaw, fetchWith, formValues, openConsultation, pageOptions, probeD1, signInByMail, textOf, web, type World } from './support';
import { sha256Hex } from '../worker/lib/crypto';

const emailOf = (w: World, role: string) => `${role}@${w.slug}.example`;
let w: World;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  w = await createWorld('WCO');
  for (const role of ['official', 'official2', 'approver', 'approver2', 'council_member', 'admin']) cookies[role] = await signInByMail(emailOf(w, role));
});

/** The id of a consultation page's path. */
const idOf = (location: string | null) => /\/consultaties\/([0-9a-f-]{36})/.exec(location ?? '')![1];

describe('starting a consultation in the web app', () => {
  it('fills the legend from a pasted numbered list, adds an outside body, and starts it', async () => {
    const second = await addCouncil(w);
    const cookie = cookies.official;
    const form = await web('GET', '/consultaties/nieuw', { cookie });
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Adviesraad Sociaal Domein');
    const base = formValues(form.html, '/consultaties/nieuw');
    const pasted = 'Legenda:\n1) We versterken de lokale (wijk)teams\n2. Samen signaleren met huisartsen\n   en scholen\nAlgemeen: in het algemeen aandacht voor · 2029-2030: thema voor later';
    const filled = await web('POST', '/consultaties/nieuw', { cookie, form: { ...base, title: 'Integrale lijst regiovisie', legendPaste: pasted, action: 'legend' } });
    expect(filled.status).toBe(200);
    expect(textOf(filled.html)).toContain('De legenda is ingevuld met 4 codes. Controleer ze.');
    const values = formValues(filled.html, '/consultaties/nieuw');
    expect([values['legend.0.code'], values['legend.1.code'], values['legend.2.code'], values['legend.3.code']]).toEqual(['1', '2', 'Algemeen', '2029-2030']);
    expect(values['legend.1.label']).toBe('Samen signaleren met huisartsen\nen scholen');
    expect(values.title).toBe('Integrale lijst regiovisie');

    const more = await web('POST', '/consultaties/nieuw', { cookie, form: { ...values, 'bodies.0.name': 'Gemeenteraad Oostdorp', 'bodies.0.recipients': 'griffie@oostdorp.example', action: 'add-body' } });
    expect(more.html).toContain('name="bodies.1.name"');

    // Errors beside their fields: no document, an outside body without recipients.
    const refused = await web('POST', '/consultaties/nieuw', {
      cookie,
      form: { ...formValues(more.html, '/consultaties/nieuw'), councils: [w.councilId, second.councilId], 'bodies.1.name': 'Gemeenteraad Westdorp', action: 'start' },
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/id="f-document-error"[^>]*>.*Vul het beleidsstuk in/);
    expect(refused.html).toMatch(/id="f-bodies-1-recipients-error"[^>]*>.*Geef ten minste één ontvanger op/);
    expect(refused.html.match(/name="councils" checked=""/g)).toHaveLength(2);

    const started = await web('POST', '/consultaties/nieuw', {
      cookie,
      // (formValues keeps one value per name: the checked councils are sent as a browser would.)
      form: { ...formValues(refused.html, '/consultaties/nieuw'), councils: [w.councilId, second.councilId], document: 'Regiovisie huiselijk geweld 2027-2030', 'bodies.1.recipients': 'griffie@westdorp.example\nraad@westdorp.example', action: 'start' },
    });
    expect(started.status, textOf(started.html).slice(0, 500)).toBe(303);
    const id = idOf(started.location);
    const c = (await api('GET', `/api/v1/consultations/${id}`, { token: w.tokens.official })).body;
    expect(c.participants.map((p: { name: string }) => p.name)).toEqual(['Adviesraad Sociaal Domein', 'Participatieraad', 'Gemeenteraad Oostdorp', 'Gemeenteraad Westdorp']);
    expect(c.legend.map((e: { code: string }) => e.code)).toEqual(['1', '2', 'Algemeen', '2029-2030']);
    const page = await web('GET', started.location!, { cookie });
    expect(textOf(page.html)).toContain('De consultatie is gestart.');

    expect((await web('GET', '/consultaties/nieuw', { cookie: cookies.council_member })).status).toBe(403);
    const list = await web('GET', '/consultaties', { cookie: cookies.council_member });
    expect(list.html).toContain(`/consultaties/${id}`);
  });
});

describe('remarks in the web app', () => {
  it('a council member writes their council’s remarks and sees only those', async () => {
    const c = await openConsultation(w);
    const cookie = cookies.council_member;
    const page = await web('GET', `/consultaties/${c.id}`, { cookie });
    expect(textOf(page.html)).toContain('Opmerkingen van uw raad');
    expect(textOf(page.html)).not.toContain('Opmerking van deelnemer 2');
    const empty = await web('POST', `/consultaties/${c.id}/opmerkingen`, { cookie, form: { section: '', text: ' ' } });
    expect(empty.status).toBe(422);
    expect(empty.html).toMatch(/id="f-text-error"[^>]*>.*Vul de tekst van de opmerking in/);
    const saved = await web('POST', `/consultaties/${c.id}/opmerkingen`, { cookie, form: { section: 'Hoofdstuk 3', text: 'Zorg voor nazorg na de crisis.' } });
    expect(saved.location).toBe(`/consultaties/${c.id}?opgeslagen=4#opmerking-4`);
    const after = await web('GET', saved.location!, { cookie });
    expect(textOf(after.html)).toContain('Opmerking 4 is opgeslagen.');
    expect(textOf(after.html)).toContain('Hoofdstuk 3 Zorg voor nazorg na de crisis.');
  });

  it('an official pastes an outside body’s letter, checks the split and saves the remarks at once', async () => {
    const c = await openConsultation(w);
    const cookie = cookies.official;
    const entry = await web('GET', `/consultaties/${c.id}/opmerkingen`, { cookie });
    expect(entry.status).toBe(200);
    const letter = '1. Betrek de huisartsen bij het signaleren.\n2. Houd de raad twee keer per jaar op de hoogte,\nook met verhalen van inwoners.\n3. Geen opmerking, alleen een groet.';
    const split = await web('POST', `/consultaties/${c.id}/opmerkingen`, { cookie, form: { participantId: c.participants[1].id, paste: letter, section: '', action: 'split' } });
    expect(split.status).toBe(200);
    expect(textOf(split.html)).toContain('Controleer de 3 opmerkingen');
    const check = formValues(split.html, `/consultaties/${c.id}/opmerkingen`);
    expect([check['remarks.0.text'], check['remarks.1.text']]).toEqual(['Betrek de huisartsen bij het signaleren.', 'Houd de raad twee keer per jaar op de hoogte,\nook met verhalen van inwoners.']);
    const saved = await web('POST', `/consultaties/${c.id}/opmerkingen`, { cookie, form: { ...check, 'remarks.2.omit': '1', action: 'save' } });
    expect(saved.status).toBe(303);
    expect(textOf((await web('GET', saved.location!, { cookie })).html)).toContain('De opmerkingen 4 tot en met 5 zijn opgeslagen.');
    const view = (await api('GET', `/api/v1/consultations/${c.id}`, { token: w.tokens.official })).body;
    expect(view.participants[1].remarks.map((r: { number: number; text: string }) => [r.number, r.text])).toEqual([
      [2, 'Opmerking van deelnemer 2: betrek ook de huisartsen.'],
      [4, 'Betrek de huisartsen bij het signaleren.'],
      [5, 'Houd de raad twee keer per jaar op de hoogte,\nook met verhalen van inwoners.'],
    ]);
  });
});

describe('answering in the web app', () => {
  it('suggests remarks that look alike, answers by reference, keeps both texts on a conflict', async () => {
    const c = await openConsultation(w);
    const [a, b] = c.remarks;
    const cookie = cookies.official;
    const page = await web('GET', `/consultaties/${c.id}/beantwoorden`, { cookie });
    expect(page.status).toBe(200);
    // Every remark says much the same: each is suggested as looking alike, none usable yet.
    expect(textOf(page.html)).toContain('Lijkt op');
    expect(textOf(page.html)).toContain('nog zonder eigen reactie');

    const bad = await web('POST', `/consultaties/${c.id}/reacties/${a.id}`, { cookie, form: { version: '0', text: 'Wij betrekken de huisartsen.', sameAsNumber: '', terug: '' } });
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/id="opmerking-1-verwerking-error"[^>]*>.*Kies ten minste één verwerking uit de legenda/);
    expect(formValues(bad.html, `/consultaties/${c.id}/reacties/${a.id}`).text).toBe('Wij betrekken de huisartsen.');

    const ok = await web('POST', `/consultaties/${c.id}/reacties/${a.id}`, { cookie, form: { version: '0', text: 'Wij betrekken de huisartsen.', processing: ['2', 'Algemeen'], terug: '?volgorde=onderdeel' } });
    expect(ok.location).toBe(`/consultaties/${c.id}/beantwoorden?volgorde=onderdeel&opgeslagen=1#opmerking-1`);
    const after = await web('GET', ok.location!, { cookie });
    expect(textOf(after.html)).toContain('De reactie op opmerking 1 is opgeslagen.');
    // Now remark 1 is usable as a reference: its button answers remark 2 with the same codes.
    const form = formValues(after.html, `/consultaties/${c.id}/reacties/${b.id}`);
    expect(after.html).toContain(`value="${a.id}" name="sameAs">Zelfde reactie als opmerking 1`);
    const byButton = await web('POST', `/consultaties/${c.id}/reacties/${b.id}`, { cookie, form: { ...form, sameAs: a.id } });
    expect(byButton.status).toBe(303);
    let view = (await api('GET', `/api/v1/consultations/${c.id}`, { token: w.tokens.official })).body;
    expect(view.participants[1].remarks[0].response).toMatchObject({ sameAs: a.id, text: null, processing: ['2', 'Algemeen'] });

    // By number, from the field.
    const third = c.remarks[2];
    const unknown = await web('POST', `/consultaties/${c.id}/reacties/${third.id}`, { cookie, form: { version: '0', text: '', sameAsNumber: '99', processing: '1' } });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toMatch(/id="opmerking-3-zelfde-error"[^>]*>.*Er is geen opmerking met dit nummer/);
    const chain = await web('POST', `/consultaties/${c.id}/reacties/${third.id}`, { cookie, form: { version: '0', text: '', sameAsNumber: '2', processing: '1' } });
    expect(chain.status).toBe(422);
    expect(textOf(chain.html)).toContain('Opmerking 2 heeft nog geen eigen reactie om naar te verwijzen.');

    // Two officials at once: the second saves from the version they saw and keeps their text.
    const seen = formValues(after.html, `/consultaties/${c.id}/reacties/${a.id}`);
    await web('POST', `/consultaties/${c.id}/reacties/${a.id}`, { cookie: cookies.official2, form: { ...seen, text: 'Huisartsen nemen deel aan de werkgroep.', processing: ['2'] } });
    const conflict = await web('POST', `/consultaties/${c.id}/reacties/${a.id}`, { cookie, form: { ...seen, text: 'Mijn eigen versie.', processing: ['1'] } });
    expect(conflict.status).toBe(409);
    const text = textOf(conflict.html);
    expect(text).toContain('Iemand anders heeft deze reactie intussen gewijzigd');
    expect(text).toContain('Huidige versie, van Test official2');
    expect(text).toContain('Huisartsen nemen deel aan de werkgroep.');
    const mine = formValues(conflict.html, `/consultaties/${c.id}/reacties/${a.id}`);
    expect(mine).toMatchObject({ text: 'Mijn eigen versie.', version: '2', processing: '1' });
    expect((await web('POST', `/consultaties/${c.id}/reacties/${a.id}`, { cookie, form: mine })).status).toBe(303);
    view = (await api('GET', `/api/v1/consultations/${c.id}`, { token: w.tokens.official })).body;
    expect(view.participants[0].remarks[0].response).toMatchObject({ text: 'Mijn eigen versie.', version: 3, processing: ['1'] });
  });

  it('orders by section with the unanswered first on request', async () => {
    const c = await openConsultation(w);
    await api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.official, body: { participantId: c.participants[1].id, text: 'Over de opvang.', section: 'Hoofdstuk 4' } });
    await api('PUT', `/api/v1/consultations/${c.id}/remarks/${c.remarks[0].id}/response`, { token: w.tokens.official, body: { text: 'Klaar.', processing: ['1'], version: 0 } });
    const html = (await web('GET', `/consultaties/${c.id}/beantwoorden?volgorde=onderdeel&open=1`, { cookie: cookies.official })).html;
    const bySection = textOf(html);
    const order = [...html.matchAll(/<h3 class="utrecht-heading-3 ww-item__label">Opmerking (\d+), /g)].map((m) => Number(m[1]));
    expect(bySection.indexOf('Zonder onderdeel')).toBeLessThan(bySection.indexOf('Hoofdstuk 4'));
    // The unanswered first, across the groups (2 and 3 without a section, then 4 of Hoofdstuk 4), then the answered 1.
    expect(order.slice(0, 4)).toEqual([2, 3, 4, 1]);
  });

  it('answers a 300-remark consultation in pages small enough for a first load under 250 KB, in the same D1 round trips (≤ 3) as at 30 remarks, look-alikes linked across pages', async () => {
    const legend = Array.from({ length: 8 }, (_, i) => ({ code: i < 6 ? String(i + 1) : ['Algemeen', 'Lokaal'][i - 6], label: `Activiteit ${i + 1} van het actieprogramma` }));
    const c = (await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: { ...consultationBody(w), legend } })).body;
    const ids: string[] = [];
    const numberOf = new Map<string, number>();
    // D1 round trips of the answering page, counted on the binding at 30 and at 300 remarks.
    const pageRoundTrips = async () => {
      const probe = probeD1(env.DB);
      const res = await fetchWith(probe.db, 'GET', `/consultaties/${c.id}/beantwoorden`, { headers: { cookie: cookies.official, accept: 'text/html' } });
      expect(res.status).toBe(200);
      return probe.calls.length;
    };
    const roundTrips: number[] = [];
    for (let i = 0; i < 300; i += 30) {
      const added = await Promise.all(
        Array.from({ length: 30 }, (_, k) =>
          api('POST', `/api/v1/consultations/${c.id}/remarks`, {
            token: w.tokens.official,
            body: { participantId: c.participants[(i + k) % 3].id, text: `Opmerking ${i + k + 1}: betrek de huisartsen en de wijkteams bij het signaleren in kern ${(i + k) % 9}, en houd de raad op de hoogte.` },
          }),
        ),
      );
      ids.push(...added.map((r) => r.body.id as string));
      for (const r of added) numberOf.set(r.body.id, r.body.number);
      if (ids.length === 30) roundTrips.push(await pageRoundTrips());
    }
    roundTrips.push(await pageRoundTrips());
    expect(roundTrips[0]).toBeLessThanOrEqual(3);
    expect(roundTrips[1]).toBe(roundTrips[0]);
    for (let i = 0; i < 150; i += 30) {
      await Promise.all(ids.slice(i, i + 30).map((id) => api('PUT', `/api/v1/consultations/${c.id}/remarks/${id}/response`, { token: w.tokens.official, body: { text: 'Huisartsen nemen deel aan de werkgroep signalering die dit jaar start.', processing: ['1', '2'], version: 0 } })));
    }
    const first = await web('GET', `/consultaties/${c.id}/beantwoorden`, { cookie: cookies.official });
    expect(first.status).toBe(200);
    // The page itself; the stylesheet and script (about 60 KB together) complete the first load.
    expect(first.bytes.length).toBeLessThan((250 - 60) * 1024);
    expect(first.html.match(/<article /g)).toHaveLength(30);
    expect(textOf(first.html)).toContain('Pagina 10 van 10');
    // Unanswered first: the first page holds unanswered remarks only, and their look-alikes on other pages link there.
    const unanswered = await web('GET', `/consultaties/${c.id}/beantwoorden?volgorde=deelnemer&open=1`, { cookie: cookies.official });
    const numbers = [...unanswered.html.matchAll(/<article class="ww-item" id="opmerking-(\d+)"/g)].map((m) => Number(m[1]));
    const answeredNumbers = new Set(ids.slice(0, 150).map((id) => numberOf.get(id)));
    expect(numbers).toHaveLength(30);
    expect(numbers.filter((n) => answeredNumbers.has(n))).toEqual([]);
    expect(unanswered.html).toMatch(/href="\?volgorde=deelnemer&amp;open=1&amp;pagina=\d+#opmerking-\d+"/);
    // A save on page 4 returns to page 4.
    const later = ids[100];
    const saved = await web('POST', `/consultaties/${c.id}/reacties/${later}`, { cookie: cookies.official, form: { version: '1', text: 'Aangevuld.', processing: '1', terug: '?volgorde=deelnemer&pagina=4' } });
    const n = numberOf.get(later);
    expect(saved.location).toBe(`/consultaties/${c.id}/beantwoorden?volgorde=deelnemer&pagina=4&opgeslagen=${n}#opmerking-${n}`);
  }, 120_000);

  it('sends the official to the unanswered remarks when approval is asked too early', async () => {
    const c = await openConsultation(w);
    await api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official });
    const refused = await web('POST', `/consultaties/${c.id}/goedkeuring`, { cookie: cookies.official });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Nog niet alle opmerkingen hebben een reactie');
    expect(refused.html).toContain(`href="/consultaties/${c.id}/beantwoorden?volgorde=deelnemer&amp;open=1#opmerking-1"`);
  });
});

describe('review, signing and sending in the web app', () => {
  it('the approver returns the list, then signs it with a passkey for exactly what was shown; the list is sent', async () => {
    const c = await consultationIn(w, 'in_review');
    const review = await web('GET', `/consultaties/${c.id}`, { cookie: cookies.approver });
    expect(review.html).toContain(`src="/consultaties/${c.id}/lijst.html"`);
    const concept = await web('GET', `/consultaties/${c.id}/lijst.html`, { cookie: cookies.approver });
    expect(textOf(concept.html)).toContain('Concept: deze lijst is nog niet vastgesteld');
    const returned = await web('POST', `/consultaties/${c.id}/terugsturen`, { cookie: cookies.approver, form: { comment: 'Graag bij opmerking 3 een eigen reactie.' } });
    expect(returned.location).toBe(`/consultaties/${c.id}?teruggestuurd`);
    expect(textOf((await web('GET', `/consultaties/${c.id}`, { cookie: cookies.official })).html)).toContain('Graag bij opmerking 3 een eigen reactie.');
    await api('PUT', `/api/v1/consultations/${c.id}/remarks/${c.remarks[2].id}/response`, { token: w.tokens.official, body: { text: 'Eigen reactie voor Westdorp.', processing: ['1'], version: 1 } });
    expect((await web('POST', `/consultaties/${c.id}/goedkeuring`, { cookie: cookies.official })).status).toBe(303);

    // Without a fresh assertion nothing is signed.
    const confirm = await web('GET', `/consultaties/${c.id}/ondertekenen`, { cookie: cookies.approver });
    expect(confirm.status).toBe(200);
    const { contentHash } = formValues(confirm.html, `/consultaties/${c.id}/ondertekenen`);
    expect((await web('POST', `/consultaties/${c.id}/ondertekenen`, { cookie: cookies.approver, form: { contentHash, credential: '' } })).status).toBe(403);
    // An assertion for the content shown, after which the content changed: 409, nothing signed.
    const fresh = await web('GET', `/consultaties/${c.id}/ondertekenen`, { cookie: cookies.approver });
    const credential = await authenticatorOf(emailOf(w, 'approver'))!.assert(pageOptions(fresh.html));
    await env.DB.prepare('UPDATE consultation_remarks SET text = ? WHERE id = ?').bind('Gewijzigd na het tonen.', c.remarks[1].id).run();
    expect((await web('POST', `/consultaties/${c.id}/ondertekenen`, { cookie: cookies.approver, form: { contentHash, credential } })).status).toBe(409);
    expect((await api('GET', `/api/v1/consultations/${c.id}`, { token: w.tokens.official })).body.status).toBe('in_review');

    const again = await web('GET', `/consultaties/${c.id}/ondertekenen`, { cookie: cookies.approver });
    const shown = formValues(again.html, `/consultaties/${c.id}/ondertekenen`).contentHash;
    const signed = await web('POST', `/consultaties/${c.id}/ondertekenen`, {
      cookie: cookies.approver,
      form: { contentHash: shown, credential: await authenticatorOf(emailOf(w, 'approver'))!.assert(pageOptions(again.html)) },
    });
    expect(signed.location).toBe(`/consultaties/${c.id}?ondertekend`);
    const view = (await api('GET', `/api/v1/consultations/${c.id}`, { token: w.tokens.official })).body;
    expect(view.status).toBe('signed');
    // The signing records how it was made: with the approver's passkey, as a letter's signing does.
    const passkey = authenticatorOf(emailOf(w, 'approver'))!.credentialId;
    expect(await env.DB.prepare('SELECT signed_via FROM consultations WHERE id = ?').bind(c.id).first('signed_via')).toBe(`passkey:${passkey}`);
    const approval = await env.DB.prepare(`SELECT detail FROM audit_log WHERE entity_id = ? AND action = 'consultation.approve'`).bind(c.id).first<{ detail: string }>();
    expect(JSON.parse(approval!.detail)).toMatchObject({ signedWith: 'passkey', credentialId: passkey });
    const pdf = await fetchRaw(`/consultaties/${c.id}/lijst.pdf`, undefined, { cookie: cookies.official, accept: 'text/html' });
    expect(await sha256Hex(pdf.bytes)).toBe(view.list.sha256);
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="integrale-lijst-/);

    const sent = await web('POST', `/consultaties/${c.id}/verzenden`, { cookie: cookies.official });
    expect(sent.location).toBe(`/consultaties/${c.id}?verzonden`);
    const page = textOf((await web('GET', sent.location!, { cookie: cookies.official })).html);
    expect(page).toContain('griffie@oostdorp.example');
    expect(page).toContain('In de wachtrij');

    // The council reads the responses to its own remarks.
    const council = textOf((await web('GET', `/consultaties/${c.id}`, { cookie: cookies.council_member })).html);
    expect(council).toContain('De reacties op uw opmerkingen');
    expect(council).toContain('Opmerking van deelnemer 1: betrek ook de huisartsen.');
    expect(council).toContain('Huisartsen nemen deel aan de werkgroep signalering.');
  });

  it('shows a council member nothing of another council, and staff of another organisation nothing at all', async () => {
    const c = await consultationIn(w, 'closed');
    await answerRemarks(w, c).catch(() => undefined);
    const second = await addCouncil(w);
    const outsider = await signInByMail(second.member.email);
    expect((await web('GET', `/consultaties/${c.id}`, { cookie: outsider })).status).toBe(404);
    const other = await createWorld('WCX');
    expect((await web('GET', `/consultaties/${c.id}`, { cookie: await signInByMail(emailOf(other, 'official')) })).status).toBe(404);
    expect((await web('GET', `/consultaties/${c.id}/lijst.pdf`, { cookie: cookies.council_member })).status).toBe(403);
  });
});
