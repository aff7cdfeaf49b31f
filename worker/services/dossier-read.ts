/**
 * Reading dossiers: one advice row, a whole dossier (its row, council, signer, items and their
 * responses); the lists are in advice-list.ts. A route declares which of the first two it needs
 * (worker/routing.ts, services/loads.ts); the authentication middleware reads it in the same D1
 * batch as the caller's credential, limited to the credential's organisation (`Scope`).
 */
import { and, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import {
  advice,
  adviceItems,
  responses,
  type AdviceRow,
  type Dossier,
} from '../../schema/advice';
import { councils } from '../../schema/organisations';
import { imports } from '../../schema/imports';
import { users } from '../../schema/users';

/** A subquery of the organisation ids the caller's credential belongs to (none when it is not valid). */
export type Scope = SQLWrapper;

export type DossierRead = { row: AdviceRow; dossier: Dossier };

const signer = alias(users, 'signer');
/**
 * A column under its own name in the result. D1 answers a batch's rows as objects keyed by column
 * name, so two joined columns of the same name (a council's and a signer's `name`) would collide:
 * every joined column that shares a name with another in its select gets an alias.
 */
const named = <T>(column: SQLWrapper, as: string) => sql<T>`${column}`.as(as);

const inScope = (scope?: Scope) => (scope ? inArray(advice.orgId, scope) : undefined);

export function rowQuery(db: Db, id: string, scope?: Scope) {
  return db
    .select()
    .from(advice)
    .where(and(eq(advice.id, id), inScope(scope)))
    .limit(1);
}

/**
 * A dossier's items, each with its response and the name of whoever wrote it last, as one JSON
 * array of the API's items in the dossier's own row: the whole dossier is one statement, and its
 * items need no mapping row by row. (Raw SQL in Drizzle's template: Drizzle has no JSON aggregate.)
 */
const itemsJson = sql<string>`(SELECT json_group_array(json_object(
    'id', ${adviceItems.id}, 'kind', ${adviceItems.kind}, 'number', ${adviceItems.number}, 'section', ${adviceItems.section}, 'text', ${adviceItems.text},
    'response', json(CASE WHEN ${responses.itemId} IS NULL THEN NULL ELSE json_object(
      'text', ${responses.text}, 'status', ${responses.status}, 'version', ${responses.version}, 'updatedAt', ${responses.updatedAt},
      'updatedBy', json_object('id', ${responses.updatedBy}, 'name', coalesce(${users.name}, ''))) END)
  ) ORDER BY ${adviceItems.position})
  FROM ${adviceItems} LEFT JOIN ${responses} ON ${responses.itemId} = ${adviceItems.id} LEFT JOIN ${users} ON ${users.id} = ${responses.updatedBy}
  WHERE ${adviceItems.adviceId} = ${advice.id})`;

/** The whole dossier: its row, council, signer and items, in one statement (see dossierOf). */
export function dossierQuery(db: Db, id: string, scope?: Scope) {
  return db
    .select({
      a: advice,
      councilName: named<string>(councils.name, 'council_name'),
      signerName: named<string | null>(signer.name, 'signer_name'),
      items: itemsJson.as('items'),
      // The original letter it was registered or written from (issue 14).
      sourceId: named<string | null>(imports.id, 'source_id'),
      sourceFilename: named<string | null>(imports.filename, 'source_filename'),
      sourceType: named<string | null>(imports.contentType, 'source_type'),
      sourceSize: named<number | null>(imports.size, 'source_size'),
      sourceSha256: named<string | null>(imports.sha256, 'source_sha256'),
    })
    .from(advice)
    .innerJoin(councils, eq(councils.id, advice.councilId))
    .leftJoin(signer, eq(signer.id, advice.signedBy))
    .leftJoin(imports, eq(imports.adviceId, advice.id))
    .where(and(eq(advice.id, id), inScope(scope)));
}

type Head = Awaited<ReturnType<typeof dossierQuery>>;

export function dossierOf(head: Head): DossierRead | null {
  const [found] = head;
  if (!found) return null;
  const { a, councilName, signerName, sourceId, sourceFilename, sourceType, sourceSize, sourceSha256 } = found;
  const dossier: Dossier = {
    id: a.id,
    status: a.status,
    title: a.title,
    policyDocument: a.policyDocument,
    kind: a.kind,
    letterDate: a.letterDate,
    councilReference: a.councilReference,
    intro: a.intro,
    reference: a.reference,
    receivedOn: a.receivedOn,
    dueOn: a.dueOn,
    returnComment: a.returnComment,
    council: { id: a.councilId, name: councilName },
    items: JSON.parse(found.items) as Dossier['items'],
    letter:
      a.signedAt && a.letterSha256
        ? { sha256: a.letterSha256, pages: a.letterPages ?? 0, signedAt: a.signedAt, signedBy: { id: a.signedBy ?? '', name: signerName ?? '' } }
        : null,
    sourceDocument: sourceId ? { id: sourceId, filename: sourceFilename, contentType: sourceType ?? '', size: sourceSize ?? 0, sha256: sourceSha256 ?? '' } : null,
  };
  return { row: a, dossier };
}

export async function loadAdvice(db: Db, id: string): Promise<AdviceRow | null> {
  const [row] = await rowQuery(db, id);
  return row ?? null;
}

/** The whole dossier (one statement). */
export async function getDossier(db: Db, id: string): Promise<DossierRead | null> {
  return dossierOf(await dossierQuery(db, id));
}
