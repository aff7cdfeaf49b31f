import { addDays, formatDate, parseDate } from '../../schema/dates';

/**
 * Public holidays of the Algemene termijnenwet (art. 3): a term that ends on one of these days,
 * or on a Saturday or Sunday, is extended to the next working day.
 */
export type Holiday = { date: string; name: string };

/** Easter Sunday (Gregorian calendar; anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(new Date(Date.UTC(year, month - 1, day)));
}

export function statutoryHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const pad = (n: number) => String(n).padStart(2, '0');
  const ymd = (m: number, d: number) => `${year}-${pad(m)}-${pad(d)}`;
  // Koningsdag is 27 April, or 26 April when the 27th is a Sunday.
  const kingsDay = parseDate(ymd(4, 27)).getUTCDay() === 0 ? ymd(4, 26) : ymd(4, 27);
  return [
    { date: ymd(1, 1), name: 'Nieuwjaarsdag' },
    { date: addDays(easter, -2), name: 'Goede Vrijdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    { date: kingsDay, name: 'Koningsdag' },
    { date: ymd(5, 5), name: 'Bevrijdingsdag' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: ymd(12, 25), name: 'Eerste Kerstdag' },
    { date: ymd(12, 26), name: 'Tweede Kerstdag' },
  ];
}

export function isWorkingDay(date: string, extraHolidays: ReadonlySet<string> = new Set()): boolean {
  const weekday = parseDate(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (extraHolidays.has(date)) return false;
  const year = Number(date.slice(0, 4));
  return !statutoryHolidays(year).some((h) => h.date === date);
}

/** receivedOn + days, moved forward to the next working day. */
export function dueDate(receivedOn: string, days: number, extraHolidays: ReadonlySet<string> = new Set()): string {
  let date = addDays(receivedOn, days);
  while (!isWorkingDay(date, extraHolidays)) date = addDays(date, 1);
  return date;
}
