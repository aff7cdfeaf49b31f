import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../context';
import { AppError, isTransientD1Error } from '../../errors';
import { nl } from '../../../schema/i18n/nl';
import { webSecurity } from '../../middleware/web-security';
import { ErrorPage } from '../../../web/pages/error';
import { SignInPage } from '../../../web/pages/sign-in';
import { chrome, page } from './render';
import { isWebPath, type WebApp } from './route';
import { registerSignInRoutes } from './sign-in';
import { registerPasskeyRoutes } from './passkeys';
import { registerAdviceWebRoutes } from './advice';
import { registerResponseWebRoutes } from './responses';
import { registerAdminWebRoutes } from './admin';
import { registerImportWebRoutes } from './imports';
import { registerPublicWebRoutes } from './public';
import { registerPublicConsultationWebRoutes } from './public-consultations';
import { registerConsultationPublicationWebRoutes } from './consultation-publication';
import { registerPublicationWebRoutes } from './publication';
import { registerOwnTokenRoutes } from './own-tokens';
import { registerFiguresWebRoutes } from './figures';
import { registerConsultationWebRoutes } from './consultations';
import { limitBody } from '../../middleware/api-guards';
import { authenticate } from '../../middleware/authenticate';

/** Middleware that only runs for the web pages, never for the JSON API. */
const webOnly =
  (mw: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isWebPath(c.req.path) ? mw(c, next) : next();

export function registerWebRoutes(app: WebApp) {
  for (const mw of webSecurity) app.use('*', webOnly(mw));
  // Forms are small: the same 1 MiB limit as the API (a logo is at most 200 kB); a letter to read, 10 MiB.
  app.use('*', webOnly(limitBody));
  registerSignInRoutes(app);
  registerPasskeyRoutes(app);
  // Before the dossier routes: /adviezen/registreren is no dossier id.
  registerImportWebRoutes(app);
  registerAdviceWebRoutes(app);
  registerResponseWebRoutes(app);
  registerAdminWebRoutes(app);
  registerPublicationWebRoutes(app);
  // Before the public dossier routes: /openbaar/:slug/:id would take /openbaar/:slug/consultaties.
  registerPublicConsultationWebRoutes(app);
  registerPublicWebRoutes(app);
  registerOwnTokenRoutes(app);
  registerFiguresWebRoutes(app);
  registerConsultationWebRoutes(app);
  registerConsultationPublicationWebRoutes(app);
}

export const isWebRequest = (c: Context) => isWebPath(new URL(c.req.url).pathname);

/** The web's one error path: a page in Dutch for every domain error (forms handle their own 422s). */
export async function webErrorResponse(c: Context<AppEnv>, err: unknown): Promise<Response> {
  // Errors thrown before the web middleware ran (none today) still get a nonce.
  if (!c.get('cspNonce')) c.set('cspNonce', btoa(String(Math.random())));
  const e = nl.web.errors;
  const show = (title: string, message: string, status: number) => page(c, <ErrorPage chrome={chrome(c)} title={title} message={message} />, status);

  if (err instanceof AppError) {
    if (err.status === 401) return signInAgain(c);
    if (err.status === 403) return show(e.forbiddenTitle, err.detail, 403);
    if (err.status === 404) return show(e.notFoundTitle, e.notFoundText, 404);
    if (err.status === 409) return show(e.conflictTitle, err.detail, 409);
    if (err.status === 413) return show(e.tooLargeTitle, err.detail === nl.problems.tooLarge ? e.tooLargeText : err.detail, 413);
    if (err.status === 503) return show(e.unavailableTitle, err.detail, 503);
    if (err.status < 500) return show(e.conflictTitle, err.detail, err.status);
  }
  if (err instanceof HTTPException && err.status === 403) return show(e.csrfTitle, e.csrfText, 403);
  if (err instanceof HTTPException && err.status === 413) return show(e.tooLargeTitle, e.tooLargeText, 413);
  if (isTransientD1Error(err)) return show(e.unavailableTitle, nl.problems.unavailable, 503);
  console.error('unhandled error', c.req.path, err);
  return show(e.internalTitle, nl.problems.internal, 500);
}

export async function webNotFound(c: Context<AppEnv>) {
  // No route matched, so no route resolved the session: do it here, for the page's chrome only.
  await authenticate('web')(c, async () => {}).catch(() => undefined);
  return webErrorResponse(c, new AppError(404, 'Not Found', nl.problems.notFound));
}

/**
 * Not signed in (or no longer). A GET goes to the sign-in page and comes back; a POST shows what was
 * typed, because a session that ran out must not cost anyone their text.
 */
async function signInAgain(c: Context<AppEnv>) {
  if (c.req.method === 'GET') return c.redirect('/inloggen', 303);
  let rescued: { label: string; value: string }[] = [];
  try {
    const body = await c.req.parseBody();
    rescued = Object.entries(body)
      .filter(([k, v]) => typeof v === 'string' && v.trim().length > 0 && !/^(version|token|action|status|kind|councilId)$|\.kind$/.test(k))
      .map(([k, v]) => ({ label: rescuedLabel(k), value: v as string }))
      .filter((r) => r.value.length > 2);
  } catch {
    /* no readable form: nothing to rescue */
  }
  return page(c, <SignInPage chrome={chrome(c)} notice="expired" rescued={rescued} />, 401);
}

/** A readable label for a posted field name (items.2.text → "Onderdeel 3"). */
function rescuedLabel(name: string) {
  const item = name.match(/^items\.(\d+)\.(text|section)$/);
  if (item) return `${nl.web.advice.item(Number(item[1]) + 1)}: ${item[2] === 'text' ? nl.web.advice.itemText : nl.web.advice.itemSection}`;
  const known: Record<string, string> = {
    text: nl.web.dossier.responseText,
    title: nl.web.advice.title,
    intro: nl.web.advice.intro,
    policyDocument: nl.web.advice.policyDocument,
    comment: nl.web.review.returnLabel,
  };
  return known[name] ?? name;
}
