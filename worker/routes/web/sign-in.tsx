import type { AppEnv } from '../../context';
import type { Context } from 'hono';
import { isLocalDevelopment, requestOrigin } from '../../env';
import { fieldErrors } from '../../../schema/zod';
import { signInRequestShape } from '../../../schema/users';
import * as sessions from '../../services/sessions';
import { renderSignInEmail } from '../../../web/emails/sign-in';
import { SignInConfirmPage, SignInInvalidPage, SignInPage, SignInSentPage } from '../../../web/pages/sign-in';
import { getCookie } from 'hono/cookie';
import { PASSKEY_PAGE, SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../middleware/session';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { notFound } from '../../errors';
import { formText } from './forms';

type C = Context<AppEnv>;

async function demoUsers(c: C) {
  return isLocalDevelopment(c.env) ? sessions.listDemoUsers(c.var.db) : null;
}

const baseUrl = (c: C) => requestOrigin(c.env, c.req.url);

/** Work that runs on after the answer (awaited where there is no execution context: app.request). */
function afterAnswer(c: C, work: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    return work;
  }
}

async function signIn(c: C, userId: string) {
  const id = await sessions.startSession(c.var.db, userId, Date.now(), getCookie(c, SESSION_COOKIE));
  if (!id) throw notFound();
  setSessionCookie(c, id);
  return seeOther(c, '/');
}

export function registerSignInRoutes(app: WebApp) {
  webRoute(app, 'get', '/', 'public', (c) => seeOther(c, c.var.principal ? '/adviezen' : '/inloggen'));

  webRoute(app, 'get', '/login', 'public', (c) => seeOther(c, '/inloggen'));

  webRoute(app, 'get', '/inloggen', 'public', async (c) => {
    if (c.var.principal) return seeOther(c, '/adviezen');
    if (c.var.pendingPasskey) return seeOther(c, PASSKEY_PAGE);
    const notice = c.req.query('uitgelogd') !== undefined ? 'signedOut' : c.var.sessionExpired ? 'expired' : null;
    return page(c, <SignInPage chrome={chrome(c)} notice={notice} demoUsers={await demoUsers(c)} />);
  });

  webRoute(app, 'post', '/inloggen', 'public', async (c) => {
    const body = await c.req.parseBody();
    const parsed = signInRequestShape.safeParse({ email: formText(body, 'email') });
    if (!parsed.success) {
      return page(
        c,
        <SignInPage chrome={chrome(c)} email={formText(body, 'email')} errors={fieldErrors(parsed.error)} demoUsers={await demoUsers(c)} />,
        422,
      );
    }
    const { email } = parsed.data;
    const accepted = await sessions.requestSignIn(
      c.var.db,
      { email, client: c.req.header('cf-connecting-ip') ?? 'unknown', baseUrl: baseUrl(c), now: Date.now() },
      renderSignInEmail,
      // After the answer, so that a known address is not told apart from an unknown one by time.
      (work) => afterAnswer(c, work.catch((err: unknown) => console.error('sign-in: the link could not be queued', err))),
    );
    return page(c, <SignInSentPage chrome={chrome(c)} email={email} limited={!accepted} />, accepted ? 200 : 429);
  });

  // Mail scanners follow links with GET: this only shows a button, the POST below spends the token.
  webRoute(app, 'get', '/inloggen/link', 'public', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = token ? await sessions.peekLoginToken(c.var.db, token, Date.now()) : null;
    if (!found) return page(c, <SignInInvalidPage chrome={chrome(c)} />, 400);
    return page(c, <SignInConfirmPage chrome={chrome(c)} token={token} name={found.name} orgName={found.orgName} />);
  });

  webRoute(app, 'post', '/inloggen/link', 'public', async (c) => {
    const token = formText(await c.req.parseBody(), 'token');
    const userId = token ? await sessions.spendLoginToken(c.var.db, token, Date.now()) : null;
    if (!userId) return page(c, <SignInInvalidPage chrome={chrome(c)} />, 400);
    return signIn(c, userId);
  });

  // Local development only: sign in as a demo user with one click. Absent wherever a Resend key is set.
  webRoute(app, 'post', '/inloggen/demo', 'public', async (c) => {
    if (!isLocalDevelopment(c.env)) throw notFound();
    return signIn(c, formText(await c.req.parseBody(), 'userId'));
  });

  webRoute(app, 'post', '/uitloggen', 'public', async (c) => {
    const session = c.var.session ?? c.var.pendingPasskey?.session;
    if (session) await sessions.endSession(c.var.db, session.idHash);
    clearSessionCookie(c);
    return seeOther(c, '/inloggen?uitgelogd');
  });
}
