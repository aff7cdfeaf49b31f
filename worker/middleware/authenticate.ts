/**
 * Who is calling: an API token (`Authorization: Bearer …`, the API) or a session cookie (the web),
 * resolved to one principal that the policies judge. In the same D1 batch as the credential it
 * reads what the route declared it loads (routing.ts), limited to the credential's organisation,
 * so a request costs one round trip for both and a failed credential reads no dossier.
 */
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { runBatch } from '../db';
import { forbidden, unauthorized } from '../errors';
import { sha256, toHex } from '../lib/crypto';
import { nl } from '../../schema/i18n/nl';
import { tokenPrincipal, tokenQuery, tokenScope } from '../services/api-tokens';
import { resumeSession } from '../services/sessions';
import type { Scope } from '../services/dossier-read';
import { loadQueries } from '../services/loads';
import type { Load } from '../../schema/loads';
import { clearSessionCookie, PASSKEY_PAGE, SESSION_COOKIE } from './session';

export type Caller = 'api' | 'web';

/** Where a session that still owes its passkey step may go: the sign-in pages, signing out, public pages. */
const OPEN_TO_PENDING = [/^\/inloggen(\/|$)/, /^\/uitloggen$/, /^\/verify$/, /^\/dev\//, /^\/openbaar(\/|$)/, /^\/robots\.txt$/];

export const authenticate = (caller: Caller, load?: Load) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const loads = load ? (scope: Scope) => loadQueries(c.var.db, load, c.req.param('id') ?? '', scope) : null;
    const redirect = caller === 'api' ? await bearer(c, loads) : await session(c, loads);
    if (redirect) return redirect;
    await next();
  });

type Loads = ((scope: Scope) => ReturnType<typeof loadQueries>) | null;

/** The digest of the platform's ADMIN_TOKEN, computed once per isolate (and per value). */
const adminDigests = new Map<string, Promise<ArrayBuffer>>();

async function bearer(c: Context<AppEnv>, loads: Loads) {
  c.set('principal', null);
  const header = c.req.header('authorization');
  if (!header) return;
  // Unknown or malformed credentials are 401, never anonymous.
  const token = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) throw unauthorized();
  // The digest serves both the constant-time comparison with the admin token's and the lookup of API tokens.
  const digest = await sha256(token);
  const admin = c.env.ADMIN_TOKEN;
  if (admin) {
    let adminDigest = adminDigests.get(admin);
    if (!adminDigest) adminDigests.set(admin, (adminDigest = sha256(admin)));
    if (crypto.subtle.timingSafeEqual(digest, await adminDigest)) {
      c.set('principal', { kind: 'platform' });
      return;
    }
  }
  const db = c.var.db;
  const hash = toHex(digest);
  const load = loads?.(tokenScope(db, hash));
  const [rows, ...results] = await runBatch(db, [tokenQuery(db, hash), ...(load?.statements ?? [])]);
  const principal = tokenPrincipal((rows as Awaited<ReturnType<typeof tokenQuery>>)[0]);
  if (!principal) throw unauthorized();
  c.set('principal', principal);
  if (load) c.set('loaded', load.read(results));
}

async function session(c: Context<AppEnv>, loads: Loads) {
  c.set('principal', null);
  c.set('session', null);
  c.set('sessionExpired', false);
  c.set('pendingPasskey', null);
  const id = getCookie(c, SESSION_COOKIE);
  if (!id) return;
  let load: ReturnType<typeof loadQueries> | undefined;
  const { resumed, results } = await resumeSession(c.var.db, id, Date.now(), (scope) => (load = loads?.(scope))?.statements ?? []);
  if (resumed.kind === 'active' && resumed.passkeyStep !== 'none') {
    // Approvers and admins: nothing but the passkey step until it is done.
    c.set('pendingPasskey', { user: resumed.principal, session: resumed.session, step: resumed.passkeyStep });
    if (!OPEN_TO_PENDING.some((r) => r.test(c.req.path))) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(PASSKEY_PAGE, 303);
      throw forbidden(nl.web.passkey.required);
    }
  } else if (resumed.kind === 'active') {
    c.set('principal', resumed.principal);
    c.set('session', resumed.session);
    if (load) c.set('loaded', load.read(results));
  } else {
    clearSessionCookie(c);
    if (resumed.kind === 'expired') c.set('sessionExpired', true);
  }
}
