import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';
import type { Env } from '../../worker/env';
import { SoftAuthenticator, pageOptions } from './webauthn';

export const ORIGIN = 'https://app.test';

export type WebResult = { status: number; html: string; bytes: Uint8Array; headers: Headers; location: string | null; setCookie: string | null };

type Options = {
  cookie?: string | null;
  form?: Record<string, string | string[]> | FormData;
  headers?: Record<string, string>;
  /** Run against an app with these bindings changed (e.g. ENVIRONMENT, RESEND_API_KEY). */
  env?: Partial<Env>;
};

/** A browser-like request to a web page: same-origin form posts, no redirects followed. */
export async function web(method: string, path: string, opts: Options = {}): Promise<WebResult> {
  const headers: Record<string, string> = { accept: 'text/html', ...(opts.headers ?? {}) };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: BodyInit | undefined;
  if (opts.form instanceof FormData) body = opts.form;
  else if (opts.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    body = params;
  }
  if (method !== 'GET') {
    headers.origin ??= ORIGIN;
    headers['sec-fetch-site'] ??= 'same-origin';
  }
  const request = new Request(`${ORIGIN}${path}`, { method, headers, body, redirect: 'manual' });
  // The Worker's handler with an execution context that the test waits for: what a request does
  // after its answer (the sign-in mail is queued then) is done before the test's next step.
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...(env as unknown as Env), ...opts.env }, ctx);
  await waitOnExecutionContext(ctx);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, html: new TextDecoder().decode(bytes), bytes, headers: res.headers, location: res.headers.get('location'), setCookie: res.headers.get('set-cookie') };
}

/** The session cookie (name=value) from a Set-Cookie header. */
export function sessionCookie(setCookie: string | null): string {
  const m = setCookie?.match(/__Host-session=([^;]*)/);
  if (!m || !m[1]) throw new Error(`no session cookie in ${setCookie}`);
  return `__Host-session=${m[1]}`;
}

/** The newest sign-in mail to `email` in the outbox, with the tokens of its links. */
export async function latestSignInMail(email: string) {
  const row = await env.DB.prepare(`SELECT id, "to", subject, html, text FROM outbox WHERE kind = 'sign_in' AND "to" LIKE ? ORDER BY created_at DESC, rowid DESC LIMIT 1`)
    .bind(`%${email}%`)
    .first<{ id: string; to: string; subject: string; html: string; text: string }>();
  if (!row) return null;
  const tokens = [...new Set([...row.text.matchAll(/\/inloggen\/link\?token=([A-Za-z0-9_%-]+)/g)].map((m) => decodeURIComponent(m[1])))];
  return { ...row, tokens };
}

/**
 * Signs in through the real e-mail link flow and returns the session cookie. For approvers and
 * admins that session is still pending its passkey step (see signInByMail).
 */
export async function signInByLink(email: string, pick = 0): Promise<string> {
  // A client address per sign-in, so that the per-client rate limit never trips a test.
  const asked = await web('POST', '/inloggen', { form: { email }, headers: { 'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}` } });
  if (asked.status !== 200) throw new Error(`sign-in request: ${asked.status}`);
  const mail = await latestSignInMail(email);
  if (!mail) throw new Error(`no sign-in mail for ${email}`);
  const spent = await web('POST', '/inloggen/link', { form: { token: mail.tokens[pick] } });
  if (spent.status !== 303) throw new Error(`sign-in link: ${spent.status} ${spent.html.slice(0, 200)}`);
  return sessionCookie(spent.setCookie);
}

/** Each signed-in address's passkey (a software authenticator), created at its first sign-in. */
const authenticators = new Map<string, SoftAuthenticator>();
export const authenticatorOf = (email: string) => authenticators.get(email);

/**
 * Completes the passkey step of a pending session (approvers and admins): registers the address's
 * passkey the first time, asserts with it after that. Returns the full session's cookie; a cookie
 * that owes no passkey step comes back as it is.
 */
export async function completePasskey(email: string, cookie: string): Promise<string> {
  const home = await web('GET', '/', { cookie });
  if (home.location !== '/inloggen/passkey') return cookie;
  const step = await web('GET', '/inloggen/passkey', { cookie });
  if (step.status !== 200) throw new Error(`passkey page: ${step.status}`);
  const options = pageOptions(step.html);
  let authenticator = authenticators.get(email);
  let done: WebResult;
  if (step.html.includes('action="/inloggen/passkey/registreren"')) {
    authenticator = new SoftAuthenticator(ORIGIN);
    done = await web('POST', '/inloggen/passkey/registreren', { cookie, form: { credential: await authenticator.register(options) } });
    authenticators.set(email, authenticator);
  } else {
    if (!authenticator) throw new Error(`${email} has a passkey that this test run does not hold`);
    done = await web('POST', '/inloggen/passkey', { cookie, form: { credential: await authenticator.assert(options) } });
  }
  if (done.status !== 303) throw new Error(`passkey step: ${done.status} ${textOf(done.html).slice(0, 300)}`);
  return sessionCookie(done.setCookie);
}

/** Signs in as a browser would: the e-mail link, then (approvers and admins) the passkey. */
export async function signInByMail(email: string, pick = 0): Promise<string> {
  return completePasskey(email, await signInByLink(email, pick));
}

/** Signs an in-review dossier in the web app as the approver of `cookie`, with their passkey. */
export async function signWithPasskey(email: string, cookie: string, adviceId: string) {
  const confirm = await web('GET', `/adviezen/${adviceId}/ondertekenen`, { cookie });
  if (confirm.status !== 200) throw new Error(`sign page: ${confirm.status}`);
  const { contentHash } = formValues(confirm.html, `/adviezen/${adviceId}/ondertekenen`);
  const credential = await authenticators.get(email)!.assert(pageOptions(confirm.html));
  return web('POST', `/adviezen/${adviceId}/ondertekenen`, { cookie, form: { contentHash, credential } });
}

/** Form field values of the first form on a page whose action matches, as a browser would submit them (text inputs, hidden, checked radios, textareas). */
export function formValues(html: string, action: string | RegExp): Record<string, string> {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => {
    const a = f[1].match(/action="([^"]*)"/)?.[1] ?? '';
    return typeof action === 'string' ? decode(a) === action : action.test(decode(a));
  });
  if (!form) throw new Error(`no form with action ${action}`);
  const values: Record<string, string> = {};
  for (const m of form[2].matchAll(/<input\b([^>]*)>/g)) {
    const attrs = m[1];
    const name = attrs.match(/name="([^"]*)"/)?.[1];
    if (!name) continue;
    const type = attrs.match(/type="([^"]*)"/)?.[1] ?? 'text';
    if ((type === 'radio' || type === 'checkbox') && !/\schecked(=""|\s|$)/.test(attrs)) continue;
    if (type === 'submit' || type === 'file') continue;
    values[decode(name)] = decode(attrs.match(/value="([^"]*)"/)?.[1] ?? '');
  }
  for (const m of form[2].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = m[1].match(/name="([^"]*)"/)?.[1];
    if (name) values[decode(name)] = decode(m[2]).replace(/^\n/, '');
  }
  for (const m of form[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = m[1].match(/name="([^"]*)"/)?.[1];
    const selected = m[2].match(/<option[^>]*value="([^"]*)"[^>]*selected/)?.[1] ?? m[2].match(/<option[^>]*value="([^"]*)"/)?.[1] ?? '';
    if (name) values[decode(name)] = decode(selected);
  }
  return values;
}

export function decode(s: string) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Visible text of an HTML fragment, whitespace collapsed (for assertions on what a user reads). */
export function textOf(html: string) {
  return decode(
    html
      .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  ).trim();
}
