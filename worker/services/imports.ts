/**
 * Importing an advice letter: the original is stored unchanged in R2 (with its SHA-256), read, and
 * answered with a proposed split. Nothing here creates advice: a person checks the proposal and
 * then creates (council) or registers (official) the advice, naming the import; that batch makes
 * the import the dossier's source document (attachImport).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { guard, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import { imports, MAX_IMPORT_BYTES, type ImportRow, type ImportView } from '../../schema/imports';
import { advice } from '../../schema/advice';
import { nl } from '../../schema/i18n/nl';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors';
import { newId, sha256Hex } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { auditStatement } from './audit';
import { isImportType, readLetter, type ImportType, type Reading } from './import/read';
import { UnreadableFile } from './import/errors';

const t = nl.imports.problems;

/** Who may upload a letter to read: the people who create or register advice, and approvers. */
const UPLOADERS: readonly UserPrincipal['role'][] = ['official', 'approver', 'council_member', 'council_secretary'];
/** Who may read any import of the organisation (besides its uploader). */
const READERS: readonly UserPrincipal['role'][] = ['official', 'approver'];

export const originalKey = (id: string) => `imports/${id}/original`;
/** What was read from it (paragraphs, proposal, warnings), for the page that shows both side by side. */
export const readingKey = (id: string) => `imports/${id}/reading.json`;

/**
 * The media type an upload claims, without parameters, if it is one the import reads. Plain text
 * must be UTF-8: another charset is refused as a type we do not take (415).
 */
export function importTypeOf(header: string | undefined | null): ImportType {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (!isImportType(type)) throw new AppError(415, 'Unsupported Media Type', t.unsupportedType);
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (type === 'text/plain' && charset && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) throw new AppError(415, 'Unsupported Media Type', t.notUtf8);
  return type;
}

/** A file name as given, without any path, control characters or quotes; at most 200 characters. */
export function cleanFilename(name: string | null | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || null;
}

export type ImportFile = { bytes: Uint8Array; contentType: string | null | undefined; filename: string | null | undefined };
export type ImportResult = ImportView & { reading: Reading };

const view = (row: ImportRow, reading: Pick<Reading, 'draft' | 'warnings'>): ImportView => ({
  id: row.id,
  filename: row.filename,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  draft: reading.draft,
  warnings: reading.warnings,
});

/**
 * Stores the original and what was read from it, then records the import (its row and the audit
 * entry in one batch). Objects stored for a request whose batch then fails are inert: nothing
 * refers to them.
 */
export async function createImport(db: Db, bucket: R2Bucket, p: UserPrincipal, file: ImportFile): Promise<ImportResult> {
  if (!UPLOADERS.includes(p.role)) throw forbidden(t.uploadRoles);
  const type = importTypeOf(file.contentType);
  if (file.bytes.length > MAX_IMPORT_BYTES) throw new AppError(413, 'Content Too Large', t.tooLarge);
  if (file.bytes.length === 0) throw invalid([{ path: '', message: t.empty }], t.empty);
  let reading: Reading;
  try {
    reading = await readLetter(file.bytes, type);
  } catch (err) {
    if (err instanceof UnreadableFile) throw invalid([{ path: '', message: err.message }], err.message);
    throw err;
  }
  const row: ImportRow = {
    id: newId(),
    orgId: p.orgId,
    uploadedBy: p.id,
    filename: cleanFilename(file.filename),
    contentType: type,
    size: file.bytes.length,
    sha256: await sha256Hex(file.bytes),
    adviceId: null,
    createdAt: nowIso(),
  };
  const customMetadata = { sha256: row.sha256, orgId: row.orgId, importId: row.id };
  await bucket.put(originalKey(row.id), file.bytes, { httpMetadata: { contentType: type === 'text/plain' ? 'text/plain; charset=utf-8' : type }, sha256: row.sha256, customMetadata });
  await bucket.put(readingKey(row.id), JSON.stringify(reading), { httpMetadata: { contentType: 'application/json' }, customMetadata });
  await runBatch(db, [
    db.insert(imports).values(row),
    auditStatement(db, {
      orgId: p.orgId,
      actor: p,
      action: 'import.create',
      entity: 'import',
      entityId: row.id,
      detail: { filename: row.filename, contentType: type, size: row.size, sha256: row.sha256, items: reading.draft.items.length },
    }),
  ]);
  return { ...view(row, reading), reading };
}

export async function loadImport(db: Db, id: string): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id)).limit(1);
  return row ?? null;
}

/** Whether the caller may read this import: its uploader, or an official or approver of its organisation. */
export const mayReadImport = (p: UserPrincipal, row: ImportRow) => row.orgId === p.orgId && (row.uploadedBy === p.id || READERS.includes(p.role));

/** The import, for someone who may read it; 404 for anyone else (another organisation's import does not exist). */
export async function importFor(db: Db, p: UserPrincipal, id: string): Promise<ImportRow> {
  const row = await loadImport(db, id);
  if (!row || !mayReadImport(p, row)) throw notFound();
  return row;
}

/** The original's bytes, exactly as uploaded. */
export async function originalOf(bucket: R2Bucket, row: ImportRow): Promise<R2ObjectBody> {
  const object = await bucket.get(originalKey(row.id));
  if (!object) {
    console.error('imported original missing from storage', row.id);
    throw new AppError(500, 'Internal Server Error', nl.problems.internal);
  }
  return object;
}

/** What was read from the import (for the page beside the proposal). */
export async function readingOf(bucket: R2Bucket, row: ImportRow): Promise<Reading> {
  const object = await bucket.get(readingKey(row.id));
  if (!object) throw new AppError(500, 'Internal Server Error', nl.problems.internal);
  return (await object.json()) as Reading;
}

/** The import view again (the API's answer), from what was stored. */
export async function importView(bucket: R2Bucket, row: ImportRow): Promise<ImportView> {
  return view(row, await readingOf(bucket, row));
}

/**
 * An import that advice is about to be made from: readable by the caller, not yet any dossier's.
 * A council member may only use their own uploads (they could not read anyone else's).
 */
export async function usableImport(db: Db, p: UserPrincipal, importId: string): Promise<ImportRow> {
  const row = await loadImport(db, importId);
  if (!row || !mayReadImport(p, row)) throw invalid([{ path: 'importId', message: t.unknownImport }]);
  if (row.adviceId) {
    const [used] = await db.select({ reference: advice.reference }).from(advice).where(eq(advice.id, row.adviceId));
    throw conflict(t.importUsed(used?.reference ?? null), { adviceId: row.adviceId });
  }
  return row;
}

/**
 * Statements for the batch that creates the dossier: the import becomes its source document, only
 * while it is nobody else's (the guard fails the whole batch when another request took it first).
 */
export function attachImport(db: Db, importId: string, adviceId: string, orgId: string) {
  return [
    db
      .update(imports)
      .set({ adviceId })
      .where(and(eq(imports.id, importId), eq(imports.orgId, orgId), isNull(imports.adviceId))),
    guard(db, sql`EXISTS (SELECT 1 FROM imports WHERE id = ${importId} AND advice_id = ${adviceId})`),
  ] as const;
}

/** The source document of a dossier, if it has one. */
export async function sourceOfAdvice(db: Db, adviceId: string): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.adviceId, adviceId)).limit(1);
  return row ?? null;
}

/** The headers that serve an original: its own type, as a download, never run or sniffed. */
export function originalHeaders(row: ImportRow): Record<string, string> {
  const ext = row.contentType === 'application/pdf' ? 'pdf' : row.contentType === 'text/plain' ? 'txt' : 'docx';
  const name = row.filename ?? `advies.${ext}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return {
    'content-type': row.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : row.contentType,
    'content-length': String(row.size),
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    etag: `"${row.sha256}"`,
  };
}
