/** The letter's content as it would be signed now, and as it was frozen at signing. */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { advice, type AdviceRow } from '../../schema/advice';
import { councils, organisations, councilView, organisationView } from '../../schema/organisations';
import type { LetterSnapshot } from '../../schema/letter';
import { notFound } from '../errors';
import { dossierQuery, dossierOf } from './dossier-read';

/** The snapshot as it would be signed now: used for previews before signing and at signing. One round trip. */
export async function buildSnapshot(db: Db, adviceId: string, signed?: { at: string; by: { id: string; name: string } }) {
  const [head, [org], [council]] = await db.batch([
    dossierQuery(db, adviceId),
    db
      .select()
      .from(organisations)
      .where(inArray(organisations.id, db.select({ id: advice.orgId }).from(advice).where(eq(advice.id, adviceId)))),
    db
      .select()
      .from(councils)
      .where(inArray(councils.id, db.select({ id: advice.councilId }).from(advice).where(eq(advice.id, adviceId)))),
  ]);
  const found = dossierOf(head);
  if (!found || !org || !council) throw notFound();
  const snapshot: LetterSnapshot = {
    dossier: found.dossier,
    organisation: organisationView(org),
    council: councilView(council),
    signedAt: signed?.at ?? null,
    signedBy: signed?.by ?? null,
  };
  return { row: found.row, snapshot };
}

export function frozenSnapshot(row: AdviceRow): LetterSnapshot | null {
  return row.snapshot ? (JSON.parse(row.snapshot) as LetterSnapshot) : null;
}
