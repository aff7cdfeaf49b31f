/**
 * The figures of an organisation (API.md, "Figures"): SQL aggregates over the advice received in a
 * period, all in one D1 batch. Each aggregate reads one index of its own (schema/advice.ts) in the
 * order it groups by, so no aggregate sorts and no dossier row is read: a longer period costs the
 * index entries it spans. The page's list of overdue dossiers reads the rows of those few only.
 */
import { and, asc, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { advice } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { OVERDUE_LISTED, statsOf, type Figures, type Period } from '../../schema/figures';
import { nl } from '../../schema/i18n/nl';
import { invalid } from '../errors';
import { figuresCouncil, isCouncilRole } from '../policy';
import { todayInAmsterdam } from '../../schema/dates';

export type FiguresRequest = { period: Period; councilId: string | null };

/** A period must not end before it starts (`path` names the bound a form or the API reports it on). */
export function checkPeriod(period: Period, path = 'to') {
  if (period.from && period.to && period.from > period.to) throw invalid([{ path, message: nl.figures.periodReversed }]);
}

// The expressions of the indexes (schema/advice.ts), written exactly as there.
const receivedMonth = sql<string>`substr(${advice.receivedOn}, 1, 7)`;
const sentMonth = sql<string>`substr(${advice.sentOn}, 1, 7)`;
/** Whole calendar days: both are dates, so the difference of their Julian days is a whole number. */
const daysToSend = sql<number>`julianday(${advice.sentOn}) - julianday(${advice.receivedOn})`;
const onTime = sql`${advice.sentOn} <= ${advice.dueOn}`;
/** total() of a condition: how many rows meet it (0, not NULL, when none do). */
const howMany = (condition: SQL) => sql<number>`total(${condition})`;
const sum = (column: SQLWrapper) => sql<number>`sum(${column})`;

export async function loadFigures(db: Db, p: UserPrincipal, request: FiguresRequest, opts: { page: boolean } = { page: false }, today = todayInAmsterdam()): Promise<Figures> {
  const councilId = figuresCouncil(p, request.councilId);
  checkPeriod(request.period);
  const { from, to } = request.period;
  // The period, by day of receipt; the month bounds let the month-ordered index seek to it.
  const received = and(
    eq(advice.orgId, p.orgId),
    from ? and(gte(receivedMonth, from.slice(0, 7)), gte(advice.receivedOn, from)) : isNotNull(advice.receivedOn),
    to ? and(lte(receivedMonth, to.slice(0, 7)), lte(advice.receivedOn, to)) : undefined,
    councilId ? eq(advice.councilId, councilId) : undefined,
  );
  // The same dossiers, for the indexes in another order (by month of sending, by days, by due date).
  const receivedIn = and(
    eq(advice.orgId, p.orgId),
    from ? gte(advice.receivedOn, from) : isNotNull(advice.receivedOn),
    to ? lte(advice.receivedOn, to) : undefined,
    councilId ? eq(advice.councilId, councilId) : undefined,
  );
  const overdue = and(receivedIn, isNull(advice.sentOn), lt(advice.dueOn, today));

  const byMonthAndCouncil = db
    .select({
      month: receivedMonth,
      councilId: advice.councilId,
      received: sql<number>`count(*)`,
      sent: sql<number>`count(${advice.sentOn})`,
      adopted: sum(advice.sentAdopted),
      partly: sum(advice.sentPartly),
      declined: sum(advice.sentDeclined),
      already_done: sum(advice.sentAlreadyDone),
      answered: sum(advice.sentAnswered),
    })
    .from(advice)
    .where(received)
    .groupBy(receivedMonth, advice.councilId);
  const overdueByCouncil = db.select({ councilId: advice.councilId, n: sql<number>`count(*)` }).from(advice).where(overdue).groupBy(advice.councilId);
  const sentByMonth = db
    .select({ month: sentMonth, n: sql<number>`count(*)` })
    .from(advice)
    .where(and(receivedIn, isNotNull(advice.sentOn), from ? gte(sentMonth, from.slice(0, 7)) : undefined))
    .groupBy(sentMonth);
  const byDays = db
    .select({ days: daysToSend, onTime: howMany(onTime), n: sql<number>`count(*)` })
    .from(advice)
    .where(and(receivedIn, isNotNull(advice.sentOn)))
    .groupBy(daysToSend);
  const councilList = db
    .select({ id: councils.id, name: councils.name })
    .from(councils)
    .where(and(eq(councils.orgId, p.orgId), isCouncilRole(p) ? eq(councils.id, councilId ?? '') : undefined))
    .orderBy(asc(councils.name));
  // What only the page shows: the first overdue dossiers, and the organisation's term.
  const overdueList = db
    .select({ id: advice.id, title: advice.title, reference: advice.reference, councilId: advice.councilId, dueOn: sql<string>`${advice.dueOn}` })
    .from(advice)
    .where(overdue)
    .orderBy(asc(advice.dueOn), asc(advice.reference))
    .limit(OVERDUE_LISTED + 1);
  const term = db.select({ responseDays: organisations.responseDays }).from(organisations).where(eq(organisations.id, p.orgId));

  // One round trip for all of it.
  const common = [byMonthAndCouncil, overdueByCouncil, sentByMonth, byDays, councilList] as const;
  const results = opts.page ? await db.batch([...common, overdueList, term]) : ([...(await db.batch(common)), null, null] as const);
  const [monthRows, overdueRows, sentRows, dayRows, councilNames, overdueListed, org] = results;

  if (councilId && !councilNames.some((c) => c.id === councilId)) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  const names = new Map(councilNames.map((c) => [c.id, c.name]));
  const days = dayRows.map((d) => ({ days: Math.round(d.days), onTime: d.onTime, late: d.n - d.onTime })).sort((a, b) => a.days - b.days);
  return {
    stats: statsOf({ byMonthAndCouncil: monthRows, overdueByCouncil: overdueRows, sentByMonth: sentRows, days }, names),
    councils: councilNames,
    days,
    overdue: overdueListed ? { listed: overdueListed.slice(0, OVERDUE_LISTED), more: overdueListed.length > OVERDUE_LISTED } : null,
    responseDays: org?.[0]?.responseDays ?? null,
  };
}
