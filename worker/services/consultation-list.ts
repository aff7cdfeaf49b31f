/**
 * The integral list as a document: the snapshot it is built from, the concept rendered on request,
 * the signed list rendered once and stored in R2 under its SHA-256, and its verification. The same
 * arrangement as the letter (letter.ts).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Env } from '../env';
import type { Db } from '../db';
import { consultations } from '../../schema/consultations';
import { organisations } from '../../schema/organisations';
import { buildListModel, type ListOptions, type ListSnapshot } from '../../schema/list-model';
import { renderListHtml } from '../../web/list/list-document';
import { sha256Hex } from '../lib/crypto';
import { AppError, notFound } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { organisationView } from './organisations';
import { CONTENT_TYPES, type LetterDocument, type LetterFormat, type Verification } from './letter';
import { consultationOf, consultationQuery, type ConsultationRow, type ConsultationScope } from './consultations';

export type { ListSnapshot };
export type SignedList = { sha256: string; pages: number };

/** pdfmake and its fonts load on first use, once per isolate (as for the letter). */
const renderListPdf: typeof import('../list/pdf').renderListPdf = async (model) => (await import('../list/pdf')).renderListPdf(model);

/** R2 keys of a signed list: content-addressed, so a stored list can never be replaced by another. */
export const listKey = (sha256: string, format: LetterFormat) => `lists/${sha256}.${format}`;

/** The snapshot as it would be signed now (previews before signing, and at signing), in one round trip. */
export async function buildListSnapshot(db: Db, id: string, signed?: { at: string; by: { id: string; name: string } }) {
  const [head, orgs] = await db.batch([
    consultationQuery(db, id),
    db
      .select({ org: organisations })
      .from(organisations)
      .innerJoin(consultations, eq(consultations.orgId, organisations.id))
      .where(eq(consultations.id, id)),
  ]);
  const read = consultationOf(head);
  const org = orgs[0]?.org;
  if (!read || !org) throw notFound();
  const snapshot: ListSnapshot = {
    consultation: read.consultation,
    organisation: organisationView(org),
    signedAt: signed?.at ?? null,
    signedBy: signed?.by ?? null,
  };
  return { scope: read.scope, read, snapshot };
}

/**
 * The SHA-256 of the list's content as the approver sees it: the consultation (remarks, responses
 * with their versions) and the organisation (letterhead, signatories), without the signing moment.
 */
export function listContentHash(snapshot: ListSnapshot): Promise<string> {
  const { consultation, organisation } = snapshot;
  return sha256Hex(JSON.stringify({ consultation, organisation }));
}

export function frozenListSnapshot(row: ConsultationRow): ListSnapshot | null {
  return row.snapshot ? (JSON.parse(row.snapshot) as ListSnapshot) : null;
}

/**
 * Renders the final list of a snapshot once and stores the PDF and the frozen HTML in R2 under the
 * PDF's hash. Runs before the state change that records the hash: if anything here fails the
 * consultation stays in review; an object stored for a signing that then loses its race is inert.
 */
export async function signList(env: Env, snapshot: ListSnapshot, options: ListOptions = {}): Promise<SignedList> {
  if (!snapshot.signedAt) throw new Error('signList needs a snapshot with its signing moment');
  const model = buildListModel(snapshot, options);
  const pdf = await renderListPdf(model);
  const html = renderListHtml(model);
  const sha256 = await sha256Hex(pdf.bytes);
  const customMetadata = { title: snapshot.consultation.title, consultationId: snapshot.consultation.id };
  await Promise.all([
    env.DOCUMENTS.put(listKey(sha256, 'pdf'), pdf.bytes, { httpMetadata: { contentType: CONTENT_TYPES.pdf }, customMetadata }),
    env.DOCUMENTS.put(listKey(sha256, 'html'), html, { httpMetadata: { contentType: CONTENT_TYPES.html }, customMetadata }),
  ]);
  return { sha256, pages: pdf.pages };
}

/** The ETag of a signed list (its hash), or null before signing. */
export function signedListEtag(row: ConsultationRow, format: LetterFormat): string | null {
  if (!row.signedAt || !row.listSha256) return null;
  return `"${row.listSha256}${format === 'html' ? '-html' : ''}"`;
}

/** The list of a consultation: signed, exactly the stored bytes; before that, a concept of the list as it stands. */
export async function listDocument(env: Env, db: Db, row: ConsultationScope, format: LetterFormat, options: ListOptions = {}): Promise<LetterDocument> {
  if (row.signedAt && row.listSha256) {
    const stored = await env.DOCUMENTS.get(listKey(row.listSha256, format));
    if (!stored) {
      console.error('signed list missing from storage', row.id, row.listSha256, format);
      throw new AppError(500, 'Internal Server Error', nl.consultations.list.storedMissing);
    }
    const snapshot = frozenListSnapshot(row);
    return { body: stored.body, filename: buildListModel(snapshot!, options).filenames[format], etag: signedListEtag(row, format), signed: true };
  }
  const { snapshot } = await buildListSnapshot(db, row.id);
  const model = buildListModel(snapshot, options);
  const body = format === 'pdf' ? (await renderListPdf(model)).bytes : renderListHtml(model);
  return { body, filename: model.filenames[format], etag: null, signed: false };
}

/** Titles compare as a person reads them: whatever the case and the spacing. */
const sameTitle = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether a signed list has exactly this SHA-256 (and, if given, this title as its reference). Public. */
export async function verifyList(db: Db, query: { sha256: string; reference?: string }): Promise<Verification> {
  const sha256 = query.sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) return { valid: false };
  const [found] = await db
    .select({ row: consultations, orgName: organisations.name, orgSlug: organisations.slug })
    .from(consultations)
    .innerJoin(organisations, eq(organisations.id, consultations.orgId))
    .where(and(eq(consultations.listSha256, sha256), isNotNull(consultations.signedAt)))
    .limit(1);
  if (!found || !found.row.signedAt) return { valid: false };
  const reference = query.reference?.trim();
  if (reference && !sameTitle(reference, found.row.title)) return { valid: false };
  const snapshot = frozenListSnapshot(found.row);
  // The list names the signatories as they were at signing.
  const signatories = (snapshot?.organisation.signatories ?? []).map(({ title, name }) => ({ title, name }));
  return { valid: true, document: 'list', organisation: { name: found.orgName, slug: found.orgSlug }, reference: found.row.title, signedAt: found.row.signedAt, signatories };
}
