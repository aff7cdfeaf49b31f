/**
 * Figures: how the municipality dealt with its councils' advice (API.md, "Figures"). The shapes of
 * the API's query and answer, and the pure rules that turn SQL aggregates into those figures.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { z, isoDate } from './zod';
import { nl } from './i18n/nl';
import { ADVICE_RESPONSE_STATUSES, QUESTION_RESPONSE_STATUS } from './advice';
import { councils, organisations } from './organisations';
import { addDays } from './dates';

/** The item statuses the figures count, in the order the API and the page show them. */
export const FIGURE_ITEM_STATUSES = [...ADVICE_RESPONSE_STATUSES, QUESTION_RESPONSE_STATUS] as const;
export type FigureItemStatus = (typeof FIGURE_ITEM_STATUSES)[number];
export type ItemCounts = Record<FigureItemStatus, number>;

const count = () => z.number().int().min(0);
const itemCountsShape = z.object({ adopted: count(), partly: count(), declined: count(), already_done: count(), answered: count() });

export const statsQueryShape = z
  .strictObject({
    from: isoDate().optional().openapi({ description: 'First day of the period (inclusive), by receivedOn. Default: 1 January of the current year.' }),
    to: isoDate().optional().openapi({ description: 'Last day of the period (inclusive). Default: 31 December of the current year.' }),
    councilId: z.string().min(1, nl.fields.councilId).optional().openapi({ description: 'Only this council. Council roles: their own council only (another is 403).' }),
  })
  .openapi('StatsQuery');
export type StatsQuery = z.infer<typeof statsQueryShape>;

export const statsShape = z
  .object({
    dossiers: z.object({ received: count(), sent: count(), open: count(), overdue: count(), sentOnTime: count() }),
    items: itemCountsShape,
    medianDaysToSend: z.number().nullable(),
    byCouncil: z.array(
      z.object({ council: z.object({ id: z.string(), name: z.string() }), received: count(), sent: count(), overdue: count() }).extend(itemCountsShape.shape),
    ),
    byMonth: z.array(z.object({ month: z.string().openapi({ example: '2026-03' }), received: count(), sent: count() })),
  })
  .openapi('Stats');
export type Stats = z.infer<typeof statsShape>;

/**
 * A period of receipt: inclusive bounds, `null` for no bound (the page's "all years"; the API always
 * has both).
 */
export type Period = { from: string | null; to: string | null };

/** The current calendar year in which `today` (YYYY-MM-DD) falls. */
export const calendarYear = (today: string): { from: string; to: string } => ({ from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` });

/**
 * The figures' monthly summary: per organisation, month of receipt, council and month of sending
 * ('' while not sent), how many dossiers were received, how many of them were sent, and the sent
 * letters' item counts. Written in the same batch as the dossier's receipt (submitting,
 * registering) and its sending (services/figures-summary.ts), so it always equals what the
 * dossiers' own columns say; the figures read whole months from it and the days of a partial month
 * from the dossiers (services/figures.ts).
 */
export const figureMonths = sqliteTable(
  'figure_months',
  {
    orgId: text('org_id').notNull().references(() => organisations.id),
    receivedMonth: text('received_month').notNull(),
    councilId: text('council_id').notNull().references(() => councils.id),
    sentMonth: text('sent_month').notNull(),
    received: integer('received').notNull(),
    sent: integer('sent').notNull(),
    adopted: integer('adopted').notNull(),
    partly: integer('partly').notNull(),
    declined: integer('declined').notNull(),
    alreadyDone: integer('already_done').notNull(),
    answered: integer('answered').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.receivedMonth, t.councilId, t.sentMonth] }),
    // Every column, in the key's order: the figures' sums read this index alone, never a row.
    index('figure_months_counts').on(t.orgId, t.receivedMonth, t.councilId, t.sentMonth, t.received, t.sent, t.adopted, t.partly, t.declined, t.alreadyDone, t.answered),
  ],
);

/** The month ('YYYY-MM') of a day ('YYYY-MM-DD'). */
export const monthOf = (day: string) => day.slice(0, 7);

/**
 * The calendar months of a period of receipt: the first and last month it touches (`null`: no
 * bound), and which of those it covers only in part (a bound that is not its month's first or last
 * day). The monthly summary answers the whole months; only the dossiers themselves can answer the
 * days of a partial one.
 */
export function monthsOf(period: Period): { first: string | null; last: string | null; partial: string[] } {
  const { from, to } = period;
  const partial = new Set<string>();
  if (from && !from.endsWith('-01')) partial.add(monthOf(from));
  if (to && monthOf(addDays(to, 1)) === monthOf(to)) partial.add(monthOf(to));
  return { first: from ? monthOf(from) : null, last: to ? monthOf(to) : null, partial: [...partial] };
}

/**
 * The figures' SQL aggregates (services/figures.ts), each possibly in more than one part (whole
 * months from the summary, partial ones from the dossiers), which add up: per council the dossiers
 * received and sent and the item counts, the received per month of receipt, the sent per month of
 * sending, the overdue ones per council, and the sent ones per whole days to sending.
 */
export type CouncilAggregate = { councilId: string; received: number; sent: number } & ItemCounts;
/** Counts in the summary's own shape: per council, month of receipt and month of sending (null: not sent). */
export type SummaryAggregate = CouncilAggregate & { month: string; sentMonth: string | null };

/** Summary-shaped counts (a partial month's, read from its dossiers) as the aggregates that the whole months give. */
export function countsOf(rows: readonly SummaryAggregate[]): Pick<Aggregates, 'byCouncil' | 'receivedByMonth' | 'sentByMonth'> {
  return {
    byCouncil: rows,
    receivedByMonth: rows.map((r) => ({ month: r.month, n: r.received })),
    sentByMonth: rows.flatMap((r) => (r.sentMonth ? [{ month: r.sentMonth, n: r.sent }] : [])),
  };
}
export type Aggregates = {
  byCouncil: readonly CouncilAggregate[];
  receivedByMonth: readonly { month: string; n: number }[];
  sentByMonth: readonly { month: string; n: number }[];
  overdueByCouncil: readonly { councilId: string; n: number }[];
  days: readonly DaysAggregate[];
};
/** Sent dossiers by whole days from receipt to sending, and how many of them were sent on time. */
export type DaysAggregate = { days: number; onTime: number; late: number };

/**
 * How many overdue dossiers the page lists by name, the oldest term first: an overview at a glance
 * (and one printed page); the rest are counted, and the inbox, linked beside them, lists them all.
 */
export const OVERDUE_LISTED = 10;

export type OverdueDossier = { id: string; title: string; reference: string | null; councilId: string; dueOn: string };

/** What the figures service answers: the API's figures, and what the page shows beside them. */
export type Figures = {
  stats: Stats;
  /** The councils the caller may choose from: every council of the organisation, or their own. */
  councils: { id: string; name: string }[];
  /** Sent dossiers by whole days from receipt to sending, on time and late, by days. */
  days: DaysAggregate[];
  /** The page only: the first overdue dossiers by due date, and whether there are more. */
  overdue: { listed: OverdueDossier[]; more: boolean } | null;
  /** The page only: the organisation's response term in days. */
  responseDays: number | null;
};

export const zeroItems = (): ItemCounts => ({ adopted: 0, partly: 0, declined: 0, already_done: 0, answered: 0 });

/**
 * The median of the days from receipt to sending, from their distribution: the middle value, or for
 * an even count the mean of the middle two (which may be a fraction). `null` when nothing was sent.
 */
export function medianOf(distribution: readonly { days: number; n: number }[]): number | null {
  const sorted = [...distribution].filter((d) => d.n > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, d) => sum + d.n, 0);
  if (total === 0) return null;
  // The k-th smallest value (0-based), walking the cumulative counts.
  const nth = (k: number) => {
    let seen = 0;
    for (const d of sorted) {
      seen += d.n;
      if (k < seen) return d.days;
    }
    throw new Error('unreachable: k is below the total');
  };
  return total % 2 === 1 ? nth((total - 1) / 2) : (nth(total / 2 - 1) + nth(total / 2)) / 2;
}

/** Received and sent per month, by month, leaving out months with neither. */
export function byMonthOf(received: readonly { month: string; n: number }[], sent: readonly { month: string; n: number }[]): Stats['byMonth'] {
  const months = new Map<string, { month: string; received: number; sent: number }>();
  const row = (month: string) => months.get(month) ?? months.set(month, { month, received: 0, sent: 0 }).get(month)!;
  for (const r of received) row(r.month).received += r.n;
  for (const s of sent) row(s.month).sent += s.n;
  return [...months.values()].filter((m) => m.received + m.sent > 0).sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * The API's figures from the aggregates: per council (by name; only councils with dossiers in the
 * period), their sums, the months, and the median.
 */
export function statsOf(a: Aggregates, names: ReadonlyMap<string, string>): Stats {
  type CouncilSums = { received: number; sent: number; overdue: number } & ItemCounts;
  const councils = new Map<string, CouncilSums>();
  const council = (id: string) => councils.get(id) ?? councils.set(id, { received: 0, sent: 0, overdue: 0, ...zeroItems() }).get(id)!;
  for (const row of a.byCouncil) {
    const c = council(row.councilId);
    c.received += row.received;
    c.sent += row.sent;
    for (const key of FIGURE_ITEM_STATUSES) c[key] += row[key];
  }
  for (const row of a.overdueByCouncil) council(row.councilId).overdue += row.n;
  const dossiers = { received: 0, sent: 0, open: 0, overdue: 0, sentOnTime: 0 };
  const items = zeroItems();
  for (const c of councils.values()) {
    dossiers.received += c.received;
    dossiers.sent += c.sent;
    dossiers.overdue += c.overdue;
    for (const key of FIGURE_ITEM_STATUSES) items[key] += c[key];
  }
  dossiers.open = dossiers.received - dossiers.sent;
  // On time: counted with the days to sending (the only aggregate that reads the due date).
  dossiers.sentOnTime = a.days.reduce((sum, d) => sum + d.onTime, 0);
  const byCouncil = [...councils]
    .filter(([, c]) => c.received > 0)
    .map(([id, c]) => ({
      council: { id, name: names.get(id) ?? '' },
      received: c.received,
      sent: c.sent,
      overdue: c.overdue,
      ...Object.fromEntries(FIGURE_ITEM_STATUSES.map((s) => [s, c[s]])),
    }))
    .sort((x, y) => x.council.name.localeCompare(y.council.name, 'nl')) as Stats['byCouncil'];
  return {
    dossiers,
    items,
    medianDaysToSend: medianOf(a.days.map((d) => ({ days: d.days, n: d.onTime + d.late }))),
    byCouncil,
    byMonth: byMonthOf(a.receivedByMonth, a.sentByMonth),
  };
}

/** The columns that sending writes beside the status (schema/advice.ts): the day and the letter's overview. */
export function sentColumns(sentOn: string, overview: Omit<ItemCounts, 'answered'> & { questions: number }) {
  return {
    sentOn,
    sentAdopted: overview.adopted,
    sentPartly: overview.partly,
    sentDeclined: overview.declined,
    sentAlreadyDone: overview.already_done,
    sentAnswered: overview.questions,
  };
}
