/**
 * The whole advice cycle through the UI, in Debian's Chromium against a real `wrangler dev`: a council
 * member writes an advice (a question and three advice items), the secretary submits it, two officials
 * answer (one meets a conflict and keeps their text), the approver sets up her passkey, signs in with it,
 * returns the dossier once and then signs it with her passkey (Chromium's virtual authenticator), the
 * letter is sent and its mails are in the outbox. Every page visited passes axe (WCAG 2.1 A/AA);
 * submitting and answering are done with the keyboard alone. Screenshots land in test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { addPasskeyDevice, checkPage, launchChromium, person, tabTo } from './support';

let server: DevServer;
let browser: Browser;

const ORG = {
  slug: 'dijkstede',
  name: 'Gemeente Dijkstede',
  letterhead: { addressLines: ['Dijkplein 3', 'Postbus 40', '8999 ZX Dijkstede'], phone: '14 0599', email: 'post@dijkstede.example', website: 'www.dijkstede.example' },
  signatories: [
    { title: 'de gemeentesecretaris', name: 'W. Hoekstra' },
    { title: 'de burgemeester', name: 'C. van Leeuwen' },
  ],
  signOff: 'burgemeester en wethouders van Dijkstede',
  contact: { name: 'T. Veenstra', email: 't.veenstra@dijkstede.example', phone: '14 0599' },
  referencePrefix: 'DIJ',
  responseDays: 42,
  theme: { colour: '#0d5c63' },
};
const RECIPIENTS = ['secretariaat@asd-dijkstede.example', 'voorzitter@asd-dijkstede.example'];
const PEOPLE = {
  member: { name: 'Fatima El Amrani', email: 'fatima@asd-dijkstede.example', role: 'council_member' },
  secretary: { name: 'Joost de Wit', email: 'joost@asd-dijkstede.example', role: 'council_secretary' },
  eva: { name: 'Eva Dekker', email: 'e.dekker@dijkstede.example', role: 'official' },
  ruben: { name: 'Ruben Bos', email: 'r.bos@dijkstede.example', role: 'official' },
  approver: { name: 'Ingrid Smit', email: 'i.smit@dijkstede.example', role: 'approver' },
  admin: { name: 'Henk Brouwer', email: 'h.brouwer@dijkstede.example', role: 'admin' },
} as const;

async function seed() {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${server.base}${path}`, { method, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  await call('POST', '/api/v1/organisations', ORG);
  const council = await call('POST', `/api/v1/organisations/${ORG.slug}/councils`, { name: 'Adviesraad Sociaal Domein Dijkstede', recipients: RECIPIENTS, addressLines: ['Postbus 41', '8999 ZX Dijkstede'] });
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
  await checkPage(who.page, 'inloggen', who.problems);
  await who.page.getByRole('button', { name: `Inloggen als ${name}` }).click();
  await who.page.waitForURL('**/adviezen');
}

async function signOut(who: Person) {
  await who.page.getByRole('button', { name: 'Uitloggen' }).click();
  await who.page.waitForURL('**/inloggen?uitgelogd');
}

async function openDossier(page: Page, title: string) {
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(/\/adviezen\/[0-9a-f-]{36}$/);
}

const itemIds = (page: Page) => page.$$eval('section[id^="item-"]', (els) => els.map((e) => e.id.slice('item-'.length)));

describe('the advice cycle in a browser', () => {
  it('goes from a first draft to a sent letter, accessibly, with the keyboard where it matters', async () => {
    const title = 'Advies over het armoedebeleid 2027';

    // ── A council member signs in by e-mail link and writes the advice ──────────────────────
    const fatima = await person(browser, server.base);
    const { page: fp } = fatima;
    await fp.goto('/');
    await fp.waitForURL('**/inloggen');
    await checkPage(fp, 'inloggen', fatima.problems);
    await fp.getByLabel('E-mailadres').fill(PEOPLE.member.email);
    const mailedBefore = await mailIds(server.base);
    await fp.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await expect.poll(() => fp.getByRole('heading', { level: 1 }).textContent()).toBe('Kijk in uw e-mail');
    await checkPage(fp, 'inloglink-verstuurd', fatima.problems);
    const signInMail = await newMail(server.base, (m) => m.to.includes(PEOPLE.member.email), mailedBefore);
    const mail = (await (await fetch(`${server.base}/api/v1/dev/outbox/${signInMail!.id}`)).json()) as { text: string };
    const link = String(mail.text).match(/https?:\/\/\S+\/inloggen\/link\?token=[A-Za-z0-9_-]+/)![0];
    await fp.goto(link);
    await checkPage(fp, 'inloggen-bevestigen', fatima.problems);
    await fp.getByRole('button', { name: 'Inloggen' }).click();
    await fp.waitForURL('**/adviezen');
    await checkPage(fp, 'raad-adviezen', fatima.problems);

    await fp.getByRole('link', { name: 'Nieuw advies schrijven' }).click();
    await fp.waitForURL('**/adviezen/nieuw');
    await checkPage(fp, 'nieuw-advies', fatima.problems);
    await fp.getByLabel('Titel van het advies').fill(title);
    await fp.getByLabel('Beleidsstuk waarover u adviseert (optioneel)').fill('Uitvoeringsprogramma Armoede en Schulden 2027');
    await fp.getByLabel('Datum van uw brief').fill('2026-11-02');
    await fp.getByLabel('Kenmerk van de adviesraad (optioneel)').fill('ASD-2026-14');
    await fp.getByLabel('Inleiding (optioneel)').fill('De adviesraad besprak het programma in zijn vergadering van oktober.');
    await fp.locator('[name="items.0.section"]').fill('Bereik');
    await fp.locator('[name="items.0.text"]').fill('Hoeveel huishoudens maken nu gebruik van de meedoenregeling?');
    const advice = [
      { section: 'Toegang', text: 'Maak de aanvraag van bijzondere bijstand eenvoudiger (blz. 12).' },
      { section: 'Toegang', text: 'Zorg dat formulieren ook op papier beschikbaar blijven.' },
      { section: 'Samenwerking', text: 'Betrek de voedselbank bij het signaleren van schulden.' },
    ];
    for (const [i, a] of advice.entries()) {
      await fp.getByRole('button', { name: 'Advies toevoegen' }).click();
      await fp.locator(`[name="items.${i + 1}.text"]`).fill(a.text);
      await fp.locator(`[name="items.${i + 1}.section"]`).fill(a.section);
    }
    // Reorder: the last item one place up, and back down again.
    await fp.getByRole('button', { name: 'Omhoog (onderdeel 4)' }).click();
    expect(await fp.locator('[name="items.2.text"]').inputValue()).toBe(advice[2].text);
    await fp.getByRole('button', { name: 'Omlaag (onderdeel 3)' }).click();
    expect(await fp.locator('[name="items.3.text"]').inputValue()).toBe(advice[2].text);
    await checkPage(fp, 'nieuw-advies-ingevuld', fatima.problems);
    await fp.getByRole('button', { name: 'Opslaan en voorbeeld bekijken' }).click();
    await fp.waitForURL(/\/adviezen\/[0-9a-f-]{36}$/);
    const dossierPath = new URL(fp.url()).pathname;
    await checkPage(fp, 'advies-voorbeeld', fatima.problems);
    const preview = await fp.locator('main').innerText();
    expect(preview).toContain('Vraag 1');
    expect(preview).toContain('Advies 3');
    expect(preview).toContain(advice[2].text);
    await signOut(fatima);

    // ── The secretary submits it, with the keyboard only ────────────────────────────────────
    const joost = await person(browser, server.base);
    await signInDemo(joost, PEOPLE.secretary.name);
    await joost.page.goto(dossierPath);
    await checkPage(joost.page, 'secretaris-voorbeeld', joost.problems);
    await tabTo(joost.page, (el) => el.tag === 'a' && el.text === 'Advies indienen');
    await joost.page.keyboard.press('Enter');
    await joost.page.waitForURL('**/indienen');
    await checkPage(joost.page, 'indienen-bevestigen', joost.problems);
    await tabTo(joost.page, (el) => el.tag === 'button' && el.text === 'Ja, dien het advies in');
    await joost.page.keyboard.press('Enter');
    await joost.page.waitForURL('**?ingediend');
    await checkPage(joost.page, 'ingediend', joost.problems);
    const submitted = await joost.page.locator('main').innerText();
    expect(submitted).toMatch(/De gemeente heeft het advies geregistreerd onder kenmerk DIJ-\d{4}-00001\. De gemeente reageert uiterlijk op \d{1,2} \w+ \d{4}\./);
    await signOut(joost);

    // ── Two officials answer; the second meets a newer version and keeps his text ───────────
    const eva = await person(browser, server.base);
    const ruben = await person(browser, server.base);
    await signInDemo(eva, PEOPLE.eva.name);
    await checkPage(eva.page, 'werkvoorraad', eva.problems);
    await openDossier(eva.page, title);
    await checkPage(eva.page, 'dossier-beantwoorden', eva.problems);
    await signInDemo(ruben, PEOPLE.ruben.name);
    await ruben.page.goto(dossierPath); // Ruben's page now holds version 0 of every item.
    const ids = await itemIds(eva.page);
    expect(ids).toHaveLength(4);
    // Ruben starts on Advies 3 but has not saved yet.
    const rubensText = 'Deels: de voedselbank signaleert, de gemeente houdt de regie.';
    await ruben.page.locator(`#item-${ids[3]}`).getByLabel('Deels overgenomen').check();
    await ruben.page.locator('#advies-3-text').fill(rubensText);

    // The question, keyboard only: Tab to its answer, type, Tab to its save button, Enter.
    await eva.page.locator('body').focus();
    await tabTo(eva.page, (el) => el.id === 'vraag-1-text');
    await eva.page.keyboard.type('Ruim 1.900 huishoudens; het bereik groeit elk jaar.');
    await tabTo(eva.page, (el) => el.tag === 'button' && el.text.startsWith('Reactie opslaan'), 2);
    await eva.page.keyboard.press('Enter');
    await eva.page.waitForURL(/opgeslagen=/);
    await checkPage(eva.page, 'reactie-opgeslagen', eva.problems);

    // Advies 1, keyboard only: Tab into the status radios, arrow to "Deels overgenomen", Tab to the text.
    await eva.page.locator('body').focus();
    await tabTo(eva.page, (el) => el.type === 'radio' && el.id === 'advies-1-status');
    await eva.page.keyboard.press('ArrowDown');
    expect(await eva.page.locator(`#item-${ids[1]}`).getByLabel('Deels overgenomen').isChecked()).toBe(true);
    await eva.page.keyboard.press('Tab');
    await eva.page.keyboard.type('Wij vereenvoudigen het formulier; een digitale check blijft nodig.');
    await eva.page.keyboard.press('Tab');
    await eva.page.keyboard.press('Enter');
    await eva.page.waitForURL(new RegExp(`opgeslagen=${ids[1]}`));

    // Eva saves Advies 3 first…
    await eva.page.locator(`#item-${ids[3]}`).getByLabel('Overgenomen', { exact: true }).check();
    await eva.page.locator('#advies-3-text').fill('Wij nemen dit over: de voedselbank sluit aan bij het schuldenoverleg.');
    await eva.page.locator(`#item-${ids[3]}`).getByRole('button', { name: /Reactie opslaan/ }).click();
    await eva.page.waitForURL(new RegExp(`opgeslagen=${ids[3]}`));

    // …then Ruben saves his, from the version he saw: both texts side by side, his kept.
    await ruben.page.locator(`#item-${ids[3]}`).getByRole('button', { name: /Reactie opslaan/ }).click();
    await expect.poll(() => ruben.page.locator('main').innerText()).toContain('Iemand anders heeft deze reactie intussen gewijzigd');
    await checkPage(ruben.page, 'conflict', ruben.problems);
    const conflict = await ruben.page.locator(`#item-${ids[3]}`).innerText();
    expect(conflict).toContain('Huidige versie, van Eva Dekker');
    expect(conflict).toContain('Wij nemen dit over: de voedselbank sluit aan bij het schuldenoverleg.');
    expect(await ruben.page.locator('#advies-3-text').inputValue()).toBe(rubensText);
    expect(await ruben.page.locator(`#item-${ids[3]}`).getByLabel('Deels overgenomen').isChecked()).toBe(true);
    await ruben.page.locator(`#item-${ids[3]}`).getByRole('button', { name: /Reactie opslaan/ }).click();
    await ruben.page.waitForURL(new RegExp(`opgeslagen=${ids[3]}`));
    expect(await ruben.page.locator('#advies-3-text').inputValue()).toBe(rubensText);

    // Ruben answers Advies 2.
    await ruben.page.locator(`#item-${ids[2]}`).getByLabel('Al gerealiseerd').check();
    await ruben.page.locator('#advies-2-text').fill('Papieren formulieren liggen al bij het loket en in de bibliotheek.');
    await ruben.page.locator(`#item-${ids[2]}`).getByRole('button', { name: /Reactie opslaan/ }).click();
    await ruben.page.waitForURL(new RegExp(`opgeslagen=${ids[2]}`));

    await eva.page.goto(dossierPath);
    expect(await eva.page.locator('main').innerText()).toContain('4 van 4 beantwoord');
    await eva.page.getByRole('button', { name: 'Goedkeuring vragen' }).click();
    await eva.page.waitForURL('**?goedkeuring');
    await checkPage(eva.page, 'ter-goedkeuring', eva.problems);

    // ── The approver returns it once… ───────────────────────────────────────────────────────
    // Her first sign-in (the demo button: an e-mail link without the mail) asks her to set up a
    // passkey before any other page; her browser's passkey is Chromium's virtual authenticator.
    const ingrid = await person(browser, server.base);
    const ingridsDevice = await addPasskeyDevice(ingrid.page);
    await ingrid.page.goto('/inloggen');
    await ingrid.page.getByRole('button', { name: `Inloggen als ${PEOPLE.approver.name}` }).click();
    await ingrid.page.waitForURL('**/inloggen/passkey');
    await checkPage(ingrid.page, 'passkey-instellen', ingrid.problems);
    await ingrid.page.goto(dossierPath);
    await ingrid.page.waitForURL('**/inloggen/passkey');
    await ingrid.page.getByRole('button', { name: 'Passkey instellen' }).click();
    await ingrid.page.waitForURL('**/adviezen');
    expect(await ingridsDevice.credentials()).toHaveLength(1);
    // She signs out, and in again by e-mail link: now the passkey confirms it is her.
    await signOut(ingrid);
    await ingrid.page.getByLabel('E-mailadres').fill(PEOPLE.approver.email);
    const ingridsBefore = await mailIds(server.base);
    await ingrid.page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await expect.poll(() => ingrid.page.getByRole('heading', { level: 1 }).textContent()).toBe('Kijk in uw e-mail');
    const ingridsLink = await newMail(server.base, (m) => m.to.includes(PEOPLE.approver.email) && m.subject === 'Uw inloglink voor Wederwoord', ingridsBefore);
    const ingridsMail = (await (await fetch(`${server.base}/api/v1/dev/outbox/${ingridsLink!.id}`)).json()) as { text: string };
    await ingrid.page.goto(String(ingridsMail.text).match(/https?:\/\/\S+\/inloggen\/link\?token=[A-Za-z0-9_-]+/)![0]);
    await ingrid.page.getByRole('button', { name: 'Inloggen' }).click();
    await ingrid.page.waitForURL('**/inloggen/passkey');
    await checkPage(ingrid.page, 'passkey-bevestigen', ingrid.problems);
    await ingrid.page.getByRole('button', { name: 'Bevestigen met passkey' }).click();
    await ingrid.page.waitForURL('**/adviezen');
    await openDossier(ingrid.page, title);
    await checkPage(ingrid.page, 'beoordelen', ingrid.problems);
    // The preview is the letter renderer's own document in a frame: the concept as it would be sent.
    const review = await ingrid.page.frameLocator('iframe.ww-letter-frame__frame').locator('body').innerText();
    expect(review).toContain('Concept: deze brief is nog niet ondertekend');
    expect(review).toContain(rubensText);
    await ingrid.page.getByLabel('Toelichting voor de ambtenaren').fill('Licht bij Advies 2 toe waar de papieren formulieren te krijgen zijn.');
    await ingrid.page.getByRole('button', { name: 'Terugsturen' }).click();
    await ingrid.page.waitForURL('**?teruggestuurd');
    await checkPage(ingrid.page, 'teruggestuurd', ingrid.problems);

    await eva.page.goto(dossierPath);
    expect(await eva.page.locator('main').innerText()).toContain('Licht bij Advies 2 toe waar de papieren formulieren te krijgen zijn.');
    await checkPage(eva.page, 'terug-bij-ambtenaar', eva.problems);
    await eva.page.locator('#advies-2-text').fill('Papieren formulieren liggen bij het loket in het stadhuis en in alle vestigingen van de bibliotheek.');
    await eva.page.locator(`#item-${ids[2]}`).getByRole('button', { name: /Reactie opslaan/ }).click();
    await eva.page.waitForURL(new RegExp(`opgeslagen=${ids[2]}`));
    await eva.page.getByRole('button', { name: 'Goedkeuring vragen' }).click();
    await eva.page.waitForURL('**?goedkeuring');

    // ── …and then signs, after a confirmation of what and on whose behalf ──────────────────
    await ingrid.page.goto(dossierPath);
    await ingrid.page.getByRole('link', { name: 'Goedkeuren en ondertekenen' }).click();
    await ingrid.page.waitForURL('**/ondertekenen');
    await checkPage(ingrid.page, 'ondertekenen-bevestigen', ingrid.problems);
    const confirm = await ingrid.page.locator('main').innerText();
    expect(confirm).toContain('U ondertekent namens burgemeester en wethouders van Dijkstede.');
    expect(confirm).toContain('de burgemeester, C. van Leeuwen');
    // Signing asks her passkey once more, for exactly this letter.
    const usesBefore = (await ingridsDevice.credentials())[0].signCount;
    await ingrid.page.getByRole('button', { name: 'Ja, keur goed en onderteken' }).click();
    await ingrid.page.waitForURL('**?ondertekend');
    expect((await ingridsDevice.credentials())[0].signCount).toBeGreaterThan(usesBefore);
    await checkPage(ingrid.page, 'ondertekend', ingrid.problems);

    // ── The letter is sent ──────────────────────────────────────────────────────────────────
    await ingrid.page.getByRole('button', { name: 'Brief verzenden' }).click();
    await ingrid.page.waitForURL('**?verzonden');
    await checkPage(ingrid.page, 'verzonden', ingrid.problems);
    const delivery = await ingrid.page.locator('section[aria-labelledby="delivery-title"] table').innerText();
    for (const r of RECIPIENTS) expect(delivery).toContain(r);
    const mails = (await outbox(server.base)).filter((m) => m.subject.startsWith('Reactie op uw advies'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual([...RECIPIENTS].sort());
    for (const m of mails) {
      expect(m.subject).toMatch(/ons kenmerk DIJ-\d{4}-00001/);
      expect(m.attachments).toMatchObject([{ contentType: 'application/pdf' }]);
    }
    // …and they arrive in the local outbox, where a person reads them with the PDF attached.
    const inOutbox = async () => {
      await ingrid.page.goto('/dev/outbox');
      return (await ingrid.page.locator('main').innerText()).match(/Reactie op uw advies/g)?.length ?? 0;
    };
    await expect.poll(inOutbox).toBe(RECIPIENTS.length);
    await checkPage(ingrid.page, 'dev-outbox', ingrid.problems);

    // ── The council reads the answer on the page ────────────────────────────────────────────
    const fatima2 = await person(browser, server.base);
    await signInDemo(fatima2, PEOPLE.member.name);
    await fatima2.page.goto(dossierPath);
    await checkPage(fatima2.page, 'raad-leest-reactie', fatima2.problems);
    expect(await fatima2.page.locator('main').innerText()).toContain('De reactie van de gemeente');
    const answer = await fatima2.page.frameLocator('iframe.ww-letter-frame__frame').locator('body').innerText();
    expect(answer).not.toContain('CONCEPT');
    expect(answer).toContain(rubensText);
    expect(await fatima2.page.getByRole('link', { name: 'Brief downloaden (PDF)' }).getAttribute('href')).toBe(`${dossierPath}/brief.pdf`);

    // ── The organisation admin's pages ──────────────────────────────────────────────────────
    const henk = await person(browser, server.base);
    await addPasskeyDevice(henk.page);
    await henk.page.goto('/inloggen');
    await henk.page.getByRole('button', { name: `Inloggen als ${PEOPLE.admin.name}` }).click();
    await henk.page.waitForURL('**/inloggen/passkey');
    await henk.page.getByRole('button', { name: 'Passkey instellen' }).click();
    await henk.page.waitForURL('**/adviezen');
    for (const [path, name] of [
      [`/organisaties/${ORG.slug}/beheer`, 'beheer-organisatie'],
      [`/organisaties/${ORG.slug}/beheer/adviesraden`, 'beheer-adviesraden'],
      [`/organisaties/${ORG.slug}/beheer/adviesraden/nieuw`, 'beheer-adviesraad-nieuw'],
      [`/organisaties/${ORG.slug}/beheer/gebruikers`, 'beheer-gebruikers'],
      [`/organisaties/${ORG.slug}/beheer/gebruikers/nieuw`, 'beheer-gebruiker-nieuw'],
    ]) {
      await henk.page.goto(path);
      await checkPage(henk.page, name, henk.problems);
    }
  });

  it('keeps the first page load under 100 KB, CSS included', async () => {
    const visitor = await person(browser, server.base);
    await visitor.page.goto('/inloggen');
    await visitor.page.waitForLoadState('load');
    const bytes = await visitor.page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
    );
    const css = await visitor.page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/assets/app.css')));
    expect(css).toBe(true);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
  });

  it('works without JavaScript: the item buttons post the form and keep every value', async () => {
    const context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/inloggen');
    await page.getByRole('button', { name: `Inloggen als ${PEOPLE.member.name}` }).click();
    await page.goto('/adviezen/nieuw');
    await page.getByLabel('Titel van het advies').fill('Zonder script');
    await page.locator('[name="items.0.text"]').fill('Eerste vraag?');
    await page.getByRole('button', { name: 'Advies toevoegen' }).click();
    await page.waitForURL('**/adviezen/nieuw#onderdeel-2');
    expect(await page.getByLabel('Titel van het advies').inputValue()).toBe('Zonder script');
    await page.locator('[name="items.1.text"]').fill('Tweede onderdeel.');
    await page.getByRole('button', { name: 'Omhoog (onderdeel 2)' }).click();
    expect(await page.locator('[name="items.0.text"]').inputValue()).toBe('Tweede onderdeel.');
    // Enter in a text field saves; it does not move or remove an item.
    await page.getByLabel('Titel van het advies').press('Enter');
    await page.waitForURL(/\/bewerken\?opgeslagen$/);
    expect(await page.locator('[name="items.0.text"]').inputValue()).toBe('Tweede onderdeel.');
    expect(await page.locator('[name="items.1.text"]').inputValue()).toBe('Eerste vraag?');
    await context.close();
  });
});

type OutboxMail = { id: string; to: string[]; subject: string; status: string; attachments: { contentType: string }[] };

/** The local mailbox, read as a person's tools would: through the dev outbox API of API.md. */
async function outbox(base: string): Promise<OutboxMail[]> {
  const res = await fetch(`${base}/api/v1/dev/outbox`);
  return ((await res.json()) as { items: OutboxMail[] }).items;
}

const mailIds = async (base: string) => new Set((await outbox(base)).map((m) => m.id));

/** The first mail matching `match` that was not in the mailbox before, waited for: a sign-in mail is queued right after the answer. */
async function newMail(base: string, match: (m: OutboxMail) => boolean, before: Set<string>): Promise<OutboxMail> {
  for (let i = 0; i < 100; i++) {
    const found = (await outbox(base)).find((m) => match(m) && !before.has(m.id));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the mail did not arrive');
}
