/**
 * The publication decision per dossier (Woo), and the statements that keep the public tables exact:
 * a dossier is in `public_advice` and in the search index exactly when it is `sent` and not
 * withheld. Every change of either (sending, publishing, withholding) writes them in its own batch.
 */
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { guard, isGuardFailure, runBatch, type BatchItem, type Statements } from '../db';
import type { UserPrincipal } from '../context';
import { advice, type AdviceRow } from '../../schema/advice';
import { publicAdvice, publicationSettings, type PublicationDecision, type PublicationInput, type PublicationView } from '../../schema/publication';
import { organisations } from '../../schema/organisations';
import { tooiMunicipality } from '../../schema/diwoo';
import type { Principal } from '../context';
import { PUBLIC_SEARCH_SELECT } from '../../schema/public-search';
import { wooGroundLabel } from '../../schema/woo-grounds';
import { nowIso, todayInAmsterdam } from '../../schema/dates';
import { auditStatement } from './audit';
import { loadAdvice } from './dossier-read';
import { conflict, notFound } from '../errors';
import { nl } from '../../schema/i18n/nl';

/**
 * The search index as Drizzle sees it, for statements in the same batches as everything else.
 * Declared here, not in schema/, so that drizzle-kit does not try to create it as a plain table:
 * it is an FTS5 virtual table made by a custom migration (schema/public-search.ts).
 */
export const publicSearch = sqliteTable('public_search', {
  rowid: integer('rowid'),
  title: text('title'),
  meta: text('meta'),
  items: text('items'),
  responses: text('responses'),
});

/** Published unless someone decided otherwise (the default of the Woo). */
const PUBLISHED = sql`coalesce(json_extract(${advice.publication}, '$.publish'), 1) = 1`;

export const isPublished = (row: { publication: PublicationDecision | null }) => row.publication?.publish !== false;

/** The day `send` was accepted, in Europe/Amsterdam (the public `sentOn`, and the year filter's year). */
export const sentOnOf = (sentAt: string) => todayInAmsterdam(new Date(sentAt));

/**
 * Makes the dossier public if, when the batch runs, it is sent (at `sentAt`) and not withheld: its
 * row in `public_advice`, then its row in the search index. Nothing happens for a dossier that is
 * not (yet) public or already is, so these statements may follow any change.
 */
export function publishStatements(db: Db, adviceId: string, sentAt: string, publishedAt: string) {
  return [
    db
      .insert(publicAdvice)
      .select(
        sql`SELECT NULL, ${advice.id}, ${advice.orgId}, ${advice.councilId}, ${advice.title}, ${advice.reference}, ${advice.letterDate},
          ${advice.sentAt}, ${sentOnOf(sentAt)}, ${publishedAt}
          FROM ${advice} WHERE ${advice.id} = ${adviceId} AND ${advice.status} = 'sent' AND ${advice.sentAt} = ${sentAt} AND ${PUBLISHED}`,
      )
      .onConflictDoNothing(),
    // The rows the rebuild script writes, for this dossier only.
    db.insert(publicSearch).select(sql`${sql.raw(PUBLIC_SEARCH_SELECT)} AND p.advice_id = ${adviceId}`),
  ] as const;
}

/** Takes the dossier out of the search index and the public list (nothing happens if it was not in). */
export function withholdStatements(db: Db, adviceId: string) {
  return [
    db.delete(publicSearch).where(sql`rowid IN (SELECT ${publicAdvice.seq} FROM ${publicAdvice} WHERE ${publicAdvice.adviceId} = ${adviceId})`),
    db.delete(publicAdvice).where(eq(publicAdvice.adviceId, adviceId)),
  ] as const;
}

export function publicationView(
  row: { publication: PublicationDecision | null; status: string },
  isPublic = row.status === 'sent' && isPublished(row),
): PublicationView {
  const d = row.publication;
  return {
    publish: d?.publish ?? true,
    reason: d?.reason ?? null,
    ground: d?.ground ?? null,
    groundLabel: wooGroundLabel(d?.ground),
    decidedBy: d?.decidedBy ?? null,
    decidedAt: d?.decidedAt ?? null,
    public: isPublic,
  };
}

/** A record whose publication is decided: a dossier or a consultation, as the request read it. */
export type PublicationRecord = { id: string; orgId: string; status: string; sentAt: string | null; publication: PublicationDecision | null };

/**
 * What deciding needs of one kind of record (a dossier, a consultation: the one way of deciding
 * below, for both): its audit entity, the guard on its sent state, the decision's write, the
 * statements that make it public or take it out, the count of its public row, and a fresh read.
 */
export type PublicationSubject<R extends PublicationRecord> = {
  entity: 'advice' | 'consultation';
  /** Holds while the record is sent exactly when `sentAt` is not null, and since `sentAt`. */
  sentAsRead: (id: string, sentAt: string | null) => SQL;
  record: (id: string, decision: PublicationDecision) => BatchItem;
  publish: (id: string, sentAt: string, publishedAt: string) => Statements;
  withhold: (id: string) => Statements;
  /** A select of `{ n }`: 1 when the record is in the public tables. */
  countPublic: (id: string) => BatchItem;
  reload: (id: string) => Promise<R | null>;
};

/**
 * Records the decision and, in the same batch, makes the record public or takes it out of public
 * view at once. Allowed in any state; the decision holds for later (a record withheld before
 * sending is never public). The batch is guarded on the record's sent state as read, so a `send`
 * that lands in between is never missed: the decision is then taken again on the fresh row.
 */
export async function decideOn<R extends PublicationRecord>(db: Db, p: UserPrincipal, first: R, input: PublicationInput, subject: PublicationSubject<R>): Promise<PublicationView> {
  let row = first;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = nowIso();
    const decision: PublicationDecision = {
      publish: input.publish,
      reason: input.publish ? null : input.reason,
      ground: input.publish ? null : (input.ground ?? null),
      decidedBy: { id: p.id, name: p.name },
      decidedAt: now,
    };
    const sentAt = row.status === 'sent' ? row.sentAt : null;
    try {
      const results = await runBatch(db, [
        // Whether the record is sent, and since when, is what this request read (else: read again).
        guard(db, subject.sentAsRead(row.id, sentAt)),
        subject.record(row.id, decision),
        ...(input.publish && sentAt ? subject.publish(row.id, sentAt, now) : []),
        ...(input.publish ? [] : subject.withhold(row.id)),
        auditStatement(db, {
          orgId: row.orgId,
          actor: p,
          action: `${subject.entity}.${input.publish ? 'publish' : 'withhold'}`,
          entity: subject.entity,
          entityId: row.id,
          detail: input.publish ? {} : { reason: decision.reason, ground: decision.ground },
        }),
        subject.countPublic(row.id),
      ]);
      const [{ n }] = results.at(-1) as { n: number }[];
      return publicationView({ publication: decision, status: row.status }, n > 0);
    } catch (err) {
      if (!isGuardFailure(err)) throw err;
      const fresh = await subject.reload(row.id);
      if (!fresh || fresh.orgId !== row.orgId) throw notFound();
      row = fresh;
    }
  }
  throw conflict(`${nl.problems.conflict} ${nl.problems.notStored}`);
}

/** A dossier's publication (the advice's columns, `public_advice` and the search index). */
const adviceSubject = (db: Db): PublicationSubject<AdviceRow> => ({
  entity: 'advice',
  sentAsRead: (id, sentAt) => sql`EXISTS (SELECT 1 FROM ${advice} WHERE ${advice.id} = ${id} AND (${advice.status} = 'sent') = ${sentAt !== null} AND ${advice.sentAt} IS ${sentAt})`,
  record: (id, decision) => db.update(advice).set({ publication: decision }).where(eq(advice.id, id)),
  publish: (id, sentAt, now) => [...publishStatements(db, id, sentAt, now)],
  withhold: (id) => [...withholdStatements(db, id)],
  countPublic: (id) => db.select({ n: count() }).from(publicAdvice).where(eq(publicAdvice.adviceId, id)),
  reload: (id) => loadAdvice(db, id),
});

/** The decision on a dossier (see decideOn). */
export function decidePublication(db: Db, p: UserPrincipal, d: AdviceRow, input: PublicationInput): Promise<PublicationView> {
  return decideOn(db, p, d, input, adviceSubject(db));
}

/** Whether a dossier is in the public tables (for the staff's view of the decision). */
export async function isPublic(db: Db, adviceId: string) {
  const [row] = await db.select({ n: count() }).from(publicAdvice).where(and(eq(publicAdvice.adviceId, adviceId)));
  return row.n > 0;
}

const settingsView = (tooiCode: string | null) => ({ tooiCode, publisher: tooiCode ? tooiMunicipality(tooiCode) : null });

/** The organisation's Woo settings (its TOOI code); 404 for an unknown organisation. */
export async function getPublicationSettings(db: Db, slug: string) {
  const [row] = await db
    .select({ id: organisations.id, tooiCode: publicationSettings.tooiCode })
    .from(organisations)
    .leftJoin(publicationSettings, eq(publicationSettings.orgId, organisations.id))
    .where(eq(organisations.slug, slug));
  if (!row) throw notFound();
  return settingsView(row.tooiCode ?? null);
}

export async function setPublicationSettings(db: Db, actor: Principal, slug: string, input: { tooiCode: string | null }) {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  if (!org) throw notFound();
  const now = nowIso();
  await runBatch(db, [
    db
      .insert(publicationSettings)
      .values({ orgId: org.id, tooiCode: input.tooiCode, updatedAt: now })
      .onConflictDoUpdate({ target: publicationSettings.orgId, set: { tooiCode: input.tooiCode, updatedAt: now } }),
    auditStatement(db, { orgId: org.id, actor, action: 'organisation.publication_settings', entity: 'organisation', entityId: org.id, detail: { tooiCode: input.tooiCode } }),
  ]);
  return settingsView(input.tooiCode);
}
