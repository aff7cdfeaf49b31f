import { describe, expect, it } from 'vitest';
import { api, createWorld, formValues, signInByMail, textOf, web } from './support';

const emailOf = (slug: string, role: string) => `${role}@${slug}.example`;

/** The form as a browser would post it, plus the button that was pressed. */
function press(html: string, action: string, button: string, changes: Record<string, string> = {}) {
  return { ...formValues(html, action), ...changes, action: button };
}

describe('a council writes an advice on the web', () => {
  it('adds, reorders and removes items without JavaScript, keeping every value', async () => {
    const w = await createWorld('WRT');
    const member = await signInByMail(emailOf(w.slug, 'council_member'));
    let page = await web('GET', '/adviezen/nieuw', { cookie: member });
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Adviesraad Sociaal Domein');

    page = await web('POST', '/adviezen/nieuw', {
      cookie: member,
      form: press(page.html, '/adviezen/nieuw', 'add:advice', { title: 'Advies over het armoedebeleid', 'items.0.text': 'Hoeveel huishoudens bereikt de regeling?' }),
    });
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="Advies over het armoedebeleid"');
    expect(page.html).toContain('Hoeveel huishoudens bereikt de regeling?');
    expect(textOf(page.html)).toContain('Onderdeel 2 is toegevoegd.');
    // Buttons that change the list go back to the place that changed.
    expect(page.html).toContain('formAction="/adviezen/nieuw#onderdeel-3"');

    page = await web('POST', '/adviezen/nieuw', { cookie: member, form: press(page.html, '/adviezen/nieuw', 'add:advice', { 'items.1.text': 'Maak de aanvraag eenvoudiger.' }) });
    page = await web('POST', '/adviezen/nieuw', { cookie: member, form: press(page.html, '/adviezen/nieuw', 'up:1', { 'items.2.text': 'Werk samen met de voedselbank.' }) });
    let values = formValues(page.html, '/adviezen/nieuw');
    expect([values['items.0.text'], values['items.1.text'], values['items.2.text']]).toEqual([
      'Maak de aanvraag eenvoudiger.',
      'Hoeveel huishoudens bereikt de regeling?',
      'Werk samen met de voedselbank.',
    ]);
    expect([values['items.0.kind'], values['items.1.kind']]).toEqual(['advice', 'question']);
    // Numbered per kind as they stand now.
    expect(textOf(page.html)).toContain('Onderdeel 1 · Advies 1');
    expect(textOf(page.html)).toContain('Onderdeel 2 · Vraag 1');

    page = await web('POST', '/adviezen/nieuw', { cookie: member, form: press(page.html, '/adviezen/nieuw', 'remove:2') });
    values = formValues(page.html, '/adviezen/nieuw');
    expect(values['items.2.text']).toBeUndefined();
    expect(values.title).toBe('Advies over het armoedebeleid');
  });

  it('shows errors beside the fields with a linked summary, keeps the values, then saves a draft and comes back to it', async () => {
    const w = await createWorld('ERR');
    const member = await signInByMail(emailOf(w.slug, 'council_member'));
    const blank = await web('GET', '/adviezen/nieuw', { cookie: member });
    const bad = await web('POST', '/adviezen/nieuw', {
      cookie: member,
      form: press(blank.html, '/adviezen/nieuw', 'save', { title: '', letterDate: '2026-02-31', 'items.0.text': '', intro: 'Onze inleiding blijft staan.' }),
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/<title>Fout: Nieuw advies/);
    for (const id of ['f-title', 'f-letterDate', 'f-items-0-text']) {
      expect(bad.html).toContain(`href="#${id}"`);
      expect(bad.html).toContain(`id="${id}-error"`);
    }
    expect(textOf(bad.html)).toContain('Vul een titel in.');
    expect(textOf(bad.html)).toContain('Vul de tekst van dit onderdeel in.');
    expect(bad.html).toContain('Onze inleiding blijft staan.');
    expect(bad.html).toContain('value="2026-02-31"');

    const saved = await web('POST', '/adviezen/nieuw', {
      cookie: member,
      form: press(bad.html, '/adviezen/nieuw', 'save', { title: 'Advies over de bibliotheek', letterDate: '2026-10-01', 'items.0.text': 'Blijft de bibliotheek open op zaterdag?', 'items.0.section': 'Openingstijden' }),
    });
    expect(saved.status).toBe(303);
    const id = saved.location!.match(/^\/adviezen\/([^/]+)\/bewerken\?opgeslagen$/)![1];
    const again = await web('GET', saved.location!, { cookie: member });
    expect(textOf(again.html)).toContain('Het concept is opgeslagen.');
    expect(formValues(again.html, `/adviezen/${id}/bewerken`)).toMatchObject({
      title: 'Advies over de bibliotheek',
      'items.0.section': 'Openingstijden',
      'items.0.text': 'Blijft de bibliotheek open op zaterdag?',
      intro: 'Onze inleiding blijft staan.',
    });
    // The same dossier over the API: one service, one truth.
    const viaApi = await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.council_member });
    expect(viaApi.body).toMatchObject({ status: 'draft', title: 'Advies over de bibliotheek', items: [{ kind: 'question', number: 1, section: 'Openingstijden' }] });
  });

  it('previews, is submitted by the secretary only, and confirms the reference and due date', async () => {
    const w = await createWorld('SUB');
    const member = await signInByMail(emailOf(w.slug, 'council_member'));
    const form = await web('GET', '/adviezen/nieuw', { cookie: member });
    const preview = await web('POST', '/adviezen/nieuw', {
      cookie: member,
      form: press(form.html, '/adviezen/nieuw', 'preview', { title: 'Advies over jeugdwerk', 'items.0.text': 'Hoeveel jongerenwerkers zijn er?' }),
    });
    expect(preview.status).toBe(303);
    const id = preview.location!.split('/')[2];
    const shown = await web('GET', preview.location!, { cookie: member });
    expect(textOf(shown.html)).toContain('Voorbeeld van uw advies');
    expect(textOf(shown.html)).toContain('Vraag 1 Hoeveel jongerenwerkers zijn er?');
    expect(textOf(shown.html)).toContain('Alleen de secretaris van de adviesraad kan het advies formeel indienen.');
    expect((await web('GET', `/adviezen/${id}/indienen`, { cookie: member })).status).toBe(403);
    expect((await web('POST', `/adviezen/${id}/indienen`, { cookie: member })).status).toBe(403);

    // Staff do not see a council's draft at all.
    const official = await signInByMail(emailOf(w.slug, 'official'));
    expect((await web('GET', `/adviezen/${id}`, { cookie: official })).status).toBe(404);

    const secretary = await signInByMail(emailOf(w.slug, 'council_secretary'));
    const confirm = await web('GET', `/adviezen/${id}/indienen`, { cookie: secretary });
    expect(textOf(confirm.html)).toContain('U dient dit advies formeel in namens Adviesraad Sociaal Domein bij Gemeente Teststad.');
    const submitted = await web('POST', `/adviezen/${id}/indienen`, { cookie: secretary });
    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe(`/adviezen/${id}?ingediend`);
    const done = await web('GET', submitted.location!, { cookie: secretary });
    const viaApi = (await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.council_secretary })).body;
    expect(viaApi.reference).toMatch(/^SUB-\d{4}-00001$/);
    expect(textOf(done.html)).toContain(`De gemeente heeft het advies geregistreerd onder kenmerk ${viaApi.reference}.`);
    expect(textOf(done.html)).toMatch(/De gemeente reageert uiterlijk op \d{1,2} \w+ \d{4}\./);
    // Frozen: the edit page sends you back, a posted edit is refused.
    expect((await web('GET', `/adviezen/${id}/bewerken`, { cookie: member })).location).toBe(`/adviezen/${id}`);
    const late = await web('POST', `/adviezen/${id}/bewerken`, { cookie: member, form: { title: 'Anders', kind: 'solicited', letterDate: '2026-10-01', 'items.0.kind': 'question', 'items.0.text': 'x' } });
    expect(late.status).toBe(409);
    expect(textOf(late.html)).toContain('Dit advies is al ingediend en kan niet meer worden gewijzigd.');
  });

  it('keeps a council to its own dossiers and forms', async () => {
    const w = await createWorld('OWN');
    const other = await createWorld('OTR');
    const draft = await api('POST', `/api/v1/organisations/${other.slug}/advice`, {
      token: other.tokens.council_member,
      body: { councilId: other.councilId, title: 'Van een ander', kind: 'solicited', letterDate: '2026-10-01', items: [{ kind: 'question', text: 'Vraag?' }] },
    });
    const member = await signInByMail(emailOf(w.slug, 'council_member'));
    expect((await web('GET', `/adviezen/${draft.body.id}`, { cookie: member })).status).toBe(404);
    expect((await web('GET', `/adviezen/${draft.body.id}/bewerken`, { cookie: member })).status).toBe(404);
    const list = await web('GET', '/adviezen', { cookie: member });
    expect(list.html).not.toContain('Van een ander');
    const official = await signInByMail(emailOf(w.slug, 'official'));
    expect((await web('GET', '/adviezen/nieuw', { cookie: official })).status).toBe(403);
    expect((await web('GET', '/adviezen/nieuw')).location).toBe('/inloggen');
  });
});
