/**
 * What a route on one record may declare it loads with the caller's credential (worker/routing.ts;
 * the statements are in worker/services/loads.ts): a dossier's row or the whole dossier, a
 * consultation's row (with its participating councils) or the whole consultation.
 */
import type { AdviceRow, Dossier } from './advice';
import type { ConsultationRead, ConsultationScope } from './consultations';

export type AdviceLoad = 'advice' | 'dossier';
export type ConsultationLoad = 'consultationRow' | 'consultation';
export type Load = AdviceLoad | ConsultationLoad;

/** What was read; null where the route loads it but no such record exists in the caller's organisation. */
export type Loaded = {
  row?: AdviceRow | null;
  dossier?: Dossier | null;
  consultation?: ConsultationScope | null;
  consultationRead?: ConsultationRead | null;
};
