import { createMiddleware } from 'hono/factory';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { resumeSession } from '../services/sessions';
import { forbidden } from '../errors';
import { nl } from '../../schema/i18n/nl';

/** Where a session that still owes its passkey step may go: the sign-in pages, signing out, public pages. */
const OPEN_TO_PENDING = [/^\/inloggen(\/|$)/, /^\/uitloggen$/, /^\/verify$/, /^\/dev\//];
export const PASSKEY_PAGE = '/inloggen/passkey';
import { withSpeculativeReads } from '../speculative';

/** `__Host-`: the browser only accepts it Secure, for this exact host, on Path=/ — no subdomain can plant one. */
export const SESSION_COOKIE = '__Host-session';

/** Resolves the session cookie to the same principal that the API gets from a token. */
export const sessionAuth = createMiddleware<AppEnv>(async (c, next) => {
  c.set('session', null);
  c.set('sessionExpired', false);
  c.set('pendingPasskey', null);
  const id = getCookie(c, SESSION_COOKIE);
  if (id) {
    // One round trip: the session together with the dossier the page is about (speculative.ts).
    const resumed = await resumeSession(c.var.db, id, Date.now(), (statement) => withSpeculativeReads(c, statement));
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
    } else {
      clearSessionCookie(c);
      if (resumed.kind === 'expired') c.set('sessionExpired', true);
    }
  }
  await next();
});

export function setSessionCookie(c: Context, id: string) {
  setCookie(c, SESSION_COOKIE, id, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}

