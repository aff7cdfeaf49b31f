import { describe, expect, it } from 'vitest';
import { api, createWorld, type World, formValues, signInByMail, textOf, web } from './support';

const emailOf = (w: World, role: string) => `${role}@${w.slug}.example`;
// A 1×1 PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));

describe('organisation admin', () => {
  it('changes letterhead, signatories, term and colour with the API’s validation, keeping values on errors', async () => {
    const w = await createWorld('ADM');
    const admin = await signInByMail(emailOf(w, 'admin'));
    const path = `/organisaties/${w.slug}/beheer`;
    const form = await web('GET', path, { cookie: admin });
    expect(form.status).toBe(200);
    const values = formValues(form.html, path);
    expect(values['letterhead.addressLines']).toBe('Raadhuisplein 1\nPostbus 10\n9999 ZZ Teststad');
    expect(values['signatories.1.name']).toBe('J. Visser');

    const bad = await web('POST', path, { cookie: admin, form: { ...values, referencePrefix: 'abc', 'letterhead.addressLines': ' ', signOff: 'namens het college van Teststad' } });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('href="#f-referencePrefix"');
    expect(bad.html).toContain('href="#f-letterhead-addressLines"');
    expect(textOf(bad.html)).toContain('Gebruik 2 tot 10 hoofdletters.');
    expect(formValues(bad.html, path).signOff).toBe('namens het college van Teststad');

    const ok = await web('POST', path, {
      cookie: admin,
      form: { ...values, signOff: 'het college van burgemeester en wethouders van Teststad', 'signatories.2.title': 'de wethouder', 'signatories.2.name': 'P. Smit', responseDays: '56', 'theme.colour': '#7a1f3d' },
    });
    expect(ok.status).toBe(303);
    const org = (await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body;
    expect(org.signOff).toBe('het college van burgemeester en wethouders van Teststad');
    expect(org.signatories).toHaveLength(3);
    expect(org.responseDays).toBe(56);
    const after = await web('GET', `${path}?opgeslagen`, { cookie: admin });
    expect(textOf(after.html)).toContain('De gegevens zijn opgeslagen.');
    expect(after.html).toContain('--ww-org-colour:#7a1f3d;--ww-org-contrast:#ffffff');
  });

  it('uploads a logo to R2, serves it, and refuses what is not a PNG or JPEG', async () => {
    const w = await createWorld('LOG');
    const admin = await signInByMail(emailOf(w, 'admin'));
    const upload = (file: File) => {
      const form = new FormData();
      form.append('logo', file);
      return web('POST', `/organisaties/${w.slug}/beheer/logo`, { cookie: admin, form });
    };
    const refused = await upload(new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'logo.svg', { type: 'image/svg+xml' }));
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Kies een PNG- of JPEG-bestand van hoogstens 200 kB.');

    expect((await upload(new File([PNG], 'logo.png', { type: 'image/png' }))).status).toBe(303);
    const page = await web('GET', '/adviezen', { cookie: admin });
    const src = page.html.match(/<img class="ww-brand__logo" src="([^"]+)"/)![1];
    const logo = await web('GET', src.replaceAll('&amp;', '&'));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toContain('immutable');
  });

  it('adds and edits councils with their recipients', async () => {
    const w = await createWorld('RAD');
    const admin = await signInByMail(emailOf(w, 'admin'));
    const base = `/organisaties/${w.slug}/beheer/adviesraden`;
    const bad = await web('POST', `${base}/nieuw`, { cookie: admin, form: { name: 'Seniorenraad', recipients: 'secretaris@seniorenraad.example\ngeen-adres', addressLines: '' } });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('href="#f-recipients"');
    expect(bad.html).toContain('geen-adres');
    const ok = await web('POST', `${base}/nieuw`, { cookie: admin, form: { name: 'Seniorenraad', recipients: 'secretaris@seniorenraad.example\nvoorzitter@seniorenraad.example', addressLines: 'Postbus 5\n9999 AA Teststad' } });
    expect(ok.status).toBe(303);
    const list = await web('GET', base, { cookie: admin });
    expect(textOf(list.html)).toContain('Seniorenraad secretaris@seniorenraad.example, voorzitter@seniorenraad.example');
    const councils = (await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin })).body.items;
    const senior = councils.find((c: { name: string }) => c.name === 'Seniorenraad');
    expect(senior).toMatchObject({ salutation: 'Geachte leden van de Seniorenraad,', addressLines: ['Postbus 5', '9999 AA Teststad'] });
    const edited = await web('POST', `${base}/${senior.id}`, { cookie: admin, form: { name: 'Seniorenraad Teststad', salutation: '', recipients: 'nieuw@seniorenraad.example', addressLines: '' } });
    expect(edited.status).toBe(303);
    const again = (await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin })).body.items.find((c: { id: string }) => c.id === senior.id);
    expect(again).toMatchObject({ name: 'Seniorenraad Teststad', recipients: ['nieuw@seniorenraad.example'] });
  });

  it('adds users, changes roles and blocks access at once, but never its own', async () => {
    const w = await createWorld('USR');
    const admin = await signInByMail(emailOf(w, 'admin'));
    const base = `/organisaties/${w.slug}/beheer/gebruikers`;
    const noCouncil = await web('POST', `${base}/nieuw`, { cookie: admin, form: { email: 'lid@raad.example', name: 'Nieuw Lid', role: 'council_member', councilId: '' } });
    expect(noCouncil.status).toBe(422);
    expect(textOf(noCouncil.html)).toContain('Een raadslid of secretaris hoort bij een adviesraad: kies er een.');
    expect(formValues(noCouncil.html, `${base}/nieuw`)).toMatchObject({ email: 'lid@raad.example', name: 'Nieuw Lid', role: 'council_member' });
    expect((await web('POST', `${base}/nieuw`, { cookie: admin, form: { email: 'lid@raad.example', name: 'Nieuw Lid', role: 'council_member', councilId: w.councilId } })).status).toBe(303);
    expect(textOf((await web('GET', base, { cookie: admin })).html)).toContain('Nieuw Lid lid@raad.example Raadslid, Adviesraad Sociaal Domein Actief');

    // Blocking a signed-in official ends the session straight away.
    const official = await signInByMail(emailOf(w, 'official'));
    expect((await web('GET', '/adviezen', { cookie: official })).status).toBe(200);
    const blocked = await web('POST', `${base}/${w.ids.official}`, { cookie: admin, form: { name: 'Test official', role: 'official', councilId: '', disabled: '1' } });
    expect(blocked.status).toBe(303);
    expect((await web('GET', '/adviezen', { cookie: official })).location).toBe('/inloggen');
    expect((await api('GET', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.official })).status).toBe(401);

    const self = await web('POST', `${base}/${w.ids.admin}`, { cookie: admin, form: { name: 'Test admin', role: 'official', councilId: '' } });
    expect(self.status).toBe(422);
    expect(textOf(self.html)).toContain('U kunt uw eigen beheerrechten niet intrekken');
  });

  it('is for admins of this organisation only', async () => {
    const w = await createWorld('ONL');
    const other = await createWorld('OTH');
    const official = await signInByMail(emailOf(w, 'official'));
    expect((await web('GET', `/organisaties/${w.slug}/beheer`, { cookie: official })).status).toBe(403);
    expect((await web('POST', `/organisaties/${w.slug}/beheer/gebruikers/nieuw`, { cookie: official, form: { email: 'x@y.example', name: 'X', role: 'admin' } })).status).toBe(403);
    const otherAdmin = await signInByMail(emailOf(other, 'admin'));
    expect((await web('GET', `/organisaties/${w.slug}/beheer/gebruikers`, { cookie: otherAdmin })).status).toBe(404);
    expect((await web('GET', `/organisaties/${w.slug}/beheer`)).location).toBe('/inloggen');
  });
});
