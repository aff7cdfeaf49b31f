import { and, eq, isNotNull } from 'drizzle-orm';
import type { Env } from '../env';
import type { Db } from '../db';
import { advice } from '../../schema/advice';
import { organisations } from '../../schema/organisations';
import type { AdviceRow } from '../../schema/advice';
import type { LetterSnapshot } from '../../schema/letter';
import { buildSnapshot, frozenSnapshot } from './letter-snapshot';
import type { SignedLetter } from './approval';
import { buildLetterModel, letterFilename, type LetterOptions } from '../../schema/letter-model';
import { renderLetterHtml } from '../../web/letter/letter-document';
import { sha256Hex } from '../lib/crypto';
import { AppError } from '../errors';
import { nl } from '../../schema/i18n/nl';

export type LetterFormat = 'pdf' | 'html';

/**
 * pdfmake, pdfkit, fontkit and the fonts load on first use, once per isolate: requests that
 * never render a letter do not pay for them when the Worker starts.
 */
const renderLetterPdf: typeof import('../letter/pdf').renderLetterPdf = async (model) => (await import('../letter/pdf')).renderLetterPdf(model);

export const CONTENT_TYPES: Record<LetterFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** R2 keys of a signed letter: content-addressed, so a stored letter can never be replaced by another. */
export const letterKey = (sha256: string, format: LetterFormat) => `letters/${sha256}.${format}`;

/**
 * Renders the final letter of a snapshot once and stores the PDF and the frozen HTML in R2 under
 * the PDF's hash. Runs before the state change that records the hash: if anything here fails the
 * dossier stays in review and can be approved again; an object stored for a signing that then
 * loses its race is inert (nothing refers to it, and verification reads the database).
 */
export async function signLetter(env: Env, snapshot: LetterSnapshot, options: LetterOptions = {}): Promise<SignedLetter> {
  if (!snapshot.signedAt) throw new Error('signLetter needs a snapshot with its signing moment');
  const model = buildLetterModel(snapshot, options);
  const pdf = await renderLetterPdf(model);
  const html = renderLetterHtml(model);
  const sha256 = await sha256Hex(pdf.bytes);
  const customMetadata = { reference: snapshot.dossier.reference ?? '', adviceId: snapshot.dossier.id };
  await Promise.all([
    env.DOCUMENTS.put(letterKey(sha256, 'pdf'), pdf.bytes, { httpMetadata: { contentType: CONTENT_TYPES.pdf }, customMetadata }),
    env.DOCUMENTS.put(letterKey(sha256, 'html'), html, { httpMetadata: { contentType: CONTENT_TYPES.html }, customMetadata }),
  ]);
  return { sha256, pages: pdf.pages };
}

export type LetterDocument = {
  body: ReadableStream | Uint8Array | string;
  filename: string;
  /** Signed letters are immutable: the hash is their ETag. */
  etag: string | null;
  signed: boolean;
};

/** The ETag of a signed letter (its hash), or null before signing. */
export function signedLetterEtag(row: AdviceRow, format: LetterFormat): string | null {
  if (!row.signedAt || !row.letterSha256) return null;
  return `"${row.letterSha256}${format === 'html' ? '-html' : ''}"`;
}

/**
 * The letter of a dossier. Signed: exactly the stored bytes, never rendered again. Not yet
 * signed: a concept rendered from the dossier as it stands.
 */
export async function letterDocument(env: Env, db: Db, row: AdviceRow, format: LetterFormat, options: LetterOptions = {}): Promise<LetterDocument> {
  if (row.signedAt && row.letterSha256) {
    const stored = await env.DOCUMENTS.get(letterKey(row.letterSha256, format));
    if (!stored) {
      console.error('signed letter missing from storage', row.id, row.letterSha256, format);
      throw new AppError(500, 'Internal Server Error', nl.letter.storedMissing);
    }
    return { body: stored.body, filename: letterFilename(row.reference, false, format), etag: signedLetterEtag(row, format), signed: true };
  }
  const { snapshot } = await buildSnapshot(db, row.id);
  const model = buildLetterModel(snapshot, options);
  const body = format === 'pdf' ? (await renderLetterPdf(model)).bytes : renderLetterHtml(model);
  return { body, filename: model.filenames[format], etag: null, signed: false };
}

export type Verification =
  | { valid: false }
  | {
      valid: true;
      /** What was signed: a dossier's letter, or a consultation's integral list. */
      document: 'letter' | 'list';
      organisation: { name: string; slug: string };
      reference: string;
      signedAt: string;
      signatories: { title: string; name: string }[];
    };

/** Whether a signed letter has exactly this SHA-256 (and, if given, this reference). Public. */
export async function verifyLetter(db: Db, query: { sha256: string; reference?: string }): Promise<Verification> {
  const sha256 = query.sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) return { valid: false };
  const reference = query.reference?.trim();
  const conditions = [eq(advice.letterSha256, sha256), isNotNull(advice.signedAt)];
  if (reference) conditions.push(eq(advice.reference, reference.toUpperCase()));
  const [found] = await db
    .select({ row: advice, orgName: organisations.name, orgSlug: organisations.slug })
    .from(advice)
    .innerJoin(organisations, eq(organisations.id, advice.orgId))
    .where(and(...conditions))
    .limit(1);
  if (!found || !found.row.reference || !found.row.signedAt) return { valid: false };
  const snapshot = frozenSnapshot(found.row);
  // The letter names the signatories as they were at signing, not as the organisation has them now.
  const signatories = (snapshot?.organisation.signatories ?? []).map(({ title, name }) => ({ title, name }));
  return {
    valid: true,
    document: 'letter',
    organisation: { name: found.orgName, slug: found.orgSlug },
    reference: found.row.reference,
    signedAt: found.row.signedAt,
    signatories,
  };
}
