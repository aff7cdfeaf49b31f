/**
 * The public archive as a resident uses it, in Debian's Chromium against a real `wrangler dev`: two
 * pieces of advice are answered and sent through the API (one more is withheld), then a resident who
 * never signed in opens /openbaar/{slug}, searches with the keyboard, sees the match marked, opens the
 * result, the advice alone and the signed letter, narrows by council, and does the same with
 * JavaScript switched off and at 320 px wide. A consultation's signed list is sent too (another is
 * withheld): the resident opens the consultations tab and reads the list. Every public page passes
 * axe (WCAG 2.1 A/AA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { checkPage, launchChromium, person } from './support';

let server: DevServer;
let browser: Browser;

const SLUG = 'wadloo';
const ORG = {
  slug: SLUG,
  name: 'Gemeente Wadloo',
  letterhead: { addressLines: ['Markt 1', 'Postbus 7', '9000 AA Wadloo'] },
  signatories: [{ title: 'de burgemeester', name: 'R. Kuipers' }],
  signOff: 'burgemeester en wethouders van Wadloo',
  contact: { name: 'L. Post' },
  referencePrefix: 'WAD',
  theme: { colour: '#8a1538' },
};

async function call(method: string, path: string, body?: unknown, token = server.adminToken) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`${server.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : ((await res.json()) as any);
}

async function seed() {
  await call('POST', '/api/v1/organisations', ORG);
  const tokens: Record<string, string> = {};
  const councils: Record<string, string> = {};
  for (const name of ['Adviesraad Sociaal Domein', 'Jongerenraad Wadloo']) {
    councils[name] = (await call('POST', `/api/v1/organisations/${SLUG}/councils`, { name, recipients: [`raad-${name.length}@wadloo.example`] })).id;
  }
  const people = [
    ['member', 'council_member', 'Adviesraad Sociaal Domein'],
    ['secretary', 'council_secretary', 'Adviesraad Sociaal Domein'],
    ['youthMember', 'council_member', 'Jongerenraad Wadloo'],
    ['youthSecretary', 'council_secretary', 'Jongerenraad Wadloo'],
    ['official', 'official', null],
    ['approver', 'approver', null],
  ] as const;
  for (const [key, role, council] of people) {
    const user = await call('POST', `/api/v1/organisations/${SLUG}/users`, { email: `${key}@wadloo.example`, name: `Persoon ${key}`, role, ...(council ? { councilId: councils[council] } : {}) });
    tokens[key] = (await call('POST', `/api/v1/organisations/${SLUG}/users/${user.id}/tokens`)).token;
  }
  const dossier = async (title: string, council: string, member: string, secretary: string, items: { kind: string; section?: string; text: string; response: string }[]) => {
    const created = await call('POST', `/api/v1/organisations/${SLUG}/advice`, { councilId: councils[council], title, kind: 'unsolicited', letterDate: '2026-09-15', items: items.map(({ response: _r, ...i }) => i) }, tokens[member]);
    await call('POST', `/api/v1/advice/${created.id}/submit`, undefined, tokens[secretary]);
    for (const [n, item] of created.items.entries()) {
      await call('PUT', `/api/v1/advice/${created.id}/items/${item.id}/response`, { text: items[n].response, status: item.kind === 'question' ? 'answered' : 'adopted', version: 0 }, tokens.official);
    }
    await call('POST', `/api/v1/advice/${created.id}/request-approval`, undefined, tokens.official);
    await call('POST', `/api/v1/advice/${created.id}/approve`, undefined, tokens.approver);
    await call('POST', `/api/v1/advice/${created.id}/send`, undefined, tokens.official);
    return created.id as string;
  };
  await dossier('Advies over eenzaamheid onder ouderen', 'Adviesraad Sociaal Domein', 'member', 'secretary', [
    { kind: 'advice', section: 'Ontmoeting', text: 'Open de buurthuizen ook op zondag, zodat ouderen elkaar zien.', response: 'Wij openen twee buurthuizen op zondag.' },
    { kind: 'question', text: 'Hoe vindt u eenzame ouderen die niemand kent?', response: 'Via de huisarts en de wijkverpleging.' },
  ]);
  await dossier('Advies over een jongerencentrum', 'Jongerenraad Wadloo', 'youthMember', 'youthSecretary', [
    { kind: 'advice', text: 'Geef jongeren een eigen plek in het centrum.', response: 'Wij zoeken samen met de raad een pand.' },
  ]);
  const withheld = await dossier('Advies over een zaak met persoonsgegevens', 'Adviesraad Sociaal Domein', 'member', 'secretary', [
    { kind: 'advice', text: 'Help deze eenzame inwoner.', response: 'Dat doen wij.' },
  ]);
  await call('PUT', `/api/v1/advice/${withheld}/publication`, { publish: false, reason: 'Persoonsgegevens.', ground: '5.1.2.e' }, tokens.official);

  // Two consultation rounds carried to sent: one public, one withheld.
  const consultation = async (title: string) => {
    const created = await call(
      'POST',
      `/api/v1/organisations/${SLUG}/consultations`,
      {
        title,
        document: 'Regionaal actieprogramma ouderenzorg 2027-2030',
        legend: [
          { code: '1', label: 'Ontmoetingsplekken in elke kern' },
          { code: 'Lokaal', label: 'Door elke gemeente zelf opgepakt' },
        ],
        participants: [{ councilId: councils['Adviesraad Sociaal Domein'] }, { name: 'Gemeenteraad Oosterzand', recipients: ['griffie@oosterzand.example'] }],
      },
      tokens.official,
    );
    const [own, outside] = created.participants as { id: string }[];
    const first = await call('POST', `/api/v1/consultations/${created.id}/remarks`, { participantId: own.id, text: 'Zorg voor een ontmoetingsplek in elke kern.', section: 'Hoofdstuk 3' }, tokens.member);
    const second = await call('POST', `/api/v1/consultations/${created.id}/remarks`, { participantId: outside.id, text: 'Ook in de kleine kernen een ontmoetingsplek, graag.' }, tokens.official);
    await call('PUT', `/api/v1/consultations/${created.id}/remarks/${first.id}/response`, { text: 'Elke kern krijgt een ontmoetingsplek in het buurthuis of de school.', processing: ['1'], version: 0 }, tokens.official);
    await call('PUT', `/api/v1/consultations/${created.id}/remarks/${second.id}/response`, { sameAs: first.id, processing: ['1', 'Lokaal'], version: 0 }, tokens.official);
    for (const [step, token] of [['close', tokens.official], ['request-approval', tokens.official], ['approve', tokens.approver], ['send', tokens.official]] as const) {
      await call('POST', `/api/v1/consultations/${created.id}/${step}`, undefined, token);
    }
    return created.id as string;
  };
  await consultation('Integrale lijst reacties op het actieprogramma ouderenzorg');
  const withheldList = await consultation('Integrale lijst met een inspreker bij naam');
  await call('PUT', `/api/v1/consultations/${withheldList}/publication`, { publish: false, reason: 'Noemt een inspreker bij naam.' }, tokens.approver);
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

describe('the public archive in a browser', () => {
  it('a resident searches with the keyboard, sees the match marked, and opens the advice, the response and the letter', async () => {
    const resident = await person(browser, server.base);
    const { page, problems } = resident;
    await page.goto(`/openbaar/${SLUG}`);
    await checkPage(page, 'openbaar-lijst', problems);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Adviezen aan Gemeente Wadloo');
    expect(await page.getByRole('link', { name: 'Advies over een jongerencentrum' }).count()).toBe(1);
    expect(await page.getByText('persoonsgegevens').count()).toBe(0);

    // Search by keyboard: the label names the field, Enter submits.
    await page.getByLabel('Zoekwoorden').focus();
    await page.keyboard.type('Eenzaam');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?q=Eenzaam/);
    await checkPage(page, 'openbaar-zoeken', problems);
    expect(await page.getByRole('heading', { name: 'Resultaten voor ‘Eenzaam’' }).count()).toBe(1);
    const results = page.locator('.ww-result');
    expect(await results.count()).toBe(1);
    expect((await page.locator('mark').allTextContents()).map((t) => t.toLowerCase())).toContain('eenzaamheid');

    await page.getByRole('link', { name: 'Advies over eenzaamheid onder ouderen' }).click();
    await page.waitForURL(new RegExp(`/openbaar/${SLUG}/[0-9a-f-]{36}$`));
    await checkPage(page, 'openbaar-dossier', problems);
    expect(await page.getByText('Wij openen twee buurthuizen op zondag.').count()).toBe(1);
    expect(await page.getByText('Overgenomen').count()).toBeGreaterThan(0);
    const pdf = await page.getByRole('link', { name: /Download de brief/ }).getAttribute('href');
    const letter = await fetch(`${server.base}${pdf}`);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await letter.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('link', { name: 'Controleer deze brief' }).click();
    await page.waitForURL(/\/verify\?sha256=/);
    expect(await page.getByText('echt').count()).toBeGreaterThan(0);
    await page.goBack();

    await page.getByRole('link', { name: 'Alleen het advies' }).click();
    await page.waitForURL(/\/advies$/);
    await checkPage(page, 'openbaar-advies', problems);
    expect(await page.getByText('Wij openen twee buurthuizen op zondag.').count()).toBe(0);

    // Narrow by council: the select and the button, no script.
    await page.goto(`/openbaar/${SLUG}`);
    await page.getByLabel('Adviesraad').selectOption({ label: 'Jongerenraad Wadloo' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/raad=/);
    await checkPage(page, 'openbaar-per-raad', problems);
    expect(await page.locator('.ww-result').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Advies over een jongerencentrum' }).count()).toBe(1);

    await page.goto(`/openbaar/${SLUG}?q=onvindbaarwoord`);
    await checkPage(page, 'openbaar-niets-gevonden', problems);
    expect(await page.getByText('Niets gevonden.', { exact: false }).count()).toBe(1);
    await page.goto(`/openbaar/${SLUG}/00000000-0000-4000-8000-000000000000`);
    // Chromium logs the 404 status itself: that is the answer expected here, not a fault of the page.
    await checkPage(page, 'openbaar-niet-gevonden', problems.splice(0).filter((p) => !/status of 404/.test(p)));
    await resident.context.close();
  });

  it('works without JavaScript, and reflows at 320 px without sideways scrolling', async () => {
    const context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false, viewport: { width: 320, height: 800 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`/openbaar/${SLUG}`);
    await page.getByLabel('Zoekwoorden').fill('buurthuizen');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/q=buurthuizen/);
    expect(await page.locator('mark').first().textContent()).toBe('buurthuizen');
    const wide = async () => {
      const w = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      if (w > 320) {
        const over = await page.evaluate(() => {
          const d = (globalThis as any).document;
          return Array.from(d.querySelectorAll('*'))
            .filter((e: any) => e.getBoundingClientRect().right > 320)
            .map((e: any) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            .slice(0, 12);
        });
        console.log(page.url(), over);
      }
      return w;
    };
    expect(await wide()).toBeLessThanOrEqual(320);
    await page.getByRole('link', { name: 'Advies over eenzaamheid onder ouderen' }).click();
    await page.waitForURL(new RegExp(`/openbaar/${SLUG}/[0-9a-f-]{36}$`));
    expect(await wide()).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('a resident opens the consultations tab and reads a signed list, with its PDF; at 320 px and without JavaScript too', async () => {
    const resident = await person(browser, server.base);
    const { page, problems } = resident;
    await page.goto(`/openbaar/${SLUG}`);
    // The tab by keyboard: Tab until it has focus, Enter follows it.
    const tab = page.getByRole('navigation', { name: 'Onderdelen van het archief' }).getByRole('link', { name: 'Consultaties' });
    for (let i = 0; i < 20 && !(await tab.evaluate((e) => e === (globalThis as any).document.activeElement)); i++) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(new RegExp(`/openbaar/${SLUG}/consultaties$`)), page.keyboard.press('Enter')]);
    await checkPage(page, 'openbaar-consultaties', problems);
    expect(await page.getByRole('link', { name: 'Consultaties' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByText('inspreker bij naam').count()).toBe(0);

    await page.getByRole('link', { name: 'Integrale lijst reacties op het actieprogramma ouderenzorg' }).click();
    await page.waitForURL(new RegExp(`/openbaar/${SLUG}/consultaties/[0-9a-f-]{36}$`));
    await checkPage(page, 'openbaar-lijst', problems);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Integrale lijst reacties op het actieprogramma ouderenzorg');
    expect(await page.getByRole('heading', { name: 'Gemeenteraad Oosterzand' }).count()).toBe(1);
    expect(await page.getByText('Elke kern krijgt een ontmoetingsplek in het buurthuis of de school.').count()).toBe(1);
    expect(await page.getByText('Zie de reactie op opmerking 1').count()).toBe(1);
    const pdf = await page.getByRole('link', { name: /Download de lijst/ }).getAttribute('href');
    const list = await fetch(`${server.base}${pdf}`);
    expect(list.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await list.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('link', { name: 'Controleer deze lijst' }).click();
    await page.waitForURL(/\/verify\?sha256=/);
    expect(await page.getByText('echt').count()).toBeGreaterThan(0);
    await resident.context.close();

    const context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false, viewport: { width: 320, height: 800 }, locale: 'nl-NL' });
    const narrow = await context.newPage();
    const width = () => narrow.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    await narrow.goto(`/openbaar/${SLUG}/consultaties`);
    expect(await width()).toBeLessThanOrEqual(320);
    await narrow.getByRole('link', { name: 'Integrale lijst reacties op het actieprogramma ouderenzorg' }).click();
    await narrow.waitForURL(new RegExp(`/openbaar/${SLUG}/consultaties/[0-9a-f-]{36}$`));
    expect(await narrow.getByText('Zie de reactie op opmerking 1').isVisible()).toBe(true);
    expect(await width()).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('names the harvest files in robots.txt, and the feed lists the public advice', async () => {
    const robots = await (await fetch(`${server.base}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${server.base}/openbaar/${SLUG}/sitemapindex-diwoo-infocat010.xml`);
    const feed = await (await fetch(`${server.base}/openbaar/${SLUG}/feed.xml`)).text();
    expect(feed).toContain('Advies over een jongerencentrum');
    expect(feed).not.toContain('persoonsgegevens');
    expect(feed).toContain('Integrale lijst reacties op het actieprogramma ouderenzorg');
    expect(feed).not.toContain('inspreker bij naam');
  });
});
