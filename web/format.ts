/** Dutch dates for people: "11 maart 2026", "11 maart 2026 om 14:05" (Europe/Amsterdam). */
import { dutchDate, parseDate, todayInAmsterdam } from '../schema/dates';
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
  return Math.round((parseDate(date).getTime() - parseDate(today).getTime()) / 86_400_000);
}

export const isOverdue = (dueOn: string | null, status: AdviceStatus, today = todayInAmsterdam()) => overdue({ dueOn, status }, today);
