/**
 * The public archive's reads: lists, search, one public dossier, its letter, and what the feed and
 * the DiWoo sitemaps list. Every query here starts from `public_advice` (or the search index, whose
 * rows are those of `public_advice`): what is not in it does not exist for these reads.
 * Each read is one D1 round trip (one batch), including the organisation's own row.
 */
import { and, asc, desc, eq, gte, lt, max, min, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { advice } from '../../schema/advice';
import { consultations } from '../../schema/consultations';
import { councils, organisations, type Theme } from '../../schema/organisations';
import { publicAdvice, publicationSettings, type PublicDossier, type PublicListItem } from '../../schema/publication';
import { MARK_END, MARK_START, PUBLIC_SEARCH_WEIGHTS } from '../../schema/public-search';
import { publicConsultations } from '../../schema/public-consultations';
import { invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { frozenSnapshot } from './letter-snapshot';
import { publicSearch } from './publication';


export const PAGE_SIZE = 50;

export type PublicOrganisation = { id: string; slug: string; name: string; theme: Theme; tooiCode: string | null };

export type PublicQuery = {
  /** The FTS5 query built from the words given, or null (no words: the list, newest first). */
  match: string | null;
  /** The words as given (for the page's search box and the cursor's binding). */
  q: string;
  councilId: string | null;
  year: number | null;
  limit: number;
  after: ListCursor | SearchCursor | null;
};

type ListCursor = { k: 'list'; on: string; at: string; id: string };
type SearchCursor = { k: 'search'; score: number; seq: number };

/**
 * The words of a search as an FTS5 query: each word quoted (so nothing typed is FTS syntax), all
 * of them required, the last also as a prefix ("eenzaam" finds "eenzaamheid"). Accents and case are
 * the tokenizer's business (unicode61, remove_diacritics 2).
 */
export function matchQuery(q: string): string | null {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu)?.slice(0, 12) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 && w.length >= 2 ? '*' : ''}`).join(' ');
}

/** Cursors travel as base64url JSON (also those of the public consultation lists). */
export const b64url = {
  encode: (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  decode: (s: string) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))),
};

/** What a cursor is bound to: a cursor of another search or filter is refused, not misread. */
const bindingOf = (q: { q: string; councilId: string | null; year: number | null }) => `${q.q}\u0000${q.councilId ?? ''}\u0000${q.year ?? ''}`;

function encodeCursor(query: PublicQuery, after: ListCursor | SearchCursor): string {
  return b64url.encode(JSON.stringify({ ...after, f: bindingOf(query) }));
}

function decodeCursor(raw: string, query: Omit<PublicQuery, 'after'>): ListCursor | SearchCursor {
  const refuse = () => invalid([{ path: 'cursor', message: nl.publication.fields.cursor }]);
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(b64url.decode(raw));
  } catch {
    throw refuse();
  }
  if (!c || typeof c !== 'object' || c.f !== bindingOf(query)) throw refuse();
  if (query.match === null && c.k === 'list' && typeof c.on === 'string' && typeof c.at === 'string' && typeof c.id === 'string') {
    return { k: 'list', on: c.on, at: c.at, id: c.id };
  }
  if (query.match !== null && c.k === 'search' && typeof c.score === 'number' && Number.isFinite(c.score) && Number.isInteger(c.seq)) {
    return { k: 'search', score: c.score, seq: c.seq as number };
  }
  throw refuse();
}

/** The query string of a public list (API or page), checked; 422 for a bad year, limit or cursor. */
export function parsePublicQuery(input: { q?: string; council?: string; year?: string; cursor?: string; limit?: string }): PublicQuery {
  const q = (input.q ?? '').trim().slice(0, 200);
  const base = {
    q,
    match: matchQuery(q),
    councilId: input.council?.trim() || null,
    year: input.year ? Number(input.year) : null,
    limit: input.limit ? Number(input.limit) : PAGE_SIZE,
  };
  if (base.year !== null && !(base.year >= 1900 && base.year <= 9999)) throw invalid([{ path: 'year', message: nl.publication.fields.year }]);
  if (!(Number.isInteger(base.limit) && base.limit >= 1 && base.limit <= PAGE_SIZE)) throw invalid([{ path: 'limit', message: nl.publication.fields.limit }]);
  return { ...base, after: input.cursor ? decodeCursor(input.cursor, base) : null };
}

export const orgBySlug = (slug: string) => sql`(SELECT ${organisations.id} FROM ${organisations} WHERE ${organisations.slug} = ${slug})`;

/** The organisation as the public pages show it (one statement, for a batch). */
export function organisationQuery(db: Db, slug: string) {
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, theme: organisations.theme, tooiCode: publicationSettings.tooiCode })
    .from(organisations)
    .leftJoin(publicationSettings, eq(publicationSettings.orgId, organisations.id))
    .where(eq(organisations.slug, slug));
}

/** The filters that narrow `public_advice` (organisation, council, year). */
function filters(slug: string, query: Pick<PublicQuery, 'councilId' | 'year'>): SQL[] {
  const where: SQL[] = [eq(publicAdvice.orgId, orgBySlug(slug))];
  if (query.councilId) where.push(eq(publicAdvice.councilId, query.councilId));
  if (query.year !== null) where.push(gte(publicAdvice.sentOn, `${query.year}-01-01`), lt(publicAdvice.sentOn, `${query.year + 1}-01-01`));
  return where;
}

const SUMMARY = {
  id: publicAdvice.adviceId,
  title: publicAdvice.title,
  reference: publicAdvice.reference,
  letterDate: publicAdvice.letterDate,
  sentOn: publicAdvice.sentOn,
  sentAt: publicAdvice.sentAt,
  publishedAt: publicAdvice.publishedAt,
  councilId: publicAdvice.councilId,
  councilName: councils.name,
};

/** Newest first; the keyset is (sent_on, sent_at, advice_id), the order of the index it reads. */
function listQuery(db: Db, slug: string, query: PublicQuery) {
  const where = filters(slug, query);
  const after = query.after as ListCursor | null;
  if (after) where.push(sql`(${publicAdvice.sentOn}, ${publicAdvice.sentAt}, ${publicAdvice.adviceId}) < (${after.on}, ${after.at}, ${after.id})`);
  return db
    .select(SUMMARY)
    .from(publicAdvice)
    .innerJoin(councils, eq(councils.id, publicAdvice.councilId))
    .where(and(...where))
    .orderBy(desc(publicAdvice.sentOn), desc(publicAdvice.sentAt), desc(publicAdvice.adviceId))
    .limit(query.limit + 1);
}

const bm25 = sql.raw(`bm25(public_search, ${PUBLIC_SEARCH_WEIGHTS.join(', ')})`);

/**
 * Ranked by bm25 (lower is better), ties by index row; the keyset is (score, seq). The best page is
 * chosen first, and only its rows get a snippet (FTS5's snippet reads and tokenizes the text).
 */
function searchQuery(db: Db, slug: string, query: PublicQuery) {
  const match = sql`${publicSearch} MATCH ${query.match}`;
  const where = [match, ...filters(slug, query)];
  const after = query.after as SearchCursor | null;
  if (after) where.push(sql`(${bm25}, ${publicSearch.rowid}) > (${after.score}, ${after.seq})`);
  const top = db.$with('top').as(
    db
      // Aliases unlike any column name: Drizzle refers to them unqualified in the outer query.
      .select({ seq: sql<number>`${publicSearch.rowid}`.as('hit_seq'), score: sql<number>`${bm25}`.as('hit_score') })
      .from(publicSearch)
      .innerJoin(publicAdvice, eq(publicAdvice.seq, publicSearch.rowid))
      .where(and(...where))
      .orderBy(sql`hit_score`, publicSearch.rowid)
      .limit(query.limit + 1),
  );
  return db
    .with(top)
    .select({ ...SUMMARY, score: top.score, seq: top.seq, snippet: SNIPPET })
    .from(top)
    .innerJoin(publicSearch, eq(publicSearch.rowid, top.seq))
    .innerJoin(publicAdvice, eq(publicAdvice.seq, top.seq))
    .innerJoin(councils, eq(councils.id, publicAdvice.councilId))
    .where(match)
    .orderBy(asc(top.score), asc(top.seq));
}

/**
 * The passage to show: from the advice's items if the words are there, else from the responses,
 * else wherever they are (the title alone: the result's heading already shows it).
 */
const snippetOf = (column: number) => `snippet(public_search, ${column}, char(2), char(3), '…', 24)`;
const SNIPPET = sql<string>`${sql.raw(`CASE WHEN instr(${snippetOf(2)}, char(2)) THEN ${snippetOf(2)} WHEN instr(${snippetOf(3)}, char(2)) THEN ${snippetOf(3)} ELSE ${snippetOf(-1)} END`)}`;

/** A snippet with the index's marks as plain text and the marked ranges. */
export function splitSnippet(marked: string): { text: string; highlights: [number, number][] } {
  let text = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_START) start = text.length;
    else if (ch === MARK_END) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return { text, highlights };
}

type SummaryRow = {
  id: string;
  title: string;
  reference: string;
  letterDate: string;
  sentOn: string;
  sentAt: string;
  publishedAt: string;
  councilId: string;
  councilName: string;
};

const toItem = (r: SummaryRow, snippet: string | null): PublicListItem => {
  const s = snippet === null ? null : splitSnippet(snippet);
  return {
    id: r.id,
    title: r.title,
    council: { id: r.councilId, name: r.councilName },
    reference: r.reference,
    letterDate: r.letterDate,
    sentOn: r.sentOn,
    snippet: s?.text ?? null,
    highlights: s?.highlights ?? [],
  };
};

export type PublicList = {
  organisation: PublicOrganisation | null;
  items: PublicListItem[];
  /** When each item was sent and when it became public (the feed's published and updated). */
  moments: { sentAt: string; publishedAt: string }[];
  next: string | null;
  /** For the page's filters (when asked): the organisation's councils and the years with publications. */
  councils?: { id: string; name: string }[];
  years?: number[];
};

/**
 * A page of the organisation's public dossiers: newest first, or ranked by a search. One round trip
 * (the organisation, the page, and for the web page its filters). `organisation` null: unknown slug.
 */
export async function listPublic(db: Db, slug: string, query: PublicQuery, opts: { withFilters?: boolean } = {}): Promise<PublicList> {
  const page = query.match ? searchQuery(db, slug, query) : listQuery(db, slug, query);
  const extra = opts.withFilters
    ? ([
        db.select({ id: councils.id, name: councils.name }).from(councils).where(eq(councils.orgId, orgBySlug(slug))).orderBy(asc(councils.name)),
        db
          .select({ first: min(publicAdvice.sentOn), last: max(publicAdvice.sentOn) })
          .from(publicAdvice)
          .where(eq(publicAdvice.orgId, orgBySlug(slug))),
      ] as const)
    : null;
  const [orgs, rows, councilRows, range] = extra
    ? await db.batch([organisationQuery(db, slug), page, ...extra])
    : [...(await db.batch([organisationQuery(db, slug), page])), undefined, undefined];
  const organisation = orgs[0] ?? null;
  const more = rows.length > query.limit;
  const shown = (more ? rows.slice(0, query.limit) : rows) as (SummaryRow & { score?: number; seq?: number; snippet?: string })[];
  const last = shown.at(-1);
  let next: string | null = null;
  if (more && last) {
    next = query.match
      ? encodeCursor(query, { k: 'search', score: last.score!, seq: last.seq! })
      : encodeCursor(query, { k: 'list', on: last.sentOn, at: last.sentAt, id: last.id });
  }
  const years: number[] = [];
  const r = range?.[0];
  if (r?.first && r.last) for (let y = Number(r.last.slice(0, 4)); y >= Number(r.first.slice(0, 4)); y--) years.push(y);
  return {
    organisation,
    items: shown.map((row) => toItem(row, query.match ? (row.snippet ?? '') : null)),
    moments: shown.map((row) => ({ sentAt: row.sentAt, publishedAt: row.publishedAt })),
    next,
    ...(extra ? { councils: councilRows ?? [], years } : {}),
  };
}

export type PublicDossierRead = { organisation: PublicOrganisation; dossier: PublicDossier; publishedAt: string; sentAt: string };

/** One public dossier as sent (from the frozen snapshot), or null when it is not public (or not this organisation's). */
export async function getPublicDossier(db: Db, slug: string, id: string): Promise<PublicDossierRead | null> {
  const [row] = await db
    .select({
      snapshot: advice.snapshot,
      sentAt: publicAdvice.sentAt,
      sentOn: publicAdvice.sentOn,
      publishedAt: publicAdvice.publishedAt,
      reference: publicAdvice.reference,
      councilId: publicAdvice.councilId,
      letterSha256: advice.letterSha256,
      letterPages: advice.letterPages,
      signedAt: advice.signedAt,
      org: { id: organisations.id, slug: organisations.slug, name: organisations.name, theme: organisations.theme, tooiCode: sql<string | null>`NULL` },
    })
    .from(publicAdvice)
    .innerJoin(advice, eq(advice.id, publicAdvice.adviceId))
    .innerJoin(organisations, eq(organisations.id, publicAdvice.orgId))
    .where(and(eq(publicAdvice.adviceId, id), eq(organisations.slug, slug)));
  const snapshot = row ? frozenSnapshot({ snapshot: row.snapshot } as Parameters<typeof frozenSnapshot>[0]) : null;
  if (!row || !snapshot || !row.letterSha256 || !row.signedAt) return null;
  const d = snapshot.dossier;
  const dossier: PublicDossier = {
    id: d.id,
    status: 'sent',
    title: d.title,
    policyDocument: d.policyDocument,
    kind: d.kind,
    letterDate: d.letterDate,
    councilReference: d.councilReference,
    intro: d.intro,
    reference: row.reference,
    receivedOn: d.receivedOn,
    dueOn: d.dueOn,
    returnComment: null,
    sentOn: row.sentOn,
    council: { id: row.councilId, name: snapshot.council.name },
    organisation: { name: row.org.name, slug: row.org.slug },
    // Each response as its text and status only: no names of officials (only the signatories).
    items: d.items.map((i) => ({
      id: i.id,
      kind: i.kind,
      number: i.number,
      section: i.section,
      text: i.text,
      response: i.response ? { text: i.response.text, status: i.response.status } : null,
    })),
    letter: { sha256: row.letterSha256, pages: row.letterPages ?? 0, signedAt: row.signedAt },
    sourceDocument: null,
    signatories: snapshot.organisation.signatories.map((s) => ({ title: s.title, name: s.name })),
  };
  return { organisation: row.org, dossier, publishedAt: row.publishedAt, sentAt: row.sentAt };
}

/** The signed letter of a public dossier: its hash (the R2 key) and reference, or null. */
export async function getPublicLetter(db: Db, slug: string, id: string) {
  const [row] = await db
    .select({ sha256: advice.letterSha256, reference: publicAdvice.reference })
    .from(publicAdvice)
    .innerJoin(advice, eq(advice.id, publicAdvice.adviceId))
    .where(and(eq(publicAdvice.adviceId, id), eq(publicAdvice.orgId, orgBySlug(slug))));
  return row?.sha256 ? { sha256: row.sha256, reference: row.reference } : null;
}

/** Every organisation's slug, for robots.txt (each names its own sitemap index). */
export async function organisationSlugs(db: Db) {
  return (await db.select({ slug: organisations.slug }).from(organisations).orderBy(asc(organisations.slug))).map((o) => o.slug);
}

/** The organisation and the years in which it published advice or consultation lists (for the sitemap index). */
export async function publicationYears(db: Db, slug: string) {
  const [orgs, range, lists] = await db.batch([
    organisationQuery(db, slug),
    db
      .select({ first: min(publicAdvice.sentOn), last: max(publicAdvice.sentOn) })
      .from(publicAdvice)
      .where(eq(publicAdvice.orgId, orgBySlug(slug))),
    db
      .select({ first: min(publicConsultations.sentOn), last: max(publicConsultations.sentOn) })
      .from(publicConsultations)
      .where(eq(publicConsultations.orgId, orgBySlug(slug))),
  ]);
  const firsts = [range[0]?.first, lists[0]?.first].filter((d): d is string => Boolean(d)).sort();
  const lasts = [range[0]?.last, lists[0]?.last].filter((d): d is string => Boolean(d)).sort();
  const years: number[] = [];
  if (firsts.length && lasts.length) for (let y = Number(firsts[0].slice(0, 4)); y <= Number(lasts.at(-1)!.slice(0, 4)); y++) years.push(y);
  return { organisation: orgs[0] ?? null, years };
}

/**
 * A sitemap holds at most 50,000 URLs: two documents per dossier and one per consultation list, so
 * one year's sitemap lists at most 24,500 dossiers and 1,000 lists (a municipality answers a few
 * hundred pieces of advice a year, and sends a handful of lists).
 */
export const SITEMAP_DOSSIERS = 24_500;
export const SITEMAP_LISTS = 1_000;

/** What the DiWoo sitemap of one year says of each public dossier and each public consultation list, oldest first. One round trip. */
export async function sitemapDossiers(db: Db, slug: string, year: number) {
  const [orgs, rows, lists] = await db.batch([
    organisationQuery(db, slug),
    db
      .select({
        id: publicAdvice.adviceId,
        title: publicAdvice.title,
        reference: publicAdvice.reference,
        councilReference: advice.councilReference,
        letterDate: publicAdvice.letterDate,
        receivedOn: advice.receivedOn,
        signedAt: advice.signedAt,
        sentAt: publicAdvice.sentAt,
        publishedAt: publicAdvice.publishedAt,
        councilName: councils.name,
      })
      .from(publicAdvice)
      .innerJoin(advice, eq(advice.id, publicAdvice.adviceId))
      .innerJoin(councils, eq(councils.id, publicAdvice.councilId))
      .where(and(...filters(slug, { councilId: null, year })))
      .orderBy(asc(publicAdvice.sentOn), asc(publicAdvice.sentAt), asc(publicAdvice.adviceId))
      .limit(SITEMAP_DOSSIERS),
    db
      .select({
        id: publicConsultations.consultationId,
        title: publicConsultations.title,
        signedAt: consultations.signedAt,
        sentAt: publicConsultations.sentAt,
        publishedAt: publicConsultations.publishedAt,
      })
      .from(publicConsultations)
      .innerJoin(consultations, eq(consultations.id, publicConsultations.consultationId))
      .where(and(eq(publicConsultations.orgId, orgBySlug(slug)), gte(publicConsultations.sentOn, `${year}-01-01`), lt(publicConsultations.sentOn, `${year + 1}-01-01`)))
      .orderBy(asc(publicConsultations.sentOn), asc(publicConsultations.sentAt), asc(publicConsultations.consultationId))
      .limit(SITEMAP_LISTS),
  ]);
  return { organisation: orgs[0] ?? null, dossiers: rows, lists };
}
export type SitemapDossier = Awaited<ReturnType<typeof sitemapDossiers>>['dossiers'][number];
export type SitemapList = Awaited<ReturnType<typeof sitemapDossiers>>['lists'][number];
