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
import { auditStatement } from '../../services/audit';
import { conflict } from '../../errors';
import { runBatch } from '../../db';
import { nl } from '../../../schema/i18n/nl';
import { SignConfirmPage } from '../../../web/pages/review';
import { chrome, page, seeOther } from './render';
import { formText } from './forms';

type C = Context<AppEnv>;

/** The dossier as it would be signed now (the route has allowed the approver to sign it). */
async function signable(c: C) {
  const { row, snapshot } = await buildSnapshot(c.var.db, c.var.advice.id);
  return { row, snapshot, p: c.var.principal as UserPrincipal, contentHash: await passkeys.letterContentHash(snapshot) };
}

async function confirmPage(c: C, found: Awaited<ReturnType<typeof signable>>, error: string | null = null, status = 200) {
  const { snapshot, p, contentHash, row } = found;
  const rp = passkeys.relyingParty(c.env, c.req.url);
  const options = await passkeys.assertionOptions(c.var.db, rp, p, c.var.session!.idHash, { kind: 'sign', adviceId: row.id, contentHash });
  return page(
    c,
    <SignConfirmPage
      chrome={chrome(c)}
      dossier={snapshot.dossier}
      signOff={snapshot.organisation.signOff}
      signatories={snapshot.organisation.signatories}
      signerName={p.name}
      contentHash={contentHash}
      options={options}
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
  const body = await c.req.parseBody();
  const shown = formText(body, 'contentHash');
  if (shown !== found.contentHash) {
    return { refused: await confirmPage(c, found, shown ? nl.web.review.signChanged : nl.web.review.signRefused, shown ? 409 : 403) };
  }
  const rp = passkeys.relyingParty(c.env, c.req.url);
  const purpose = { kind: 'sign' as const, adviceId: found.row.id, contentHash: found.contentHash };
  const result = await passkeys.verifyAssertion(c.var.db, rp, found.p.id, c.var.session!.idHash, purpose, formText(body, 'credential'));
  if (!result.ok) return { refused: await confirmPage(c, found, nl.web.review.signRefused, 403) };
  await runBatch(c.var.db, [
    result.touch,
    auditStatement(c.var.db, {
      orgId: found.row.orgId,
      actor: found.p,
      action: 'advice.sign-assertion',
      entity: 'advice',
      entityId: found.row.id,
      detail: { credentialId: result.credentialId, contentSha256: found.contentHash },
    }),
  ]);
  return { contentHash: found.contentHash, credentialId: result.credentialId };
}
