/**
 * The publication decision per dossier (Woo), and the statements that keep the public tables exact:
 * a dossier is in `public_advice` and in the search index exactly when it is `sent` and not
 * withheld. Every change of either (sending, publishing, withholding) writes them in its own batch.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { guard, isGuardFailure, runBatch } from '../db';
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
const publicSearch = sqliteTable('public_search', {
  rowid: integer('rowid'),
  title: text('title'),
  meta: text('meta'),
  items: text('items'),
  responses: text('responses'),
});

/** Published unless someone decided otherwise (the default of the Woo). */
const PUBLISHED = sql`coalesce(json_extract(${advice.publication}, '$.publish'), 1) = 1`;

export const isPublished = (row: Pick<AdviceRow, 'publication'>) => row.publication?.publish !== false;

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

export function publicationView(row: Pick<AdviceRow, 'publication' | 'status'>, isPublic = row.status === 'sent' && isPublished(row)): PublicationView {
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

/**
 * Records the decision and, in the same batch, makes the dossier public or takes it out of public
 * view at once. Allowed in any state; the decision holds for later (a dossier withheld before
 * sending is never public). The batch is guarded on the dossier's sent state as read, so a `send`
 * that lands in between is never missed: the decision is then taken again on the fresh row.
 */
export async function decidePublication(db: Db, p: UserPrincipal, d: AdviceRow, input: PublicationInput): Promise<PublicationView> {
  let row = d;
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
        // Whether the dossier is sent, and since when, is what this request read (else: read again).
        guard(db, sql`EXISTS (SELECT 1 FROM ${advice} WHERE ${advice.id} = ${row.id} AND (${advice.status} = 'sent') = ${sentAt !== null} AND ${advice.sentAt} IS ${sentAt})`),
        db.update(advice).set({ publication: decision }).where(eq(advice.id, row.id)),
        ...(input.publish && sentAt ? publishStatements(db, row.id, sentAt, now) : []),
        ...(input.publish ? [] : withholdStatements(db, row.id)),
        auditStatement(db, {
          orgId: row.orgId,
          actor: p,
          action: input.publish ? 'advice.publish' : 'advice.withhold',
          entity: 'advice',
          entityId: row.id,
          detail: input.publish ? {} : { reason: decision.reason, ground: decision.ground },
        }),
        db.select({ n: count() }).from(publicAdvice).where(eq(publicAdvice.adviceId, row.id)),
      ]);
      const [{ n }] = results.at(-1) as { n: number }[];
      return publicationView({ publication: decision, status: row.status }, n > 0);
    } catch (err) {
      if (!isGuardFailure(err)) throw err;
      const fresh = await loadAdvice(db, row.id);
      if (!fresh || fresh.orgId !== row.orgId) throw notFound();
      row = fresh;
    }
  }
  throw conflict(`${nl.problems.conflict} ${nl.problems.notStored}`);
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
