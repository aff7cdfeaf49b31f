/**
 * Signing a letter in the web app asks for a fresh passkey assertion bound to that dossier and the
 * SHA-256 of the letter content that the approver was shown (what you see is what you sign).
 *
 * The confirmation page shows the letter, its content hash and a one-time challenge for exactly
 * that dossier and hash. The POST is refused, and nothing signed, unless it carries an assertion
 * with one of the approver's own passkeys answering that challenge (403), and unless the dossier's
 * content still hashes to what was shown (409, with the new content to read).
 */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { buildSnapshot } from '../../services/letter-snapshot';
import * as passkeys from '../../services/passkeys';
import { conflict } from '../../errors';
import { nl } from '../../../schema/i18n/nl';
import { SignConfirmPage } from '../../../web/pages/review';
import { chrome, page, seeOther } from './render';
import { checkSigningPost, signingOptions, type Signable } from './passkey-signing';

type C = Context<AppEnv>;

/** The dossier as it would be signed now (the route has allowed the approver to sign it). */
async function signable(c: C) {
  const { row, snapshot } = await buildSnapshot(c.var.db, c.var.advice.id);
  const p = c.var.principal as UserPrincipal;
  const signing: Signable = {
    subject: passkeys.signingSubject.advice(row.id),
    contentHash: await passkeys.letterContentHash(snapshot),
    p,
    orgId: row.orgId,
    entity: 'advice',
    entityId: row.id,
  };
  return { row, snapshot, p, signing };
}

async function confirmPage(c: C, found: Awaited<ReturnType<typeof signable>>, error: string | null = null, status = 200) {
  const { snapshot, p, signing } = found;
  return page(
    c,
    <SignConfirmPage
      chrome={chrome(c)}
      dossier={snapshot.dossier}
      signOff={snapshot.organisation.signOff}
      signatories={snapshot.organisation.signatories}
      signerName={p.name}
      contentHash={signing.contentHash}
      options={await signingOptions(c, signing)}
      error={error}
    />,
    status,
  );
}

/** GET /adviezen/:id/ondertekenen: what is signed, and the passkey confirmation for exactly that. */
export async function signConfirmPage(c: C) {
  const found = await signable(c);
  if (found.row.status !== 'in_review') return seeOther(c, `/adviezen/${found.row.id}`);
  return confirmPage(c, found);
}

/**
 * For the start of POST /adviezen/:id/ondertekenen: a page refusing the signing (nothing signed),
 * or the content hash that the post's valid fresh assertion was for. The approval then signs only
 * that content (approveAdvice's `shown`), however the dossier changed in between.
 */
export async function verifySigningAssertion(c: C): Promise<{ refused: Response } | { contentHash: string; credentialId: string }> {
  const found = await signable(c);
  if (found.row.status !== 'in_review') throw conflict(nl.states.notInReview);
  return checkSigningPost(c, found.signing, (error, status) => confirmPage(c, found, error, status));
}
