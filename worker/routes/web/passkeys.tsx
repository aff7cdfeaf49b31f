/**
 * The passkey step of the web sign-in for approvers and admins (docs/passkeys.md). After the e-mail
 * link (or the local demo button) their session is only pending: a user without a passkey
 * registers one, a user with one confirms with it. Only then is the session full (a new session id).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import * as sessions from '../../services/sessions';
import * as passkeys from '../../services/passkeys';
import { auditStatement } from '../../services/audit';
import { setSessionCookie } from '../../middleware/session';
import { PasskeyPage } from '../../../web/pages/passkey';
import { nl } from '../../../schema/i18n/nl';
import { notFound } from '../../errors';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { formText } from './forms';

type C = Context<AppEnv>;
type Pending = NonNullable<AppEnv['Variables']['pendingPasskey']>;

const t = nl.web.passkey;

/** The same page on localhost, for a visitor who came by IP address (WebAuthn needs a domain). */
function localhostUrl(c: C) {
  const url = new URL(c.req.url);
  url.hostname = 'localhost';
  url.pathname = '/inloggen';
  url.search = '';
  return url.toString();
}

async function passkeyPage(c: C, pending: Pending, step: 'register' | 'assert', error: string | null = null, status = 200) {
  const rp = passkeys.relyingParty(c.env, c.req.url);
  const { user, session } = pending;
  let options: unknown = null;
  if (!passkeys.isIpHost(rp.id)) {
    options =
      step === 'register'
        ? await passkeys.registrationOptions(c.var.db, rp, user, session.idHash)
        : await passkeys.assertionOptions(c.var.db, rp, user, session.idHash, { kind: 'sign-in' });
  }
  return page(
    c,
    <PasskeyPage chrome={chrome(c)} step={step} name={user.name} role={user.role} options={options} ipHostUrl={localhostUrl(c)} error={error} />,
    status,
  );
}

/** The session becomes full: a new id (the pending one ends), marked as passkey-verified. */
async function completeSignIn(c: C, pending: Pending, extra: NonNullable<Parameters<typeof sessions.startSession>[4]>['extra']) {
  const id = await sessions.startSession(c.var.db, pending.user.id, Date.now(), undefined, {
    passkeyVerified: true,
    previousHash: pending.session.idHash,
    extra,
  });
  if (!id) throw notFound();
  setSessionCookie(c, id);
  return seeOther(c, '/');
}

export function registerPasskeyRoutes(app: WebApp) {
  webRoute(app, 'get', '/inloggen/passkey', 'public', async (c) => {
    const pending = c.var.pendingPasskey;
    if (!pending) return seeOther(c, c.var.principal ? '/' : '/inloggen');
    return passkeyPage(c, pending, pending.step);
  });

  webRoute(app, 'post', '/inloggen/passkey/registreren', 'public', async (c) => {
    const pending = c.var.pendingPasskey;
    if (!pending) return seeOther(c, c.var.principal ? '/' : '/inloggen');
    // A link from the mailbox may register a first passkey, never add one beside an existing one.
    if (pending.step !== 'register') return passkeyPage(c, pending, 'assert', t.alreadyRegistered, 409);
    const rp = passkeys.relyingParty(c.env, c.req.url);
    const credential = formText(await c.req.parseBody(), 'credential');
    const result = await passkeys.verifyRegistration(c.var.db, rp, pending.user.id, pending.session.idHash, credential);
    if (!result.ok) return passkeyPage(c, pending, 'register', t.registerRefused, 400);
    return completeSignIn(c, pending, [
      result.insert,
      auditStatement(c.var.db, {
        orgId: pending.user.orgId,
        actor: pending.user,
        action: 'passkey.register',
        entity: 'user',
        entityId: pending.user.id,
        detail: { credentialId: result.credentialId },
      }),
    ]);
  });

  webRoute(app, 'post', '/inloggen/passkey', 'public', async (c) => {
    const pending = c.var.pendingPasskey;
    if (!pending) return seeOther(c, c.var.principal ? '/' : '/inloggen');
    if (pending.step !== 'assert') return passkeyPage(c, pending, 'register');
    const rp = passkeys.relyingParty(c.env, c.req.url);
    const credential = formText(await c.req.parseBody(), 'credential');
    const result = await passkeys.verifyAssertion(c.var.db, rp, pending.user.id, pending.session.idHash, { kind: 'sign-in' }, credential);
    if (!result.ok) return passkeyPage(c, pending, 'assert', t.refused, 403);
    return completeSignIn(c, pending, [result.touch]);
  });
}
