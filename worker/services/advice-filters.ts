import type { DossierSummary } from '../../schema/advice';
import { todayInAmsterdam } from '../lib/dates';

/** A term is overdue while the answer has not been signed by its due date. */
export const overdue = (d: Pick<DossierSummary, 'dueOn' | 'status'>, today = todayInAmsterdam()) =>
  !!d.dueOn && d.dueOn < today && d.status !== 'signed' && d.status !== 'sent';

/** Narrows listAdvice's result by council and overdue (the inbox filters besides status). */
export function filterSummaries(items: DossierSummary[], f: { councilId: string | null; overdue: boolean }, today = todayInAmsterdam()) {
  return items.filter((d) => (!f.councilId || d.council.id === f.councilId) && (!f.overdue || overdue(d, today)));
}
