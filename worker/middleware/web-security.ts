import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { csrf } from 'hono/csrf';
import type { Context } from 'hono';
import type { AppEnv } from '../context';

const ONE_YEAR = 365 * 24 * 60 * 60;

/** A fresh nonce per response: the only inline code a page may carry is code that names it. */
const nonce = createMiddleware<AppEnv>(async (c, next) => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  c.set('cspNonce', btoa(String.fromCharCode(...bytes)));
  await next();
});

const withNonce = (c: Context) => `'nonce-${(c as Context<AppEnv>).get('cspNonce')}'`;

const headers = secureHeaders({
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
  strictTransportSecurity: `max-age=${ONE_YEAR}; includeSubDomains`,
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  // A response that sets its own policy keeps it (the letter document, framed by our own pages).
  overwrite: false,
});

/**
 * Forms are only accepted from our own pages: the browser's Sec-Fetch-Site says same-origin, or
 * (for browsers that do not send it) the Origin is ours. Anything else is refused before a handler runs.
 */
const forms = csrf({
  secFetchSite: 'same-origin',
  origin: (origin, c) => origin === new URL(c.req.url).origin || (!!c.env.PUBLIC_URL && origin === new URL(c.env.PUBLIC_URL).origin),
});

export const webSecurity = [nonce, headers, forms] as const;
