/**
 * Signing a document in the web app (a dossier's letter, a consultation's list) asks for a fresh
 * passkey assertion bound to that document and the SHA-256 of the content the approver was shown
 * (what you see is what you sign). These are the two halves every signing page shares: the
 * challenge for the confirmation page, and the check of the post that answers it.
 */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import * as passkeys from '../../services/passkeys';
import { auditStatement } from '../../services/audit';
import { runBatch } from '../../db';
import { nl } from '../../../schema/i18n/nl';
import { formText } from './forms';

type C = Context<AppEnv>;

/** A document as it would be signed now, by an approver allowed to sign it. */
export type Signable = {
  /** passkeys.signingSubject of the document. */
  subject: string;
  /** SHA-256 of the content shown: posted back and bound into the challenge. */
  contentHash: string;
  p: UserPrincipal;
  orgId: string;
  /** The audit entity of the document (`advice`, `consultation`) and its id. */
  entity: string;
  entityId: string;
};

/** The WebAuthn request options with a one-time challenge for exactly this document and content. */
export function signingOptions(c: C, s: Signable) {
  const rp = passkeys.relyingParty(c.env, c.req.url);
  return passkeys.assertionOptions(c.var.db, rp, s.p, c.var.session!.idHash, { kind: 'sign', subject: s.subject, contentHash: s.contentHash });
}

/**
 * The check at the start of a signing post: a page refusing the signing (nothing signed: no fresh
 * assertion 403, content changed since it was shown 409), or the content hash that the post's valid
 * fresh assertion was for, and the passkey that made it (recorded as how the document was signed).
 * The caller then signs only that content, however the document changed.
 */
export async function checkSigningPost(
  c: C,
  s: Signable,
  refusedPage: (error: string, status: 403 | 409) => Promise<Response>,
): Promise<{ refused: Response } | { contentHash: string; credentialId: string }> {
  const body = await c.req.parseBody();
  const shown = formText(body, 'contentHash');
  if (shown !== s.contentHash) {
    return { refused: await refusedPage(shown ? nl.web.review.signChanged : nl.web.review.signRefused, shown ? 409 : 403) };
  }
  const rp = passkeys.relyingParty(c.env, c.req.url);
  const purpose = { kind: 'sign' as const, subject: s.subject, contentHash: s.contentHash };
  const result = await passkeys.verifyAssertion(c.var.db, rp, s.p.id, c.var.session!.idHash, purpose, formText(body, 'credential'));
  if (!result.ok) return { refused: await refusedPage(nl.web.review.signRefused, 403) };
  await runBatch(c.var.db, [
    result.touch,
    auditStatement(c.var.db, {
      orgId: s.orgId,
      actor: s.p,
      action: `${s.entity}.sign-assertion`,
      entity: s.entity,
      entityId: s.entityId,
      detail: { credentialId: result.credentialId, contentSha256: s.contentHash },
    }),
  ]);
  return { contentHash: s.contentHash, credentialId: result.credentialId };
}
