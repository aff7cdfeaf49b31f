/** The approver signs: the letter's content is frozen, rendered once, stored, and recorded. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { advice, type AdviceRow } from '../../schema/advice';
import type { LetterSnapshot } from '../../schema/letter';
import { conflict, forbidden } from '../errors';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { signedMails } from './notifications';
import type { MailContext } from './mail-context';
import { letterContentHash } from './passkeys';
import { buildSnapshot } from './letter-snapshot';
import { runGuarded, transition } from './transitions';
import { signedViaValue, signedWithDetail, type SignedWith } from '../../schema/signing';

export type SignedLetter = { sha256: string; pages: number };

/**
 * Approving signs the letter: the content is frozen as a snapshot, the final letter is rendered
 * once and stored (by `storeLetter`, before the state change, under its hash), and the state change
 * records its hash. If anything fails before the batch, the dossier stays in review and can be
 * approved again; the batch only matches when nothing changed since the snapshot was taken.
 */
export async function approveAdvice(
  db: Db,
  p: UserPrincipal,
  d: AdviceRow,
  storeLetter: (snapshot: LetterSnapshot) => Promise<SignedLetter>,
  mail: MailContext,
  /**
   * The content the approver was shown and asserted with a fresh passkey assertion (web signing),
   * and the passkey that asserted it: anything else is not signed (409). Required for a web
   * session; an API token signs without it (API.md, docs/passkeys.md).
   */
  shown?: { contentHash: string; credentialId: string },
) {
  // Every signing records how it was made: the passkey assertion, or the API token (its id).
  const signedWith = signingMethod(p, shown);
  if (!signedWith) throw forbidden(nl.web.review.signRefused);
  if (d.status !== 'in_review') throw conflict(nl.states.notInReview);
  const signedAt = nowIso();
  const { row, snapshot } = await buildSnapshot(db, d.id, { at: signedAt, by: { id: p.id, name: p.name } });
  if (row.status !== 'in_review') throw conflict(nl.states.notInReview);
  if (row.approvalRequestedBy === p.id) throw forbidden(nl.states.fourEyes);
  if (shown && (await letterContentHash(snapshot)) !== shown.contentHash) throw conflict(nl.web.review.signChanged);
  const letter = await storeLetter(snapshot);
  const t = transition(
    db,
    row,
    'approve',
    { snapshot: JSON.stringify(snapshot), signedAt, signedBy: p.id, signedVia: signedViaValue(signedWith), letterSha256: letter.sha256, letterPages: letter.pages },
    // Nothing changed since the snapshot was taken: no transition (a return and a new request) in between.
    row.transitionId ? eq(advice.transitionId, row.transitionId) : undefined,
  );
  await runGuarded(
    db,
    [t.update, t.guard, t.audit(p, { sha256: letter.sha256, pages: letter.pages, ...signedWithDetail(signedWith) }), ...(await signedMails(db, mail, row, p, signedAt))],
    () => nl.states.notInReview,
  );
  return { status: 'signed' as const, letter: { ...letter, signedAt } };
}

/** How this principal signs: with the asserted passkey (web), or with the API token of the request. */
export function signingMethod(p: UserPrincipal, shown?: { credentialId: string }): SignedWith | null {
  if (shown) return { method: 'passkey', credentialId: shown.credentialId };
  if (p.via === 'token' && p.tokenId) return { method: 'token', tokenId: p.tokenId };
  return null;
}
