import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';

export const PASSKEY_PAGE = '/inloggen/passkey';

/** `__Host-`: the browser only accepts it Secure, for this exact host, on Path=/ — no subdomain can plant one. */
export const SESSION_COOKIE = '__Host-session';

export function setSessionCookie(c: Context, id: string) {
  setCookie(c, SESSION_COOKIE, id, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}
