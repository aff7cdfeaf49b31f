/**
 * Every page, as each role that sees it (test/browser/walk.ts), on a phone: a 320 × 640 viewport,
 * which is also what 400 % zoom makes of a 1280 px screen (WCAG 2.1 1.4.10, Reflow). On each page:
 * axe (WCAG 2.1 A and AA), no script or CSP error, and the document never scrolls sideways; then
 * again with the text-spacing overrides of 1.4.12 and with the text at 200 % (1.4.4): no sideways
 * scrolling, no text cut off or drawn over other text. The letter preview, /verify and the local
 * mailbox are among the pages. The findings of all pages are reported together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDevServer, type DevServer } from './server';
import { launchChromium, screenshot } from './support';
import { PHONE, pageFindings } from './layout';
import { ROLES, pagesFor, seedWorld, signInAs, visitStop, type Role, type Stop, type World } from './walk';

let server: DevServer;
let browser: Browser;
let world: World;

beforeAll(async () => {
  server = await startDevServer();
  world = await seedWorld(server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function walk(role: Role): Promise<Record<string, string[]>> {
  const report: Record<string, string[]> = {};
  const note = (name: string, found: string[]) => {
    if (found.length) report[name] = found;
  };
  const check = async (page: Page, name: string, problems: string[]) => {
    await screenshot(page, `320-${role}-${name}`);
    return pageFindings(page, problems);
  };
  const who = await signInAs(browser, server.base, world, role, PHONE, async (page, name) => note(name, await check(page, name, [])));
  try {
    for (const stop of pagesFor(role) as Stop[]) {
      const status = await visitStop(who.page, stop, world, server.base);
      const expected = stop.status ?? 200;
      const found = status === expected ? [] : [`HTTP ${status}, expected ${expected}`];
      // Chromium logs an error page's status as a console error: here it is the page asked for.
      if (stop.status) who.problems.splice(0, who.problems.length, ...who.problems.filter((p) => !p.includes(`status of ${stop.status}`)));
      found.push(...(await check(who.page, stop.name, who.problems)));
      note(stop.name, found);
    }
  } finally {
    await who.context.close();
  }
  return report;
}

describe('every page on a 320 px wide screen', () => {
  for (const role of ROLES) {
    it(`reflows, keeps its text readable with wider spacing and 200 % text, and passes axe: ${role}`, async () => {
      expect(pagesFor(role).length).toBeGreaterThan(0);
      expect(await walk(role)).toEqual({});
    });
  }
});
