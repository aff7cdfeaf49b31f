/** Chromium, axe and screenshots for the browser tests. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const artifacts = path.resolve(import.meta.dirname, '../../test-artifacts');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A person at a browser: their own context (cookies), with CSP violations and script errors collected. */
export async function person(browser: Browser, base: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // A page answered with 409 or 422 (a conflict, a form with errors) is logged by Chromium; that is no fault.
    if (m.type() === 'error' && !/the server responded with a status of (409|422)/.test(m.text())) problems.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

export type Person = Awaited<ReturnType<typeof person>>;

/**
 * A virtual passkey authenticator in this person's tab (Chromium's CDP WebAuthn domain): a
 * platform authenticator with user verification, that answers without a prompt.
 */
export async function addPasskeyDevice(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  return { cdp, authenticatorId, credentials };
}

let shot = 0;

/** A full-page screenshot in test-artifacts/, numbered in the order taken. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/**
 * Every page visited: no axe violations for WCAG 2.1 A and AA, no CSP or script errors, the page
 * language is Dutch and it has a title; a full-page screenshot is kept in test-artifacts/.
 */
export async function checkPage(page: Page, name: string, problems: string[]) {
  await page.waitForLoadState('load');
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name} (${page.url()})`).toEqual([]);
  expect(problems, `console errors on ${name}`).toEqual([]);
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  expect((await page.title()).length).toBeGreaterThan(0);
}

/** axe's violations of WCAG 2.1 A and AA on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // page.evaluate is not subject to the page's CSP: axe runs without loosening it.
  await page.evaluate(axe.source);
  const result: axe.AxeResults = await page.evaluate(() => {
    const g = globalThis as any;
    return g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, matches: (el: { tag: string; name: string; id: string; text: string; type: string }) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    // Runs in the page (the project's TypeScript has no DOM library, hence the loose typing).
    const el = await page.evaluate(() => {
      const a = (globalThis as any).document.activeElement;
      return { tag: String(a.tagName).toLowerCase(), name: String(a.name ?? ''), id: String(a.id), text: String(a.textContent ?? '').trim(), type: String(a.type ?? '') };
    });
    if (matches(el)) return el;
  }
  throw new Error('focus never reached the element by Tab');
}
