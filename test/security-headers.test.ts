import { env, exports } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createWorld, type World, dossierIn, mailsOf, signInByMail, ORIGIN } from './support';
import { createApp } from '../worker/app';
import type { Env } from '../worker/env';

/**
 * The route walk: every route of the route table (API and web), called by nobody and by signed-in
 * users of several roles, in production and in local development, and the error pages; every HTML
 * answer must carry the one set of security headers, and every /api answer `no-store` and `nosniff`.
 */

/** Local development (`npm start`): the mailbox and the demo sign-in exist. */
const DEVELOPMENT: Partial<Env> = { ENVIRONMENT: 'development', PUBLIC_URL: undefined };

type Who = { cookie?: string; token?: string };

async function call(method: string, path: string, who: Who = {}, opts: { env?: Partial<Env>; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { accept: path.startsWith('/api/') ? 'application/json' : 'text/html', ...(opts.headers ?? {}) };
  if (who.cookie) headers.cookie = who.cookie;
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (method !== 'GET' && !path.startsWith('/api/')) {
    headers.origin ??= ORIGIN;
    headers['sec-fetch-site'] ??= 'same-origin';
  }
  const request = new Request(`${ORIGIN}${path}`, { method, headers, body: opts.body, redirect: 'manual' });
  let res: Response;
  if (opts.env) {
    const ctx = createExecutionContext();
    res = await createApp().fetch(request, { ...(env as unknown as Env), ...opts.env }, ctx);
    await waitOnExecutionContext(ctx);
  } else {
    res = await exports.default.fetch(request);
  }
  const text = await res.text();
  return Object.assign(res, { text: () => Promise.resolve(text), body_: text });
}

const isHtml = (res: Response) => (res.headers.get('content-type') ?? '').startsWith('text/html');

/** What every HTML answer must carry; the names of what is missing or wrong. */
function htmlHeaderProblems(res: Response & { body_: string }): string[] {
  const h = (name: string) => res.headers.get(name) ?? '';
  const problems: string[] = [];
  const csp = h('content-security-policy');
  // The page's own inline style and scripts name the nonce of this answer's policy, or they would not run.
  for (const m of res.body_.matchAll(/<(?:style|script)[^>]*\snonce="([^"]*)"/g)) if (!csp.includes(`'nonce-${m[1]}'`)) problems.push('nonce not in csp');
  if (!/default-src '(none|self)'/.test(csp)) problems.push('csp default-src');
  if (!/frame-ancestors '(none|self)'/.test(csp)) problems.push('csp frame-ancestors');
  if (!/base-uri 'none'/.test(csp) && !/sandbox/.test(csp)) problems.push('csp base-uri');
  if (/script-src[^;]*'unsafe-inline'/.test(csp)) problems.push('csp unsafe-inline script');
  if (!['DENY', 'SAMEORIGIN'].includes(h('x-frame-options'))) problems.push('x-frame-options');
  if (h('x-content-type-options') !== 'nosniff') problems.push('nosniff');
  if (!/^max-age=\d{8,}/.test(h('strict-transport-security'))) problems.push('hsts');
  if (h('referrer-policy') !== 'no-referrer') problems.push('referrer-policy');
  return problems;
}

function apiHeaderProblems(res: Response & { body_: string }): string[] {
  const problems: string[] = [];
  if (res.headers.get('cache-control') !== 'no-store') problems.push(`cache-control: ${res.headers.get('cache-control')}`);
  if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push('nosniff');
  return problems;
}

let w: World;
let sent: { id: string; items: { id: string }[] };
let mailId: string;
const who: Record<string, Who> = {};

/** A route pattern with real ids in it. */
function fill(pattern: string) {
  const mailbox = pattern.includes('/dev/outbox');
  return pattern
    .replace(':slug', w.slug)
    .replace(':id', mailbox ? mailId : sent.id)
    .replace(':itemId', sent.items[0].id)
    .replace(':mailId', mailId)
    .replace(':userId', w.ids.official2)
    .replace(':councilId', w.councilId)
    .replace(':tokenId', crypto.randomUUID())
    .replace(':n', '0');
}

const app = createApp();
const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
const webRoutes = routes.filter((r) => !r.split(' ')[1].startsWith('/api/'));
const apiRoutes = routes.filter((r) => r.split(' ')[1].startsWith('/api/'));

beforeAll(async () => {
  w = await createWorld('HDR');
  sent = await dossierIn(w, 'sent');
  mailId = (await mailsOf(sent.id))[0].id;
  who.anon = {};
  who.official = { cookie: await signInByMail(`official@${w.slug}.example`) };
  who.admin = { cookie: await signInByMail(`admin@${w.slug}.example`) };
  who.member = { cookie: await signInByMail(`council_member@${w.slug}.example`) };
}, 120_000);

describe('every HTML answer carries the one set of security headers', () => {
  it('walks every web route of the route table, signed in or not, in production and in local development', async () => {
    expect(webRoutes.length).toBeGreaterThan(30);
    const bad: Record<string, string[]> = {};
    let html = 0;
    // Signing out last: it ends the session it is called with.
    const order = [...webRoutes.filter((r) => r !== 'POST /uitloggen'), 'POST /uitloggen'];
    for (const route of order) {
      const [method, pattern] = route.split(' ');
      for (const [name, caller] of Object.entries(who)) {
        for (const [label, environment] of [['production', undefined], ['development', DEVELOPMENT]] as const) {
          const res = await call(method, fill(pattern), caller, { env: environment, body: method === 'POST' ? new URLSearchParams({ x: '1' }) : undefined });
          if (!isHtml(res)) continue;
          html++;
          const problems = htmlHeaderProblems(res);
          if (problems.length) bad[`${route} as ${name} (${label}): ${res.status}`] = problems;
        }
      }
    }
    expect(bad).toEqual({});
    expect(html).toBeGreaterThan(100);
  });

  it('on the error pages too: not found, forbidden, a refused cross-site form, too large, and an internal error', async () => {
    const brokenDb = {
      prepare: () => {
        throw new Error('kapot');
      },
      batch: () => Promise.reject(new Error('kapot')),
      exec: () => Promise.reject(new Error('kapot')),
      dump: () => Promise.reject(new Error('kapot')),
      withSession: () => {
        throw new Error('kapot');
      },
    } as unknown as D1Database;
    const pages = {
      notFound: await call('GET', '/bestaat-niet'),
      forbidden: await call('GET', `/organisaties/${w.slug}/beheer`, { cookie: await signInByMail(`official@${w.slug}.example`) }),
      crossSite: await call('POST', '/inloggen', {}, { body: new URLSearchParams({ email: 'x@example.test' }), headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }),
      tooLarge: await call('POST', '/inloggen', {}, { body: new URLSearchParams({ email: 'x'.repeat(1_100_000) }) }),
      internal: await call('GET', `/verify?sha256=${'a'.repeat(64)}`, {}, { env: { DB: brokenDb } }),
    };
    expect(Object.fromEntries(Object.entries(pages).map(([k, r]) => [k, r.status]))).toEqual({ notFound: 404, forbidden: 403, crossSite: 403, tooLarge: 413, internal: 500 });
    for (const [name, res] of Object.entries(pages)) {
      expect(isHtml(res), name).toBe(true);
      expect(htmlHeaderProblems(res), name).toEqual([]);
    }
  });
});

describe('every /api answer is no-store and nosniff', () => {
  it('walks every API route of the route table with no token, a user token and the platform token, errors included', async () => {
    expect(apiRoutes.length).toBeGreaterThan(25);
    const bad: Record<string, string[]> = {};
    const statuses = new Set<number>();
    for (const route of apiRoutes) {
      const [method, pattern] = route.split(' ');
      for (const [name, token] of [['anon', undefined], ['official', w.tokens.official], ['platform', ADMIN]] as const) {
        for (const [label, environment] of [['production', undefined], ['development', DEVELOPMENT]] as const) {
          const body = ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined;
          const res = await call(method, fill(pattern), { token }, { env: environment, body, headers: body ? { 'content-type': 'application/json' } : {} });
          statuses.add(res.status);
          const problems = [...apiHeaderProblems(res), ...(isHtml(res) ? htmlHeaderProblems(res) : [])];
          if (problems.length) bad[`${route} as ${name} (${label}): ${res.status}`] = problems;
        }
      }
    }
    expect(bad).toEqual({});
    // Successes and the common errors were all among them.
    for (const s of [200, 401, 403, 404, 409, 422]) expect(statuses, String(s)).toContain(s);
  });

  it('on the answers no route gives: unknown path, malformed token, wrong media type, too large, bad JSON', async () => {
    const answers = {
      unknown: await call('GET', '/api/v1/bestaat-niet'),
      malformedToken: await call('GET', `/api/v1/advice/${sent.id}`, {}, { headers: { authorization: 'Basic eA==' } }),
      mediaType: await call('POST', '/api/v1/organisations', { token: ADMIN }, { body: 'x', headers: { 'content-type': 'text/plain' } }),
      tooLarge: await call('POST', '/api/v1/organisations', { token: ADMIN }, { body: JSON.stringify({ x: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } }),
      badJson: await call('POST', '/api/v1/organisations', { token: ADMIN }, { body: '{', headers: { 'content-type': 'application/json' } }),
      letter: await call('GET', `/api/v1/advice/${sent.id}/letter.pdf`, { token: w.tokens.official }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({
      unknown: 404,
      malformedToken: 401,
      mediaType: 415,
      tooLarge: 413,
      badJson: 422,
      letter: 200,
    });
    for (const [name, res] of Object.entries(answers)) expect(apiHeaderProblems(res), name).toEqual([]);
  });
});
