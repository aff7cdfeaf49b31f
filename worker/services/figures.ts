/**
 * The figures of an organisation (API.md, "Figures"): SQL aggregates over the advice received in a
 * period, all in one D1 batch, each a handful of rows. The whole months of the period are read from
 * the monthly summary (schema/figures.ts `figureMonths`, written with the dossiers), so a longer
 * period costs its months, not its dossiers; the days of a partial month at either end are read
 * from the dossiers' month-ordered index. The days to sending (for the median), the overdue
 * dossiers and the page's list of them come from the dossiers' indexes of their own.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { runBatch, type Db } from '../db';
import type { UserPrincipal } from '../context';
import { advice } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { countsOf, figureMonths, monthsOf, OVERDUE_LISTED, statsOf, type Figures, type Period } from '../../schema/figures';
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
/** A sum as a number (Drizzle's sum() answers a string). */
const total = (column: SQLiteColumn) => sql<number>`total(${column})`;

/** Per council, per month of receipt and per month of sending: the summary's whole months where `where` holds. */
function wholeMonthCounts(db: Db, where: SQL | undefined) {
  const f = figureMonths;
  const items = { adopted: total(f.adopted), partly: total(f.partly), declined: total(f.declined), already_done: total(f.alreadyDone), answered: total(f.answered) };
  return [
    db
      .select({ councilId: f.councilId, received: total(f.received), sent: total(f.sent), ...items })
      .from(f)
      .where(where)
      .groupBy(f.councilId),
    db.select({ month: f.receivedMonth, n: total(f.received) }).from(f).where(where).groupBy(f.receivedMonth),
    db
      .select({ month: f.sentMonth, n: total(f.sent) })
      .from(f)
      .where(and(where, ne(f.sentMonth, '')))
      .groupBy(f.sentMonth),
  ] as const;
}

export async function loadFigures(db: Db, p: UserPrincipal, request: FiguresRequest, opts: { page: boolean } = { page: false }, today = todayInAmsterdam()): Promise<Figures> {
  const councilId = figuresCouncil(p, request.councilId);
  checkPeriod(request.period);
  const { from, to } = request.period;
  const months = monthsOf(request.period);
  const f = figureMonths;
  // The whole months of the period, from the summary.
  const wholeMonths = wholeMonthCounts(
    db,
    and(
      eq(f.orgId, p.orgId),
      months.first ? gte(f.receivedMonth, months.first) : undefined,
      months.last ? lte(f.receivedMonth, months.last) : undefined,
      months.partial.length ? notInArray(f.receivedMonth, months.partial) : undefined,
      councilId ? eq(f.councilId, councilId) : undefined,
    ),
  );
  // The days of a partial month, from the dossiers (their month-ordered index), in the summary's shape.
  const partialMonths = months.partial.length
    ? db
        .select({
          councilId: advice.councilId,
          month: receivedMonth,
          sentMonth: sql<string | null>`${sentMonth}`,
          received: sql<number>`count(*)`,
          sent: sql<number>`count(${advice.sentOn})`,
          adopted: total(advice.sentAdopted),
          partly: total(advice.sentPartly),
          declined: total(advice.sentDeclined),
          already_done: total(advice.sentAlreadyDone),
          answered: total(advice.sentAnswered),
        })
        .from(advice)
        .where(
          and(
            eq(advice.orgId, p.orgId),
            inArray(receivedMonth, months.partial),
            from ? gte(advice.receivedOn, from) : undefined,
            to ? lte(advice.receivedOn, to) : undefined,
            councilId ? eq(advice.councilId, councilId) : undefined,
          ),
        )
        .groupBy(receivedMonth, advice.councilId, sentMonth)
    : null;
  // The same dossiers, for the indexes in another order (by days, by due date).
  const receivedIn = and(
    eq(advice.orgId, p.orgId),
    from ? gte(advice.receivedOn, from) : isNotNull(advice.receivedOn),
    to ? lte(advice.receivedOn, to) : undefined,
    councilId ? eq(advice.councilId, councilId) : undefined,
  );
  const overdue = and(receivedIn, isNull(advice.sentOn), lt(advice.dueOn, today));

  const overdueByCouncil = db.select({ councilId: advice.councilId, n: sql<number>`count(*)` }).from(advice).where(overdue).groupBy(advice.councilId);
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

  // One round trip for all of it: the fixed aggregates, the whole months, a partial month's dossiers, and what only the page shows.
  const always = [overdueByCouncil, byDays, councilList, ...wholeMonths] as const;
  const results = await runBatch(db, [...always, ...(partialMonths ? [partialMonths] : []), ...(opts.page ? [overdueList, term] : [])]);
  const [overdueRows, dayRows, councilNames, byCouncil, receivedByMonth, sentByMonthRows] = results as [
    Awaited<typeof overdueByCouncil>,
    Awaited<typeof byDays>,
    Awaited<typeof councilList>,
    Awaited<(typeof wholeMonths)[0]>,
    Awaited<(typeof wholeMonths)[1]>,
    Awaited<(typeof wholeMonths)[2]>,
  ];
  // What follows the fixed statements: the partial month's, if any, then the page's.
  const rest = results.slice(always.length);
  const partial = countsOf(partialMonths ? (rest.shift() as Awaited<typeof partialMonths>) : []);
  const [overdueListed, org] = opts.page ? (rest as [Awaited<typeof overdueList>, Awaited<typeof term>]) : [null, null];

  if (councilId && !councilNames.some((c) => c.id === councilId)) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  const names = new Map(councilNames.map((c) => [c.id, c.name]));
  const days = dayRows.map((d) => ({ days: Math.round(d.days), onTime: d.onTime, late: d.n - d.onTime })).sort((a, b) => a.days - b.days);
  return {
    stats: statsOf(
      {
        byCouncil: [...byCouncil, ...partial.byCouncil],
        receivedByMonth: [...receivedByMonth, ...partial.receivedByMonth],
        sentByMonth: [...sentByMonthRows, ...partial.sentByMonth],
        overdueByCouncil: overdueRows,
        days,
      },
      names,
    ),
    councils: councilNames,
    days,
    overdue: overdueListed ? { listed: overdueListed.slice(0, OVERDUE_LISTED), more: overdueListed.length > OVERDUE_LISTED } : null,
    responseDays: org?.[0]?.responseDays ?? null,
  };
}
