/** Dutch dates for people: "11 maart 2026", "11 maart 2026 om 14:05" (Europe/Amsterdam). */
import { dutchDate, parseDate, todayInAmsterdam } from '../worker/lib/dates';
import type { AdviceStatus } from '../schema/advice';
import { overdue } from '../worker/services/advice-filters';

export { dutchDate };

const timeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hour12: false });

/** Formatted moments, by ISO string: two Intl calls each, and a dossier page shows one per item. */
const formatted = new Map<string, string>();

export function dutchDateTime(iso: string): string {
  if (!iso) return '';
  let text = formatted.get(iso);
  if (text === undefined) {
    const d = new Date(iso);
    text = `${dutchDate(todayInAmsterdam(d))} om ${timeFormat.format(d)}`;
    // A small cache of a pure function: cleared rather than grown without bound.
    if (formatted.size >= 2000) formatted.clear();
    formatted.set(iso, text);
  }
  return text;
}

/** Days from today until `date` (negative when it has passed). */
export function daysUntil(date: string, today = todayInAmsterdam()): number {
  return Math.round((parseDate(date).getTime() - parseDate(today).getTime()) / 86_400_000);
}

export const isOverdue = (dueOn: string | null, status: AdviceStatus, today = todayInAmsterdam()) => overdue({ dueOn, status }, today);
