/**
 * An approver's or admin's own API tokens (docs/passkeys.md). A token acts with its user's role, so
 * one of an approver signs letters: it is issued only right after a fresh passkey assertion of the
 * user themself (purpose `token`, bound to this session, spent by its first try), shown once, and
 * recorded with the passkey that asserted it. An organisation admin cannot issue one for them.
 */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { nl } from '../../../schema/i18n/nl';
import * as passkeys from '../../services/passkeys';
import { issueOwnToken, listTokens, revokeOwnToken } from '../../services/token-issuance';
import { forbidden } from '../../errors';
import { needsPasskey } from '../../policy';
import { nowIso } from '../../../schema/dates';
import { OwnTokensPage } from '../../../web/pages/own-tokens';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { formText } from './forms';

type C = Context<AppEnv>;
const t = nl.security.ownTokens;
const PAGE = '/mijn/api-tokens';

/** Approvers and admins only: the others get their tokens from their organisation's admin. */
function owner(c: C): UserPrincipal {
  const p = c.var.principal as UserPrincipal;
  if (!needsPasskey(p.role)) throw forbidden(t.onlyPasskeyRoles);
  return p;
}

async function tokensPage(c: C, p: UserPrincipal, extra: Partial<Parameters<typeof OwnTokensPage>[0]> = {}, status = 200) {
  const rp = passkeys.relyingParty(c.env, c.req.url);
  const [options, tokens] = await Promise.all([passkeys.assertionOptions(c.var.db, rp, p, c.var.session!.idHash, { kind: 'token' }), listTokens(c.var.db, p.id)]);
  const notice = c.req.query('ingetrokken') !== undefined ? t.revokedNotice : null;
  return page(c, <OwnTokensPage chrome={chrome(c)} tokens={tokens} options={options} now={nowIso()} notice={notice} {...extra} />, status);
}

/** The optional expiry: empty, or 1 to 730 days (as the API's createTokenShape). */
function expiryDays(raw: string): { ok: true; days: number | undefined } | { ok: false } {
  if (raw.trim() === '') return { ok: true, days: undefined };
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 730 ? { ok: true, days: n } : { ok: false };
}

export function registerOwnTokenRoutes(app: WebApp) {
  webRoute(app, 'get', PAGE, 'user', async (c) => tokensPage(c, owner(c)));

  webRoute(app, 'post', PAGE, 'user', async (c) => {
    const p = owner(c);
    const body = await c.req.parseBody();
    const expiresInDays = formText(body, 'expiresInDays');
    const expiry = expiryDays(expiresInDays);
    if (!expiry.ok) return tokensPage(c, p, { expiresError: t.expiresInvalid, expiresInDays }, 422);
    // A post without a fresh assertion for this purpose, by this user in this session, issues nothing.
    const rp = passkeys.relyingParty(c.env, c.req.url);
    const asserted = await passkeys.verifyAssertion(c.var.db, rp, p.id, c.var.session!.idHash, { kind: 'token' }, formText(body, 'credential'));
    if (!asserted.ok) return tokensPage(c, p, { error: t.refused, expiresInDays }, 403);
    const created = await issueOwnToken(c.var.db, p, expiry.days, { credentialId: asserted.credentialId, touch: asserted.touch });
    return tokensPage(c, p, { created: { id: created.id, token: created.token } });
  });

  webRoute(app, 'post', `${PAGE}/:tokenId/intrekken`, 'user', async (c) => {
    await revokeOwnToken(c.var.db, owner(c), c.req.param('tokenId') ?? '');
    return seeOther(c, `${PAGE}?ingetrokken`);
  });
}
