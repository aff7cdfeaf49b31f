/**
 * The overview of figures (/overzicht) in Debian's Chromium against a real `wrangler dev`: an official
 * and a council member find it in the navigation; every view passes axe (also at 320 px wide); it
 * works without JavaScript; the CSV link downloads the figures; printed, a year is one A4 page.
 * Two years of dossiers are written into D1 between two runs of the server (as the bench does), one
 * more goes through the whole cycle in this run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { checkPage, launchChromium, person } from './support';
import { figuresSeedSql } from '../../scripts/lib/figures-seed.mjs';

let server: DevServer;
let browser: Browser;

const SLUG = 'rivierstad';
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const lastYear = String(year - 1);
const PEOPLE = {
  official: { name: 'Sanne Visser', email: 's.visser@rivierstad.example', role: 'official' },
  approver: { name: 'Karel Mol', email: 'k.mol@rivierstad.example', role: 'approver' },
  member: { name: 'Yusuf Aydin', email: 'yusuf@asd-rivierstad.example', role: 'council_member' },
  secretary: { name: 'Els de Graaf', email: 'els@asd-rivierstad.example', role: 'council_secretary' },
} as const;

async function call<T = any>(method: string, p: string, body?: unknown, token = server.adminToken): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`${server.base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** The organisation, three councils and their people through the API; one advice through the whole cycle. */
async function seedThroughApi() {
  const org = await call('POST', '/api/v1/organisations', {
    slug: SLUG,
    name: 'Gemeente Rivierstad',
    letterhead: { addressLines: ['Kade 1', 'Postbus 7', '7999 AA Rivierstad'] },
    signatories: [{ title: 'de burgemeester', name: 'M. de Rijk' }],
    signOff: 'burgemeester en wethouders van Rivierstad',
    contact: { name: 'A. Kok' },
    referencePrefix: 'RVS',
  });
  const councils = [];
  for (const name of ['Adviesraad Sociaal Domein Rivierstad', 'Jongerenraad', 'Participatieraad']) {
    councils.push(await call('POST', `/api/v1/organisations/${SLUG}/councils`, { name, recipients: [`${name.length}@raad.example`] }));
  }
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const [key, p] of Object.entries(PEOPLE)) {
    const user = await call('POST', `/api/v1/organisations/${SLUG}/users`, { ...p, ...(p.role.startsWith('council') ? { councilId: councils[0].id } : {}) });
    ids[key] = user.id;
    tokens[key] = (await call('POST', `/api/v1/organisations/${SLUG}/users/${user.id}/tokens`)).token;
  }
  const advice = await call(
    'POST',
    `/api/v1/organisations/${SLUG}/advice`,
    { councilId: councils[0].id, title: 'Advies over de wijkteams', kind: 'solicited', letterDate: today, items: [{ kind: 'advice', text: 'Zorg voor een vast aanspreekpunt.' }] },
    tokens.member,
  );
  await call('POST', `/api/v1/advice/${advice.id}/submit`, undefined, tokens.secretary);
  await call('PUT', `/api/v1/advice/${advice.id}/items/${advice.items[0].id}/response`, { text: 'Wij nemen dit over.', status: 'adopted', version: 0 }, tokens.official);
  await call('POST', `/api/v1/advice/${advice.id}/request-approval`, undefined, tokens.official);
  await call('POST', `/api/v1/advice/${advice.id}/approve`, undefined, tokens.approver);
  await call('POST', `/api/v1/advice/${advice.id}/send`, undefined, tokens.official);
  return { orgId: org.id as string, councilIds: councils.map((c) => c.id as string), memberId: ids.member };
}

beforeAll(async () => {
  server = await startDevServer();
  const world = await seedThroughApi();
  // Two earlier years of dossiers, written into D1 while the server is stopped.
  await server.stop({ keepState: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'figures-seed-'));
  const file = path.join(dir, 'seed.sql');
  writeFileSync(
    file,
    figuresSeedSql({ orgId: world.orgId, councilIds: world.councilIds, userId: world.memberId, prefix: 'RVS', from: `${year - 2}-01-01`, to: `${lastYear}-12-31`, count: 90, today, seed: 7 }),
  );
  const wrangler = path.resolve(import.meta.dirname, '../../node_modules/.bin/wrangler');
  const seeded = spawnSync(wrangler, ['d1', 'execute', 'DB', '--local', '--persist-to', server.persist, '--file', file], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  rmSync(dir, { recursive: true, force: true });
  if (seeded.status !== 0) throw new Error(`seed: ${seeded.stdout}\n${seeded.stderr}`);
  server = await startDevServer({ persist: server.persist });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(who: Awaited<ReturnType<typeof person>>, name: string) {
  await who.page.goto('/inloggen');
  await who.page.getByRole('button', { name: `Inloggen als ${name}` }).click();
  await who.page.waitForURL('**/adviezen');
}

/** Pages of a PDF that Chromium printed (its page objects). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

describe('the overview of figures', () => {
  it('is in the officials’ navigation, passes axe in every view and prints a year on one page', async () => {
    const sanne = await person(browser, server.base);
    await signIn(sanne, PEOPLE.official.name);
    await sanne.page.getByRole('link', { name: 'Overzicht' }).click();
    await sanne.page.waitForURL('**/overzicht');
    await checkPage(sanne.page, 'overzicht-dit-jaar', sanne.problems);
    const main = sanne.page.locator('main');
    expect(await main.innerText()).toContain(`1 januari ${year} tot en met 31 december ${year}`);
    // The advice sent today: received 1, sent 1, adopted 1.
    expect(await sanne.page.locator('.ww-kpi').first().innerText()).toMatch(/Ontvangen\s+1/);

    // Last year, through the year links.
    await sanne.page.getByRole('link', { name: lastYear, exact: true }).click();
    await sanne.page.waitForURL(`**/overzicht?van=${lastYear}-01-01&tot=${lastYear}-12-31`);
    await checkPage(sanne.page, 'overzicht-vorig-jaar', sanne.problems);
    const received = Number((await sanne.page.locator('.ww-kpi__value').first().innerText()).trim());
    expect(received).toBeGreaterThan(20);
    // Each chart is an image with a name, and a table of its numbers follows it.
    const charts = sanne.page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(3);
    for (const label of await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) expect(label).toBeTruthy();
    expect(await sanne.page.locator('figure + .ww-table-wrap table caption').count()).toBe(3);

    // The CSV link downloads the same period.
    const href = await sanne.page.getByRole('link', { name: 'Cijfers downloaden (CSV)' }).getAttribute('href');
    expect(href).toBe(`/overzicht.csv?van=${lastYear}-01-01&tot=${lastYear}-12-31`);
    const csv = await sanne.page.request.get(href!);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Onderdeel;Adviesraad;Maand;Ontvangen;/);
    expect(lines[1]).toMatch(new RegExp(`^Totaal;;;${received};`));

    // Printed: the year at a glance on one A4 page.
    await sanne.page.emulateMedia({ media: 'print' });
    await sanne.page.screenshot({ path: path.resolve(import.meta.dirname, '../../test-artifacts/overzicht-afdruk.png'), fullPage: true });
    const pdf = await sanne.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(path.resolve(import.meta.dirname, '../../test-artifacts/overzicht-afdruk.pdf'), pdf);
    expect(pdfPages(pdf)).toBe(1);
    await sanne.page.emulateMedia({ media: 'screen' });

    // All years: per year.
    await sanne.page.getByRole('link', { name: 'Alle jaren' }).click();
    await sanne.page.waitForURL('**/overzicht?van=&tot=');
    await checkPage(sanne.page, 'overzicht-alle-jaren', sanne.problems);
    expect(await main.innerText()).toContain('Per jaar');

    // At 320 CSS pixels the page reflows: nothing wider than the window but the tables' own scroll areas.
    await sanne.page.setViewportSize({ width: 320, height: 800 });
    await sanne.page.goto(`/overzicht?van=${lastYear}-01-01&tot=${lastYear}-12-31`);
    await checkPage(sanne.page, 'overzicht-320px', sanne.problems);
    expect(await sanne.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('shows a council member their own council', async () => {
    const yusuf = await person(browser, server.base);
    await signIn(yusuf, PEOPLE.member.name);
    await yusuf.page.getByRole('link', { name: 'Overzicht' }).click();
    await yusuf.page.waitForURL('**/overzicht');
    await yusuf.page.getByRole('link', { name: lastYear, exact: true }).click();
    await checkPage(yusuf.page, 'overzicht-raadslid', yusuf.problems);
    const text = await yusuf.page.locator('main').innerText();
    expect(text).toContain('Wat de gemeente deed met de adviezen van Adviesraad Sociaal Domein Rivierstad');
    expect(text).not.toContain('Jongerenraad');
    expect(await yusuf.page.locator('select[name="raad"]').count()).toBe(0);
  });

  it('works without JavaScript: the period and council are chosen with the form', async () => {
    const context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/inloggen');
    await page.getByRole('button', { name: `Inloggen als ${PEOPLE.official.name}` }).click();
    await page.goto('/overzicht');
    await page.getByLabel('Van', { exact: true }).fill(`${lastYear}-04-01`);
    await page.getByLabel('Tot en met', { exact: true }).fill(`${lastYear}-06-30`);
    await page.getByLabel('Adviesraad', { exact: true }).selectOption({ label: 'Jongerenraad' });
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.waitForURL(/\/overzicht\?van=\d{4}-04-01&tot=\d{4}-06-30&raad=/);
    const text = await page.locator('main').innerText();
    expect(text).toContain(`1 april ${lastYear} tot en met 30 juni ${lastYear} · Jongerenraad`);
    // Per month: April to June (and the months in which these were sent).
    expect(text).toContain(`april ${lastYear}`);
    expect(text).toContain(`juni ${lastYear}`);
    // A reversed period: the error beside the field, the form kept.
    await page.getByLabel('Van', { exact: true }).fill(`${lastYear}-07-01`);
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.waitForURL(/van=\d{4}-07-01/);
    expect(await page.locator('#f-tot-error').innerText()).toContain('De einddatum ligt vóór de begindatum.');
    await context.close();
  });
});
