/**
 * The figures of an organisation (API.md, "Figures"): SQL aggregates over the advice rows received in
 * a period, all in one D1 batch. Every aggregate reads the covering index `advice_figures` only
 * (schema/advice.ts): no dossier row is read into the Worker, and a longer period costs the index
 * entries it spans, not their rows.
 */
import { and, asc, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { advice } from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { OVERDUE_LISTED, statsOf, type CouncilAggregate, type Figures, type Period } from '../../schema/figures';
import { nl } from '../../schema/i18n/nl';
import { invalid } from '../errors';
import { figuresCouncil, isCouncilRole } from '../policy';
import { todayInAmsterdam } from '../../schema/dates';

export type FiguresRequest = { period: Period; councilId: string | null };

/** A period must not end before it starts (`path` names the bound a form or the API reports it on). */
export function checkPeriod(period: Period, path = 'to') {
  if (period.from && period.to && period.from > period.to) throw invalid([{ path, message: nl.figures.periodReversed }]);
}

const SENT = isNotNull(advice.sentOn);
const whenTrue = (condition: SQL) => sql<number>`sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * The figures for `p`: staff for the organisation or one council, council roles for their own
 * council (policy.figuresCouncil). `page` adds what only the web page shows (overdue list, term).
 */
export async function loadFigures(db: Db, p: UserPrincipal, request: FiguresRequest, opts: { page: boolean } = { page: false }, today = todayInAmsterdam()): Promise<Figures> {
  const councilId = figuresCouncil(p, request.councilId);
  checkPeriod(request.period);
  const { from, to } = request.period;
  const where = and(
    eq(advice.orgId, p.orgId),
    from ? gte(advice.receivedOn, from) : isNotNull(advice.receivedOn),
    to ? lte(advice.receivedOn, to) : undefined,
    councilId ? eq(advice.councilId, councilId) : undefined,
  );
  const receivedMonth = sql<string>`substr(${advice.receivedOn}, 1, 7)`;
  const sentMonth = sql<string>`substr(${advice.sentOn}, 1, 7)`;
  // Whole calendar days: both are dates, so the difference of their Julian days is an integer.
  const days = sql<number>`CAST(julianday(${advice.sentOn}) - julianday(${advice.receivedOn}) AS INTEGER)`;
  const onTime = sql`${advice.sentOn} <= ${advice.dueOn}`;

  const perCouncil = db
    .select({
      councilId: advice.councilId,
      received: sql<number>`count(*)`,
      sent: sql<number>`count(${advice.sentOn})`,
      open: sql<number>`count(*) - count(${advice.sentOn})`,
      overdue: whenTrue(sql`${advice.sentOn} IS NULL AND ${advice.dueOn} < ${today}`),
      sentOnTime: whenTrue(onTime),
      adopted: sql<number>`sum(${advice.sentAdopted})`,
      partly: sql<number>`sum(${advice.sentPartly})`,
      declined: sql<number>`sum(${advice.sentDeclined})`,
      already_done: sql<number>`sum(${advice.sentAlreadyDone})`,
      answered: sql<number>`sum(${advice.sentAnswered})`,
    })
    .from(advice)
    .where(where)
    .groupBy(advice.councilId);
  const receivedByMonth = db.select({ month: receivedMonth, n: sql<number>`count(*)` }).from(advice).where(where).groupBy(receivedMonth);
  const sentByMonth = db.select({ month: sentMonth, n: sql<number>`count(*)` }).from(advice).where(and(where, SENT)).groupBy(sentMonth);
  const byDays = db
    .select({ days, onTime: whenTrue(onTime), late: whenTrue(sql`NOT (${onTime})`) })
    .from(advice)
    .where(and(where, SENT))
    .groupBy(days);
  const councilList = db
    .select({ id: councils.id, name: councils.name })
    .from(councils)
    .where(and(eq(councils.orgId, p.orgId), isCouncilRole(p) ? eq(councils.id, councilId ?? '') : undefined))
    .orderBy(asc(councils.name));
  // What only the page shows: the first overdue dossiers, and the organisation's term.
  const overdueList = db
    .select({ id: advice.id, title: advice.title, reference: advice.reference, councilId: advice.councilId, dueOn: sql<string>`${advice.dueOn}` })
    .from(advice)
    .where(and(where, isNull(advice.sentOn), lt(advice.dueOn, today)))
    .orderBy(asc(advice.dueOn), asc(advice.reference))
    .limit(OVERDUE_LISTED + 1);
  const term = db.select({ responseDays: organisations.responseDays }).from(organisations).where(eq(organisations.id, p.orgId));

  // One round trip for all of it.
  const results = opts.page
    ? await db.batch([perCouncil, receivedByMonth, sentByMonth, byDays, councilList, overdueList, term])
    : [...(await db.batch([perCouncil, receivedByMonth, sentByMonth, byDays, councilList])), null, null] as const;
  const [councilRows, received, sent, dayRows, councilNames, overdueRows, org] = results;

  if (councilId && !councilNames.some((c) => c.id === councilId)) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  const names = new Map(councilNames.map((c) => [c.id, c.name]));
  return {
    stats: statsOf({ councils: councilRows as CouncilAggregate[], names, receivedByMonth: received, sentByMonth: sent, days: dayRows }),
    councils: councilNames,
    days: [...dayRows].sort((a, b) => a.days - b.days),
    overdue: overdueRows ? { listed: overdueRows.slice(0, OVERDUE_LISTED), more: overdueRows.length > OVERDUE_LISTED } : null,
    responseDays: org?.[0]?.responseDays ?? null,
  };
}
