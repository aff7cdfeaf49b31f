/**
 * SEAMS to the letter and delivery features (built beside the web app). The pages call only these
 * functions; when those features land, their bodies change and nothing else does.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { AdviceRow, LetterSnapshot } from '../../services/advice';
import type { Db } from '../../db';
import type { UserPrincipal } from '../../context';
import type { Env } from '../../env';
import { listDossierMails } from '../../services/send-provisional';
import { sendAdvice } from '../../services/send';
import { mailContext } from '../../services/mail-context';
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
 * The delivery feature: queue the signed letter to the council's recipients, exactly as the API's
 * send does (one mail per recipient, the official in cc, the signed PDF attached).
 * SEAM still open: the mail list below becomes listDeliveries(db, adviceId) (worker/services/deliveries.ts).
 */
export async function sendSignedLetter(env: Env, requestUrl: string, db: Db, p: UserPrincipal, row: AdviceRow) {
  return sendAdvice(db, env.DOCUMENTS, mailContext(env, requestUrl), p, row);
}

export const dossierMails = (db: Db, adviceId: string) => listDossierMails(db, adviceId);
