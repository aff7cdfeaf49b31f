/**
 * Issue 14 in Debian's Chromium against a real `wrangler dev`: an official registers a Word letter
 * (upload, correct one split at the cursor, choose council and day of receipt, register), and the
 * original downloads byte-identical from the dossier page; without JavaScript the same page splits
 * at an empty line; a council member starts the advice form from their own document. Every new page
 * passes axe (WCAG 2.1 A/AA) and reflows at 320 px.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { checkPage, launchChromium, person } from './support';
import { LETTERS } from '../fixtures/import/letters';

let server: DevServer;
let browser: Browser;

const ORG = {
  slug: 'lindevoort',
  name: 'Gemeente Lindevoort',
  letterhead: { addressLines: ['Markt 1', 'Postbus 50', '4320 AA Lindevoort'] },
  signatories: [{ title: 'de burgemeester', name: 'E. Willems' }],
  signOff: 'burgemeester en wethouders van Lindevoort',
  contact: { name: 'N. Smits' },
  referencePrefix: 'LIN',
};
const PEOPLE = {
  official: { name: 'Noor Smits', email: 'n.smits@lindevoort.example', role: 'official' },
  member: { name: 'Henk Verbeek', email: 'henk@asd-lindevoort.example', role: 'council_member' },
} as const;

async function seed() {
  const call = async (method: string, p: string, body: unknown) => {
    const res = await fetch(`${server.base}${p}`, { method, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  await call('POST', '/api/v1/organisations', ORG);
  const council = await call('POST', `/api/v1/organisations/${ORG.slug}/councils`, { name: 'Adviesraad Sociaal Domein Lindevoort', recipients: ['secretariaat@asd-lindevoort.example'] });
  await call('POST', `/api/v1/organisations/${ORG.slug}/councils`, { name: 'Jongerenraad Lindevoort', recipients: ['jongerenraad@lindevoort.example'] });
  for (const p of Object.values(PEOPLE)) {
    await call('POST', `/api/v1/organisations/${ORG.slug}/users`, { email: p.email, name: p.name, role: p.role, ...(p.role === 'council_member' ? { councilId: council.id } : {}) });
  }
}

const files = mkdtempSync(path.join(tmpdir(), 'wederwoord-import-'));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  server = await startDevServer();
  await seed();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInDemo(page: Page, name: string) {
  await page.goto('/inloggen');
  await page.getByRole('button', { name: `Inloggen als ${name}` }).click();
  await page.waitForURL('**/adviezen');
}

/** Whether the page fits a 320 px wide screen without scrolling sideways (WCAG 1.4.10). */
async function reflows(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  const fits = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= 320);
  await page.setViewportSize({ width: 1280, height: 900 });
  return fits;
}

describe('importing an advice letter in a browser', () => {
  it('an official registers a Word letter, corrects one split, and the original downloads byte-identical', async () => {
    const bytes = await LETTERS.find((f) => f.name === 'word-typed-labels')!.build();
    const file = path.join(files, 'advies-mantelzorg.docx');
    writeFileSync(file, bytes);

    const noor = await person(browser, server.base);
    const { page } = noor;
    await signInDemo(page, PEOPLE.official.name);
    await page.getByRole('link', { name: 'Advies registreren' }).click();
    await page.waitForURL('**/adviezen/registreren');
    await checkPage(page, 'registreren', noor.problems);
    await page.getByLabel('Brief van de adviesraad').setInputFiles(file);
    await page.getByRole('button', { name: 'Brief inlezen' }).click();
    await page.waitForURL(/\/adviezen\/registreren\/[0-9a-f-]{36}$/);
    await checkPage(page, 'registreren-controleren', noor.problems);
    expect(await reflows(page)).toBe(true);

    // The letter's own text beside the proposal.
    const original = page.getByRole('region', { name: 'Tekst van de ingelezen brief' });
    await expect.poll(() => original.innerText()).toContain('Lindevoort, 14 januari 2026');
    expect(await page.locator('[name="title"]').inputValue()).toBe('Advies over het uitvoeringsprogramma mantelzorg 2026-2028');
    expect(await page.locator('textarea[name^="items."]').count()).toBe(6);

    // Advies 1 holds two sentences that are two points: split it where the cursor stands.
    const text = page.locator('[name="items.1.text"]');
    const value = await text.inputValue();
    await text.click();
    await text.evaluate((el, at) => (el as any).setSelectionRange(at, at), value.indexOf('Veel mantelzorgers'));
    await page.getByRole('button', { name: 'Splitsen bij de cursor (onderdeel 2)' }).click();
    await page.waitForURL(/#onderdeel-2$/);
    await expect.poll(() => page.locator('[name="items.2.text"]').inputValue()).toBe('Veel mantelzorgers werken overdag.');
    expect(await page.locator('[name="items.1.text"]').inputValue()).toBe('Zorg dat het steunpunt ook ’s avonds en op zaterdag bereikbaar is.');
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Onderdeel 2 is gesplitst');
    await checkPage(page, 'registreren-gesplitst', noor.problems);

    // The council and the day the letter came in; then register.
    await page.getByLabel('Adviesraad', { exact: true }).selectOption({ label: 'Adviesraad Sociaal Domein Lindevoort' });
    await page.getByLabel('Ontvangen op').fill('2026-01-16');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.waitForURL(/\/adviezen\/[0-9a-f-]{36}\?geregistreerd$/);
    await checkPage(page, 'geregistreerd', noor.problems);
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/Het advies is geregistreerd onder kenmerk LIN-\d{4}-00001\./);
    expect(main).toContain('Ontvangen op');

    // The original, one click away, exactly the bytes that came in.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'advies-mantelzorg.docx downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe('advies-mantelzorg.docx');
    const got = new Uint8Array(readFileSync((await download.path())!));
    expect(got.length).toBe(bytes.length);
    expect(sha256(got)).toBe(sha256(bytes));
    await noor.context.close();
  });

  it('splits at an empty line without JavaScript', async () => {
    const context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInDemo(page, PEOPLE.official.name);
    await page.goto('/adviezen/registreren');
    await page.getByLabel('Of plak de tekst van de brief').fill('Geacht college,\n\nAdvies 1: Plant meer bomen in de wijk. Zorg ook voor bankjes in de schaduw.\n\nMet vriendelijke groet,\nDe raad');
    await page.getByRole('button', { name: 'Brief inlezen' }).click();
    await page.waitForURL(/\/adviezen\/registreren\/[0-9a-f-]{36}$/);
    await page.locator('[name="items.0.text"]').fill('Plant meer bomen in de wijk.\n\nZorg ook voor bankjes in de schaduw.');
    await page.getByRole('button', { name: 'Splitsen bij de cursor (onderdeel 1)' }).click();
    expect(await page.locator('[name="items.0.text"]').inputValue()).toBe('Plant meer bomen in de wijk.');
    expect(await page.locator('[name="items.1.text"]').inputValue()).toBe('Zorg ook voor bankjes in de schaduw.');
    await context.close();
  });

  it('a council member starts the advice form from their own document', async () => {
    const file = path.join(files, 'ons-advies.txt');
    writeFileSync(file, await LETTERS.find((f) => f.name === 'text-kind-headings')!.build());
    const henk = await person(browser, server.base);
    const { page } = henk;
    await signInDemo(page, PEOPLE.member.name);
    await page.getByRole('link', { name: 'Nieuw advies', exact: true }).click();
    await page.waitForURL('**/adviezen/nieuw');
    await page.getByText('Begin met uw eigen document').click();
    await checkPage(page, 'nieuw-advies-document', henk.problems);
    await page.getByLabel('Brief van de adviesraad').setInputFiles(file);
    await page.getByRole('button', { name: 'Brief inlezen' }).click();
    await page.waitForURL(/\/adviezen\/nieuw\?document=/);
    await checkPage(page, 'nieuw-advies-uit-document', henk.problems);
    expect(await page.locator('[name="title"]').inputValue()).toBe('Advies over de verordening leerlingenvervoer');
    expect(await page.locator('[name="items.4.text"]').inputValue()).toBe('Informeer ouders een week van tevoren over een nieuwe chauffeur of route.');
    await page.getByRole('button', { name: 'Opslaan en voorbeeld bekijken' }).click();
    await page.waitForURL(/\/adviezen\/[0-9a-f-]{36}$/);
    await checkPage(page, 'advies-uit-document', henk.problems);
    expect(await page.locator('main').innerText()).toContain('ons-advies.txt downloaden');
  });
});
