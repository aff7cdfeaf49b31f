/** What the overview page shows, derived from the figures: months or years, buckets of days, councils. */
import type { DaysAggregate, Figures, ItemCounts, Period, Stats } from '../../schema/figures';

export type PeriodRow = { key: string; received: number; sent: number };

/** Months in order from `from` to `to` (YYYY-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Periods up to this many months are shown per month; longer ones per year. */
export const MAX_MONTHS = 24;

/**
 * Received and sent per month, every month of the period included (also those with nothing), and
 * months outside it in which dossiers of the period were sent. Over more than MAX_MONTHS months, or
 * without a bound, per year instead (`perYear`).
 */
export function timeRows(period: Period, byMonth: Stats['byMonth']): { perYear: boolean; rows: PeriodRow[] } {
  const span = period.from && period.to ? monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7)) : null;
  if (span && span.length <= MAX_MONTHS) {
    const rows = new Map(span.map((key) => [key, { key, received: 0, sent: 0 }]));
    for (const m of byMonth) {
      const row = rows.get(m.month) ?? rows.set(m.month, { key: m.month, received: 0, sent: 0 }).get(m.month)!;
      row.received += m.received;
      row.sent += m.sent;
    }
    return { perYear: false, rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)) };
  }
  const years = new Map<string, PeriodRow>();
  const first = period.from?.slice(0, 4) ?? byMonth[0]?.month.slice(0, 4);
  const last = period.to?.slice(0, 4) ?? byMonth.at(-1)?.month.slice(0, 4);
  if (first && last) for (let y = Number(first); y <= Number(last); y++) years.set(String(y), { key: String(y), received: 0, sent: 0 });
  for (const m of byMonth) {
    const key = m.month.slice(0, 4);
    const row = years.get(key) ?? years.set(key, { key, received: 0, sent: 0 }).get(key)!;
    row.received += m.received;
    row.sent += m.sent;
  }
  return { perYear: true, rows: [...years.values()].sort((a, b) => a.key.localeCompare(b.key)) };
}

export type DurationBucket = { lo: number; hi: number | null; onTime: number; late: number };

/** Days to answer in weeks (0–6, 7–13, …) up to half the term past it; the last bucket holds the rest. */
export function durationBuckets(days: readonly DaysAggregate[], term: number): { buckets: DurationBucket[]; termAt: number } {
  const width = 7;
  const open = Math.max(2, Math.ceil((term * 1.5) / width));
  const buckets: DurationBucket[] = Array.from({ length: open + 1 }, (_, i) => ({ lo: i * width, hi: i < open ? i * width + width - 1 : null, onTime: 0, late: 0 }));
  for (const d of days) {
    const b = buckets[Math.min(open, Math.max(0, Math.floor(d.days / width)))];
    b.onTime += d.onTime;
    b.late += d.late;
  }
  return { buckets, termAt: term / width };
}

export type CouncilRow = { id: string; name: string; received: number; sent: number; overdue: number } & ItemCounts;

/** Every council the caller may see, with its figures (zeros for a council without dossiers in the period). */
export function councilRows(figures: Figures): CouncilRow[] {
  const byId = new Map(figures.stats.byCouncil.map((c) => [c.council.id, c]));
  return figures.councils.map(({ id, name }) => {
    const c = byId.get(id);
    return {
      id,
      name,
      received: c?.received ?? 0,
      sent: c?.sent ?? 0,
      overdue: c?.overdue ?? 0,
      adopted: c?.adopted ?? 0,
      partly: c?.partly ?? 0,
      declined: c?.declined ?? 0,
      already_done: c?.already_done ?? 0,
      answered: c?.answered ?? 0,
    };
  });
}
