import { overdue, type DossierSummary } from '../../schema/advice';
import { todayInAmsterdam } from '../../schema/dates';

/** Narrows listAdvice's result by council and overdue (the inbox filters besides status). */
export function filterSummaries(items: DossierSummary[], f: { councilId: string | null; overdue: boolean }, today = todayInAmsterdam()) {
  return items.filter((d) => (!f.councilId || d.council.id === f.councilId) && (!f.overdue || overdue(d, today)));
}
