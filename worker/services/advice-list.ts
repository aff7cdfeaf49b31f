/**
 * The staff's and the councils' lists of dossiers, in pages with a keyset cursor (never an offset):
 * by due date, the most recently changed first within a day, then by id. Staff see every submitted
 * dossier of the organisation (never a draft, so every row has a due date and the list follows
 * the index on (org_id, due_on)); a council sees its own, drafts (without a due date) last.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { advice, ADVICE_STATUSES, type AdviceStatus, type DossierSummary } from '../../schema/advice';
import { councils } from '../../schema/organisations';
import { forbidden, invalid, notFound } from '../errors';
import { isCouncilRole, isStaff } from '../policy';
import { todayInAmsterdam } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';

export type ListFilters = {
  statuses: AdviceStatus[] | null;
  councilId?: string | null;
  /** Past the due date and not yet signed. */
  overdue?: boolean;
};

/** A page: at most `limit` rows after `cursor`; no limit: every row after the cursor (API.md: as before). */
export type PageRequest = { limit: number | null; cursor: string | null };

type Cursor = { d: string | null; u: string; i: string };

export const MAX_PAGE = 200;

export function parseStatusFilter(value: string | undefined): AdviceStatus[] | null {
  if (!value) return null;
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = parts.filter((s) => !(ADVICE_STATUSES as readonly string[]).includes(s));
  if (bad.length) throw invalid([{ path: 'status', message: nl.fields.unknownStatus(bad.join(', '), ADVICE_STATUSES.join(', ')) }]);
  return parts as AdviceStatus[];
}

/** The `limit` and `cursor` of the query string, checked (422 otherwise). */
export function parsePageRequest(q: { limit?: string; cursor?: string }): PageRequest {
  let limit: number | null = null;
  if (q.limit !== undefined) {
    limit = Number(q.limit);
    if (!/^\d+$/.test(q.limit) || limit < 1 || limit > MAX_PAGE) throw invalid([{ path: 'limit', message: nl.adviceList.limit(MAX_PAGE) }]);
  }
  return { limit, cursor: q.cursor || null };
}

const binding = (f: ListFilters) => JSON.stringify([f.statuses ?? null, f.councilId ?? null, !!f.overdue]);

const b64url = {
  encode: (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  decode: (s: string) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))),
};

function decodeCursor(raw: string, f: ListFilters): Cursor {
  try {
    const c = JSON.parse(b64url.decode(raw));
    if (c && c.f === binding(f) && (c.d === null || typeof c.d === 'string') && typeof c.u === 'string' && typeof c.i === 'string') return { d: c.d, u: c.u, i: c.i };
  } catch {
    /* refused below */
  }
  throw invalid([{ path: 'cursor', message: nl.adviceList.cursor }]);
}

const encodeCursor = (row: { dueOn: string | null; updatedAt: string; id: string }, f: ListFilters) =>
  b64url.encode(JSON.stringify({ d: row.dueOn, u: row.updatedAt, i: row.id, f: binding(f) }));

/** After the cursor in the order (due_on, updated_at DESC, id); drafts (no due date) last. */
function after(c: Cursor): SQL {
  const sameDay = (day: SQL) => and(day, or(lt(advice.updatedAt, c.u), and(eq(advice.updatedAt, c.u), gt(advice.id, c.i))))!;
  if (c.d === null) return sameDay(isNull(advice.dueOn));
  // The range condition first, so that SQLite seeks in the index instead of filtering from the start.
  return or(and(gte(advice.dueOn, c.d), or(gt(advice.dueOn, c.d), sameDay(eq(advice.dueOn, c.d)))), isNull(advice.dueOn))!;
}

export type AdvicePage = { items: DossierSummary[]; next: string | null };

/** One page of the caller's dossiers, filtered: one query (round trip). */
export async function listAdvicePage(db: Db, p: UserPrincipal, slug: string, filters: ListFilters, page: PageRequest): Promise<AdvicePage> {
  const list = adviceListQuery(db, p, slug, filters, page);
  return list.page(await list.query);
}

/** The query of a page (to batch it with other reads) and how to make the page of its rows. */
export function adviceListQuery(db: Db, p: UserPrincipal, slug: string, filters: ListFilters, page: PageRequest) {
  if (p.orgSlug !== slug) throw notFound();
  const where: SQL[] = [eq(advice.orgId, p.orgId)];
  if (isCouncilRole(p)) where.push(eq(advice.councilId, p.councilId ?? ''));
  else if (isStaff(p)) where.push(ne(advice.status, 'draft'), isNotNull(advice.dueOn));
  else throw forbidden();
  if (filters.statuses) where.push(inArray(advice.status, filters.statuses));
  if (filters.councilId) where.push(eq(advice.councilId, filters.councilId));
  if (filters.overdue) where.push(lt(advice.dueOn, todayInAmsterdam()), notInArray(advice.status, ['signed', 'sent']));
  if (page.cursor) where.push(after(decodeCursor(page.cursor, filters)));
  const query = db
    .select({
      id: advice.id,
      status: advice.status,
      title: advice.title,
      kind: advice.kind,
      letterDate: advice.letterDate,
      councilReference: advice.councilReference,
      reference: advice.reference,
      receivedOn: advice.receivedOn,
      dueOn: advice.dueOn,
      updatedAt: advice.updatedAt,
      councilId: advice.councilId,
      councilName: councils.name,
      // Counted for the rows of the page only (the list walks the index and stops at the limit).
      itemCount: sql<number>`(SELECT count(*) FROM advice_items i WHERE i.advice_id = ${advice.id})`,
      answeredCount: sql<number>`(SELECT count(*) FROM responses r WHERE r.advice_id = ${advice.id})`,
    })
    .from(advice)
    .innerJoin(councils, eq(councils.id, advice.councilId))
    .where(and(...where))
    // Staff rows all have a due date: then the order is the index's (org_id, due_on), read until the limit.
    .orderBy(...(isStaff(p) ? [] : [sql`${advice.dueOn} IS NULL`]), asc(advice.dueOn), desc(advice.updatedAt), asc(advice.id));
  return {
    query: page.limit === null ? query : query.limit(page.limit + 1),
    page: (rows: Awaited<typeof query>): AdvicePage => {
      const more = page.limit !== null && rows.length > page.limit;
      const shown = more ? rows.slice(0, page.limit!) : rows;
      return {
        items: shown.map(({ councilId, councilName, ...r }) => ({ ...r, council: { id: councilId, name: councilName } })),
        next: more ? encodeCursor(shown.at(-1)!, filters) : null,
      };
    },
  };
}

/** The staff's inbox: a page of dossiers and the organisation's councils (for the filter), in one round trip. */
export async function inboxPage(db: Db, p: UserPrincipal, filters: ListFilters, page: PageRequest) {
  const list = adviceListQuery(db, p, p.orgSlug, filters, page);
  const [rows, councilRows] = await db.batch([
    list.query,
    db.select({ id: councils.id, name: councils.name }).from(councils).where(eq(councils.orgId, p.orgId)).orderBy(asc(councils.name)),
  ]);
  return { ...list.page(rows), councils: councilRows };
}
