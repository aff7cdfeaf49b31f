/**
 * SEAMS to the letter and delivery features (built beside the web app). The pages call only these
 * functions; when those features land, their bodies change and nothing else does.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { frozenSnapshot, type AdviceRow, type LetterSnapshot } from '../../services/advice';
import type { Db } from '../../db';
import type { UserPrincipal } from '../../context';
import { listDossierMails, sendSignedLetterProvisional } from '../../services/send-provisional';
import { LetterPreview } from '../../../web/components/letter-preview';

/**
 * SEAM (letter feature): the letter as HTML, exactly as it will be sent, from the one letter model.
 * Until the letter feature's HTML renderer is merged, the pages show the web's own rendering of the
 * same snapshot (items, responses, statuses, sign-off).
 */
export function renderLetterHtml(snapshot: LetterSnapshot): string {
  return renderToStaticMarkup(<LetterPreview snapshot={snapshot} />);
}

/**
 * SEAM (letter feature): the signed PDF, byte for byte as signed, or null while there is none.
 * The letter feature stores it in R2 at `letters/<sha256>.pdf` (the key delivery attaches from);
 * until it lands, signing stores no PDF and the page says so.
 */
export async function signedLetterPdf(documents: R2Bucket, letterSha256: string | null): Promise<ArrayBuffer | null> {
  if (!letterSha256) return null;
  const object = await documents.get(`letters/${letterSha256}.pdf`);
  return object ? object.arrayBuffer() : null;
}

/**
 * SEAM (delivery feature): queue the signed letter to the council's recipients. When the delivery
 * feature is merged this becomes
 *   sendAdvice(db, env.DOCUMENTS, mailContext(env, url), p, row)   (worker/services/send.ts)
 * and the mail list below becomes listDeliveries(db, adviceId) (worker/services/deliveries.ts).
 */
export async function sendSignedLetter(db: Db, p: UserPrincipal, row: AdviceRow) {
  const snapshot = frozenSnapshot(row);
  const html = snapshot ? `<!doctype html><html lang="nl"><body>${renderLetterHtml(snapshot)}</body></html>` : '';
  const text = snapshot ? letterText(snapshot) : '';
  return sendSignedLetterProvisional(db, p, row, { html, text });
}

/** The letter's mails of a dossier (the page's "Verzending"): not the acknowledgements and notices queued earlier. */
export const dossierMails = async (db: Db, adviceId: string) => (await listDossierMails(db, adviceId)).filter((m) => m.kind === 'letter');

function letterText(s: LetterSnapshot) {
  const lines = [s.organisation.name, '', s.council.salutation, '', s.dossier.title, ''];
  for (const item of s.dossier.items) {
    lines.push(`${item.kind === 'question' ? 'Vraag' : 'Advies'} ${item.number}`, item.text, '', item.response?.text ?? '', '');
  }
  lines.push('Hoogachtend,', s.organisation.signOff, ...s.organisation.signatories.map((x) => `${x.title}, ${x.name}`));
  return lines.join('\n');
}
