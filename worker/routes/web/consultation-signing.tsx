/**
 * Signing the integral list in the web app: a fresh passkey assertion bound to this consultation
 * and the SHA-256 of the list's content as shown (the same ceremony as for a letter,
 * passkey-signing.ts). Nothing is signed without it (403) or when the content changed (409).
 */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { buildListSnapshot, listContentHash, signList } from '../../services/consultation-list';
import { approveList } from '../../services/consultation-review';
import { signingSubject } from '../../services/passkeys';
import { mailContext } from '../../services/mail-context';
import { conflict } from '../../errors';
import { nl } from '../../../schema/i18n/nl';
import { ListSignConfirmPage } from '../../../web/pages/consultation-sign';
import { verifyUrl } from '../letter';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { checkSigningPost, signingOptions, type Signable } from './passkey-signing';

type C = Context<AppEnv>;

/** The list as it would be signed now, for an approver the route's policy allowed to sign it. */
async function signable(c: C) {
  const { scope, snapshot } = await buildListSnapshot(c.var.db, c.var.consultation.id);
  const p = c.var.principal as UserPrincipal;
  const signing: Signable = {
    subject: signingSubject.consultation(scope.id),
    contentHash: await listContentHash(snapshot),
    p,
    orgId: scope.orgId,
    entity: 'consultation',
    entityId: scope.id,
  };
  return { scope, snapshot, signing };
}

async function confirmPage(c: C, found: Awaited<ReturnType<typeof signable>>, error: string | null = null, status = 200) {
  const { snapshot, signing } = found;
  return page(
    c,
    <ListSignConfirmPage
      chrome={chrome(c)}
      consultation={snapshot.consultation}
      signOff={snapshot.organisation.signOff}
      signatories={snapshot.organisation.signatories}
      contentHash={signing.contentHash}
      options={await signingOptions(c, signing)}
      error={error}
    />,
    status,
  );
}

export function registerConsultationSigningRoutes(app: WebApp) {
  const approve = { policy: 'user', load: 'consultationRow', action: 'approve' } as const;
  webRoute(app, 'get', '/consultaties/:id/ondertekenen', approve, async (c) => {
    const found = await signable(c);
    if (found.scope.status !== 'in_review') return seeOther(c, `/consultaties/${found.scope.id}`);
    return confirmPage(c, found);
  });

  webRoute(app, 'post', '/consultaties/:id/ondertekenen', approve, async (c) => {
    const found = await signable(c);
    if (found.scope.status !== 'in_review') throw conflict(nl.consultations.states.notInReview);
    // Nothing is signed without a fresh passkey assertion for this list and the content shown.
    const asserted = await checkSigningPost(c, found.signing, (error, status) => confirmPage(c, found, error, status));
    if ('refused' in asserted) return asserted.refused;
    await approveList(c.var.db, found.signing.p, found.scope, (snapshot) => signList(c.env, snapshot, { verifyUrl: verifyUrl(c) }), mailContext(c.env, c.req.url), {
      contentHash: asserted.contentHash,
      credentialId: asserted.credentialId,
    });
    return seeOther(c, `/consultaties/${found.scope.id}?ondertekend`);
  });
}
