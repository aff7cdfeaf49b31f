import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;
import { csrf } from 'hono/csrf';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { publicOrigin } from '../env';

const ONE_YEAR = 365 * 24 * 60 * 60;

const withNonce = (c: Context) => `'nonce-${(c as Context<AppEnv>).get('cspNonce')}'`;

const common: SecureHeadersOptions = {
  strictTransportSecurity: `max-age=${ONE_YEAR}; includeSubDomains`,
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  // A response that sets its own policy keeps it (the letter document, framed by our own pages;
  // a mail in the local mailbox, sandboxed).
  overwrite: false,
};

/** The pages' set: a nonce CSP (the only inline code a page may carry names this response's nonce). */
const pageHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: [withNonce],
    styleSrc: ["'self'", withNonce],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
});

/** The API's set: nothing in an answer may load or run anything; never stored by any cache. */
const apiHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
});

const isApiPath = (path: string) => path.startsWith('/api/');

/**
 * One set of security headers for every answer of the Worker, registered before anything else so
 * that it also covers error pages, problem answers, and answers of routes registered early (the
 * local mailbox, /verify). Pages get a fresh CSP nonce; every /api answer (errors included) is
 * `no-store`: it may carry a dossier, a token or a letter.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  if (isApiPath(c.req.path)) {
    await apiHeaders(c, next);
    c.res.headers.set('Cache-Control', 'no-store');
    return;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  c.set('cspNonce', btoa(String.fromCharCode(...bytes)));
  await pageHeaders(c, next);
});

/**
 * Forms are only accepted from our own pages: the browser's Sec-Fetch-Site says same-origin, or
 * (for browsers that do not send it) the Origin is ours. Anything else is refused before a handler runs.
 */
const forms = csrf({
  secFetchSite: 'same-origin',
  origin: (origin, c) => origin === publicOrigin(c.env, c.req.url),
});

export const webSecurity = [forms] as const;
