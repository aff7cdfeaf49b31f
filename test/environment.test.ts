import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../worker/index';
import type { Env } from '../worker/env';
import { createWorld, latestSignInMail } from './support';

/**
 * The Worker's environment (issue 12, points 4 and 5): parsed once at the edge; local helpers only
 * when ENVIRONMENT is exactly `development`; outside it, PUBLIC_URL is required, is the only source
 * of absolute URLs and of the passkeys' relying party, and a request for another host is refused.
 */

/** A request to the Worker as deployed with these bindings (the test defaults changed by `bindings`). */
async function fetchWith(bindings: Record<string, unknown>, url: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, { redirect: 'manual', ...init }), { ...env, ...bindings } as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const form = (fields: Record<string, string>, origin: string, extra: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { origin, 'sec-fetch-site': 'same-origin', accept: 'text/html', ...extra },
});

const errors = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);
afterEach(() => vi.restoreAllMocks());

describe('local helpers exist only when ENVIRONMENT is exactly "development"', () => {
  const LOCAL = ['/dev/outbox', '/api/v1/dev/outbox'];

  it.each([['unset', undefined], ['staging', 'staging'], ['test', 'test'], ['Development', 'Development'], ['development ', 'development '], ['production', 'production']])(
    'ENVIRONMENT %s: no mailbox, no demo sign-in (404)',
    async (_, value) => {
      const w = await createWorld('ENV');
      const bindings = { ENVIRONMENT: value, PUBLIC_URL: 'https://app.test' };
      for (const path of LOCAL) expect((await fetchWith(bindings, `https://app.test${path}`)).status, path).toBe(404);
      const demo = await fetchWith(bindings, 'https://app.test/inloggen/demo', form({ userId: w.ids.official }, 'https://app.test'));
      expect(demo.status).toBe(404);
      expect(demo.headers.get('set-cookie') ?? '').not.toContain('__Host-session=');
      const signIn = await fetchWith(bindings, 'https://app.test/inloggen', { headers: { accept: 'text/html' } });
      expect(await signIn.text()).not.toContain('/inloggen/demo');
    },
  );

  it('ENVIRONMENT development (npm start): the mailbox and the demo sign-in are there, PUBLIC_URL optional', async () => {
    const w = await createWorld('END');
    const bindings = { ENVIRONMENT: 'development', PUBLIC_URL: undefined };
    for (const path of LOCAL) expect((await fetchWith(bindings, `http://localhost:8787${path}`)).status, path).toBe(200);
    const demo = await fetchWith(bindings, 'http://localhost:8787/inloggen/demo', form({ userId: w.ids.official }, 'http://localhost:8787'));
    expect(demo.status).toBe(303);
    expect(demo.headers.get('set-cookie')).toContain('__Host-session=');
  });
});

describe('PUBLIC_URL', () => {
  it('outside local development, without it the Worker answers 503 to everything and logs why', async () => {
    const log = errors();
    for (const value of [undefined, '']) {
      const api = await fetchWith({ PUBLIC_URL: value }, 'https://app.test/api/v1/health');
      expect(api.status).toBe(503);
      expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const page = await fetchWith({ PUBLIC_URL: value }, 'https://app.test/inloggen', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('niet goed ingesteld');
    }
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(line).toMatch(/^wederwoord: not serving \(503\).*PUBLIC_URL is not set/);
  });

  it('must be an https origin without a path', async () => {
    const log = errors();
    for (const value of ['http://wederwoord.example', 'https://wederwoord.example/app', 'wederwoord.example', 'https://wederwoord.example/?x=1']) {
      expect((await fetchWith({ PUBLIC_URL: value }, 'https://wederwoord.example/api/v1/health')).status, value).toBe(503);
    }
    expect(String(log.mock.calls[0][0])).toContain('PUBLIC_URL must be an https origin without a path');
    // A trailing slash is the same origin.
    expect((await fetchWith({ PUBLIC_URL: 'https://wederwoord.example/' }, 'https://wederwoord.example/api/v1/health')).status).toBe(200);
  });

  it('a request for another host is refused (421) and mails nothing', async () => {
    const w = await createWorld('HST');
    const email = `official@${w.slug}.example`;
    const evil = await fetchWith({}, 'https://evil.example/inloggen', form({ email }, 'https://evil.example', { 'cf-connecting-ip': '192.0.2.7' }));
    expect(evil.status).toBe(421);
    expect(await latestSignInMail(email)).toBeNull();
    const api = await fetchWith({}, 'https://evil.example/api/v1/health');
    expect(api.status).toBe(421);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('is the only source of the links in mails and of the passkeys’ relying party', async () => {
    const w = await createWorld('PUB');
    const bindings = { PUBLIC_URL: 'https://wederwoord.example' };
    const email = `approver@${w.slug}.example`;
    const asked = await fetchWith(bindings, 'https://wederwoord.example/inloggen', form({ email }, 'https://wederwoord.example', { 'cf-connecting-ip': '192.0.2.8' }));
    expect(asked.status).toBe(200);
    const mail = (await latestSignInMail(email))!;
    const links = [...mail.text.matchAll(/https?:\/\/[^\s)"]+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith('https://wederwoord.example/')).toBe(true);

    // The passkey step of that link: the relying party is PUBLIC_URL's host.
    const confirmed = await fetchWith(bindings, 'https://wederwoord.example/inloggen/link', form({ token: mail.tokens[0] }, 'https://wederwoord.example'));
    expect(confirmed.status).toBe(303);
    const cookie = confirmed.headers.get('set-cookie')!.match(/__Host-session=[^;]+/)![0];
    const step = await fetchWith(bindings, 'https://wederwoord.example/inloggen/passkey', { headers: { cookie, accept: 'text/html' } });
    expect(step.status).toBe(200);
    const html = await step.text();
    const options = JSON.parse(html.match(/<script type="application\/json" id="webauthn-options">([^<]*)<\/script>/)![1]);
    expect(options.rp.id).toBe('wederwoord.example');
  });
});

describe('the environment is checked at the edge', () => {
  it.each([
    ['DB', { DB: undefined }, 'the D1 "DB" binding is missing'],
    ['DOCUMENTS', { DOCUMENTS: undefined }, 'the R2 "DOCUMENTS" binding is missing'],
    ['ADMIN_TOKEN', { ADMIN_TOKEN: undefined }, 'the secret ADMIN_TOKEN is missing'],
  ])('without %s: 503 and a log line that names it', async (_, bindings, message) => {
    const log = errors();
    const res = await fetchWith(bindings, 'https://app.test/api/v1/health');
    expect(res.status).toBe(503);
    expect(String(log.mock.calls[0][0])).toContain(message);
  });

  it('the cron does not run without PUBLIC_URL outside local development, and says why', async () => {
    const log = errors();
    const ctx = createExecutionContext();
    await expect(worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), { ...env, PUBLIC_URL: undefined } as unknown as Env, ctx)).rejects.toThrow();
    await waitOnExecutionContext(ctx);
    expect(String(log.mock.calls[0][0])).toContain('PUBLIC_URL is not set');
  });
});
