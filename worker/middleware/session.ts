import { createMiddleware } from 'hono/factory';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { resumeSession } from '../services/sessions';
import { withSpeculativeReads } from '../speculative';

/** `__Host-`: the browser only accepts it Secure, for this exact host, on Path=/ — no subdomain can plant one. */
export const SESSION_COOKIE = '__Host-session';

/** Resolves the session cookie to the same principal that the API gets from a token. */
export const sessionAuth = createMiddleware<AppEnv>(async (c, next) => {
  c.set('session', null);
  c.set('sessionExpired', false);
  const id = getCookie(c, SESSION_COOKIE);
  if (id) {
    // One round trip: the session together with the dossier the page is about (speculative.ts).
    const resumed = await resumeSession(c.var.db, id, Date.now(), (statement) => withSpeculativeReads(c, statement));
    if (resumed.kind === 'active') {
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

