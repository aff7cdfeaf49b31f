/**
 * The publication decision per consultation (Woo), taken the way it is taken for a dossier
 * (publication.ts `decideOn`), and the statements that keep `public_consultations` exact: a list is
 * in it exactly when its consultation is `sent` and not withheld. Sending, publishing again and
 * withholding each write it in their own batch.
 */
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { consultations } from '../../schema/consultations';
import { publicConsultations } from '../../schema/public-consultations';
import type { PublicationInput, PublicationView } from '../../schema/publication';
import { decideOn, publicationView, sentOnOf, type PublicationSubject } from './publication';
import { loadConsultation, type ConsultationScope } from './consultations';

/** Published unless someone decided otherwise (the default of the Woo). */
const PUBLISHED = sql`coalesce(json_extract(${consultations.publication}, '$.publish'), 1) = 1`;

/**
 * Makes the list public if, when the batch runs, its consultation is sent (at `sentAt`) and not
 * withheld. Nothing happens for one that is not (yet) public or already is, so this may follow any change.
 */
export function publishConsultationStatements(db: Db, id: string, sentAt: string, publishedAt: string) {
  return [
    db
      .insert(publicConsultations)
      .select(
        sql`SELECT NULL, ${consultations.id}, ${consultations.orgId}, ${consultations.title}, ${consultations.document}, ${consultations.sentAt}, ${sentOnOf(sentAt)}, ${publishedAt}
          FROM ${consultations} WHERE ${consultations.id} = ${id} AND ${consultations.status} = 'sent' AND ${consultations.sentAt} = ${sentAt} AND ${PUBLISHED}`,
      )
      .onConflictDoNothing(),
  ] as const;
}

/** Takes the list out of public view (nothing happens if it was not in). */
export function withholdConsultationStatements(db: Db, id: string) {
  return [db.delete(publicConsultations).where(eq(publicConsultations.consultationId, id))] as const;
}

const consultationSubject = (db: Db): PublicationSubject<ConsultationScope> => ({
  entity: 'consultation',
  sentAsRead: (id, sentAt) =>
    sql`EXISTS (SELECT 1 FROM ${consultations} WHERE ${consultations.id} = ${id} AND (${consultations.status} = 'sent') = ${sentAt !== null} AND ${consultations.sentAt} IS ${sentAt})`,
  record: (id, decision) => db.update(consultations).set({ publication: decision }).where(eq(consultations.id, id)),
  publish: (id, sentAt, now) => [...publishConsultationStatements(db, id, sentAt, now)],
  withhold: (id) => [...withholdConsultationStatements(db, id)],
  countPublic: (id) => db.select({ n: count() }).from(publicConsultations).where(eq(publicConsultations.consultationId, id)),
  reload: (id) => loadConsultation(db, id),
});

/** The decision on a consultation's list: officials and approvers, any state (the policy's `publish`). */
export function decideConsultationPublication(db: Db, p: UserPrincipal, c: ConsultationScope, input: PublicationInput): Promise<PublicationView> {
  return decideOn(db, p, c, input, consultationSubject(db));
}

/** The decision as the staff see it, and whether the list is public right now. */
export async function consultationPublication(db: Db, c: ConsultationScope): Promise<PublicationView> {
  const [row] = await db.select({ n: count() }).from(publicConsultations).where(eq(publicConsultations.consultationId, c.id));
  return publicationView(c, row.n > 0);
}
