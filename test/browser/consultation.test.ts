/**
 * A consultation round through the UI, in Debian's Chromium against a real `wrangler dev`: an
 * official starts it (the legend filled from a pasted numbered list, the municipality's council and
 * two outside bodies), a council member writes her council's remark, the official pastes an outside
 * body's letter and checks the split, closes the round and answers with the keyboard alone (one
 * answer by reference to a remark that looks alike), a second official meets a newer version, the
 * approver signs the list with her passkey and it is sent; the council member reads the responses.
 * Every page visited passes axe (WCAG 2.1 A/AA). Screenshots land in test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { addPasskeyDevice, checkPage, launchChromium, person, tabTo } from './support';

let server: DevServer;
let browser: Browser;

const ORG = {
  slug: 'kustregio',
  name: 'Gemeente Kustregio',
  letterhead: { addressLines: ['Duinweg 1', 'Postbus 7', '1970 AA Kustregio'], phone: '14 0255', email: 'post@kustregio.example' },
  signatories: [
    { title: 'de gemeentesecretaris', name: 'P. de Jong' },
    { title: 'de burgemeester', name: 'A. Visser' },
  ],
  signOff: 'burgemeester en wethouders van Kustregio',
  contact: { name: 'R. Kok', email: 'r.kok@kustregio.example' },
  referencePrefix: 'KUS',
  responseDays: 42,
};
const COUNCIL_RECIPIENTS = ['secretariaat@asd-kustregio.example'];
const PEOPLE = {
  member: { name: 'Sanne Bakker', email: 'sanne@asd-kustregio.example', role: 'council_member' },
  eva: { name: 'Eva Smit', email: 'e.smit@kustregio.example', role: 'official' },
  ruben: { name: 'Ruben Mol', email: 'r.mol@kustregio.example', role: 'official' },
  approver: { name: 'Ilse Vos', email: 'i.vos@kustregio.example', role: 'approver' },
} as const;
const TITLE = 'Integrale lijst reacties op de Regiovisie Zorg Dichtbij';

async function seed() {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${server.base}${path}`, { method, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  await call('POST', '/api/v1/organisations', ORG);
  const council = await call('POST', `/api/v1/organisations/${ORG.slug}/councils`, { name: 'Adviesraad Sociaal Domein Kustregio', recipients: COUNCIL_RECIPIENTS });
  for (const p of Object.values(PEOPLE)) {
    await call('POST', `/api/v1/organisations/${ORG.slug}/users`, { email: p.email, name: p.name, role: p.role, ...(p.role.startsWith('council') ? { councilId: council.id } : {}) });
  }
}

beforeAll(async () => {
  server = await startDevServer();
  await seed();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Person = Awaited<ReturnType<typeof person>>;

async function signInDemo(who: Person, name: string) {
  await who.page.goto('/inloggen');
  await who.page.getByRole('button', { name: `Inloggen als ${name}` }).click();
  await who.page.waitForURL('**/adviezen');
}

/** The focused element's description, as the keyboard user meets it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = (globalThis as any).document.activeElement;
    return { tag: String(a.tagName).toLowerCase(), name: String(a.name ?? ''), id: String(a.id), text: String(a.textContent ?? '').trim(), type: String(a.type ?? '') };
  });

type OutboxMail = { id: string; to: string[]; subject: string; attachments: { contentType: string; filename: string }[] };
async function outbox(): Promise<OutboxMail[]> {
  return ((await (await fetch(`${server.base}/api/v1/dev/outbox`)).json()) as { items: OutboxMail[] }).items;
}

describe('a consultation in a browser', () => {
  it('goes from a new round to a sent integral list, accessibly, answering with the keyboard alone', async () => {
    // ── An official starts the round ────────────────────────────────────────────────────────
    const eva = await person(browser, server.base);
    const ep = eva.page;
    await signInDemo(eva, PEOPLE.eva.name);
    await ep.getByRole('link', { name: 'Consultaties' }).click();
    await ep.waitForURL('**/consultaties');
    await checkPage(ep, 'consultaties', eva.problems);
    await ep.getByRole('link', { name: 'Nieuwe consultatie starten' }).click();
    await ep.waitForURL('**/consultaties/nieuw');
    await checkPage(ep, 'consultatie-nieuw', eva.problems);
    await ep.getByLabel('Titel van de integrale lijst').fill(TITLE);
    await ep.getByLabel('Beleidsstuk', { exact: true }).fill('Regiovisie Zorg Dichtbij 2027-2030');
    await ep.getByLabel('Plak een genummerde lijst (optioneel)').fill('1) We versterken de wijkteams\n2) We werken samen met de huisartsen\nAlgemeen: in het algemeen aandacht voor');
    await ep.getByRole('button', { name: 'Legenda invullen uit de lijst' }).click();
    await expect.poll(() => ep.locator('main').innerText()).toContain('De legenda is ingevuld met 3 codes.');
    expect(await ep.getByLabel('Code 3').inputValue()).toBe('Algemeen');
    await checkPage(ep, 'consultatie-legenda-ingevuld', eva.problems);
    await ep.getByLabel('Adviesraad Sociaal Domein Kustregio').check();
    await ep.locator('[name="bodies.0.name"]').fill('Gemeenteraad Duinkerk');
    await ep.locator('[name="bodies.0.recipients"]').fill('griffie@duinkerk.example');
    await ep.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await ep.locator('[name="bodies.1.name"]').fill('Gemeenteraad Zeedorp');
    await ep.locator('[name="bodies.1.recipients"]').fill('griffie@zeedorp.example\nraad@zeedorp.example');
    await ep.locator('[name="bodies.1.salutation"]').fill('Geachte raadsleden,');
    await ep.getByRole('button', { name: 'Consultatie starten' }).last().click();
    await ep.waitForURL(/\/consultaties\/[0-9a-f-]{36}\?gestart$/);
    const path = new URL(ep.url()).pathname;
    await checkPage(ep, 'consultatie-gestart', eva.problems);

    // ── A council member writes her council's remark ────────────────────────────────────────
    const sanne = await person(browser, server.base);
    await signInDemo(sanne, PEOPLE.member.name);
    await sanne.page.getByRole('link', { name: 'Consultaties' }).click();
    await checkPage(sanne.page, 'raad-consultaties', sanne.problems);
    await sanne.page.getByRole('link', { name: TITLE }).click();
    await sanne.page.waitForURL(`**${path}`);
    await checkPage(sanne.page, 'raad-consultatie', sanne.problems);
    await sanne.page.getByLabel('Onderdeel van het beleidsstuk (optioneel)').fill('Hoofdstuk 2, Wijkteams');
    await sanne.page.getByLabel('Opmerking', { exact: true }).fill('Betrek de huisartsen bij het signaleren van eenzaamheid in de wijk.');
    await sanne.page.getByRole('button', { name: 'Opmerking opslaan' }).click();
    await sanne.page.waitForURL(/opgeslagen=1/);
    await checkPage(sanne.page, 'raad-opmerking-opgeslagen', sanne.problems);

    // ── The official pastes an outside body's letter, checks the split, saves ───────────────
    await ep.goto(path);
    await ep.getByRole('link', { name: 'Opmerkingen invoeren' }).click();
    await ep.waitForURL('**/opmerkingen');
    await checkPage(ep, 'opmerkingen-invoeren', eva.problems);
    await ep.getByLabel('Van welke deelnemer?').selectOption({ label: 'Gemeenteraad Duinkerk' });
    await ep
      .getByLabel('Tekst met opmerkingen')
      .fill('1. Ook in Duinkerk missen wij de huisartsen bij het signaleren van eenzaamheid.\n2. Hoeveel woningen met zorg komen er in de kleine kernen?\n3. Met vriendelijke groet, de griffier');
    await ep.getByRole('button', { name: 'Verdelen en controleren' }).click();
    await expect.poll(() => ep.locator('main').innerText()).toContain('Controleer de 3 opmerkingen');
    await checkPage(ep, 'opmerkingen-controleren', eva.problems);
    await ep.locator('[name="remarks.2.omit"]').check();
    await ep.getByRole('button', { name: 'Opmerkingen opslaan' }).click();
    await expect.poll(() => ep.locator('main').innerText()).toContain('De opmerkingen 2 tot en met 3 zijn opgeslagen.');
    await ep.getByLabel('Van welke deelnemer?').selectOption({ label: 'Gemeenteraad Zeedorp' });
    await ep.getByLabel('Tekst met opmerkingen').fill('Houd de gemeenteraden twee keer per jaar op de hoogte.');
    await ep.getByRole('button', { name: 'Verdelen en controleren' }).click();
    await ep.getByRole('button', { name: 'Opmerkingen opslaan' }).click();
    await expect.poll(() => ep.locator('main').innerText()).toContain('Opmerking 4 is opgeslagen.');

    // ── The round closes; the official answers with the keyboard alone ──────────────────────
    await ep.goto(path);
    await ep.getByRole('button', { name: 'Consultatie sluiten' }).click();
    await ep.waitForURL('**?gesloten');
    await checkPage(ep, 'consultatie-gesloten', eva.problems);
    await ep.getByRole('link', { name: 'Opmerkingen beantwoorden' }).click();
    await ep.waitForURL('**/beantwoorden');
    await checkPage(ep, 'beantwoorden', eva.problems);
    // Opmerking 1: Tab to its response, type, Tab past "the same as" to the codes, Space on code 2, Tab to save, Enter.
    await ep.locator('body').focus();
    await tabTo(ep, (el) => el.id === 'opmerking-1-tekst');
    await ep.keyboard.type('Huisartsen nemen deel aan de werkgroep signalering die dit voorjaar start.');
    await ep.keyboard.press('Tab');
    expect((await focused(ep)).id).toBe('opmerking-1-zelfde');
    await ep.keyboard.press('Tab');
    expect(await focused(ep)).toMatchObject({ type: 'checkbox', text: '' });
    await ep.keyboard.press('Tab');
    expect(await focused(ep)).toMatchObject({ type: 'checkbox' });
    await ep.keyboard.press('Space');
    await tabTo(ep, (el) => el.tag === 'button' && el.text.startsWith('Reactie opslaan'), 3);
    await ep.keyboard.press('Enter');
    await ep.waitForURL(/opgeslagen=1/);
    await checkPage(ep, 'reactie-opgeslagen', eva.problems);
    // Opmerking 2 looks like opmerking 1: its suggestion answers it by reference, from the keyboard.
    await ep.locator('body').focus();
    await tabTo(ep, (el) => el.tag === 'button' && el.text.startsWith('Zelfde reactie als opmerking 1') && el.text.includes('(opmerking 2)'), 200);
    await ep.keyboard.press('Enter');
    await ep.waitForURL(/opgeslagen=2/);
    expect(await ep.locator('#opmerking-2').innerText()).toContain('Zelfde reactie als opmerking 1 (Adviesraad Sociaal Domein Kustregio):');

    // A second official answers opmerking 3 from the version he saw, after Eva saved hers: both versions shown.
    const ruben = await person(browser, server.base);
    await signInDemo(ruben, PEOPLE.ruben.name);
    await ruben.page.goto(`${path}/beantwoorden`);
    await ep.locator('#opmerking-3-tekst').fill('In elke kern komen woningen met zorg; het aantal volgt in het woonplan.');
    await ep.locator('#opmerking-3').getByLabel('Algemeen').check();
    await ep.locator('#opmerking-3').getByRole('button', { name: /^Reactie opslaan/ }).click();
    await ep.waitForURL(/opgeslagen=3/);
    await ruben.page.locator('#opmerking-3-tekst').fill('Zes woningen met zorg per kern.');
    await ruben.page.locator('#opmerking-3').getByLabel('1', { exact: true }).check();
    await ruben.page.locator('#opmerking-3').getByRole('button', { name: /^Reactie opslaan/ }).click();
    await expect.poll(() => ruben.page.locator('main').innerText()).toContain('Iemand anders heeft deze reactie intussen gewijzigd');
    await checkPage(ruben.page, 'reactie-conflict', ruben.problems);
    expect(await ruben.page.locator('#opmerking-3').innerText()).toContain('Huidige versie, van Eva Smit');
    expect(await ruben.page.locator('#opmerking-3-tekst').inputValue()).toBe('Zes woningen met zorg per kern.');

    // The last remark; then approval, with the unanswered first on request shown empty-handed.
    await ep.goto(`${path}/beantwoorden?volgorde=onderdeel&open=1`);
    await checkPage(ep, 'beantwoorden-per-onderdeel', eva.problems);
    await ep.locator('#opmerking-4-tekst').fill('De regio stuurt elk voorjaar en najaar een voortgangsbrief.');
    await ep.locator('#opmerking-4').getByLabel('Algemeen').check();
    await ep.locator('#opmerking-4').getByRole('button', { name: /^Reactie opslaan/ }).click();
    await ep.waitForURL(/opgeslagen=4/);
    await ep.goto(path);
    await ep.getByRole('button', { name: 'Goedkeuring vragen' }).click();
    await ep.waitForURL('**?goedkeuring');
    await checkPage(ep, 'lijst-ter-goedkeuring', eva.problems);

    // ── The approver sets up her passkey, reads the list and signs it ───────────────────────
    const ilse = await person(browser, server.base);
    const device = await addPasskeyDevice(ilse.page);
    await ilse.page.goto('/inloggen');
    await ilse.page.getByRole('button', { name: `Inloggen als ${PEOPLE.approver.name}` }).click();
    await ilse.page.waitForURL('**/inloggen/passkey');
    await ilse.page.getByRole('button', { name: 'Passkey instellen' }).click();
    await ilse.page.waitForURL('**/adviezen');
    await ilse.page.goto(path);
    await checkPage(ilse.page, 'lijst-beoordelen', ilse.problems);
    const concept = await ilse.page.frameLocator('iframe.ww-letter-frame__frame').locator('body').innerText();
    expect(concept).toContain('Concept: deze lijst is nog niet vastgesteld');
    expect(concept).toContain('Zie de reactie op opmerking 1 (Adviesraad Sociaal Domein Kustregio)');
    await ilse.page.getByRole('link', { name: 'Goedkeuren en ondertekenen' }).click();
    await ilse.page.waitForURL('**/ondertekenen');
    await checkPage(ilse.page, 'lijst-ondertekenen', ilse.problems);
    expect(await ilse.page.locator('main').innerText()).toContain('U ondertekent namens burgemeester en wethouders van Kustregio.');
    const uses = (await device.credentials())[0].signCount;
    await ilse.page.getByRole('button', { name: 'Ja, keur goed en onderteken' }).click();
    await ilse.page.waitForURL('**?ondertekend');
    expect((await device.credentials())[0].signCount).toBeGreaterThan(uses);
    await checkPage(ilse.page, 'lijst-ondertekend', ilse.problems);

    // ── Sent to every participant's recipients, the signed PDF attached ─────────────────────
    await ilse.page.getByRole('button', { name: 'Lijst verzenden' }).click();
    await ilse.page.waitForURL('**?verzonden');
    await checkPage(ilse.page, 'lijst-verzonden', ilse.problems);
    const recipients = [...COUNCIL_RECIPIENTS, 'griffie@duinkerk.example', 'griffie@zeedorp.example', 'raad@zeedorp.example'];
    const mails = (await outbox()).filter((m) => m.subject === `Integrale lijst: "${TITLE}"`);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([...recipients].sort());
    for (const m of mails) expect(m.attachments).toMatchObject([{ contentType: 'application/pdf', filename: expect.stringMatching(/^integrale-lijst-.*\.pdf$/) }]);

    // ── The council member reads the responses to her council's remarks ────────────────────
    await sanne.page.goto(path);
    await checkPage(sanne.page, 'raad-leest-reacties', sanne.problems);
    const answer = await sanne.page.locator('main').innerText();
    expect(answer).toContain('De reacties op uw opmerkingen');
    expect(answer).toContain('Huisartsen nemen deel aan de werkgroep signalering die dit voorjaar start.');
    await sanne.page.goto(`${path}/lijst.html`);
    expect(await sanne.page.locator('body').innerText()).not.toMatch(/concept/i);
  });
});
