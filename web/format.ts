/** Dutch dates for people: "11 maart 2026", "11 maart 2026 om 14:05" (Europe/Amsterdam). */
import { dayNumber, dutchDate, todayInAmsterdam } from '../schema/dates';
import { overdue, type AdviceStatus } from '../schema/advice';

export { dutchDate };

const timeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hour12: false });

export function dutchDateTime(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${dutchDate(todayInAmsterdam(d))} om ${timeFormat.format(d)}`;
}

/** Days from today until `date` (negative when it has passed). */
export function daysUntil(date: string, today = todayInAmsterdam()): number {
  return dayNumber(date) - dayNumber(today);
}

export const isOverdue = (dueOn: string | null, status: AdviceStatus, today = todayInAmsterdam()) => overdue({ dueOn, status }, today);
