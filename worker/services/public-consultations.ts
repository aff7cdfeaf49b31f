/**
 * The public archive's reads of consultation lists: the list of published lists, one list's
 * content as signed, its signed PDF, and what the feed and the DiWoo sitemaps say of them. Every
 * query starts from `public_consultations`: what is not in it does not exist for these reads.
 * Each read is one D1 round trip (one batch), including the organisation's own row.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { consultations } from '../../schema/consultations';
import { organisations } from '../../schema/organisations';
import { publicConsultations, type PublicConsultation, type PublicConsultationSummary } from '../../schema/public-consultations';
import type { ListSnapshot } from '../../schema/list-model';
import { invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { b64url, orgBySlug, organisationQuery, PAGE_SIZE, type PublicOrganisation } from './public-archive';
import { frozenListSnapshot } from './consultation-list';

type Cursor = { on: string; at: string; id: string };
export type PublicConsultationQuery = { limit: number; after: Cursor | null };

/** The query string of the list (API or page), checked; 422 for a bad limit or cursor. */
export function parseConsultationQuery(input: { cursor?: string; limit?: string }): PublicConsultationQuery {
  const limit = input.limit ? Number(input.limit) : PAGE_SIZE;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= PAGE_SIZE)) throw invalid([{ path: 'limit', message: nl.publication.fields.limit }]);
  if (!input.cursor) return { limit, after: null };
  const refuse = () => invalid([{ path: 'cursor', message: nl.publication.fields.cursor }]);
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(b64url.decode(input.cursor));
  } catch {
    throw refuse();
  }
  // `k` tells these cursors from the advice list's: one of those here is refused, not misread.
  if (!c || c.k !== 'lists' || typeof c.on !== 'string' || typeof c.at !== 'string' || typeof c.id !== 'string') throw refuse();
  return { limit, after: { on: c.on, at: c.at, id: c.id } };
}

const encodeCursor = (c: Cursor) => b64url.encode(JSON.stringify({ k: 'lists', ...c }));

export type PublicConsultationPage = {
  organisation: PublicOrganisation | null;
  items: PublicConsultationSummary[];
  /** When each item was sent and when it became public (the feed's published and updated). */
  moments: { sentAt: string; publishedAt: string }[];
  next: string | null;
};

/** A page of the organisation's published lists, newest first; the keyset (sent_on, sent_at, id) is the order of the index it reads. */
function pageQuery(db: Db, slug: string, query: PublicConsultationQuery) {
  const where: SQL[] = [eq(publicConsultations.orgId, orgBySlug(slug))];
  const after = query.after;
  if (after) where.push(sql`(${publicConsultations.sentOn}, ${publicConsultations.sentAt}, ${publicConsultations.consultationId}) < (${after.on}, ${after.at}, ${after.id})`);
  return db
    .select({
      id: publicConsultations.consultationId,
      title: publicConsultations.title,
      document: publicConsultations.document,
      sentOn: publicConsultations.sentOn,
      sentAt: publicConsultations.sentAt,
      publishedAt: publicConsultations.publishedAt,
    })
    .from(publicConsultations)
    .where(and(...where))
    .orderBy(desc(publicConsultations.sentOn), desc(publicConsultations.sentAt), desc(publicConsultations.consultationId))
    .limit(query.limit + 1);
}

/** The organisation's published lists, newest first, one page. One round trip; `organisation` null: unknown slug. */
export async function listPublicConsultations(db: Db, slug: string, query: PublicConsultationQuery): Promise<PublicConsultationPage> {
  const [orgs, rows] = await db.batch([organisationQuery(db, slug), pageQuery(db, slug, query)]);
  const more = rows.length > query.limit;
  const shown = more ? rows.slice(0, query.limit) : rows;
  const last = shown.at(-1);
  return {
    organisation: orgs[0] ?? null,
    items: shown.map(({ id, title, document, sentOn }) => ({ id, title, document, sentOn })),
    moments: shown.map(({ sentAt, publishedAt }) => ({ sentAt, publishedAt })),
    next: more && last ? encodeCursor({ on: last.sentOn, at: last.sentAt, id: last.id }) : null,
  };
}

export type PublicConsultationRead = {
  organisation: PublicOrganisation;
  consultation: PublicConsultation;
  /** The list as signed (for its HTML model). */
  snapshot: ListSnapshot;
  publishedAt: string;
};

/** One published list's content as signed (from the frozen snapshot), or null when it is not public (or not this organisation's). */
export async function getPublicConsultation(db: Db, slug: string, id: string): Promise<PublicConsultationRead | null> {
  const [row] = await db
    .select({
      c: consultations,
      sentOn: publicConsultations.sentOn,
      publishedAt: publicConsultations.publishedAt,
      org: { id: organisations.id, slug: organisations.slug, name: organisations.name, theme: organisations.theme, tooiCode: sql<string | null>`NULL` },
    })
    .from(publicConsultations)
    .innerJoin(consultations, eq(consultations.id, publicConsultations.consultationId))
    .innerJoin(organisations, eq(organisations.id, publicConsultations.orgId))
    .where(and(eq(publicConsultations.consultationId, id), eq(organisations.slug, slug)));
  const snapshot = row ? frozenListSnapshot(row.c) : null;
  if (!row || !snapshot || !row.c.listSha256 || !row.c.signedAt) return null;
  const s = snapshot.consultation;
  const consultation: PublicConsultation = {
    id: s.id,
    status: 'sent',
    title: s.title,
    document: s.document,
    sentOn: row.sentOn,
    organisation: { name: row.org.name, slug: row.org.slug },
    legend: s.legend.map(({ code, label }) => ({ code, label })),
    // Each response as its text, reference and codes: no versions, no names of officials.
    participants: s.participants.map((p) => ({
      id: p.id,
      name: p.name,
      councilId: p.councilId,
      remarks: p.remarks.map((r) => ({
        id: r.id,
        number: r.number,
        section: r.section,
        text: r.text,
        response: r.response ? { text: r.response.text, sameAs: r.response.sameAs, processing: [...r.response.processing] } : null,
      })),
    })),
    list: { sha256: row.c.listSha256, pages: row.c.listPages ?? 0, signedAt: row.c.signedAt },
    signatories: snapshot.organisation.signatories.map(({ title, name }) => ({ title, name })),
  };
  return { organisation: row.org, consultation, snapshot, publishedAt: row.publishedAt };
}

/** The signed list of a published consultation: its hash (the R2 key) and title, or null. */
export async function getPublicListPdf(db: Db, slug: string, id: string) {
  const [row] = await db
    .select({ sha256: consultations.listSha256, title: publicConsultations.title })
    .from(publicConsultations)
    .innerJoin(consultations, eq(consultations.id, publicConsultations.consultationId))
    .where(and(eq(publicConsultations.consultationId, id), eq(publicConsultations.orgId, orgBySlug(slug))));
  return row?.sha256 ? { sha256: row.sha256, title: row.title } : null;
}
