/** Calendar dates as 'YYYY-MM-DD' strings; arithmetic in UTC so that no time zone shifts a day. */

const amsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Europe/Amsterdam. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return amsterdam.format(now);
}

export function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD' (from the numbers: lists work out many per page, and parsing a Date string costs more). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d);
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "2019-03-11" → "11 maart 2019". */
export function dutchDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

export const nowIso = () => new Date().toISOString();
