/**
 * The XSS corpus in a real browser: Debian's Chromium against a real `wrangler dev`. An organisation,
 * council, users and a dossier carry the corpus in every text field (test/fixtures/xss-corpus.ts); the
 * pages that show them are opened as each role would. Nothing may run: no dialog (alert) opens, no
 * script error, no CSP violation (which would mean markup got into the page and only the CSP stopped
 * it), and the texts are on the page as typed. The parsed-markup checks of every page, the letter and
 * every mail are in test/xss.test.ts; this proves the same where a browser executes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { addPasskeyDevice, launchChromium, person } from './support';
import { XSS_COUNCIL, XSS_FIELDS as F, XSS_ORGANISATION, xssAdvice } from '../fixtures/xss-corpus';

let server: DevServer;
let browser: Browser;
const ids: Record<string, string> = {};
let slug = '';
let officialToken = '';

async function call<T = any>(method: string, path: string, body?: unknown, token = server.adminToken): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`${server.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

async function seed() {
  slug = 'xss-browser';
  await call('POST', '/api/v1/organisations', {
    slug,
    ...XSS_ORGANISATION,
    referencePrefix: 'XSS',
  });
  const council = await call('POST', `/api/v1/organisations/${slug}/councils`, XSS_COUNCIL);
  ids.council = council.id;
  const tokens: Record<string, string> = {};
  for (const [key, role, name] of [
    ['member', 'council_member', F.memberName],
    ['secretary', 'council_secretary', F.secretaryName],
    ['official', 'official', F.officialName],
    ['approver', 'approver', F.approverName],
    ['admin', 'admin', 'Beheerder'],
  ] as const) {
    const user = await call('POST', `/api/v1/organisations/${slug}/users`, { email: `${key}@xss.example`, name, role, ...(role.startsWith('council') ? { councilId: council.id } : {}) });
    ids[key] = user.id;
    tokens[key] = (await call('POST', `/api/v1/organisations/${slug}/users/${user.id}/tokens`)).token;
  }
  officialToken = tokens.official;
  const advice = await call(
    'POST',
    `/api/v1/organisations/${slug}/advice`,
    xssAdvice(council.id, [
      { kind: 'question', section: F.section1, text: F.item0 },
      { kind: 'advice', section: F.section2, text: F.item1 },
    ]),
    tokens.member,
  );
  ids.advice = advice.id;
  await call('POST', `/api/v1/advice/${advice.id}/submit`, undefined, tokens.secretary);
  await call('PUT', `/api/v1/advice/${advice.id}/items/${advice.items[0].id}/response`, { text: F.response0, status: 'answered', version: 0 }, tokens.official);
  await call('PUT', `/api/v1/advice/${advice.id}/items/${advice.items[1].id}/response`, { text: F.response1, status: 'partly', version: 0 }, tokens.official);
  await call('POST', `/api/v1/advice/${advice.id}/request-approval`, undefined, tokens.official);
  await call('POST', `/api/v1/advice/${advice.id}/return`, { comment: F.comment }, tokens.approver);
  await call('POST', `/api/v1/advice/${advice.id}/request-approval`, undefined, tokens.official);
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

/** Opens the page, waits for it (and its frames) to load, and returns the text a reader sees. */
async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  await page.waitForLoadState('load');
  // A sandboxed frame (a mail in the local mailbox) may refuse evaluation: it then adds no text.
  const frames = await Promise.all(page.frames().map((f) => f.evaluate(() => String((globalThis as any).document.body?.innerText ?? '')).catch(() => '')));
  return frames.join('\n').replace(/\s+/g, ' ');
}

describe('the XSS corpus in Chromium', () => {
  it('opens no dialog and raises no script or CSP error on any page, and shows the texts as typed', async () => {
    const dialogs: string[] = [];
    const pages: [who: 'approver' | 'official' | 'member' | 'admin' | null, path: string, fields: (keyof typeof F)[]][] = [
      [null, '/inloggen', ['orgName', 'memberName', 'officialName', 'approverName', 'councilName']],
      ['member', '/adviezen', ['title']],
      ['member', `/adviezen/${ids.advice}`, ['title', 'intro', 'item0', 'section1']],
      ['official', '/adviezen', ['title', 'councilName']],
      ['official', `/adviezen/${ids.advice}`, ['title', 'item1', 'response0', 'response1']],
      ['approver', `/adviezen/${ids.advice}`, ['title', 'salutation', 'signOff', 'response1']],
      ['approver', `/adviezen/${ids.advice}/ondertekenen`, ['signatoryName1', 'signatoryTitle2', 'approverName']],
      ['admin', `/organisaties/${slug}/beheer/gebruikers`, ['memberName', 'officialName']],
      ['admin', `/organisaties/${slug}/beheer/adviesraden`, ['councilName']],
      [null, '/dev/outbox', ['title']],
    ];
    const problems: Record<string, string[]> = {};
    const missing: Record<string, string[]> = {};
    for (const who of ['member', 'official', 'approver', 'admin', null] as const) {
      const p = await person(browser, server.base);
      p.page.on('response', (r) => r.status() >= 400 && p.problems.push(`${r.status()} ${r.url()}`));
      p.page.on('dialog', (d) => {
        dialogs.push(`${who ?? 'anon'}: ${d.type()} ${d.message()}`);
        void d.dismiss();
      });
      if (who === 'member') {
        // The watch works: a dialog opened from outside the page's CSP is seen.
        await p.page.evaluate(() => (globalThis as any).alert('proef'));
        expect(dialogs.splice(0)).toEqual(['member: alert proef']);
      }
      if (who) {
        // Demo sign-in (wrangler dev runs as local development): the button of this user.
        await p.page.goto('/inloggen');
        // Approvers and admins set up a passkey first (Chromium's virtual authenticator).
        const needsPasskey = who === 'approver' || who === 'admin';
        if (needsPasskey) await addPasskeyDevice(p.page);
        await p.page.locator('form[action="/inloggen/demo"]').filter({ has: p.page.locator(`input[value="${ids[who]}"]`) }).getByRole('button').click();
        if (needsPasskey) {
          await p.page.waitForURL('**/inloggen/passkey');
          await p.page.getByRole('button', { name: 'Passkey instellen' }).click();
        }
        await p.page.waitForURL('**/adviezen');
      }
      for (const [viewer, path, fields] of pages.filter(([v]) => v === who)) {
        const text = await visit(p.page, path);
        const absent = fields.filter((f) => !text.includes(F[f]));
        if (absent.length) missing[`${viewer ?? 'anon'} ${path}`] = absent;
      }
      if (who === null) {
        // Every mail in the local mailbox, its HTML in the page's sandboxed frame.
        const mails = (await call<{ items: { id: string }[] }>('GET', '/api/v1/dev/outbox')).items;
        expect(mails.length).toBeGreaterThan(3);
        for (const m of mails) await visit(p.page, `/dev/outbox/${m.id}`);
      }
      if (p.problems.length) problems[who ?? 'anon'] = p.problems;
      await p.context.close();
    }
    // The letter's HTML as the API serves it (its own strict CSP), opened with the official's token.
    const context = await browser.newContext({ baseURL: server.base, extraHTTPHeaders: { authorization: `Bearer ${officialToken}` } });
    const page = await context.newPage();
    const letterErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && letterErrors.push(m.text()));
    page.on('pageerror', (e) => letterErrors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(`letter.html: ${d.type()} ${d.message()}`);
      void d.dismiss();
    });
    const letter = await visit(page, `/api/v1/advice/${ids.advice}/letter.html`);
    for (const f of ['title', 'orgName', 'item0', 'response1', 'signOff'] as const) expect(letter, f).toContain(F[f]);
    if (letterErrors.length) problems['letter.html'] = letterErrors;
    await context.close();

    expect(dialogs).toEqual([]);
    expect(problems).toEqual({});
    expect(missing).toEqual({});
  });
});
